import {
  bucketWidth,
  combineMetrics,
  hoursBucket,
  metricFacts,
  quantileFromHistogram,
  requestGroupings,
  type FactRow,
  type FactSource,
  type MetricsGroups,
} from '@qgt/shared/domain/metrics';

/**
 * The edges of the metric arithmetic that metrics.test.ts's data sets do not reach (each case here
 * kills a mutant that survived `npm run mutation -- --mutate shared/src/domain/metrics.ts`): exact
 * boundaries, rows arriving in no particular order, ties, nulls, and the limits of the lists.
 * combineMetrics is fed grouped rows directly, in the order a store may return them.
 */

const row = (key: Record<string, unknown>, count: number, sums: Record<string, number> = {}, distinct?: Record<string, number>): FactRow => ({
  key,
  count,
  sums,
  ...(distinct && { distinct }),
});

const NAMES: MetricsGroups['names'] = { category: (c) => `cat:${c}`, grid: (c) => `grid:${c}`, worker: (o) => `name:${o}`, department: (c) => `dept:${c}`, matter: (c) => `matter:${c}` };

type Over = Partial<Omit<MetricsGroups, 'requests' | 'walkins' | 'visits'>> & {
  requests?: Partial<MetricsGroups['requests']>;
  walkins?: Partial<MetricsGroups['walkins']>;
  visits?: Partial<MetricsGroups['visits']>;
};

function combine(over: Over = {}) {
  const { requests, walkins, visits, ...rest } = over;
  return combineMetrics({
    window: { from: '2026-10-11T16:00:00.000Z', to: '2026-10-18T16:00:00.000Z' },
    generatedAt: '2026-10-20T02:00:00.000Z',
    communities: ['c1'],
    windowDays: 7,
    workers: [],
    names: NAMES,
    visitTargets: { daysPerWeek: 3, householdsPerMonth: 50 },
    ...rest,
    requests: { byCategory: [], byGrid: [], byWorker: [], byDepartment: [], byDay: [], handling: [], accept: [], overdue: [], cells: [], ...requests },
    walkins: { outcomes: [], residents: [], ...walkins },
    visits: { byWorker: [], ...visits },
  });
}

const base: FactSource = { kind: 'report', status: 'resolved', category: 'shizheng', dueAt: '2026-10-14T16:00:00.000Z', createdAt: '2026-10-12T02:00:00.000Z' };

describe('metricFacts at its edges', () => {
  it('finished needs both a finished status and resolvedAt', () => {
    // A request sent back (reopened) keeps its old resolvedAt but is open again.
    const reopened = metricFacts({ ...base, status: 'assigned', resolvedAt: '2026-10-13T02:00:00.000Z' });
    expect(reopened).toMatchObject({ finished: 0, onTime: null, handlingHours: null, handlingBucket: null, unrated: 0 });
    // A resolved status without its time (an old document) does not count as finished either.
    expect(metricFacts({ ...base, status: 'resolved' })).toMatchObject({ finished: 0, onTime: null, unrated: 0 });
    expect(metricFacts({ ...base, status: 'closed', resolvedAt: '2026-10-13T02:00:00.000Z' })).toMatchObject({ finished: 1, unrated: 1 });
  });

  it('resolved exactly at the deadline is on time', () => {
    expect(metricFacts({ ...base, resolvedAt: base.dueAt }).onTime).toBe(1);
    expect(metricFacts({ ...base, resolvedAt: '2026-10-14T16:00:00.001Z' }).onTime).toBe(0);
  });

  it('an open, never accepted request has no buckets (null, not bucket 0)', () => {
    expect(metricFacts({ ...base, status: 'submitted' })).toStrictEqual({
      v: 1,
      day: '2026-10-12',
      week: '2026-W42',
      category: 'shizheng',
      finished: 0,
      onTime: null,
      accepted: 0,
      handlingHours: null,
      handlingBucket: null,
      acceptHours: null,
      acceptBucket: null,
      rated: 0,
      satisfied: 0,
      unrated: 0,
      reopened: 0,
      hotCell: null,
    });
  });

  it('the category falls back to the matter, then to the kind', () => {
    expect(metricFacts({ ...base, category: undefined, matterCode: 'm1' }).category).toBe('m1');
    expect(metricFacts({ ...base, category: undefined, kind: 'booking' }).category).toBe('booking');
  });
});

describe('hour buckets and their widths', () => {
  it('widths change exactly at 48 h and 168 h', () => {
    expect([0, 47, 48, 162, 167, 168, 192].map(bucketWidth)).toEqual([1, 1, 6, 6, 6, 24, 24]);
    expect([47.99, 48, 167.99, 168].map(hoursBucket)).toEqual([47, 48, 162, 168]);
  });
});

