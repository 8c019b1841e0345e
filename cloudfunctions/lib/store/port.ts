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
 * embedded: one generated pass over the documents it holds in memory). Groups the matching
 * documents by the values at `by` (dot paths; a missing value and null are the same group, reported
 * as null), counts them, sums the numeric values at `sum` (non-numbers and missing values add 0,
 * as MongoDB's `$sum`) and counts the distinct values at each `distinct` path (null and missing not
 * counted; as `$addToSet` then `$size`). Rows come largest count first, ties by key; at most
 * `limit` rows (default and cap MAX_GROUPS).
 */
export interface GroupSpec {
  by: string[];
  sum?: string[];
  distinct?: string[];
  limit?: number;
}

export interface GroupRow {
  key: Record<string, unknown>;
  count: number;
  sums: Record<string, number>;
  /** Distinct values per `distinct` path; only when the spec asks for them. */
  distinct?: Record<string, number>;
}

/** One of several groupings over one filter (`groupMany`); `where` narrows this one further. */
export interface FacetSpec extends GroupSpec {
  where?: Filter;
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
  /**
   * Several groupings of the documents matching `filter`, each as `group` would answer it (with its
   * own `where` added to the filter). Embedded: one pass over the collection for all of them.
   */
  groupMany<K extends string>(filter: Filter, specs: Readonly<Record<K, FacetSpec>>): Promise<Record<K, GroupRow[]>>;
}

export interface Store {
  readonly kind: 'embedded' | 'cloudbase';
  collection<T extends Doc>(name: string): Collection<T>;
  close(): Promise<void>;
  /** Collections that cannot be used, with why (the embedded store: a datafile it refused to open). */
  unavailable?(): { collection: string; reason: string }[];
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

/** The value at a dot path of a document (undefined when absent). */
export function valueAt(doc: unknown, path: string): unknown {
  let v: unknown = doc;
  for (const part of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

const scalarKey = (v: unknown) => (v instanceof Date ? v.getTime() : v);
const same = (a: unknown, b: unknown) => scalarKey(a) === scalarKey(b);
function comparable(a: unknown, b: unknown): boolean {
  const ta = a instanceof Date ? 'date' : typeof a;
  const tb = b instanceof Date ? 'date' : typeof b;
  return ta === tb && (ta === 'number' || ta === 'string' || ta === 'date');
}
const anyOf = (v: unknown, test: (x: unknown) => boolean) => (Array.isArray(v) ? v.some(test) : test(v));

/**
 * A range operator. A value of the argument's own type (string or number: the usual ISO timestamps
 * and dates) compares directly, in code generated per operator and type, as it runs once per
 * document in a grouping pass; arrays and dates take the general path.
 */
function comparison(op: '>' | '>=' | '<' | '<=', arg: unknown): (v: unknown) => boolean {
  const holds = (x: unknown) => comparable(x, arg) && compare(op, scalarKey(x) as number, scalarKey(arg) as number);
  const general = (v: unknown) => anyOf(v, holds);
  const type = typeof arg;
  if (type !== 'string' && type !== 'number') return general;
  const make = compiled<(arg: unknown, general: (v: unknown) => boolean) => (v: unknown) => boolean>(
    ['arg', 'general'],
    `return (v) => typeof v === '${type}' ? v ${op} arg : typeof v === 'object' && v !== null && general(v);`,
  );
  return make(arg, general);
}
const compare = (op: string, x: number, y: number) => (op === '>' ? x > y : op === '>=' ? x >= y : op === '<' ? x < y : x <= y);

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
            ops.push(comparison('>', arg));
            break;
          case '$gte':
            ops.push(comparison('>=', arg));
            break;
          case '$lt':
            ops.push(comparison('<', arg));
            break;
          case '$lte':
            ops.push(comparison('<=', arg));
            break;
          case '$in': {
            const set = new Set((arg as unknown[]).map(scalarKey));
            // A string or number is its own key: the common case skips the array and Date checks.
            ops.push((v) => (typeof v === 'string' || typeof v === 'number' ? set.has(v) : v !== undefined && anyOf(v, (x) => set.has(scalarKey(x)))));
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
      for (let i = 0; i < ops.length; i++) if (!ops[i](v)) return false;
      return true;
    });
  }
  // Indexed loops: this runs once per document of a grouping pass.
  return (doc) => {
    for (let i = 0; i < tests.length; i++) if (!tests[i](doc)) return false;
    return true;
  };
}

/**
 * Reads a dot path (undefined when absent), as generated code: each path's property loads keep
 * their own inline caches, where one shared closure reading every path with a variable key goes
 * megamorphic (the embedded grouping pass ran ~1.5× slower).
 */
export function pathReader(path: string): (doc: unknown) => unknown {
  return compiled(['doc'], `let v = doc; ${pathLoads(path)} return v;`);
}

/** Statements that replace `v` with its value at `path` (undefined when absent); segments are JSON string literals. */
export function pathLoads(path: string): string {
  return path
    .split('.')
    .map((part) => `v = v !== null && typeof v === 'object' ? v[${JSON.stringify(part)}] : undefined;`)
    .join(' ');
}

/**
 * A function compiled from generated source, kept per source so it stays optimized from one call to
 * the next (a new function starts cold). Generated code embeds paths only through pathLoads, plus
 * numbers and operators of its own, so no input can inject code. The cache holds as many functions as the code base has
 * distinct paths and grouping shapes; it starts over should anything ever make more.
 */
export function compiled<F>(params: readonly string[], body: string): F {
  const id = `${params.join(',')}\n${body}`;
  let fn = compiledFunctions.get(id);
  if (fn === undefined) {
    if (compiledFunctions.size >= 1000) compiledFunctions.clear();
    compiledFunctions.set(id, (fn = new Function(...params, body)));
  }
  return fn as F;
}
const compiledFunctions = new Map<string, unknown>();
