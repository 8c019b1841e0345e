/**
 * The store port: the only way handlers reach persistence. Two adapters implement it:
 * the embedded NeDB store (local, tests) and CloudBase's document database (production).
 *
 * The port is kept to what both backends do atomically on a single document:
 * conditional update (`updateById` with a condition), increment (`$inc`), and
 * insert-if-absent (`insertIfAbsent` on `_id`). Booking capacity and idempotency rest on these.
 */

export type Doc = { _id: string };

/** Comparison operators accepted in a filter value. */
export interface FieldOps {
  $eq?: unknown;
  $ne?: unknown;
  $gt?: unknown;
  $gte?: unknown;
  $lt?: unknown;
  $lte?: unknown;
  $in?: unknown[];
  $nin?: unknown[];
  $exists?: boolean;
}

/**
 * A Mongo-style filter restricted to what both backends evaluate the same way:
 * top-level dot paths mapped to a literal (equality) or to FieldOps, plus `$or` of such filters.
 * Literal values must be scalars (string, number, boolean, null, Date); match arrays with `$in`.
 */
export type Filter = { [path: string]: unknown } & { $or?: Filter[] };

export interface Update {
  $set?: Record<string, unknown>;
  $inc?: Record<string, number>;
  /** Appends one element to an array field (creating it if absent). */
  $push?: Record<string, unknown>;
  $unset?: Record<string, true>;
}

export interface FindOptions {
  sort?: Record<string, 1 | -1>;
  skip?: number;
  /** At most 1000 (CloudBase's own cap on one read). */
  limit?: number;
}

export const MAX_LIMIT = 1000;

/**
 * A grouping both backends compute natively (CloudBase: `aggregate().match().group().sort().limit()`;
 * embedded: a pass over NeDB's cursor). Groups the matching documents by the values at `by`
 * (dot paths; a missing value and null are the same group, reported as null), counts them and sums
 * the numeric values at `sum` (non-numbers and missing values add 0, as MongoDB's `$sum`).
 * Rows come largest count first; at most `limit` rows (default and cap MAX_GROUPS).
 */
export interface GroupSpec {
  by: string[];
  sum?: string[];
  limit?: number;
}

export interface GroupRow {
  key: Record<string, unknown>;
  count: number;
  sums: Record<string, number>;
}

/** Most rows one group answers (a year of one worker-per-day rows for a whole 街道 fits). */
export const MAX_GROUPS = 100_000;

export interface Collection<T extends Doc> {
  get(id: string): Promise<T | null>;
  find(filter?: Filter, options?: FindOptions): Promise<T[]>;
  count(filter?: Filter): Promise<number>;
  /** Inserts a new document; throws DuplicateKeyError when `_id` exists. */
  insert(doc: T): Promise<T>;
  /** Atomically inserts unless a document with that `_id` exists; returns the stored one either way. */
  insertIfAbsent(doc: T): Promise<{ inserted: boolean; doc: T }>;
  /**
   * Applies `update` to the document `id` only if it also matches `condition`, atomically.
   * Returns true when the document matched (and was updated).
   */
  updateById(id: string, update: Update, condition?: Filter): Promise<boolean>;
  /** Applies `update` to every matching document; returns how many matched. */
  updateMany(filter: Filter, update: Update): Promise<number>;
  /** Replaces or creates the document `doc._id` whole. */
  put(doc: T): Promise<void>;
  removeById(id: string): Promise<boolean>;
  removeMany(filter: Filter): Promise<number>;
  /** Counts (and sums) the matching documents per distinct value of `spec.by`. */
  group(filter: Filter, spec: GroupSpec): Promise<GroupRow[]>;
}

export interface Store {
  readonly kind: 'embedded' | 'cloudbase';
  collection<T extends Doc>(name: string): Collection<T>;
  close(): Promise<void>;
}

export class DuplicateKeyError extends Error {
  constructor(readonly collection: string, readonly id: string) {
    super(`duplicate _id ${id} in ${collection}`);
    this.name = 'DuplicateKeyError';
  }
}

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
 * Normalizes grouped rows from a backend: missing keys become null, rows whose keys are then equal
 * are merged, and the result is ordered by count (descending, ties by key) and cut at the limit.
 */
export function finishGroups(spec: GroupSpec, rows: GroupRow[]): GroupRow[] {
  const merged = new Map<string, GroupRow>();
  for (const row of rows) {
    const key = Object.fromEntries(spec.by.map((path) => [path, row.key[path] ?? null]));
    const id = JSON.stringify(spec.by.map((path) => key[path]));
    const prev = merged.get(id);
    if (!prev) merged.set(id, { key, count: row.count, sums: Object.fromEntries((spec.sum ?? []).map((p) => [p, row.sums[p] ?? 0])) });
    else {
      prev.count += row.count;
      for (const p of spec.sum ?? []) prev.sums[p] += row.sums[p] ?? 0;
    }
  }
  const ordered = [...merged.entries()].sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, row]) => row);
  return ordered.slice(0, Math.min(spec.limit ?? MAX_GROUPS, MAX_GROUPS));
}

