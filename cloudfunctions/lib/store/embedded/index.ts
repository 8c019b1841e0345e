import path from 'node:path';
import fs from 'node:fs';
import { type Collection, type Doc, type FacetSpec, type Filter, type FindOptions, type GroupRow, type GroupSpec, type Store, type Update, DuplicateKeyError, MAX_LIMIT } from '../port';
import { compileFilter, pathReader } from './query';
import { groupDocs } from './grouping';
import { COMPACT_MIN_BYTES, Datafile, SYNC_INTERVAL_MS, deletedLine, serializeLine, type Change } from './datafile';
import { type Plain, applyUpdate, compareValues, copyValue, storable } from './documents';
import { COLLECTIONS, type CollectionSpec } from '../collections';

/**
 * The embedded store: every collection in memory, each with an append-only datafile in NeDB's
 * format under `dir` (none when `dir` is null; ./datafile.ts says what survives a crash).
 *
 * Every operation runs to its end synchronously — read, check, change, write the line — so a
 * conditional update or an insert-if-absent is atomic in the one process that opens the files,
 * without a queue. Stored documents are never changed in place (an update stores a new object), so
 * readers get copies and a compaction can serialize a snapshot while writes go on.
 */
export interface EmbeddedOptions {
  /** Indexed fields per collection (default: from ./collections.ts). */
  indexes?: Readonly<Record<string, readonly string[]>>;
  /** Growth that makes a datafile due for compaction, at least (default COMPACT_MIN_BYTES). */
  compactMinBytes?: number;
}

/**
 * The indexes of the embedded store: the leading field of each index a collection declares. Its
 * indexes serve equality and `$in` (what the leading fields are queried with), so not timestamps
 * (`…At`), which are only ranged over and sorted on: a scan of the candidates does that.
 */
export function leadingFields(collections: Readonly<Record<string, CollectionSpec>>): Record<string, string[]> {
  const usable = (field: string | undefined): field is string => field !== undefined && field !== '_id' && !field.endsWith('At');
  return Object.fromEntries(Object.entries(collections).map(([name, spec]) => [name, [...new Set(spec.indexes.map((keys) => Object.keys(keys)[0]).filter(usable))]]));
}

const DECLARED_INDEXES = leadingFields(COLLECTIONS);

export function openEmbeddedStore(dir: string | null, { indexes = DECLARED_INDEXES, compactMinBytes = COMPACT_MIN_BYTES }: EmbeddedOptions = {}): Store {
  if (dir) fs.mkdirSync(dir, { recursive: true });
  const collections = new Map<string, EmbeddedCollection<Doc>>();
  const syncTimer = dir ? setInterval(() => collections.forEach((c) => void c.file?.sync()), SYNC_INTERVAL_MS) : undefined;
  syncTimer?.unref();

  return {
    kind: 'embedded',
    collection<T extends Doc>(name: string): Collection<T> {
      let coll = collections.get(name);
      if (!coll) {
        if (!/^[a-zA-Z][a-zA-Z0-9_]{0,40}$/.test(name)) throw new Error(`bad collection name ${name}`);
        coll = new EmbeddedCollection(name, dir && path.join(dir, `${name}.db`), indexes[name] ?? [], compactMinBytes);
        collections.set(name, coll);
      }
      return coll as unknown as Collection<T>;
    },
    unavailable() {
      // Every declared collection, opened if it was not yet, so a damaged file shows before a call trips on it.
      const names = new Set([...Object.keys(COLLECTIONS), ...collections.keys()]);
      return [...names].flatMap((name) => {
        const reason = (this.collection(name) as unknown as EmbeddedCollection<Doc>).openFailure();
        return reason ? [{ collection: name, reason }] : [];
      });
    },
    async close() {
      if (syncTimer) clearInterval(syncTimer);
      for (const coll of collections.values()) await coll.file?.close();
      collections.clear();
    },
  };
}

/** How an index keys a value: as the port's filters compare it (a Date by its time). */
const indexKey = (v: unknown) => (v instanceof Date ? v.getTime() : v);

/** The index keys of a document's value at a field: each element of an array, nothing for a missing value or an object. */
function keysOf(value: unknown): unknown[] {
  const values = Array.isArray(value) ? value : [value];
  return values.filter((v) => v !== undefined && (v === null || typeof v !== 'object' || v instanceof Date)).map(indexKey);
}

/** A field's index: the ids of the documents per value. */
class Index {
  private readonly ids = new Map<unknown, Set<string>>();
  readonly read: (doc: unknown) => unknown;

  constructor(readonly field: string) {
    this.read = pathReader(field);
  }

