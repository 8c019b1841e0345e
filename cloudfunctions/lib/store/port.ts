/**
 * The store port: the only way handlers reach persistence (interfaces only). Two adapters
 * implement it: the embedded store (./embedded/: local, tests) and CloudBase's document database
 * (./cloudbase.ts, production); ./adapters.ts holds what both do alike.
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

/**
 * The document type of each collection, by name. Each area declares its collections beside their
 * document type (`declare module '../store/port' { interface CollectionDocs { requests: RequestDoc } }`),
 * so `store.collection('requests')` is typed without a type argument while the port imports no area
 * (no import circle). ./collections.ts lists every collection with its indexes.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CollectionDocs {}

/**
 * `meta` holds one document (or one family of ids) per purpose: the catalog pointer, the seed
 * marker, each 街道's local rules… Each area declares its purposes beside their document type
 * (`interface MetaDocs { catalogPointer: PointerDoc }`); `meta` is typed as their union and read
 * one purpose at a time through `metaDocs(store, purpose)` (lib/catalog/published).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface MetaDocs {}

export interface Store {
  readonly kind: 'embedded' | 'cloudbase';
  /** A collection declared in CollectionDocs, typed by its name. */
  collection<N extends keyof CollectionDocs>(name: N): Collection<CollectionDocs[N]>;
  /** Any collection with the document type the caller names (one not declared, or a narrower view). */
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
