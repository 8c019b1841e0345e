import { addDays, localDate, startOfDate } from '@qgt/shared/domain/calendar';
import { HOT_SPOT_COUNT, METRICS_TZ, requestGroupings, type FactRow, type Grouped } from '@qgt/shared/domain/metrics';
import { encodeGroups, monthOf, nextMonth, periodsOf, ROLLUP_GROUPINGS, ROLLUP_NAMES, sumGroups, topCells, type RollupName, type StoredGroups } from '@qgt/shared/domain/metricsRollup';
import { MAX_GROUPS, MAX_LIMIT, type FacetSpec, type Filter, type Store } from '../store/port';
import { requests } from '../requests/store';
import { METRIC_ROLLUPS, rollupId, type RollupDoc } from './rollupMarks';

/**
 * The request groups of `admin.metrics` from rollups (shared/src/domain/metricsRollup): a window's
 * whole past months and its other whole days are read from their communities' rollups; a rollup a
 * request write made dirty (or never built) is grouped again from the requests and stored; what
 * is not a whole local day (an instant window's ends), the overdue-now group and the categories of
 * the top hot-spot cells are grouped live.
 * The sum equals one live grouping of the window (tests/unit/metrics/rollups.test.ts).
 */

type Rows = Record<RollupName, FactRow[]>;
type Period = { community: string; period: string; writes?: number };

/** Days grouped in one store call: a month of a 1M-request 街道's cell rows stays under MAX_GROUPS. */
const CHUNK_DAYS = 31;

const emptyRows = (): Rows => Object.fromEntries(ROLLUP_NAMES.map((n) => [n, []])) as unknown as Rows;