  add(doc: Plain): void {
    for (const key of keysOf(this.read(doc))) {
      let set = this.ids.get(key);
      if (!set) this.ids.set(key, (set = new Set()));
      set.add(doc._id as string);
    }
  }

  remove(doc: Plain): void {
    for (const key of keysOf(this.read(doc))) {
      const set = this.ids.get(key);
      set?.delete(doc._id as string);
      if (set?.size === 0) this.ids.delete(key);
    }
  }

  /** Re-keys a document whose value here changed (nothing to do when it did not). */
  replace(prev: Plain, next: Plain): void {
    const before = this.read(prev);
    const after = this.read(next);
    if (before === after || (!Array.isArray(before) && !Array.isArray(after) && indexKey(before) === indexKey(after))) return;
    this.remove(prev);
    this.add(next);
  }

  /** The ids whose value is one of `values` (every id that could match them). */
  lookup(values: readonly unknown[]): Iterable<string> {
    if (values.length === 1) return this.ids.get(indexKey(values[0])) ?? [];
    const out = new Set<string>();
    for (const v of values) for (const id of this.ids.get(indexKey(v)) ?? []) out.add(id);
    return out;
  }

  /** How many ids a lookup of `values` gives at most. */
  estimate(values: readonly unknown[]): number {
    let n = 0;
    for (const v of values) n += this.ids.get(indexKey(v))?.size ?? 0;
    return n;
  }
}

/** The values a filter's condition on one field can only match among (undefined: any value). */
function wanted(cond: unknown): readonly unknown[] | undefined {
  if (cond === null || typeof cond !== 'object' || cond instanceof Date) return [cond];
  const ops = cond as Record<string, unknown>;
  if ('$eq' in ops) return [ops.$eq];
  if (Array.isArray(ops.$in)) return ops.$in;
  return undefined;
}

class EmbeddedCollection<T extends Doc> implements Collection<T> {
  private docs = new Map<string, Plain>();
  private readonly indexes: Index[];
  readonly file: Datafile | null = null;
  /** Why the datafile could not be opened: every operation reports it. */
  private readonly failure: Error | null = null;

