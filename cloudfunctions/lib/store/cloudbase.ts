import type tcb from '@cloudbase/node-sdk';
import { type Collection, type Doc, type FacetSpec, type Filter, type FindOptions, type GroupRow, type GroupSpec, type Store, type Update, DuplicateKeyError, MAX_GROUPS, MAX_LIMIT } from './port';
import { finishGroups, insertOrGet } from './adapters';
import { RETRY, retryTransient, UncertainWriteError } from './transient';

type App = ReturnType<typeof tcb.init>;
type Db = ReturnType<App['database']>;
type Command = Db['command'];
type SdkCollection = ReturnType<Db['collection']>;
type Where = Parameters<SdkCollection['where']>[0];

/**
 * The store port on CloudBase's document database (@cloudbase/node-sdk). Filters and updates are
 * translated into `db.command` conditions, never sent raw, so the SDK serializes them the way the
 * service expects. What the port promises to be atomic (a conditional `updateById`, `$inc`, the
 * insert of `insertIfAbsent`) is each one request, i.e. one MongoDB operation on one document.
 */
export function openCloudbaseStore(app: App): Store {
  const db = app.database();
  return {
    kind: 'cloudbase',
    collection<T extends Doc>(name: string): Collection<T> {
      if (!/^[a-zA-Z][a-zA-Z0-9_]{0,40}$/.test(name)) throw new Error(`bad collection name ${name}`);
      return new CloudbaseCollection<T>(db, name);
    },
    // The SDK talks plain HTTP per request; there is nothing to release.
    async close() {},
  };
}

const errorCode = (e: unknown) => (typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined);

/** The service's code for a unique-index violation; the message check covers wrappers that keep only MongoDB's text. */
function isDuplicate(e: unknown): boolean {
  return errorCode(e) === 'DATABASE_DUPLICATE_WRITE' || /E11000 duplicate key/.test(String((e as Error)?.message));
}

/** Port conditions the SDK turns into logic commands (see `where`): null equality, `$eq`/`$ne` null, several operators. */
function isLogicCondition(value: unknown): boolean {
  if (value === null) return true;
  if (!isOperatorObject(value)) return false;
  const ops = Object.entries(value as Record<string, unknown>);
  return ops.length > 1 || ops.some(([op, arg]) => arg === null && (op === '$eq' || op === '$ne'));
}

/** Rows one aggregation request may answer (CloudBase caps the output near 10,000). */
export const AGGREGATE_PAGE = 5_000;

const isMissingCollection = (e: unknown) => errorCode(e) === 'DATABASE_COLLECTION_NOT_EXIST';

/** An object literal, from any realm (not an array, Date or class instance). */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v) as object | null;
  return proto === null || Object.getPrototypeOf(proto) === null;
}

const isOperatorObject = (v: unknown): v is Record<string, unknown> =>
  isPlainObject(v) && Object.keys(v).length > 0 && Object.keys(v).every((k) => k.startsWith('$'));

const GEO_CLASSES = ['Point', 'LineString', 'Polygon', 'MultiPoint', 'MultiLineString', 'MultiPolygon'] as const;

const FILTER_OPS = { $eq: 'eq', $ne: 'neq', $gt: 'gt', $gte: 'gte', $lt: 'lt', $lte: 'lte', $in: 'in', $nin: 'nin', $exists: 'exists' } as const;

class CloudbaseCollection<T extends Doc> implements Collection<T> {
  private readonly _: Command;
  private readonly coll: SdkCollection;

  constructor(
    private readonly db: Db,
    private readonly name: string,
  ) {
    this._ = db.command;
    this.coll = db.collection(name);
  }

  get(id: string): Promise<T | null> {
    return this.reading(async () => {
      const [doc] = (await this.coll.doc(id).get()).data as unknown[];
      return doc === undefined ? null : (this.plain(doc) as T);
    }, null);
  }