describe('quantileFromHistogram at its edges', () => {
  it('reads buckets in any order', () => {
    expect(quantileFromHistogram([{ bucket: 5, count: 1 }, { bucket: 0, count: 9 }], 0.9)).toBe(1);
    expect(quantileFromHistogram([{ bucket: 5, count: 9 }, { bucket: 0, count: 1 }], 0.1)).toBe(1);
  });

  it('a quantile landing exactly on a bucket end stays in that bucket', () => {
    expect(quantileFromHistogram([{ bucket: 0, count: 1 }, { bucket: 10, count: 1 }], 0.5)).toBe(1);
  });

  it('skips empty buckets (q = 0 is the lowest non-empty bucket)', () => {
    expect(quantileFromHistogram([{ bucket: 0, count: 0 }, { bucket: 5, count: 2 }], 0)).toBe(5);
    expect(quantileFromHistogram([{ bucket: 3, count: 0 }], 0.5)).toBe(0);
  });

  it('past the last value (q > 1) it answers the top of the last bucket', () => {
    expect(quantileFromHistogram([{ bucket: 50, count: 1 }, { bucket: 2, count: 1 }], 1.5)).toBe(56);
  });
});

describe('requestGroupings', () => {
  it('hot-spot cells group only located requests', () => {
    expect(requestGroupings('2026-10-20T02:00:00.000Z').cells).toStrictEqual({ by: ['facts.hotCell', 'facts.category'], where: { 'facts.hotCell': { $ne: null } } });
  });
});

