import {
  combineMetrics,
  hoursBucket,
  isoWeek,
  metricFacts,
  quantileFromHistogram,
  requestGroupings,
  VISIT_GROUPINGS,
  WALKIN_GROUPINGS,
  type FactSource,
  type MetricsGroups,
} from '@qgt/shared/domain/metrics';
import type { Filter } from '../../../cloudfunctions/lib/store/port';
import { groupDocs } from '../../../cloudfunctions/lib/store/embedded/grouping';
import { metricsWindow } from '../../../cloudfunctions/lib/metrics/metrics';

/**
 * Metric arithmetic on hand-built data sets: requests → facts → the dashboard's groupings
 * (computed by the embedded store's in-memory engine, as groupMany does) → combineMetrics.
 * Literal times, Asia/Shanghai.
 */

const base: FactSource = { kind: 'report', status: 'assigned', category: 'shizheng', dueAt: '2026-10-14T16:00:00.000Z', createdAt: '2026-10-12T02:00:00.000Z' };
type Req = FactSource & { _id: string; community: string; gridCode?: string; assignee: string; department?: string };
let n = 0;
const req = (over: Partial<Req> = {}): Req => ({ ...base, _id: `r${++n}`, community: 'c1', gridCode: 'G1', assignee: 'w1', ...over });
const done = (hours: number, over: Partial<Req> = {}): Req =>
  req({ status: 'resolved', acceptedAt: '2026-10-12T03:00:00.000Z', resolvedAt: new Date(Date.parse(base.createdAt) + hours * 3_600_000).toISOString(), ...over });

const NAMES: MetricsGroups['names'] = { category: (c) => `cat:${c}`, grid: (c) => `grid:${c}`, worker: (o) => `name:${o}`, department: (c) => `dept:${c}`, matter: (c) => `matter:${c}` };

/** What computeMetrics does, over plain arrays. */
function metricsOf(
  requests: Req[],
  opts: { from?: string; to?: string; now?: string; walkins?: Array<Record<string, unknown>>; visits?: Array<Record<string, unknown>>; workers?: string[] } = {},
) {
  const w = metricsWindow(opts.from ?? '2026-10-12', opts.to ?? '2026-10-18');
  const now = opts.now ?? '2026-10-20T02:00:00.000Z';
  const docs = requests.map((r) => ({ ...r, facts: metricFacts(r) }));
  const inWindow: Filter = { createdAt: { $gte: w.from, $lt: w.to }, community: { $in: ['c1'] } };
  const visitsIn: Filter = { date: { $gte: w.fromDate, $lte: w.toDate } };
  return combineMetrics({
    window: { from: w.from, to: w.to },
    generatedAt: now,
    communities: ['c1'],
    requests: groupDocs(docs, inWindow, requestGroupings(now)),
    walkins: groupDocs(opts.walkins ?? [], {}, WALKIN_GROUPINGS),
    visits: groupDocs(opts.visits ?? [], visitsIn, VISIT_GROUPINGS),
    windowDays: w.days,
    workers: (opts.workers ?? []).map((openid) => ({ openid, name: `name:${openid}` })),
    names: NAMES,
    visitTargets: { daysPerWeek: 3, householdsPerMonth: 50 },
  });
}

describe('metricFacts', () => {
  it('derives the local day and ISO week, and nothing finished for an open request', () => {
    // 2026-10-11T17:00Z is 01:00 on Monday 12 October in Shanghai.
    expect(metricFacts({ ...base, createdAt: '2026-10-11T17:00:00.000Z' })).toMatchObject({
      day: '2026-10-12', week: '2026-W42', finished: 0, onTime: null, handlingHours: null, rated: 0, satisfied: 0, unrated: 0, hotCell: null,
    });
  });

  it('a resolved request: on time, handling hours and its bucket; a rating ≥ 4 is satisfied', () => {
    const f = metricFacts({ ...done(5.5), rating: { score: 4 }, location: { lat: 30.99049, lng: 103.62551 } });
    expect(f).toMatchObject({ finished: 1, onTime: 1, handlingHours: 5.5, handlingBucket: 5, acceptHours: 1, rated: 1, satisfied: 1, unrated: 0, hotCell: '30990_103626' });
    expect(metricFacts({ ...done(80), rating: { score: 3 } })).toMatchObject({ onTime: 0, satisfied: 0, handlingBucket: 78 });
  });

  it('ISO weeks across the year end', () => {
    expect([isoWeek('2026-01-01'), isoWeek('2027-01-01'), isoWeek('2026-12-28'), isoWeek('2025-12-29')]).toEqual(['2026-W01', '2026-W53', '2026-W53', '2026-W01']);
  });

  it('hour buckets: 1 h below 48 h, 6 h below a week, then days', () => {
    expect([0.2, 47.9, 48, 53.9, 54, 167, 168, 200].map(hoursBucket)).toEqual([0, 47, 48, 48, 54, 162, 168, 192]);
  });
});

