import { AppError } from '@qgt/shared/errors';
import { KIND_LABELS, type RequestKind } from '@qgt/shared/vocabulary/requests';
import { addDays, localDate, localTime, startOfDate } from '@qgt/shared/domain/calendar';
import { VISIT_TARGETS } from '@qgt/shared/domain/visits';
import { FACTS_VERSION, metricFacts, METRICS_TZ } from '@qgt/shared/domain/metrics';
import type { MetricsInput } from '@qgt/shared/admin/api';
import type { MetricsView } from '@qgt/shared/metrics/views';
import type { Context } from '../runtime/context';
import type { Filter, Store } from '../store/port';
import { BUILDINGS, loadCommunity, loadWorkers } from '../community/store';
import type { Building } from '@qgt/shared/domain/community';
import { haversineMeters } from '@qgt/shared/domain/duplicates';
import { locateGrid } from '@qgt/shared/domain/routing';
import { loadCatalog } from '../catalog/published';
import { loadNames } from '../requests/view';
import { requests } from '../requests/store';
import { readableCommunities, type AdminScope } from '../runtime/caller';

/**
 * `admin.metrics`: every figure is a group over the requests' stored `facts` (and over `walkins`
 * and `gridVisits`), computed by the store — never by loading the documents; the groups are summed
 * from per-community day and month rollups kept dirty on write (./rollups.ts). Membership: a request
 * belongs to the window when its createdAt is in [from, to); walk-ins by `at`, grid visits by
 * their local `date`. Overdue-now uses the call's clock.
 */

const DAY_MS = 86_400_000;
/** A hot spot is named after a building this close to its centre, else its grid. */
const PLACE_RADIUS_M = 150;
/** Longest window answered (a year and a bit, so a calendar year always fits). */
export const MAX_METRICS_DAYS = 400;

export interface MetricsWindow {
  from: string;
  to: string;
  /** Local dates of the first and last day touched (inclusive). */
  fromDate: string;
  toDate: string;
  days: number;
}

function instant(s: string): number {
  if (/Z|[+-]\d{2}:\d{2}$/.test(s)) return Date.parse(s);
  const [date, time] = s.split('T');
  const [hh, mm, sec = '0'] = time.split(':');
  return localTime(date, `${hh}:${mm}`, METRICS_TZ) + Math.round(Number(sec) * 1000);
}

/** `{from, to}` → [from, to) instants. Dates are local (Asia/Shanghai) days, `to` inclusive; instants are taken as they are. */
export function metricsWindow(fromInput: string, toInput: string): MetricsWindow {
  const isDate = (s: string) => s.length === 10;
  const from = isDate(fromInput) ? startOfDate(fromInput, METRICS_TZ) : instant(fromInput);
  const to = isDate(toInput) ? startOfDate(addDays(toInput, 1), METRICS_TZ) : instant(toInput);
  if (!(to > from)) throw new AppError('BAD_REQUEST', '结束时间应晚于开始时间', { field: 'data.to' });
  if (to - from > MAX_METRICS_DAYS * DAY_MS) throw new AppError('BAD_REQUEST', `统计范围不能超过${MAX_METRICS_DAYS}天`, { field: 'data.to' });
  return {
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    fromDate: localDate(from, METRICS_TZ),
    toDate: localDate(to - 1, METRICS_TZ),
    days: (to - from) / DAY_MS,
  };
}

/** One end of a window: a date is its local day's start (`to`: the next day's, so `to` is inclusive); an instant as it is. */
export function windowBound(s: string, end: boolean): string {
  if (s.length === 10) return new Date(startOfDate(end ? addDays(s, 1) : s, METRICS_TZ)).toISOString();
  return new Date(instant(s)).toISOString();
}

const PAGE = 500;

/**
 * Writes facts onto requests stored before they existed (or by an older FACTS_VERSION); a no-op
 * once every request has them. Returns how many it updated.
 */
export async function backfillFacts(store: Store): Promise<number> {
  const coll = requests(store);
  const stale: Filter = { $or: [{ 'facts.v': { $exists: false } }, { 'facts.v': { $lt: FACTS_VERSION } }] };
  let updated = 0;
  for (;;) {
    const page = await coll.find(stale, { limit: PAGE });
    for (const doc of page) if (await coll.updateById(doc._id, { $set: { facts: metricFacts(doc) } }, { version: doc.version })) updated++;
    if (page.length < PAGE) return updated;
  }
}

/** Stores whose requests were checked for facts in this process (the check itself is a scan). */
const checked = new WeakSet<Store>();

export async function computeMetrics(ctx: Context, scope: AdminScope, input: MetricsInput): Promise<MetricsView> {
  const window = metricsWindow(input.from, input.to);
  const communities = readableCommunities(scope, input.community);
  if (!checked.has(ctx.store)) {
    await backfillFacts(ctx.store);
    checked.add(ctx.store);
  }
  const store = ctx.store;
  // The groupings and their combining (~6 KB) serve only this action: a lazy chunk (LAZY_CHUNKS).
  const [{ combineMetrics, DIMENSIONS }, { groupWindow, groupWindowRequests }] = await Promise.all([import('@qgt/shared/domain/metrics'), import('./rollups')]);
  // Requests, walk-ins and grid visits, each from its rollups (lib/metrics/rollups).
  const [grouped, walkins, visits] = await Promise.all([
    groupWindowRequests(store, communities, window, ctx.now),
    groupWindow(store, 'walkins', communities, window, ctx.now),
    groupWindow(store, 'visits', communities, window, ctx.now),
  ]);

  const [state, workers, catalog, buildings] = await Promise.all([
    loadCommunity(store),
    loadWorkers(store),
    loadCatalog(store).catch(() => null),
    store.collection<Building & { _id: string }>(BUILDINGS).find({}, { limit: 5000 }),
  ]);
  const scoped = workers.filter((w) => communities.includes(w.community));
  const workerNames = new Map(workers.map((w) => [w.openid, w.name]));
  const unknown = grouped.byWorker.map((r) => String(r.key[DIMENSIONS.byWorker] ?? '')).filter((o) => o && !workerNames.has(o));
  for (const [openid, name] of await loadNames(ctx, unknown)) workerNames.set(openid, name);
  const categoryNames = new Map(state.reportCategories.map((c) => [c.code, c.name]));
  const gridNames = new Map(state.grids.map((g) => [g.code, g.name]));
  const deptNames = new Map(state.departments.map((d) => [d.code, d.name]));
  const matterTitle = (code: string) => catalog?.byCode.get(code)?.title ?? code;

  return combineMetrics({
    window: { from: window.from, to: window.to },
    generatedAt: ctx.now.toISOString(),
    communities,
    requests: grouped,
    walkins,
    visits,
    windowDays: window.days,
    workers: scoped.map((w) => ({ openid: w.openid, name: w.name })),
    names: {
      category: (c) => categoryNames.get(c) ?? (c in KIND_LABELS ? KIND_LABELS[c as RequestKind] : matterTitle(c)),
      grid: (c) => gridNames.get(c) ?? c,
      worker: (o) => workerNames.get(o) ?? o,
      department: (c) => deptNames.get(c) ?? c,
      matter: matterTitle,
      place: (p) => {
        let best: { name: string; d: number } | undefined;
        for (const b of buildings) {
          if (!b.point) continue;
          const d = haversineMeters(p, b.point);
          if (d <= PLACE_RADIUS_M && (!best || d < best.d)) best = { name: b.name, d };
        }
        return best ? `${best.name}附近` : locateGrid(state.gridIndex, p)?.name;
      },
    },
    visitTargets: { ...VISIT_TARGETS },
  });
}
