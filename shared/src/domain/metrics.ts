import { addDays, localDate, weekdayOf } from './calendar';
import { SATISFIED_SCORE } from './satisfaction';
import { OPEN_STATUSES } from './requestState';
import type { HandlingStat, MetricsRow, MetricsView } from '../metrics/views';

/**
 * Metrics, pure. `metricFacts(request)` derives the denormalized `facts` stored on every request
 * document when it is written; the metrics are then groups over these facts computed by the store
 * (counts and sums), and `combineMetrics` turns the grouped rows into the `admin.metrics` shape.
 *
 * Flags are numbers 0/1 (not booleans) so that one `$sum` adds them up on both backends; a value
 * that does not apply is null (the sum skips it). Times are hours; dates are Asia/Shanghai.
 */

export const FACTS_VERSION = 1;
export const METRICS_TZ = 'Asia/Shanghai';
const HOUR = 3_600_000;

type Flag = 0 | 1;

export interface MetricFacts {
  v: number;
  /** Local date of createdAt, `YYYY-MM-DD`. */
  day: string;
  /** ISO week of `day`, `YYYY-Www`. */
  week: string;
  /** The report category, else the matter code, else the request kind. */
  category: string;
  /** Resolved or closed after resolution (has resolvedAt). */
  finished: Flag;
  /** Finished by dueAt; null while not finished. */
  onTime: Flag | null;
  accepted: Flag;
  /** createdAt → resolvedAt, hours; null while not finished. */
  handlingHours: number | null;
  handlingBucket: number | null;
  /** createdAt → acceptedAt, hours. */
  acceptHours: number | null;
  acceptBucket: number | null;
  rated: Flag;
  /** Rated with a score ≥ 4. */
  satisfied: Flag;
  /** Finished without a rating (including auto-closed as unrated). */
  unrated: Flag;
  /** Sent back at least once (a low rating or an explicit reopen). */
  reopened: Flag;
  /** ~100 m cell of the location (`<lat×1000>_<lng×1000>`, rounded), null without a location. */
  hotCell: string | null;
}

/** What the facts read of a request. */
export interface FactSource {
  kind: string;
  status: string;
  category?: string;
  matterCode?: string;
  location?: { lat: number; lng: number };
  dueAt: string;
  createdAt: string;
  acceptedAt?: string;
  resolvedAt?: string;
  rating?: { score: number };
  reopenCount?: number;
}

const flag = (b: boolean): Flag => (b ? 1 : 0);
const hoursBetween = (a: string, b: string) => Math.max(0, Math.round(((Date.parse(b) - Date.parse(a)) / HOUR) * 100) / 100);

export function metricFacts(r: FactSource): MetricFacts {
  const day = localDate(r.createdAt, METRICS_TZ);
  const finished = (r.status === 'resolved' || r.status === 'closed') && Boolean(r.resolvedAt);
  const handlingHours = finished ? hoursBetween(r.createdAt, r.resolvedAt!) : null;
  const acceptHours = r.acceptedAt ? hoursBetween(r.createdAt, r.acceptedAt) : null;
  const rated = Boolean(r.rating);
  return {
    v: FACTS_VERSION,
    day,
    week: isoWeek(day),
    category: r.category ?? r.matterCode ?? r.kind,
    finished: flag(finished),
    onTime: finished ? flag(Date.parse(r.resolvedAt!) <= Date.parse(r.dueAt)) : null,
    accepted: flag(Boolean(r.acceptedAt)),
    handlingHours,
    handlingBucket: handlingHours === null ? null : hoursBucket(handlingHours),
    acceptHours,
    acceptBucket: acceptHours === null ? null : hoursBucket(acceptHours),
    rated: flag(rated),
    satisfied: flag(rated && r.rating!.score >= SATISFIED_SCORE),
    unrated: flag(finished && !rated),
    reopened: flag((r.reopenCount ?? 0) > 0),
    hotCell: r.location ? hotCell(r.location) : null,
  };
}