/** The value at a dot path of a document (undefined when absent). */
export function valueAt(doc: unknown, path: string): unknown {
  let v: unknown = doc;
  for (const part of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

type Path = string[];
const at = (doc: unknown, path: Path): unknown => {
  let v: unknown = doc;
  for (const part of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
};

const scalarKey = (v: unknown) => (v instanceof Date ? v.getTime() : v);
const same = (a: unknown, b: unknown) => scalarKey(a) === scalarKey(b);
function comparable(a: unknown, b: unknown): boolean {
  const ta = a instanceof Date ? 'date' : typeof a;
  const tb = b instanceof Date ? 'date' : typeof b;
  return ta === tb && (ta === 'number' || ta === 'string' || ta === 'date');
}
const anyOf = (v: unknown, test: (x: unknown) => boolean) => (Array.isArray(v) ? v.some(test) : test(v));

/**
 * The port's filter as a predicate, with the semantics the store contract fixes (equality also
 * matches an element of an array field; `null` equality only an explicit null; `$ne`/`$nin` keep
 * documents without the field; comparisons only between values of one type). For in-memory
 * evaluation (the embedded adapter's `group`).
 */
export function compileFilter(filter: Filter): (doc: unknown) => boolean {
  const tests: Array<(doc: unknown) => boolean> = [];
  for (const [key, cond] of Object.entries(filter)) {
    if (key === '$or') {
      const branches = (cond as Filter[]).map(compileFilter);
      tests.push((doc) => branches.some((b) => b(doc)));
      continue;
    }
    const read = pathReader(key);
    const ops: Array<(v: unknown) => boolean> = [];
    const isOps = cond !== null && typeof cond === 'object' && !(cond instanceof Date) && !Array.isArray(cond) && Object.keys(cond).every((k) => k.startsWith('$')) && Object.keys(cond).length > 0;
    if (!isOps) ops.push(cond === null ? (v) => v === null : (v) => anyOf(v, (x) => same(x, cond)));
    else
      for (const [op, arg] of Object.entries(cond as FieldOps)) {
        switch (op) {
          case '$eq':
            ops.push(arg === null ? (v) => v === null : (v) => anyOf(v, (x) => same(x, arg)));
            break;
          case '$ne':
            ops.push(arg === null ? (v) => v !== null : (v) => !anyOf(v, (x) => same(x, arg)));
            break;
          case '$gt':
            ops.push((v) => anyOf(v, (x) => comparable(x, arg) && (scalarKey(x) as number) > (scalarKey(arg) as number)));
            break;
          case '$gte':
            ops.push((v) => anyOf(v, (x) => comparable(x, arg) && (scalarKey(x) as number) >= (scalarKey(arg) as number)));
            break;
          case '$lt':
            ops.push((v) => anyOf(v, (x) => comparable(x, arg) && (scalarKey(x) as number) < (scalarKey(arg) as number)));
            break;
          case '$lte':
            ops.push((v) => anyOf(v, (x) => comparable(x, arg) && (scalarKey(x) as number) <= (scalarKey(arg) as number)));
            break;
          case '$in': {
            const set = new Set((arg as unknown[]).map(scalarKey));
            ops.push((v) => v !== undefined && anyOf(v, (x) => set.has(scalarKey(x))));
            break;
          }
          case '$nin': {
            const set = new Set((arg as unknown[]).map(scalarKey));
            ops.push((v) => !anyOf(v, (x) => set.has(scalarKey(x))));
            break;
          }
          case '$exists':
            ops.push(arg ? (v) => v !== undefined : (v) => v === undefined);
            break;
          default:
            throw new Error(`unsupported filter operator ${op}`);
        }
      }
    const [only] = ops;
    tests.push(ops.length === 1 ? (doc) => only(read(doc)) : (doc) => {
      const v = read(doc);
      for (const t of ops) if (!t(v)) return false;
      return true;
    });
  }
  return (doc) => {
    for (const t of tests) if (!t(doc)) return false;
    return true;
  };
}

/** Reads dot paths fast (split once). */
export function pathReader(path: string): (doc: unknown) => unknown {
  const parts = path.split('.');
  type O = Record<string, unknown> | null | undefined;
  const obj = (v: unknown): O => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : undefined);
  if (parts.length === 1) {
    const [a] = parts;
    return (doc) => obj(doc)?.[a];
  }
  if (parts.length === 2) {
    const [a, b] = parts;
    return (doc) => obj(obj(doc)?.[a])?.[b];
  }
  return (doc) => at(doc, parts);
}
