import { createHash } from 'node:crypto';
import { addDays, localDate, startOfDate } from '@qgt/shared/domain/calendar';
import { HOT_SPOT_COUNT, METRICS_TZ, requestGroupings, type FactRow, type Grouped } from '@qgt/shared/domain/metrics';
import { monthOf, nextMonth, periodsOf, ROLLUP_SOURCES, storedSpec, sumGroups, topCells, ValueIds, type Groupings, type RollupSource, type StoredGroups } from '@qgt/shared/domain/metricsRollup';
import { MAX_GROUPS, MAX_LIMIT, type FacetSpec, type Filter, type Store } from '../store/port';
import { REQUESTS, requests } from '../requests/store';
import { WALKINS } from '../desk/store';
import { GRID_VISITS } from '../visits/store';
import { METRIC_ROLLUPS, rollupId, type RollupDoc } from './rollupMarks';

/**
 * The groups of `admin.metrics` from rollups (shared/src/domain/metricsRollup), for requests,
 * walk-ins and grid visits alike: a window's whole past months and its other whole days are read
 * from their communities' rollups; a rollup a write made dirty (or never built) is grouped again
 * from the documents and stored; what is not a whole local day (an instant window's ends) is grouped
 * live, and for requests also the overdue-now group and the categories of the top hot-spot cells.
 * The sum equals one live grouping of the window (tests/unit/metrics/rollups.test.ts).
 */

type Period = { community: string; period: string; writes?: number };
type Rows = Record<string, FactRow[]>;

/** The collection each source's documents are read from. */
const COLLECTION: Record<RollupSource, string> = { requests: REQUESTS, walkins: WALKINS, visits: GRID_VISITS };

/**
 * Distinct values a rollup keeps as a hash, never as they are: a walk-in's resident is an OPENID,
 * and a rollup is a second copy of it that account erasure would otherwise have to find.
 */
const HASHED: Partial<Record<RollupSource, string>> = { walkins: 'resident.openid' };
const hashOf = (v: string) => createHash('sha256').update(v).digest('base64url').slice(0, 16);

/** Rows as the store answers a source's stored specs, with hashed values hashed. */
function prepared(source: RollupSource, rows: Rows): Rows {
  const path = HASHED[source];
  if (!path) return rows;
  const hash = (r: FactRow) => (typeof r.key[path] === 'string' ? { ...r, key: { ...r.key, [path]: hashOf(r.key[path] as string) } } : r);
  return Object.fromEntries(Object.entries(rows).map(([n, list]) => [n, list.map(hash)]));
}

/** A source's groupings as the store groups them for a rollup (`storedSpec`), with extra keys first. */
function storedSpecs(source: RollupSource, before: string[] = []): Record<string, FacetSpec> {
  return Object.fromEntries(
    Object.entries(ROLLUP_SOURCES[source].groupings).map(([n, g]) => {
      const spec = storedSpec(g);
      return [n, { ...spec, by: [...before, ...spec.by] }];
    }),
  );
}

/** Days grouped in one store call: a month of a 1M-request 街道's cell rows stays under MAX_GROUPS. */
const CHUNK_DAYS = 31;

/** Live groups of `source`'s documents of `communities` on `days`, per rollup id of `community:day`. */
async function groupDays(store: Store, source: RollupSource, communities: string[], days: string[]): Promise<Map<string, Rows>> {
  const { day: dayPath, groupings } = ROLLUP_SOURCES[source];
  const specs = storedSpecs(source, ['community', dayPath]);
  const names = Object.keys(groupings);
  const out = new Map<string, Rows>();
  const run = async (chunk: string[]): Promise<void> => {
    const grouped = prepared(source, await store.collection(COLLECTION[source]).groupMany({ [dayPath]: { $in: chunk }, community: { $in: communities } }, specs));
    if (chunk.length > 1 && names.some((n) => grouped[n].length >= MAX_GROUPS)) {
      // Cut at the cap: group each half on its own.
      const half = Math.ceil(chunk.length / 2);
      await run(chunk.slice(0, half));
      await run(chunk.slice(half));
      return;
    }
    for (const n of names) {
      for (const row of grouped[n]) {
        const id = rollupId(source, String(row.key.community), String(row.key[dayPath]));
        let rows = out.get(id);
        if (!rows) out.set(id, (rows = Object.fromEntries(names.map((m) => [m, []]))));
        rows[n].push(row);
      }
    }
  };
  for (let i = 0; i < days.length; i += CHUNK_DAYS) await run(days.slice(i, i + CHUNK_DAYS));
  return out;
}

/** The days of a period (a day, or every day of a month). */
function daysOf(period: string): string[] {
  if (period.length === 10) return [period];
  const days: string[] = [];
  for (let d = `${period}-01`; monthOf(d) === period; d = addDays(d, 1)) days.push(d);
  return days;
}