/** ISO 8601 week of a date: `2026-W01` … (weeks start on Monday; week 1 holds the first Thursday). */
export function isoWeek(date: string): string {
  const back = { mon: 0, tue: 1, wed: 2, thu: 3, fri: 4, sat: 5, sun: 6 }[weekdayOf(date)];
  const thursday = addDays(date, 3 - back);
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor((Date.parse(`${thursday}T00:00:00Z`) - Date.parse(`${year}-01-01T00:00:00Z`)) / 86_400_000 / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** ~100 m cells: 0.001° of latitude is 111 m, of longitude ~95 m at 31° N. */
export const CELL_DEGREES = 0.001;
export function hotCell(p: { lat: number; lng: number }): string {
  return `${Math.round(p.lat / CELL_DEGREES)}_${Math.round(p.lng / CELL_DEGREES)}`;
}
export function cellCentre(cell: string): { lat: number; lng: number } {
  const [a, b] = cell.split('_').map(Number);
  return { lat: Math.round(a * CELL_DEGREES * 1e6) / 1e6, lng: Math.round(b * CELL_DEGREES * 1e6) / 1e6 };
}

/**
 * Histogram buckets for handling times (the lower bound, in hours): 1-hour buckets below 48 h,
 * 6-hour buckets below 7 days, daily buckets beyond. p90 is interpolated within its bucket, so it
 * is exact to the bucket's width (≤ 1 h for the common case, ≤ 6 h / 24 h for long tails).
 */
export function hoursBucket(h: number): number {
  if (h < 48) return Math.floor(h);
  if (h < 168) return 48 + Math.floor((h - 48) / 6) * 6;
  return Math.floor(h / 24) * 24;
}
export function bucketWidth(lower: number): number {
  return lower < 48 ? 1 : lower < 168 ? 6 : 24;
}

/** The q-quantile (0..1) of a histogram `{lower bound → count}`, linearly interpolated in its bucket; 0 when empty. */
export function quantileFromHistogram(buckets: ReadonlyArray<{ bucket: number; count: number }>, q: number): number {
  const sorted = buckets.filter((b) => b.count > 0).sort((a, b) => a.bucket - b.bucket);
  const total = sorted.reduce((n, b) => n + b.count, 0);
  if (!total) return 0;
  const target = q * total;
  let seen = 0;
  for (const b of sorted) {
    if (seen + b.count >= target) return round2(b.bucket + (bucketWidth(b.bucket) * (target - seen)) / b.count);
    seen += b.count;
  }
  const last = sorted[sorted.length - 1];
  return last.bucket + bucketWidth(last.bucket);
}

// ---------------------------------------------------------------- combining grouped rows

/** A grouped row as the store port returns it. */
export interface FactRow {
  key: Record<string, unknown>;
  count: number;
  sums: Record<string, number>;
  distinct?: Record<string, number>;
}

/** The sums every request group carries. */
export const FACT_SUMS = [
  'facts.finished',
  'facts.onTime',
  'facts.rated',
  'facts.satisfied',
  'facts.unrated',
  'facts.reopened',
  'facts.handlingHours',
] as const;

/** The dimensions of the request groups: field path in the document → MetricsView list. */
export const DIMENSIONS = {
  byCategory: 'facts.category',
  byGrid: 'gridCode',
  byWorker: 'assignee',
  byDepartment: 'department',
} as const;
export type Dimension = keyof typeof DIMENSIONS;

export const rate = (n: number, d: number) => (d > 0 ? round4(n / d) : 0);
const round2 = (x: number) => Math.round(x * 100) / 100;
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

interface Tally {
  total: number;
  finished: number;
  onTime: number;
  rated: number;
  satisfied: number;
  unrated: number;
  reopened: number;
  handlingHours: number;
  overdueNow: number;
}
const emptyTally = (): Tally => ({ total: 0, finished: 0, onTime: 0, rated: 0, satisfied: 0, unrated: 0, reopened: 0, handlingHours: 0, overdueNow: 0 });

function addRow(t: Tally, row: FactRow): void {
  const s = (k: string) => row.sums[k] ?? 0;
  t.total += row.count;
  t.finished += s('facts.finished');
  t.onTime += s('facts.onTime');
  t.rated += s('facts.rated');
  t.satisfied += s('facts.satisfied');
  t.unrated += s('facts.unrated');
  t.reopened += s('facts.reopened');
  t.handlingHours += s('facts.handlingHours');
}

function toRow(key: string, name: string, t: Tally): MetricsRow {
  return {
    key,
    name,
    total: t.total,
    resolved: t.finished,
    onTimeRate: rate(t.onTime, t.finished),
    satisfactionRate: rate(t.satisfied, t.rated),
    rated: t.rated,
    avgHandlingHours: t.finished ? round2(t.handlingHours / t.finished) : 0,
    overdueNow: t.overdueNow,
    reopenRate: rate(t.reopened, t.finished),
  };
}

/**
 * A grouping for the store to compute (structurally the store port's FacetSpec): counts per
 * distinct `by`, with sums and distinct counts; `where` narrows it within its collection's filter.
 */
export interface Grouping {
  by: string[];
  sum?: string[];
  distinct?: string[];
  where?: Record<string, unknown>;
}

/**
 * Open and past due at `now`: the one rule behind the dashboard's overdueNow and the overdue
 * filter of `admin.requests.list` (超期未办 4 → those four).
 */
export function overdueWhere(now: string) {
  return { status: { $in: [...OPEN_STATUSES] }, dueAt: { $lt: now } };
}

/**
 * Every grouping of a window's requests the dashboard reads, all answered by one pass of the store
 * (`groupMany`): one per breakdown, so nothing needs rolling up. `now` is the overdue cut-off.
 */
export function requestGroupings(now: string) {
  const dimension = (path: string) => ({ by: [path], sum: [...FACT_SUMS] });
  return {
    byCategory: dimension(DIMENSIONS.byCategory),
    byGrid: dimension(DIMENSIONS.byGrid),
    byWorker: dimension(DIMENSIONS.byWorker),
    byDepartment: dimension(DIMENSIONS.byDepartment),
    byDay: { by: ['facts.day'] },
    handling: { by: ['facts.handlingBucket'] },
    /** The null bucket holds the requests never accepted (their acceptHours add 0). */
    accept: { by: ['facts.acceptBucket'], sum: ['facts.acceptHours'] },
    /** Open and past due now, by all four dimensions at once (a small set). */
    overdue: { by: Object.values(DIMENSIONS), where: overdueWhere(now) },
    /** Cells × categories: the top cells and the top category of each. */
    cells: { by: ['facts.hotCell', DIMENSIONS.byCategory], where: { 'facts.hotCell': { $ne: null } } },
  } satisfies Record<string, Grouping>;
}

/** Walk-ins: outcomes per matter, and per matter the walk-ins of known residents and how many residents. */
export const WALKIN_GROUPINGS = {
  outcomes: { by: ['matterCode', 'outcome'] },
  residents: { by: ['matterCode'], distinct: ['resident.openid'], where: { 'resident.openid': { $exists: true, $ne: null } } },
} satisfies Record<string, Grouping>;

/** Grid visits: distinct days out and households visited per worker. */
export const VISIT_GROUPINGS = {
  byWorker: { by: ['worker'], distinct: ['date', 'household'] },
} satisfies Record<string, Grouping>;

/** The rows the store answers for each grouping of a set. */
export type Grouped<G> = { [K in keyof G]: FactRow[] };

export interface MetricsGroups {
  window: { from: string; to: string };
  generatedAt: string;
  communities: string[];
  /** The window's requests, walk-ins and grid visits, grouped as requestGroupings / WALKIN_GROUPINGS / VISIT_GROUPINGS say. */
  requests: Grouped<ReturnType<typeof requestGroupings>>;
  walkins: Grouped<typeof WALKIN_GROUPINGS>;
  visits: Grouped<typeof VISIT_GROUPINGS>;
  /** Length of the window in days (for the per-week/per-month visit rates). */
  windowDays: number;
  /** Workers whose visit targets are reported (every worker of the communities), with names. */
  workers: Array<{ openid: string; name: string }>;
  names: {
    category(code: string): string;
    grid(code: string): string;
    worker(openid: string): string;
    department(code: string): string;
    matter(code: string): string;
    /** A place people know near a point (a building, else the grid), if any. */
    place?(point: { lat: number; lng: number }): string | undefined;
  };
  visitTargets: { daysPerWeek: number; householdsPerMonth: number };
  hotSpotCount?: number;
}

/** Hot spots shown (cells and categories) unless a caller asks for another number. */
export const HOT_SPOT_COUNT = 10;

const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));