describe('quantileFromHistogram', () => {
  it('is 0 for nothing, and interpolates within the bucket', () => {
    expect(quantileFromHistogram([], 0.9)).toBe(0);
    // 10 values in [0,1), 10 in [1,2): the 18th of 20 is 80 % into the second bucket.
    expect(quantileFromHistogram([{ bucket: 0, count: 10 }, { bucket: 1, count: 10 }], 0.9)).toBe(1.8);
    expect(quantileFromHistogram([{ bucket: 168, count: 1 }], 0.9)).toBe(189.6);
  });
});

describe('combineMetrics', () => {
  it('an empty window: every count and rate 0, empty lists', () => {
    const m = metricsOf([req({ createdAt: '2026-09-01T02:00:00.000Z' })]);
    expect(m).toMatchObject({ total: 0, resolved: 0, onTimeRate: 0, satisfactionRate: 0, onTheSpotRate: 0, avgHandlingHours: 0, unratedShare: 0, reopenRate: 0, overdueNow: 0, p90HandlingHours: 0 });
    expect([m.byCategory, m.byGrid, m.byWorker, m.byDepartment, m.volume.byDay]).toEqual([[], [], [], [], []]);
  });

  it('nothing rated: satisfactionRate 0 with rated 0, unratedShare 1', () => {
    const m = metricsOf([done(2), done(4), req()]);
    expect(m).toMatchObject({ total: 3, resolved: 2, rated: 0, satisfactionRate: 0, unratedShare: 1, onTimeRate: 1, avgHandlingHours: 3 });
  });

  it('all late: onTimeRate 0; open and past due now counts as overdue', () => {
    const m = metricsOf([done(100), done(120), req({ status: 'accepted' })], { now: '2026-10-20T02:00:00.000Z' });
    expect(m).toMatchObject({ onTimeRate: 0, resolved: 2, overdueNow: 1, avgHandlingHours: 110 });
    expect(metricsOf([req()], { now: '2026-10-13T02:00:00.000Z' }).overdueNow).toBe(0);
  });

  it('satisfaction over rated requests only; reopen rate over finished ones', () => {
    const m = metricsOf([
      done(2, { rating: { score: 5 } }),
      done(2, { rating: { score: 4 } }),
      done(2, { rating: { score: 3 } }),
      done(2, { status: 'closed', reopenCount: 1, rating: { score: 1 } }),
      done(2),
    ]);
    expect(m).toMatchObject({ rated: 4, satisfied: 2, satisfactionRate: 0.5, unratedShare: 0.2, reopened: 1, reopenRate: 0.2 });
  });

  it('requests spanning the window belong by createdAt: [from, to) with `to` an inclusive local date', () => {
    const rs = [
      req({ createdAt: '2026-10-11T15:59:59.999Z' }), // 23:59 on the 11th, local: before
      req({ createdAt: '2026-10-11T16:00:00.000Z' }), // 00:00 on the 12th: in
      done(200, { createdAt: '2026-10-18T15:59:00.000Z' }), // 23:59 on the 18th, resolved after the window: in
      req({ createdAt: '2026-10-18T16:00:00.000Z' }), // the 19th: out
    ];
    const m = metricsOf(rs);
    expect(m.total).toBe(2);
    expect(m.volume.byDay).toEqual([{ date: '2026-10-12', count: 1 }, { date: '2026-10-18', count: 1 }]);
    expect(m.volume.byWeek).toEqual([{ week: '2026-W42', count: 2 }]);
    expect(metricsOf(rs, { from: '2026-10-11T16:00:00Z', to: '2026-10-11T16:00:01Z' }).total).toBe(1);
  });

  it('breaks down by category, grid, worker and department, largest first, with names', () => {
    const m = metricsOf([
      done(2, { category: 'huanjing', gridCode: 'G2', assignee: 'w2', department: 'chengguan' }),
      done(10, { category: 'huanjing', gridCode: 'G2', assignee: 'w2', rating: { score: 5 } }),
      req({ gridCode: undefined, assignee: 'admin' }),
    ]);
    expect(m.byCategory.map((r) => [r.key, r.name, r.total, r.resolved, r.avgHandlingHours])).toEqual([['huanjing', 'cat:huanjing', 2, 2, 6], ['shizheng', 'cat:shizheng', 1, 0, 0]]);
    expect(m.byGrid.map((r) => [r.key, r.name, r.total])).toEqual([['G2', 'grid:G2', 2], ['', '未入网格', 1]]);
    expect(m.byWorker.map((r) => [r.key, r.total, r.satisfactionRate])).toEqual([['w2', 2, 1], ['admin', 1, 0]]);
    expect(m.byDepartment.map((r) => [r.key, r.name, r.total])).toEqual([['chengguan', 'dept:chengguan', 1]]);
  });

  it('handling time: average and p90 per stage', () => {
    const rs = Array.from({ length: 10 }, (_, i) => done(i + 0.5)); // 0.5 … 9.5 h, accepted after 1 h
    const m = metricsOf(rs);
    expect(m.avgHandlingHours).toBe(5);
    expect(m.p90HandlingHours).toBe(9);
    expect(m.handling).toEqual([
      { stage: 'accept', count: 10, avgHours: 1, p90Hours: 1.9 },
      { stage: 'resolve', count: 10, avgHours: 5, p90Hours: 9 },
    ]);
  });

  it('on-the-spot rate and trips per matter from walk-ins', () => {
    const walkins = [
      { matterCode: 'm1', outcome: 'onTheSpot', resident: { openid: 'a' } },
      { matterCode: 'm1', outcome: 'handoff', resident: { openid: 'a' } },
      { matterCode: 'm1', outcome: 'onTheSpot', resident: { openid: 'b' } },
      { matterCode: 'm2', outcome: 'onTheSpot' },
    ];
    const m = metricsOf([], { walkins });
    expect(m.onTheSpotRate).toBe(0.75);
    expect(m.walkins).toEqual({ total: 4, onTheSpot: 3, handoff: 1 });
    expect(m.tripsByMatter).toEqual([
      { matterCode: 'm1', title: 'matter:m1', walkins: 3, residents: 2, tripsPerResident: 1.5 },
      { matterCode: 'm2', title: 'matter:m2', walkins: 1, residents: 0, tripsPerResident: 0 },
    ]);
    expect(metricsOf([]).onTheSpotRate).toBe(0);
  });

  it('hot spots: top categories and ~100 m cells with their top category', () => {
    const p = { lat: 30.9901, lng: 103.6259 };
    const m = metricsOf([req({ location: p }), req({ location: { lat: 30.99014, lng: 103.62595 }, category: 'huanjing' }), req({ location: p }), req({ location: { lat: 31, lng: 103.6 } })]);
    expect(m.hotSpots.places[0]).toEqual({ cell: '30990_103626', lat: 30.99, lng: 103.626, count: 3, topCategory: 'shizheng', topCategoryName: expect.any(String) });
    expect(m.hotSpots.places).toHaveLength(2);
    expect(m.hotSpots.categories[0]).toEqual({ key: 'shizheng', name: 'cat:shizheng', count: 3 });
  });

  it('visit targets: days per week and households per month against 3 and 50', () => {
    // One week (7 days): w1 out on 3 days, 12 distinct households; w2 never.
    const visits = ['2026-10-12', '2026-10-13', '2026-10-14'].flatMap((date, d) =>
      Array.from({ length: 4 }, (_, h) => ({ worker: 'w1', date, household: `H${d * 4 + h}` })),
    );
    const m = metricsOf([], { visits: [...visits, { worker: 'w1', date: '2026-10-30', household: 'X' }], workers: ['w1', 'w2'] });
    expect(m.visitTargets.workers).toEqual([
      { openid: 'w1', name: 'name:w1', days: 3, households: 12, daysPerWeek: 3, householdsPerMonth: 51.43, meetsDays: true, meetsHouseholds: true },
      { openid: 'w2', name: 'name:w2', days: 0, households: 0, daysPerWeek: 0, householdsPerMonth: 0, meetsDays: false, meetsHouseholds: false },
    ]);
  });
});

describe('metricsWindow', () => {
  it('local dates, `to` inclusive; instants as given; refuses reversed and over-long windows', () => {
    expect(metricsWindow('2026-10-12', '2026-10-12')).toEqual({ from: '2026-10-11T16:00:00.000Z', to: '2026-10-12T16:00:00.000Z', fromDate: '2026-10-12', toDate: '2026-10-12', days: 1 });
    expect(metricsWindow('2026-10-12T08:00', '2026-10-12T10:00:00Z')).toMatchObject({ from: '2026-10-12T00:00:00.000Z', to: '2026-10-12T10:00:00.000Z' });
    expect(() => metricsWindow('2026-10-12', '2026-10-11')).toThrow();
    expect(() => metricsWindow('2025-01-01', '2026-12-31')).toThrow();
  });
});
