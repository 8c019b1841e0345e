import { type Collection, type Doc, type GroupRow, type GroupSpec, DuplicateKeyError, MAX_GROUPS } from './port';

/** What both adapters (embedded/, cloudbase.ts) do the same way to keep the port's promises. */

/**
 * insertIfAbsent for backends whose insert itself rejects a duplicate `_id` atomically (both do):
 * insert, and on a duplicate read back the document that won.
 */
export async function insertOrGet<T extends Doc>(collection: Pick<Collection<T>, 'insert' | 'get'>, doc: T): Promise<{ inserted: boolean; doc: T }> {
  try {
    return { inserted: true, doc: await collection.insert(doc) };
  } catch (e) {
    if (!(e instanceof DuplicateKeyError)) throw e;
    const existing = await collection.get(doc._id);
    if (!existing) throw e;
    return { inserted: false, doc: existing };
  }
}

/**
 * Normalizes grouped rows from a backend whose keys are already one group per value (missing and
 * null alike): missing keys become null, and the rows are ordered and cut as the port promises.
 */
export function finishGroups(spec: GroupSpec, rows: GroupRow[]): GroupRow[] {
  const normal = rows.map((row) => ({ ...row, key: Object.fromEntries(spec.by.map((path) => [path, row.key[path] ?? null])) }));
  return orderGroups(spec, normal);
}

/** Largest count first, ties by key (value by value: see compareKeyValues), cut at the spec's limit. */
export function orderGroups(spec: GroupSpec, rows: GroupRow[]): GroupRow[] {
  const { by } = spec;
  const ordered = rows.sort((a, b) => {
    if (a.count !== b.count) return b.count - a.count;
    for (let i = 0; i < by.length; i++) {
      const c = compareKeyValues(a.key[by[i]], b.key[by[i]]);
      if (c) return c;
    }
    return 0;
  });
  return ordered.slice(0, Math.min(spec.limit ?? MAX_GROUPS, MAX_GROUPS));
}

/** Strings, then numbers, booleans, null, and anything else (compared by its JSON); like values by value. */
function compareKeyValues(a: unknown, b: unknown): number {
  const ra = keyRank(a);
  const rb = keyRank(b);
  if (ra !== rb) return ra - rb;
  const x = ra === 4 ? JSON.stringify(a) : (a as string);
  const y = ra === 4 ? JSON.stringify(b) : (b as string);
  return x < y ? -1 : x > y ? 1 : 0;
}
const keyRank = (v: unknown) => (typeof v === 'string' ? 0 : typeof v === 'number' ? 1 : typeof v === 'boolean' ? 2 : v === null || v === undefined ? 3 : 4);