/** Grouped rows → the `admin.metrics` answer. Rates with a zero denominator are 0 (see MetricsView). */
export function combineMetrics(g: MetricsGroups): MetricsView {
  const top = g.hotSpotCount ?? HOT_SPOT_COUNT;
  const total = emptyTally();
  const dims = Object.fromEntries(Object.keys(DIMENSIONS).map((d) => [d, new Map<string, Tally>()])) as Record<Dimension, Map<string, Tally>>;
  const tallyOf = (d: Dimension, key: string) => {
    let t = dims[d].get(key);
    if (!t) dims[d].set(key, (t = emptyTally()));
    return t;
  };
  for (const [d, path] of Object.entries(DIMENSIONS) as [Dimension, string][]) {
    for (const row of g.requests[d]) {
      addRow(tallyOf(d, str(row.key[path])), row);
      if (d === 'byCategory') addRow(total, row);
    }
  }
  for (const row of g.requests.overdue) {
    total.overdueNow += row.count;
    for (const [d, path] of Object.entries(DIMENSIONS) as [Dimension, string][]) tallyOf(d, str(row.key[path])).overdueNow += row.count;
  }
  const namers: Record<Dimension, (k: string) => string> = {
    byCategory: g.names.category,
    byGrid: (k) => (k ? g.names.grid(k) : '未入网格'),
    byWorker: (k) => (k ? g.names.worker(k) : ''),
    // Requests never sent to a department have no row (filtered in `list`), so no fallback name.
    byDepartment: g.names.department,
  };
  const list = (d: Dimension) =>
    [...dims[d].entries()]
      .filter(([key]) => d !== 'byDepartment' || key !== '')
      .map(([key, t]) => toRow(key, namers[d](key), t))
      .sort((a, b) => b.total - a.total || (a.key < b.key ? -1 : 1));

  const hist = (rows: FactRow[], path: string) =>
    rows.filter((r) => typeof r.key[path] === 'number').map((r) => ({ bucket: r.key[path] as number, count: r.count }));
  const resolveHist = hist(g.requests.handling, 'facts.handlingBucket');
  const acceptHist = hist(g.requests.accept, 'facts.acceptBucket');
  const acceptCount = acceptHist.reduce((n, b) => n + b.count, 0);
  const acceptSum = g.requests.accept.reduce((n, r) => n + (r.sums['facts.acceptHours'] ?? 0), 0);
  const handling: HandlingStat[] = [
    { stage: 'accept', count: acceptCount, avgHours: acceptCount ? round2(acceptSum / acceptCount) : 0, p90Hours: quantileFromHistogram(acceptHist, 0.9) },
    { stage: 'resolve', count: total.finished, avgHours: total.finished ? round2(total.handlingHours / total.finished) : 0, p90Hours: quantileFromHistogram(resolveHist, 0.9) },
  ];

  // Walk-ins
  const walk = { total: 0, onTheSpot: 0, handoff: 0 };
  const perMatter = new Map<string, { walkins: number; residents: number; known: number }>();
  const matterOf = (code: string) => {
    let e = perMatter.get(code);
    if (!e) perMatter.set(code, (e = { walkins: 0, residents: 0, known: 0 }));
    return e;
  };
  for (const r of g.walkins.outcomes) {
    walk.total += r.count;
    if (r.key.outcome === 'onTheSpot') walk.onTheSpot += r.count;
    else if (r.key.outcome === 'handoff') walk.handoff += r.count;
    matterOf(str(r.key.matterCode)).walkins += r.count;
  }
  for (const r of g.walkins.residents) {
    const e = matterOf(str(r.key.matterCode));
    e.known += r.count;
    e.residents += r.distinct?.['resident.openid'] ?? 0;
  }

  // Hot spots: requests per cell, and the category with most requests in it (ties: the smaller code)
  const catCounts = list('byCategory').slice(0, top).map((r) => ({ key: r.key, name: r.name, count: r.total }));
  const perCell = new Map<string, { count: number; category: string; categoryCount: number }>();
  for (const r of g.requests.cells) {
    if (r.key['facts.hotCell'] === null || r.key['facts.hotCell'] === undefined) continue;
    const cell = str(r.key['facts.hotCell']);
    const category = str(r.key['facts.category']);
    const e = perCell.get(cell);
    if (!e) perCell.set(cell, { count: r.count, category, categoryCount: r.count });
    else {
      e.count += r.count;
      if (r.count > e.categoryCount || (r.count === e.categoryCount && category < e.category)) Object.assign(e, { category, categoryCount: r.count });
    }
  }
  const places = [...perCell.entries()]
    .sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1))
    .slice(0, top)
    .map(([cell, e]) => {
      const centre = cellCentre(cell);
      const name = g.names.place?.(centre);
      return { cell, ...centre, count: e.count, topCategory: e.category, topCategoryName: g.names.category(e.category), ...(name && { name }) };
    });

  // Visit targets
  const weeks = g.windowDays / 7;
  const months = g.windowDays / 30;
  const visited = new Map(g.visits.byWorker.map((r) => [str(r.key.worker), r.distinct ?? {}]));
  const everyone = new Map(g.workers.map((w) => [w.openid, w.name]));
  for (const openid of visited.keys()) if (!everyone.has(openid)) everyone.set(openid, g.names.worker(openid));
  const visitWorkers = [...everyone.entries()]
    .map(([openid, name]) => {
      const d = visited.get(openid)?.date ?? 0;
      const h = visited.get(openid)?.household ?? 0;
      const daysPerWeek = weeks > 0 ? round2(d / weeks) : 0;
      const householdsPerMonth = months > 0 ? round2(h / months) : 0;
      return {
        openid,
        name,
        days: d,
        households: h,
        daysPerWeek,
        householdsPerMonth,
        meetsDays: daysPerWeek >= g.visitTargets.daysPerWeek,
        meetsHouseholds: householdsPerMonth >= g.visitTargets.householdsPerMonth,
      };
    })
    .sort((a, b) => (a.openid < b.openid ? -1 : 1));

  const byDay = g.requests.byDay.map((r) => ({ date: str(r.key['facts.day']), count: r.count })).sort((a, b) => (a.date < b.date ? -1 : 1));
  // Days come in order, so their ISO weeks do too.
  const byWeek = new Map<string, number>();
  for (const { date, count } of byDay) {
    const week = isoWeek(date);
    byWeek.set(week, (byWeek.get(week) ?? 0) + count);
  }

  return {
    from: g.window.from,
    to: g.window.to,
    generatedAt: g.generatedAt,
    communities: g.communities,
    total: total.total,
    resolved: total.finished,
    onTimeRate: rate(total.onTime, total.finished),
    satisfactionRate: rate(total.satisfied, total.rated),
    onTheSpotRate: rate(walk.onTheSpot, walk.total),
    avgHandlingHours: handling[1].avgHours,
    finished: total.finished,
    onTime: total.onTime,
    rated: total.rated,
    satisfied: total.satisfied,
    unratedShare: rate(total.unrated, total.finished),
    reopenRate: rate(total.reopened, total.finished),
    reopened: total.reopened,
    overdueNow: total.overdueNow,
    p90HandlingHours: handling[1].p90Hours,
    handling,
    walkins: walk,
    tripsByMatter: [...perMatter.entries()]
      .map(([matterCode, e]) => ({ matterCode, title: g.names.matter(matterCode), walkins: e.walkins, residents: e.residents, tripsPerResident: e.residents ? round2(e.known / e.residents) : 0 }))
      .sort((a, b) => b.walkins - a.walkins || (a.matterCode < b.matterCode ? -1 : 1)),
    volume: { byDay, byWeek: [...byWeek].map(([week, count]) => ({ week, count })) },
    byCategory: list('byCategory'),
    byGrid: list('byGrid'),
    byWorker: list('byWorker'),
    byDepartment: list('byDepartment'),
    hotSpots: { categories: catCounts, places },
    visitTargets: { ...g.visitTargets, workers: visitWorkers },
  };
}
