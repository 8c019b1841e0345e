import type { RollupSource } from '@qgt/shared/domain/metricsRollup';
import { MAX_LIMIT, type Collection, type Doc, type Filter, type Store, type Update } from '../store/port';

/**
 * Marks on the metrics rollups (lib/metrics/rollups): every write of a request, walk-in or grid
 * visit counts itself on its source's rollups of its community's day and month (`writes`, and
 * `dirty`). A rollup is rebuilt from the documents only under the condition that `writes` did not
 * move while it was grouped, so a write that lands meanwhile keeps it dirty. Kept apart from the
 * rollups themselves: every function that writes these documents bundles this file, only admin's
 * metrics chunk the rest.
 */
export const METRIC_ROLLUPS = 'metric_rollups';

export interface RollupDoc {
  /** `<source>:<community>:<period>`. */
  _id: string;
  source: RollupSource;
  community: string;
  /** A local day `YYYY-MM-DD` or a month `YYYY-MM`. */
  period: string;
  /** Writes counted on it; a rebuild is stored only if this did not move. */
  writes: number;
  /** Written since its groups were built (or never built). */
  dirty: boolean;
  /**
   * The groups when built: StoredGroups (shared/src/domain/metricsRollup) as JSON text, so a read
   * is one native parse rather than the store copying thousands of small arrays.
   */
  groups?: string;
  builtAt?: string;
}

export const rollupId = (source: RollupSource, community: string, period: string) => `${source}:${community}:${period}`;

async function mark(store: Store, source: RollupSource, community: string, period: string): Promise<void> {
  const coll = store.collection(METRIC_ROLLUPS);
  const _id = rollupId(source, community, period);
  const bump = { $inc: { writes: 1 }, $set: { dirty: true } };
  if (await coll.updateById(_id, bump)) return;
  const { inserted } = await coll.insertIfAbsent({ _id, source, community, period, writes: 1, dirty: true });
  if (!inserted) await coll.updateById(_id, bump);
}

/** After a document of `source` of `community` on local `day` was written (inserted, changed or removed). */
export async function markRollups(store: Store, source: RollupSource, community: string | undefined, day: string | undefined): Promise<void> {
  if (!community || !day) return;
  await mark(store, source, community, day);
  await mark(store, source, community, day.slice(0, 7));
}

/** How a source's documents reach the rollups: the local day each counts on, and the fields grouped. */
export interface MarkedSource<T> {
  source: RollupSource;
  day(doc: T): string | undefined;
  /** Fields a group reads (an update touching none of them moves no group). */
  grouped: RegExp;
}

/**
 * `coll` with every write that can move a document in or out of a metrics group (a whole document,
 * a grouped field, a removal) marking, after the write, the rollups of its community's day and
 * month, once per day. A many-document write marks what matched before it and after it (an update
 * may move documents out of its filter).
 */
export function markedCollection<T extends Doc & { community?: string }>(store: Store, coll: Collection<T>, src: MarkedSource<T>): Collection<T> {
  const mark = async (docs: Array<T | null>) => {
    const days = new Map<string, [string | undefined, string | undefined]>();
    for (const d of docs) {
      if (!d) continue;
      const day = src.day(d);
      days.set(`${d.community}:${day}`, [d.community, day]);
    }
    for (const [community, day] of days.values()) await markRollups(store, src.source, community, day);
  };
  const all = async (filter: Filter) => {
    const out: T[] = [];
    let page: T[];
    do out.push(...(page = await coll.find(filter, { skip: out.length, limit: MAX_LIMIT })));
    while (page.length === MAX_LIMIT);
    return out;
  };
  const moves = (u: Update) => [u.$set, u.$inc, u.$push, u.$unset].some((op) => op && Object.keys(op).some((k) => src.grouped.test(k)));
  const after = async <R>(result: R, docs: Array<T | null>) => (await mark(docs), result);
  return Object.assign(Object.create(coll) as Collection<T>, {
    insert: async (doc: T) => after(await coll.insert(doc), [doc]),
    insertIfAbsent: async (doc: T) => {
      const result = await coll.insertIfAbsent(doc);
      return after(result, result.inserted ? [doc] : []);
    },
    put: async (doc: T) => {
      const before = await coll.get(doc._id);
      return after(await coll.put(doc), [before, doc]);
    },
    updateById: async (id: string, update: Update, condition?: Filter) => {
      const updated = await coll.updateById(id, update, condition);
      return after(updated, updated && moves(update) ? [await coll.get(id)] : []);
    },
    updateMany: async (filter: Filter, update: Update) => {
      const before = moves(update) ? await all(filter) : [];
      const n = await coll.updateMany(filter, update);
      return after(n, before.length ? [...before, ...(await all(filter))] : []);
    },
    removeById: async (id: string) => {
      const doc = await coll.get(id);
      const removed = await coll.removeById(id);
      return after(removed, removed ? [doc] : []);
    },
    removeMany: async (filter: Filter) => {
      const docs = await all(filter);
      return after(await coll.removeMany(filter), docs);
    },
  });
}

declare module '../store/port' {
  interface CollectionDocs {
    metric_rollups: RollupDoc;
  }
}