/** Live groups of the requests of `communities` created on `days`, per `community:day`. */
async function groupDays(store: Store, communities: string[], days: string[]): Promise<Map<string, Rows>> {
  const specs = Object.fromEntries(ROLLUP_NAMES.map((n) => [n, { ...ROLLUP_GROUPINGS[n], by: ['community', 'facts.day', ...ROLLUP_GROUPINGS[n].by] }])) as Record<RollupName, FacetSpec>;
  const out = new Map<string, Rows>();
  const run = async (chunk: string[]): Promise<void> => {
    const grouped = await requests(store).groupMany({ 'facts.day': { $in: chunk }, community: { $in: communities } }, specs);
    if (chunk.length > 1 && ROLLUP_NAMES.some((n) => grouped[n].length >= MAX_GROUPS)) {
      // Cut at the cap: group each half on its own.
      const half = Math.ceil(chunk.length / 2);
      await run(chunk.slice(0, half));
      await run(chunk.slice(half));
      return;
    }
    for (const n of ROLLUP_NAMES) {
      for (const row of grouped[n]) {
        const id = rollupId(String(row.key.community), String(row.key['facts.day']));
        let rows = out.get(id);
        if (!rows) out.set(id, (rows = emptyRows()));
        // The grouping's own key (byDay's own path is `facts.day` too).
        const key = Object.fromEntries(ROLLUP_GROUPINGS[n].by.map((path) => [path, row.key[path]]));
        rows[n].push({ ...row, key });
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
 * Groups the periods again from the requests and stores each rollup unless a request write moved
 * its `writes` since it was read (then it stays dirty; the groups answered are still this moment's).
 */
async function rebuild(store: Store, stale: Period[], at: string): Promise<Map<string, StoredGroups>> {
  const built = new Map<string, StoredGroups>();
  if (!stale.length) return built;
  const days = [...new Set(stale.flatMap((p) => daysOf(p.period)))].sort();
  const byDay = await groupDays(store, [...new Set(stale.map((p) => p.community))], days);
  const coll = store.collection(METRIC_ROLLUPS);
  for (const p of stale) {
    const sum = sumGroups();
    for (const day of daysOf(p.period)) {
      const rows = byDay.get(rollupId(p.community, day));
      if (rows) sum.addRows(rows);
    }
    const groups = encodeGroups(sum.result());
    const _id = rollupId(p.community, p.period);
    built.set(_id, groups);
    const text = JSON.stringify(groups);
    if (p.writes === undefined) await coll.insertIfAbsent({ _id, community: p.community, period: p.period, writes: 0, dirty: false, groups: text, builtAt: at });
    else await coll.updateById(_id, { $set: { groups: text, dirty: false, builtAt: at } }, { writes: p.writes });
  }
  return built;
}

/**
 * Parsed rollups by id, with the text they were parsed from: a built rollup's text only changes
 * when it is rebuilt, so a warm instance parses each once (at 1M requests a year is ~3·10⁵ rows,
 * and parsing them on every call was most of the call's garbage).
 */
const PARSED = new Map<string, { text: string; groups: StoredGroups }>();
const PARSED_MAX = 50_000;

function parsed(id: string, text: string): StoredGroups {
  const hit = PARSED.get(id);
  if (hit && hit.text === text) return hit.groups;
  if (PARSED.size >= PARSED_MAX) PARSED.clear();
  const groups = JSON.parse(text) as StoredGroups;
  PARSED.set(id, { text, groups });
  return groups;
}

/** The rollups of `periods` for `communities`: stored ones, and the dirty or missing ones rebuilt. */
async function rollupsOf(store: Store, communities: string[], periods: string[], at: string): Promise<StoredGroups[]> {
  if (!periods.length) return [];
  const coll = store.collection(METRIC_ROLLUPS);
  // Communities in chunks whose rollups fit one page (a 街道's year is one read).
  const per = Math.max(1, Math.floor(MAX_LIMIT / periods.length));
  const chunks: string[][] = [];
  for (let i = 0; i < communities.length; i += per) chunks.push(communities.slice(i, i + per));
  const docs = (await Promise.all(chunks.map((chunk) => coll.find({ community: { $in: chunk }, period: { $in: periods } }, { limit: MAX_LIMIT })))).flat();
  const found = communities.map((c) => docs.filter((d) => d.community === c));
  const out: StoredGroups[] = [];
  const stale: Period[] = [];
  communities.forEach((community, i) => {
    const byPeriod = new Map(found[i].map((d) => [d.period, d]));
    for (const period of periods) {
      const doc: RollupDoc | undefined = byPeriod.get(period);
      if (doc && !doc.dirty && doc.groups) out.push(parsed(doc._id, doc.groups));
      else stale.push({ community, period, writes: doc?.writes });
    }
  });
  out.push(...(await rebuild(store, stale, at)).values());
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

/**
 * Every request grouping of the window (requestGroupings(now)), for `communities`: what one live
 * groupMany over the window's requests answers, from rollups where the window holds whole days.
 */
export async function groupWindowRequests(store: Store, communities: string[], window: { from: string; to: string }, now: Date): Promise<Grouped<ReturnType<typeof requestGroupings>>> {
  const live = requestGroupings(now.toISOString());
  const inScope = { community: { $in: communities } };
  const { firstDay, lastDay, edges } = splitWindow(window.from, window.to);
  // Months only once over: the current month's rollup would be dirty at every call.
  const today = localDate(now.getTime(), METRICS_TZ);
  const periods = firstDay && lastDay ? periodsOf(firstDay, lastDay, addDays) : { days: [], months: [] };
  const months = periods.months.filter((m) => `${nextMonth(m)}-01` <= today);
  const days = [...periods.days, ...periods.months.filter((m) => !months.includes(m)).flatMap(daysOf)];
  const { overdue } = live;
  const [stored, edgeRows, overdueRows] = await Promise.all([
    rollupsOf(store, communities, [...months, ...days], now.toISOString()),
    Promise.all(edges.map(([from, to]) => requests(store).groupMany({ createdAt: { $gte: from, $lt: to }, ...inScope }, ROLLUP_GROUPINGS))),
    // Open requests only: the store narrows by status before the window.
    requests(store).group({ createdAt: { $gte: window.from, $lt: window.to }, ...inScope, ...overdue.where }, overdue),
  ]);
  const sum = sumGroups();
  for (const groups of stored) sum.add(groups);
  for (const rows of edgeRows) sum.addRows(rows);
  const { cellTotals, ...rolled } = sum.result();
  // The categories of the top cells only, grouped live (a few cells' requests, through their index).
  const top = topCells(cellTotals, HOT_SPOT_COUNT);
  const cells = top.length ? await requests(store).group({ createdAt: { $gte: window.from, $lt: window.to }, ...inScope, 'facts.hotCell': { $in: top } }, live.cells) : [];
  return { ...rolled, cells, overdue: overdueRows };
}

/** The timer: rebuilds up to `max` rollups request writes made dirty; returns how many. */
export async function refreshRollups(store: Store, now: Date, max = 200): Promise<number> {
  const dirty = await store.collection(METRIC_ROLLUPS).find({ dirty: true }, { limit: max });
  await rebuild(
    store,
    dirty.map((d) => ({ community: d.community, period: d.period, writes: d.writes })),
    now.toISOString(),
  );
  return dirty.length;
}