  /**
   * The SDK turns every GeoJSON-shaped value it reads (a grid's polygon) into its own Geo class
   * (`.lines`, no `.coordinates`); the port hands back the plain GeoJSON that was stored.
   */
  private plain(value: unknown): unknown {
    if (Array.isArray(value)) return value.map((v) => this.plain(v));
    if (typeof value !== 'object' || value === null || value instanceof Date) return value;
    // `db.Geo` is the SDK's whole geo module at run time; its typings declare only Point.
    const geo = this.db.Geo as unknown as Record<(typeof GEO_CLASSES)[number], abstract new (...args: never[]) => { toJSON(): unknown }>;
    for (const name of GEO_CLASSES) if (value instanceof geo[name]) return value.toJSON();
    if (!isPlainObject(value)) return value;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.plain(v)]));
  }

  find(filter: Filter = {}, options: FindOptions = {}): Promise<T[]> {
    let query = this.coll.where(this.where(filter));
    for (const [field, direction] of Object.entries(options.sort ?? {})) query = query.orderBy(field, direction === -1 ? 'desc' : 'asc');
    if (options.skip) query = query.skip(options.skip);
    // Without an explicit limit the SDK asks for 100 documents only.
    query = query.limit(Math.min(options.limit || MAX_LIMIT, MAX_LIMIT));
    return this.reading(async () => ((await query.get()).data as unknown[]).map((d) => this.plain(d) as T), []);
  }

  count(filter: Filter = {}): Promise<number> {
    return this.countWhere(this.where(filter));
  }

  async insert(doc: T, tries = RETRY.attempts): Promise<T> {
    try {
      await this.writing(() => this.coll.add(structuredClone(doc)), false);
    } catch (e) {
      if (isDuplicate(e)) throw new DuplicateKeyError(this.name, doc._id);
      if (!(e instanceof UncertainWriteError)) throw e;
      // No answer: the id says whether it landed. Ours → done; absent → add once more; another → duplicate.
      const stored = await this.get(doc._id);
      if (!stored) {
        if (tries <= 1) throw e;
        return this.insert(doc, tries - 1);
      }
      if (JSON.stringify(stored) !== JSON.stringify(this.plain(structuredClone(doc)))) throw new DuplicateKeyError(this.name, doc._id);
    }
    return structuredClone(doc);
  }

  insertIfAbsent(doc: T): Promise<{ inserted: boolean; doc: T }> {
    return insertOrGet(this, doc);
  }

  async updateById(id: string, update: Update, condition: Filter = {}): Promise<boolean> {
    const where = this.where({ ...condition, _id: id });
    if (await this.updateWhere(where, this.updateData(update))) return true;
    // The service counts modified documents, so a $set/$unset that changes nothing reports 0 though
    // the document matched. Such a no-op has no effect, so it may as well happen now: it matched if
    // the document now meets the condition and already holds the update's result.
    const settled = this.settled(update);
    return settled !== null && (await this.countWhere(this.both(where, settled))) > 0;
  }

  async updateMany(filter: Filter, update: Update): Promise<number> {
    const where = this.where(filter);
    const data = this.updateData(update);
    const settled = this.settled(update);
    if (settled === null) return this.updateWhere(where, data);
    // Count the documents that already hold the result, then update only the others, so the sum is
    // the matched count whether the service reports matched or modified documents. (Two requests:
    // a document changed by someone else in between may be counted once too few or too many.)
    const unchanged = await this.countWhere(this.both(where, settled));
    return unchanged + (await this.updateWhere(this.both(where, this.unsettled(update)), data));
  }

  async put(doc: T): Promise<void> {
    // doc().set() replaces the whole document (upsert); the SDK refuses `_id` in the data.
    const { _id, ...rest } = structuredClone(doc);
    await this.writing(() => this.coll.doc(_id).set(rest));
  }

  removeById(id: string): Promise<boolean> {
    return this.reading(async () => ((await this.coll.doc(id).remove()).deleted ?? 0) > 0, false);
  }

  removeMany(filter: Filter): Promise<number> {
    return this.reading(async () => (await this.coll.where(this.where(filter)).remove()).deleted ?? 0, 0);
  }

  group(filter: Filter, spec: GroupSpec): Promise<GroupRow[]> {
    return this.aggregateGroup(this.where(filter), spec);
  }

  /**
   * One aggregation request per grouping, sent together: CloudBase's aggregate stages (those the
   * SDK's builder offers) have no `$facet`, and each request is answered by the database, so the
   * function waits for one round trip, not for one pass per grouping.
   */
  async groupMany<K extends string>(filter: Filter, specs: Readonly<Record<K, FacetSpec>>): Promise<Record<K, GroupRow[]>> {
    const names = Object.keys(specs) as K[];
    const where = this.where(filter);
    const answers = await Promise.all(names.map((name) => {
      const spec: FacetSpec = specs[name];
      return this.aggregateGroup(spec.where ? this.both(where, this.where(spec.where)) : where, spec);
    }));
    return Object.fromEntries(names.map((name, i) => [name, answers[i]])) as Record<K, GroupRow[]>;
  }

  /**
   * One aggregation request: `$match` (the port filter as SDK conditions) → `$group` with `_id`
   * `{k0: {$ifNull: ['$<by[0]>', null]}, …}` (MongoDB refuses dots in the _id's field names; $ifNull
   * makes missing and null one group), `count: {$sum: 1}`, `s0: {$sum: '$<sum[0]>'}`, …,
   * `d0: {$addToSet: '$<distinct[0]>'}`, … → `$sort {count: -1, _id: 1}` → `$skip`/`$limit` (the
   * service returns only a few rows without a limit, and caps any one answer: read in pages of
   * AGGREGATE_PAGE) → with `distinct`, `$project` each set to its size without null.
   */
  private aggregateGroup(where: Where, spec: GroupSpec): Promise<GroupRow[]> {
    const sums = spec.sum ?? [];
    const distinct = spec.distinct ?? [];
    const stage: Record<string, unknown> = {
      _id: Object.fromEntries(spec.by.map((p, i) => [`k${i}`, { $ifNull: [`$${p}`, null] }])),
      count: { $sum: 1 },
      ...Object.fromEntries(sums.map((p, i) => [`s${i}`, { $sum: `$${p}` }])),
      ...Object.fromEntries(distinct.map((p, i) => [`d${i}`, { $addToSet: `$${p}` }])),
    };
    const limit = Math.min(spec.limit ?? MAX_GROUPS, MAX_GROUPS);
    return this.reading(async () => {
      // The service cuts one aggregation's output off near AGGREGATE_PAGE rows without saying so:
      // read the groups in pages, in a total order (count, then the group key).
      const list: Array<Record<string, unknown>> = [];
      for (let skip = 0; skip < limit; skip += AGGREGATE_PAGE) {
        const take = Math.min(AGGREGATE_PAGE, limit - skip);
        let pipeline = this.coll.aggregate().match(where).group(stage).sort({ count: -1, _id: 1 });
        if (skip) pipeline = pipeline.skip(skip);
        pipeline = pipeline.limit(take);
        if (distinct.length) {
          const size = (i: number) => ({ $size: { $filter: { input: `$d${i}`, cond: { $ne: ['$$this', null] } } } });
          pipeline = pipeline.project({ count: 1, ...Object.fromEntries(sums.map((_, i) => [`s${i}`, 1])), ...Object.fromEntries(distinct.map((_, i) => [`d${i}`, size(i)])) });
        }
        const page = (((await pipeline.end()) as { data?: unknown[] }).data ?? []) as Array<Record<string, unknown>>;
        list.push(...page);
        if (page.length < take) break;
      }
      const rows = list.map((r) => {
        const id = (r._id ?? {}) as Record<string, unknown>;
        const row: GroupRow = {
          key: Object.fromEntries(spec.by.map((p, i) => [p, id[`k${i}`] ?? null])),
          count: Number(r.count ?? 0),
          sums: Object.fromEntries(sums.map((p, i) => [p, Number(r[`s${i}`] ?? 0)])),
        };
        if (spec.distinct) row.distinct = Object.fromEntries(distinct.map((p, i) => [p, Number(r[`d${i}`] ?? 0)]));
        return row;
      });
      return finishGroups(spec, rows);
    }, []);
  }

  private countWhere(where: Where): Promise<number> {
    return this.reading(async () => (await this.coll.where(where).count()).total ?? 0, 0);
  }

  private updateWhere(where: Where, data: Record<string, unknown>): Promise<number> {
    // Not repeated on a timeout: a conditional update or an $inc may have been applied once already.
    return this.reading(async () => (await this.coll.where(where).update(data)).updated ?? 0, 0, false);
  }

  /** CloudBase refuses reads and writes on a collection nobody created: for reads that is "empty". */
  private async reading<R>(run: () => Promise<R>, empty: R, idempotent = true): Promise<R> {
    try {
      return await retryTransient(run, { idempotent });
    } catch (e) {
      if (isMissingCollection(e)) return empty;
      throw e;
    }
  }

  /** …and for inserts it means creating the collection (the embedded store does that implicitly). */
  private async writing<R>(run: () => Promise<R>, idempotent = true): Promise<R> {
    try {
      return await retryTransient(run, { idempotent });
    } catch (e) {
      if (!isMissingCollection(e)) throw e;
      await this.db.createCollection(this.name).catch((err: unknown) => {
        if (errorCode(err) !== 'DATABASE_COLLECTION_ALREADY_EXIST') throw err;
      });
      return retryTransient(run, { idempotent });
    }
  }

  /**
   * Port filter → SDK condition: literals stay equality, operator objects become commands. A field
   * whose condition is a logic command (`$ne: null`, `null`, several operators) is serialized by
   * the SDK as a top-level `$or`/`$and`: two of those in one object would land under one key and
   * merge, so each goes into its own part of an `and`.
   */
  private where(filter: Filter): Where {
    const fields: Record<string, unknown> = {};
    const parts: Where[] = [];
    for (const [path, value] of Object.entries(filter)) {
      if (path === '$or') continue;
      const condition = isOperatorObject(value) ? this.fieldCommand(value) : this.equals(value);
      if (isLogicCondition(value)) parts.push({ [path]: condition });
      else fields[path] = condition;
    }
    if (filter.$or) {
      // MongoDB refuses an empty $or; the embedded store reads it as "matches nothing".
      parts.push(filter.$or.length ? this._.or(filter.$or.map((f) => this.where(f))) : { _id: this._.in([]) });
    }
    if (Object.keys(fields).length) parts.unshift(fields);
    return parts.length === 0 ? {} : parts.length === 1 ? parts[0] : this._.and(parts as never);
  }

  private both(a: Where, b: Where): Where {
    return isPlainObject(a) && !Object.keys(a).length ? b : this._.and([a, b]);
  }

  // null: MongoDB's `{ f: null }` also matches documents without `f`, the embedded store (NeDB) only
  // an explicit null, and `$ne: null` the other way round. The port follows the embedded store.
  private equals(value: unknown): unknown {
    return value === null ? this._.and([this._.exists(true), this._.eq(null)] as never) : value;
  }

  private fieldCommand(ops: Record<string, unknown>): unknown {
    const _ = this._;
    const commands = Object.entries(ops).map(([op, arg]) => {
      if (arg === null && op === '$eq') return this.equals(null);
      if (arg === null && op === '$ne') return _.or([_.neq(null), _.exists(false)] as never);
      const name = FILTER_OPS[op as keyof typeof FILTER_OPS];
      if (!name) throw new Error(`unsupported filter operator ${op}`);
      return (_[name] as (a: unknown) => unknown)(arg);
    });
    return commands.length === 1 ? commands[0] : _.and(commands as never);
  }

  /**
   * Port update → SDK update data. Plain objects in update() are merged field by field (flattened to
   * dot paths), so objects in $set go through _.set() to replace. _.push() takes an array as the
   * list of elements, so the one element is wrapped to be pushed as is, even when it is an array.
   */
  private updateData(update: Update): Record<string, unknown> {
    const _ = this._;
    const data: Record<string, unknown> = {};
    for (const [path, value] of Object.entries(update.$set ?? {})) data[path] = isPlainObject(value) ? _.set(value) : value;
    for (const [path, by] of Object.entries(update.$inc ?? {})) data[path] = _.inc(by);
    for (const [path, value] of Object.entries(update.$push ?? {})) data[path] = _.push([value]);
    for (const path of Object.keys(update.$unset ?? {})) data[path] = _.remove();
    if (!Object.keys(data).length) throw new Error('empty update');
    return data;
  }

  /** Documents on which a $set/$unset-only update changes nothing; null when the update always changes (e.g. $inc, $push). */
  private settled(update: Update): Where | null {
    if (Object.keys(update.$inc ?? {}).length || Object.keys(update.$push ?? {}).length) return null;
    const _ = this._;
    const fields: Record<string, unknown> = {};
    for (const [path, value] of Object.entries(update.$set ?? {})) fields[path] = _.and([_.exists(true), _.eq(value)] as never);
    for (const path of Object.keys(update.$unset ?? {})) fields[path] = _.exists(false);
    return fields;
  }

  /** The complement of `settled`: documents the update would change. */
  private unsettled(update: Update): Where {
    const _ = this._;
    const changes = [
      ...Object.entries(update.$set ?? {}).map(([path, value]) => ({ [path]: _.or([_.neq(value), _.exists(false)] as never) })),
      ...Object.keys(update.$unset ?? {}).map((path) => ({ [path]: _.exists(true) })),
    ];
    return _.or(changes);
  }
}