  constructor(
    private readonly name: string,
    filename: string | null,
    indexed: readonly string[],
    compactMinBytes: number,
  ) {
    this.indexes = indexed.map((field) => new Index(field));
    if (!filename) return;
    try {
      const opened = Datafile.open(filename, () => this.docs.values(), compactMinBytes);
      this.file = opened.file;
      this.docs = opened.docs;
      for (const doc of this.docs.values()) for (const index of this.indexes) index.add(doc);
    } catch (e) {
      this.failure = new Error(`embedded store: cannot open ${filename}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private check(): void {
    if (this.failure) throw this.failure;
  }

  /** Why the datafile could not be opened, if it could not. */
  openFailure(): string | null {
    return this.failure?.message ?? null;
  }

  /** The documents that may match `filter`: through `_id` or the index giving the fewest, else all. */
  private candidates(filter: Filter): Iterable<Plain> {
    const byId = '_id' in filter ? wanted(filter._id) : undefined;
    if (byId) return byId.flatMap((id) => (typeof id === 'string' && this.docs.has(id) ? [this.docs.get(id)!] : []));
    let best: { index: Index; values: readonly unknown[]; n: number } | undefined;
    for (const index of this.indexes) {
      if (!(index.field in filter)) continue;
      const values = wanted(filter[index.field]);
      if (!values) continue;
      const n = index.estimate(values);
      if (!best || n < best.n) best = { index, values, n };
    }
    // An index that keeps most documents costs more than a scan (its ids gathered, then each looked up).
    if (!best || best.n * 4 > this.docs.size) return this.docs.values();
    const docs: Plain[] = [];
    for (const id of best.index.lookup(best.values)) docs.push(this.docs.get(id)!);
    return docs;
  }

  private matching(filter: Filter): Plain[] {
    const matches = compileFilter(filter);
    const out: Plain[] = [];
    for (const doc of this.candidates(filter)) if (matches(doc)) out.push(doc);
    return out;
  }

  /** Writes the changes' lines, then (only if that worked) makes the change in memory. */
  private commit(changes: Change[], change: () => void): void {
    this.file?.append(changes);
    change();
  }

  private store(prev: Plain | undefined, next: Plain): void {
    this.docs.set(next._id as string, next);
    for (const index of this.indexes) {
      if (prev) index.replace(prev, next);
      else index.add(next);
    }
  }

  private drop(doc: Plain): void {
    this.docs.delete(doc._id as string);
    for (const index of this.indexes) index.remove(doc);
  }

  async get(id: string): Promise<T | null> {
    this.check();
    const doc = this.docs.get(id);
    return doc ? (copyValue(doc) as T) : null;
  }

  async find(filter: Filter = {}, options: FindOptions = {}): Promise<T[]> {
    this.check();
    let docs = this.matching(filter);
    if (options.sort) docs = sortDocs(docs, options.sort);
    const skip = options.skip ?? 0;
    const limit = Math.min(options.limit ?? MAX_LIMIT, MAX_LIMIT);
    return docs.slice(skip, skip + limit).map((d) => copyValue(d) as T);
  }

  async count(filter: Filter = {}): Promise<number> {
    this.check();
    return this.matching(filter).length;
  }

  async insert(doc: T): Promise<T> {
    this.check();
    if (typeof doc._id !== 'string' || !doc._id) throw new Error(`${this.name}: a document needs a string _id`);
    if (this.docs.has(doc._id)) throw new DuplicateKeyError(this.name, doc._id);
    const stored = storable(doc as unknown as Plain);
    this.commit([written(stored)], () => this.store(undefined, stored));
    return doc;
  }

  async insertIfAbsent(doc: T): Promise<{ inserted: boolean; doc: T }> {
    this.check();
    const existing = this.docs.get(doc._id);
    if (existing) return { inserted: false, doc: copyValue(existing) as T };
    return { inserted: true, doc: await this.insert(doc) };
  }

  async updateById(id: string, update: Update, condition: Filter = {}): Promise<boolean> {
    this.check();
    checkUpdate(update);
    const doc = this.docs.get(id);
    if (!doc || (!isEmpty(condition) && !compileFilter(condition)(doc))) return false;
    const next = applyUpdate(doc, update);
    this.commit([written(next)], () => this.store(doc, next));
    return true;
  }

  async updateMany(filter: Filter, update: Update): Promise<number> {
    this.check();
    checkUpdate(update);
    const docs = this.matching(filter);
    // Every new document first: an update one of them refuses changes none of them.
    const changes = docs.map((doc) => [doc, applyUpdate(doc, update)] as const);
    this.commit(
      changes.map(([, next]) => written(next)),
      () => changes.forEach(([prev, next]) => this.store(prev, next)),
    );
    return changes.length;
  }

  async put(doc: T): Promise<void> {
    this.check();
    const stored = storable(doc as unknown as Plain);
    this.commit([written(stored)], () => this.store(this.docs.get(doc._id), stored));
  }

  async removeById(id: string): Promise<boolean> {
    this.check();
    const doc = this.docs.get(id);
    if (!doc) return false;
    this.commit([removal(id)], () => this.drop(doc));
    return true;
  }

  async removeMany(filter: Filter): Promise<number> {
    this.check();
    const docs = this.matching(filter);
    this.commit(
      docs.map((d) => removal(d._id as string)),
      () => docs.forEach((d) => this.drop(d)),
    );
    return docs.length;
  }

  /** One grouping: `groupMany` with it alone. */
  async group(filter: Filter, spec: GroupSpec): Promise<GroupRow[]> {
    return (await this.groupMany(filter, { only: spec })).only;
  }

  /** Every grouping in one pass over the candidate documents (./grouping.ts); nothing is copied. */
  async groupMany<K extends string>(filter: Filter, specs: Readonly<Record<K, FacetSpec>>): Promise<Record<K, GroupRow[]>> {
    this.check();
    return groupDocs([...this.candidates(filter)], filter, specs);
  }
}

const written = (doc: Plain): Change => ({ id: doc._id as string, line: serializeLine(doc) });
const removal = (id: string): Change => ({ id, line: deletedLine(id), removed: true });

function isEmpty(filter: Filter): boolean {
  for (const _ in filter) return false;
  return true;
}

function checkUpdate(update: Update): void {
  const used = [update.$set, update.$inc, update.$push, update.$unset].some((op) => op && Object.keys(op).length > 0);
  if (!used) throw new Error('empty update');
}

/** Sorted by the keys in order (NeDB's order of values; equal documents keep their order). */
function sortDocs(docs: Plain[], sort: Record<string, 1 | -1>): Plain[] {
  const keys = Object.entries(sort).map(([field, dir]) => [pathReader(field), dir] as const);
  const rows = docs.map((doc) => ({ doc, values: keys.map(([read]) => read(doc)) }));
  rows.sort((a, b) => {
    for (let i = 0; i < keys.length; i++) {
      const c = compareValues(a.values[i], b.values[i]);
      if (c !== 0) return c * keys[i][1];
    }
    return 0;
  });
  return rows.map((r) => r.doc);
}