describe('combineMetrics at its edges', () => {
  const sums = (finished: number) => ({ 'facts.finished': finished });

  it('orders every breakdown largest first, ties by code, whatever order the rows came in', () => {
    const m = combine({
      requests: {
        byCategory: [row({ 'facts.category': 'c' }, 3), row({ 'facts.category': 'a' }, 1), row({ 'facts.category': 'b' }, 3)],
        byGrid: [row({ gridCode: 'G9' }, 1), row({ gridCode: 'G2' }, 2), row({ gridCode: 'G1' }, 1)],
        // Ties that arrive already in order stay in order.
        byWorker: [row({ assignee: 'w1' }, 1), row({ assignee: 'w2' }, 1)],
      },
    });
    expect(m.byWorker.map((r) => r.key)).toEqual(['w1', 'w2']);
    expect(m.byCategory.map((r) => r.key)).toEqual(['b', 'c', 'a']);
    expect(m.byGrid.map((r) => r.key)).toEqual(['G2', 'G1', 'G9']);
  });

  it('a request in no grid, with no worker or department: 未入网格, an empty name, no department row', () => {
    const m = combine({
      requests: {
        byGrid: [row({ gridCode: null }, 2)],
        byWorker: [row({}, 2)],
        byDepartment: [row({ department: null }, 2), row({ department: 'cg' }, 1, sums(1))],
      },
    });
    expect(m.byGrid.map((r) => [r.key, r.name])).toEqual([['', '未入网格']]);
    expect(m.byWorker.map((r) => [r.key, r.name])).toEqual([['', '']]);
    expect(m.byDepartment.map((r) => [r.key, r.name, r.resolved])).toEqual([['cg', 'dept:cg', 1]]);
  });

  it('overdue-now counts in the total and in the row of each dimension it belongs to', () => {
    const m = combine({
      requests: {
        byCategory: [row({ 'facts.category': 'a' }, 5)],
        byGrid: [row({ gridCode: 'G1' }, 3), row({ gridCode: 'G2' }, 2)],
        overdue: [row({ 'facts.category': 'a', gridCode: 'G1', assignee: 'w1', department: null }, 2)],
      },
    });
    expect(m.overdueNow).toBe(2);
    expect(m.byCategory[0].overdueNow).toBe(2);
    expect(m.byGrid.map((r) => [r.key, r.overdueNow])).toEqual([['G1', 2], ['G2', 0]]);
    expect(m.byWorker.map((r) => [r.key, r.overdueNow])).toEqual([['w1', 2]]);
  });

  it('accept times count only accepted requests (the null bucket is the never accepted)', () => {
    const m = combine({ requests: { accept: [row({ 'facts.acceptBucket': null }, 4), row({ 'facts.acceptBucket': 2 }, 2, { 'facts.acceptHours': 5 })] } });
    expect(m.handling[0]).toEqual({ stage: 'accept', count: 2, avgHours: 2.5, p90Hours: 2.9 });
  });

  it('walk-ins: outcomes other than on-the-spot and handoff count in the total only; a group without distinct counts adds no residents', () => {
    const m = combine({
      walkins: {
        outcomes: [row({ matterCode: 'm1', outcome: 'onTheSpot' }, 2), row({ matterCode: 'm1', outcome: 'booked' }, 1), row({ matterCode: 'm2', outcome: 'handoff' }, 3)],
        residents: [row({ matterCode: 'm1' }, 2)],
      },
    });
    expect(m.walkins).toEqual({ total: 6, onTheSpot: 2, handoff: 3 });
    expect(m.tripsByMatter).toEqual([
      { matterCode: 'm1', title: 'matter:m1', walkins: 3, residents: 0, tripsPerResident: 0 },
      { matterCode: 'm2', title: 'matter:m2', walkins: 3, residents: 0, tripsPerResident: 0 },
    ]);
  });

  it('trips per matter: most walk-ins first, ties by code', () => {
    const m = combine({
      walkins: { outcomes: [row({ matterCode: 'z', outcome: 'onTheSpot' }, 1), row({ matterCode: 'b', outcome: 'onTheSpot' }, 4), row({ matterCode: 'a', outcome: 'onTheSpot' }, 1)] },
    });
    expect(m.tripsByMatter.map((t) => t.matterCode)).toEqual(['b', 'a', 'z']);
  });

  it('hot spots: ten by default, the limit applies to categories and cells, cells without a point are skipped', () => {
    const cats = Array.from({ length: 12 }, (_, i) => row({ 'facts.category': `k${String(i).padStart(2, '0')}` }, 12 - i));
    const cells = Array.from({ length: 12 }, (_, i) => row({ 'facts.hotCell': `1_${i}`, 'facts.category': 'k00' }, i + 1));
    const m = combine({ requests: { byCategory: cats, cells: [row({ 'facts.hotCell': null, 'facts.category': 'k00' }, 99), row({ 'facts.category': 'k00' }, 98), ...cells] } });
    expect(m.hotSpots.categories).toHaveLength(10);
    expect(m.hotSpots.places.map((p) => p.cell)).toEqual(Array.from({ length: 10 }, (_, i) => `1_${11 - i}`));
    const two = combine({ hotSpotCount: 2, requests: { byCategory: cats, cells } });
    expect(two.hotSpots.categories.map((c) => c.key)).toEqual(['k00', 'k01']);
    expect(two.hotSpots.places.map((p) => [p.cell, p.count])).toEqual([['1_11', 12], ['1_10', 11]]);
  });

  it("a cell's top category is the one with most requests there, ties to the smaller code; cells tie by id", () => {
    const m = combine({
      requests: {
        cells: [
          row({ 'facts.hotCell': '2_2', 'facts.category': 'b' }, 2),
          row({ 'facts.hotCell': '2_2', 'facts.category': 'c' }, 3),
          row({ 'facts.hotCell': '2_2', 'facts.category': 'a' }, 1),
          row({ 'facts.hotCell': '1_1', 'facts.category': 'b' }, 2),
          row({ 'facts.hotCell': '1_1', 'facts.category': 'a' }, 2),
          row({ 'facts.hotCell': '1_1', 'facts.category': 'c' }, 2),
          row({ 'facts.hotCell': '3_3', 'facts.category': 'c' }, 2),
          row({ 'facts.hotCell': '3_3', 'facts.category': 'b' }, 4),
        ],
      },
      names: { ...NAMES, place: (p) => (p.lat === 0.002 ? '2号楼附近' : undefined) },
    });
    expect(m.hotSpots.places).toStrictEqual([
      { cell: '1_1', lat: 0.001, lng: 0.001, count: 6, topCategory: 'a', topCategoryName: 'cat:a' },
      { cell: '2_2', lat: 0.002, lng: 0.002, count: 6, topCategory: 'c', topCategoryName: 'cat:c', name: '2号楼附近' },
      { cell: '3_3', lat: 0.003, lng: 0.003, count: 6, topCategory: 'b', topCategoryName: 'cat:b' },
    ]);
  });

  it('volume by day in date order, whatever order the store answered', () => {
    const m = combine({ requests: { byDay: [row({ 'facts.day': '2026-10-14' }, 1), row({ 'facts.day': '2026-10-12' }, 2), row({ 'facts.day': '2026-10-13' }, 3)] } });
    expect(m.volume.byDay.map((d) => d.date)).toEqual(['2026-10-12', '2026-10-13', '2026-10-14']);
  });

  it('visit targets: workers in openid order, visitors off the roster named too, a target met exactly is met', () => {
    const m = combine({
      windowDays: 30,
      workers: [{ openid: 'w3', name: '王五' }, { openid: 'w1', name: '张三' }],
      visits: { byWorker: [row({ worker: 'w2' }, 9, {}, { date: 13, household: 50 }), row({ worker: 'w1' }, 1, {}, { date: 1, household: 1 })] },
    });
    expect(m.visitTargets.workers.map((w) => [w.openid, w.name, w.householdsPerMonth, w.meetsHouseholds])).toEqual([
      ['w1', '张三', 1, false],
      ['w2', 'name:w2', 50, true],
      ['w3', '王五', 0, false],
    ]);
    expect(m.visitTargets.workers[1].daysPerWeek).toBe(3.03);
  });

  it('a zero-length window gives zero rates, not NaN or Infinity', () => {
    const m = combine({ windowDays: 0, visits: { byWorker: [row({ worker: 'w1' }, 1, {}, { date: 2, household: 3 })] } });
    expect(m.visitTargets.workers[0]).toMatchObject({ daysPerWeek: 0, householdsPerMonth: 0 });
  });
});
