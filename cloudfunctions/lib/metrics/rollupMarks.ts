import type { Store } from '../store/port';

/**
 * Marks on the metrics rollups (lib/metrics/rollups): every request write counts itself on its
 * community's day and month (`writes`, and `dirty`). A rollup is rebuilt from the requests only
 * under the condition that `writes` did not move while it was grouped, so a write that lands
 * meanwhile keeps it dirty. Kept apart from the rollups themselves: every function that writes a
 * request bundles this file, only admin's metrics chunk the rest.
 */
export const METRIC_ROLLUPS = 'metric_rollups';

export interface RollupDoc {
  /** `<community>:<period>`. */
  _id: string;
  community: string;
  /** A local day `YYYY-MM-DD` or a month `YYYY-MM`. */
  period: string;
  /** Request writes counted on it; a rebuild is stored only if this did not move. */
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

export const rollupId = (community: string, period: string) => `${community}:${period}`;

async function mark(store: Store, community: string, period: string): Promise<void> {
  const coll = store.collection(METRIC_ROLLUPS);
  const _id = rollupId(community, period);
  const bump = { $inc: { writes: 1 }, $set: { dirty: true } };
  if (await coll.updateById(_id, bump)) return;
  const { inserted } = await coll.insertIfAbsent({ _id, community, period, writes: 1, dirty: true });
  if (!inserted) await coll.updateById(_id, bump);
}

/** After a request of `community` created on local `day` was written (inserted, changed or removed). */
export async function markRollups(store: Store, community: string | undefined, day: string | undefined): Promise<void> {
  if (!community || !day) return;
  await mark(store, community, day);
  await mark(store, community, day.slice(0, 7));
}

declare module '../store/port' {
  interface CollectionDocs {
    metric_rollups: RollupDoc;
  }
}
