import path from 'node:path';
import fs from 'node:fs';
import Datastore from '@seald-io/nedb';
import { type Collection, type Doc, type Filter, type FindOptions, type GroupRow, type GroupSpec, type Store, type Update, DuplicateKeyError, MAX_LIMIT, compileFilter, insertOrGet, MAX_GROUPS, pathReader } from './port';

/**
 * Embedded store on @seald-io/nedb: one append-only datafile per collection under `dir`
 * (or in memory when `dir` is null). NeDB runs every operation of a datastore through one
 * queue, so a conditional update is atomic within the process — which is the only process
 * that opens the files.
 */
export function openEmbeddedStore(dir: string | null): Store {
  if (dir) fs.mkdirSync(dir, { recursive: true });
  const datastores = new Map<string, Datastore>();

  function datastore(name: string): Datastore {
    if (!/^[a-zA-Z][a-zA-Z0-9_]{0,40}$/.test(name)) throw new Error(`bad collection name ${name}`);
    let ds = datastores.get(name);
    if (!ds) {
      ds = dir ? new Datastore({ filename: path.join(dir, `${name}.db`), autoload: true }) : new Datastore({ inMemoryOnly: true });
      datastores.set(name, ds);
    }
    return ds;
  }

  return {
    kind: 'embedded',
    collection<T extends Doc>(name: string): Collection<T> {
      return new EmbeddedCollection<T>(name, datastore(name));
    },
    async close() {
      for (const ds of datastores.values()) await ds.compactDatafileAsync().catch(() => undefined);
      datastores.clear();
    },
  };
}

/** NeDB lacks `$eq`; `{$eq: v}` means the same as `{$in: [v]}` for the scalars the port allows. */
function toNedbFilter(filter: Filter): Filter {
  const out: Filter = {};
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$or') out.$or = (value as Filter[]).map(toNedbFilter);
    else if (value && typeof value === 'object' && '$eq' in value) {
      const { $eq, ...rest } = value as { $eq: unknown };
      out[key] = { ...rest, $in: [$eq] };
    } else out[key] = value;
  }
  return out;
}

function isUniqueViolation(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { errorType?: string }).errorType === 'uniqueViolated';
}

/** NeDB returns its own objects from the cache; copy so callers never mutate stored state. */
function strip<T>(doc: unknown): T {
  return structuredClone(doc) as T;
}

class EmbeddedCollection<T extends Doc> implements Collection<T> {
  constructor(
    private readonly name: string,
    private readonly ds: Datastore,
  ) {}

  async get(id: string): Promise<T | null> {
    const doc = await this.ds.findOneAsync({ _id: id });
    return doc ? strip<T>(doc) : null;
  }

  async find(filter: Filter = {}, options: FindOptions = {}): Promise<T[]> {
    let cursor = this.ds.findAsync(toNedbFilter(filter));
    if (options.sort) cursor = cursor.sort(options.sort);
    if (options.skip) cursor = cursor.skip(options.skip);
    cursor = cursor.limit(Math.min(options.limit ?? MAX_LIMIT, MAX_LIMIT));
    return (await cursor).map((d) => strip<T>(d));
  }

  count(filter: Filter = {}): Promise<number> {
    return this.ds.countAsync(toNedbFilter(filter)) as unknown as Promise<number>;
  }

  async insert(doc: T): Promise<T> {
    try {
      return strip<T>(await this.ds.insertAsync(structuredClone(doc)));
    } catch (e) {
      if (isUniqueViolation(e)) throw new DuplicateKeyError(this.name, doc._id);
      throw e;
    }
  }

  insertIfAbsent(doc: T): Promise<{ inserted: boolean; doc: T }> {
    return insertOrGet(this, doc);
  }

  async updateById(id: string, update: Update, condition: Filter = {}): Promise<boolean> {
    const { numAffected } = await this.ds.updateAsync(toNedbFilter({ ...condition, _id: id }), toNedbUpdate(update), { multi: false });
    return numAffected > 0;
  }

  async updateMany(filter: Filter, update: Update): Promise<number> {
    const { numAffected } = await this.ds.updateAsync(toNedbFilter(filter), toNedbUpdate(update), { multi: true });
    return numAffected;
  }

  async put(doc: T): Promise<void> {
    await this.ds.updateAsync({ _id: doc._id }, structuredClone(doc), { upsert: true });
  }

  async removeById(id: string): Promise<boolean> {
    return (await this.ds.removeAsync({ _id: id }, { multi: false })) > 0;
  }

  removeMany(filter: Filter): Promise<number> {
    return this.ds.removeAsync(toNedbFilter(filter), { multi: true });
  }

  /**
   * NeDB is an in-memory store: its documents are the aggregation engine's input. One pass over the
   * datastore's own documents, inside its queue (so it sees a loaded, consistent state), with the
   * port filter compiled to a predicate (NeDB's matcher is ~10× slower); nothing is copied and
   * nothing but the groups is kept. A single string key is its own map key (one group has
   * either single or tuple keys, never both).
   */
  group(filter: Filter, spec: GroupSpec): Promise<GroupRow[]> {
    const matches = compileFilter(filter);
    const keys = spec.by.map(pathReader);
    const sums = (spec.sum ?? []).map((p) => [p, pathReader(p)] as const);
    const limit = Math.min(spec.limit ?? MAX_GROUPS, MAX_GROUPS);
    const ds = this.ds as unknown as NedbInternals;
    return ds.executor.pushAsync(async () => {
      const groups = new Map<string, GroupRow>();
      for (const doc of ds.getAllData()) {
        if (!matches(doc)) continue;
        let id = '\u0002';
        if (keys.length === 1) {
          const v = keys[0](doc);
          id = typeof v === 'string' ? v : idPart(id, v);
        } else for (const k of keys) id = idPart(id, k(doc));
        let row = groups.get(id);
        if (!row) {
          row = { key: Object.fromEntries(spec.by.map((p, i) => [p, keys[i](doc) ?? null])), count: 0, sums: Object.fromEntries(sums.map(([p]) => [p, 0])) };
          groups.set(id, row);
        }
        row.count++;
        for (const [p, read] of sums) {
          const v = read(doc);
          if (typeof v === 'number' && Number.isFinite(v)) row.sums[p] += v;
        }
      }
      // Keys are already normalized (missing = null) and distinct: order by count, then key, and cut.
      return [...groups.entries()]
        .sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
        .slice(0, limit)
        .map(([, row]) => row);
    });
  }
}

/** Appends one key value to a group's map key: typed and separated, cheaper than JSON for the usual scalars. */
function idPart(id: string, v: unknown): string {
  if (typeof v === 'string') return `${id}s${v}\u0001`;
  if (typeof v === 'number') return `${id}n${v}\u0001`;
  if (v === null || v === undefined) return `${id}z\u0001`;
  return `${id}j${JSON.stringify(v)}\u0001`;
}

/** What `group` uses of NeDB beyond its typed API: the operation queue and the in-memory documents. */
interface NedbInternals {
  executor: { pushAsync<R>(task: () => Promise<R>): Promise<R> };
  getAllData(): unknown[];
}


function toNedbUpdate(update: Update): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (update.$set && Object.keys(update.$set).length) out.$set = structuredClone(update.$set);
  if (update.$inc && Object.keys(update.$inc).length) out.$inc = update.$inc;
  if (update.$push && Object.keys(update.$push).length) out.$push = structuredClone(update.$push);
  if (update.$unset && Object.keys(update.$unset).length) out.$unset = update.$unset;
  if (!Object.keys(out).length) throw new Error('empty update');
  return out;
}