/**
 * Groups the periods again from the documents and stores each rollup unless a write moved its
 * `writes` since it was read (then it stays dirty; the groups answered are still this moment's).
 * A month at a time, each stored before the next is grouped: a first call over years never built
 * (a 1M-request 区: ~30 s on the embedded store) keeps what it built if the platform ends it at
 * the function's timeout, so the calls after it finish the work.
 */
async function rebuild(store: Store, source: RollupSource, stale: Period[], at: string): Promise<Map<string, StoredGroups>> {
  const built = new Map<string, StoredGroups>();
  const byMonth = new Map<string, Period[]>();
  for (const p of stale) {
    const list = byMonth.get(monthOf(p.period));
    if (list) list.push(p);
    else byMonth.set(monthOf(p.period), [p]);
  }
  const coll = store.collection(METRIC_ROLLUPS);
  for (const month of [...byMonth.keys()].sort()) {
    const periods = byMonth.get(month)!;
    const days = [...new Set(periods.flatMap((p) => daysOf(p.period)))].sort();
    const byDay = await groupDays(store, source, [...new Set(periods.map((p) => p.community))], days);
    for (const p of periods) {
      const sum = sumGroups(ROLLUP_SOURCES[source].groupings);
      for (const day of daysOf(p.period)) sum.addRows(byDay.get(rollupId(source, p.community, day)) ?? {});
      const groups = sum.columns();
      const _id = rollupId(source, p.community, p.period);
      built.set(_id, groups);
      const text = JSON.stringify(groups);
      if (p.writes === undefined) await coll.insertIfAbsent({ _id, source, community: p.community, period: p.period, writes: 0, dirty: false, groups: text, builtAt: at });
      else await coll.updateById(_id, { $set: { groups: text, dirty: false, builtAt: at } }, { writes: p.writes });
    }
  }
  return built;
}

/**
 * Parsed rollups by id, with the text they were parsed from: a built rollup's text only changes
 * when it is rebuilt, so a warm instance parses each once (at 1M requests a year is ~3·10⁵ rows,
 * and parsing them on every call was most of the call's garbage). Distinct values are interned
 * into IDS as they are parsed; both start over together.
 */
const PARSED = new Map<string, { text: string; groups: StoredGroups }>();
const PARSED_MAX = 50_000;
let IDS = new ValueIds();

function parsed(id: string, text: string): StoredGroups {
  const hit = PARSED.get(id);
  if (hit && hit.text === text) return hit.groups;
  if (PARSED.size >= PARSED_MAX) {
    PARSED.clear();
    // Groups interned with the old table still count right: RowSum reads their values instead.
    IDS = new ValueIds();
  }
  const groups = IDS.intern(JSON.parse(text) as StoredGroups);
  PARSED.set(id, { text, groups });
  return groups;
}

/** The rollups of `source` for `periods` of `communities`: stored ones, and the dirty or missing ones rebuilt. */
async function rollupsOf(store: Store, source: RollupSource, communities: string[], periods: string[], at: string): Promise<StoredGroups[]> {
  if (!periods.length) return [];
  const coll = store.collection(METRIC_ROLLUPS);
  // Communities in chunks whose rollups fit one page (a 街道's year is one read).
  const per = Math.max(1, Math.floor(MAX_LIMIT / periods.length));
  const chunks: string[][] = [];
  for (let i = 0; i < communities.length; i += per) chunks.push(communities.slice(i, i + per));
  const docs = (await Promise.all(chunks.map((chunk) => coll.find({ source, community: { $in: chunk }, period: { $in: periods } }, { limit: MAX_LIMIT })))).flat();
  const byId = new Map<string, RollupDoc>(docs.map((d) => [d._id, d]));
  const out: StoredGroups[] = [];
  const stale: Period[] = [];
  for (const community of communities) {
    for (const period of periods) {
      const doc = byId.get(rollupId(source, community, period));
      if (doc && !doc.dirty && doc.groups) out.push(parsed(doc._id, doc.groups));
      else stale.push({ community, period, writes: doc?.writes });
    }
  }
  out.push(...(await rebuild(store, source, stale, at)).values());
  return out;
}

/** The whole local days inside [from, to), and the parts of the window outside them. */
function splitWindow(from: string, to: string): { firstDay?: string; lastDay?: string; edges: Array<[string, string]> } {
  const fromMs = Date.parse(from);
  const toMs = Date.parse(to);
  const startDay = localDate(fromMs, METRICS_TZ);
  const firstDay = startOfDate(startDay, METRICS_TZ) === fromMs ? startDay : addDays(startDay, 1);
  const endDay = localDate(toMs, METRICS_TZ);
  const lastDay = addDays(endDay, -1);
  const iso = (ms: number) => new Date(ms).toISOString();
  if (firstDay > lastDay) return { edges: [[from, to]] };
  const edges: Array<[string, string]> = [];
  const firstStart = startOfDate(firstDay, METRICS_TZ);
  const lastEnd = startOfDate(endDay, METRICS_TZ);
  if (firstStart > fromMs) edges.push([from, iso(firstStart)]);
  if (toMs > lastEnd) edges.push([iso(lastEnd), to]);
  return { firstDay, lastDay, edges };
}

