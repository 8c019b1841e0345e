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