export interface RollupWindow {
  from: string;
  to: string;
  /** Local dates of the first and last day the window touches (inclusive): a source without an instant counts them whole. */
  fromDate: string;
  toDate: string;
}

/**
 * Every rolled-up grouping of `source` over the window, for `communities`: what one live groupMany of
 * the source's groupings over the window's documents answers, from rollups where the window holds
 * whole days.
 */
export async function groupWindow<S extends RollupSource>(store: Store, source: S, communities: string[], window: RollupWindow, now: Date): Promise<Grouped<Groupings<S>>> {
  const { instant, groupings } = ROLLUP_SOURCES[source];
  const { firstDay, lastDay, edges } = instant ? splitWindow(window.from, window.to) : { firstDay: window.fromDate, lastDay: window.toDate, edges: [] };
  // Months only once over: the current month's rollup would be dirty at every call.
  const today = localDate(now.getTime(), METRICS_TZ);
  const periods = firstDay && lastDay ? periodsOf(firstDay, lastDay, addDays) : { days: [], months: [] };
  const months = periods.months.filter((m) => `${nextMonth(m)}-01` <= today);
  const days = [...periods.days, ...periods.months.filter((m) => !months.includes(m)).flatMap(daysOf)];
  const coll = store.collection(COLLECTION[source]);
  const [stored, edgeRows] = await Promise.all([
    rollupsOf(store, source, communities, [...months, ...days], now.toISOString()),
    Promise.all(edges.map(async ([from, to]) => prepared(source, await coll.groupMany({ [instant!]: { $gte: from, $lt: to }, community: { $in: communities } }, storedSpecs(source))))),
  ]);
  const sum = sumGroups(groupings, IDS);
  for (const groups of stored) sum.add(groups);
  for (const rows of edgeRows) sum.addRows(rows);
  return sum.result() as Grouped<Groupings<S>>;
}

/**
 * Every request grouping of the window (requestGroupings(now)), for `communities`: the rolled-up
 * ones from groupWindow, overdue-now live, and the categories of the top cells live.
 */
export async function groupWindowRequests(store: Store, communities: string[], window: RollupWindow, now: Date): Promise<Grouped<ReturnType<typeof requestGroupings>>> {
  const live = requestGroupings(now.toISOString());
  const inWindow: Filter = { createdAt: { $gte: window.from, $lt: window.to }, community: { $in: communities } };
  const { overdue } = live;
  const [{ cellTotals, ...rolled }, overdueRows] = await Promise.all([
    groupWindow(store, 'requests', communities, window, now),
    // Open requests only: the store narrows by status before the window.
    requests(store).group({ ...inWindow, ...overdue.where }, overdue),
  ]);
  // The categories of the top cells only, grouped live (a few cells' requests, through their index).
  const top = topCells(cellTotals, HOT_SPOT_COUNT);
  const cells = top.length ? await requests(store).group({ ...inWindow, 'facts.hotCell': { $in: top } }, live.cells) : [];
  return { ...rolled, cells, overdue: overdueRows };
}

/**
 * Clean rollups the timer re-checks each tick, longest unbuilt first: a write whose mark a crash
 * lost (between the document's write and its mark) leaves a clean rollup that is wrong, and the
 * sweep rebuilds every rollup in turn (at a tick a minute, 25,000 rollups — a 1M-request 区's
 * requests, walk-ins and visits — in under a day).
 */
export const RECHECK_PER_TICK = 20;

/** The timer: rebuilds up to `max` rollups writes made dirty and re-checks `recheck` clean ones; returns how many it rebuilt. */
export async function refreshRollups(store: Store, now: Date, max = 200, recheck = RECHECK_PER_TICK): Promise<number> {
  const coll = store.collection(METRIC_ROLLUPS);
  // Rollups of the known sources only (one kept by an older build without `source` is never read).
  const source = { $in: Object.keys(ROLLUP_SOURCES) };
  const dirty = await coll.find({ dirty: true, source }, { limit: max });
  const oldest = recheck > 0 ? await coll.find({ dirty: false, source }, { sort: { builtAt: 1, _id: 1 }, limit: recheck }) : [];
  const due = [...dirty, ...oldest];
  // One community at a time: rebuild groups each month's days for all the communities it is given,
  // and re-checked rollups are scattered (20 of them could otherwise span every community's year).
  const byCommunity = new Map<string, RollupDoc[]>();
  for (const d of due) {
    const list = byCommunity.get(`${d.source}:${d.community}`);
    if (list) list.push(d);
    else byCommunity.set(`${d.source}:${d.community}`, [d]);
  }
  for (const docs of byCommunity.values()) {
    await rebuild(store, docs[0].source, docs.map((d) => ({ community: d.community, period: d.period, writes: d.writes })), now.toISOString());
  }
  return due.length;
}
