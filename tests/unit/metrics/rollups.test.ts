import fc from 'fast-check';
import { combineMetrics, requestGroupings, type MetricsGroups } from '@qgt/shared/domain/metrics';
import { periodsOf } from '@qgt/shared/domain/metricsRollup';
import { addDays } from '@qgt/shared/domain/calendar';
import { openEmbeddedStore } from '../../../cloudfunctions/lib/store/embedded';
import type { Store } from '../../../cloudfunctions/lib/store/port';
import { requests, saveTransition, type RequestDoc } from '../../../cloudfunctions/lib/requests/store';
import { groupWindowRequests, refreshRollups } from '../../../cloudfunctions/lib/metrics/rollups';
import { METRIC_ROLLUPS } from '../../../cloudfunctions/lib/metrics/rollupMarks';
import { metricsWindow } from '../../../cloudfunctions/lib/metrics/metrics';

/**
 * Rollups are a cache: for random requests, random transitions between metrics calls (which build
 * and read rollups) and random windows, the rollup answer equals one live grouping of the window.
 */

const DAY = 86_400_000;
const START = Date.parse('2026-01-20T00:00:00Z');
const NOW = new Date('2026-04-10T03:00:00Z');
const NAMES: MetricsGroups['names'] = { category: (c) => c, grid: (c) => c, worker: (o) => o, department: (c) => c, matter: (c) => c };

const view = (communities: string[], window: { from: string; to: string }, grouped: MetricsGroups['requests']) =>
  combineMetrics({
    window,
    generatedAt: NOW.toISOString(),
    communities,
    requests: grouped,
    walkins: { outcomes: [], residents: [] },
    visits: { byWorker: [] },
    windowDays: 1,
    workers: [],
    names: NAMES,
    visitTargets: { daysPerWeek: 3, householdsPerMonth: 50 },
  });

async function live(store: Store, communities: string[], window: { from: string; to: string }) {
  return requests(store).groupMany({ createdAt: { $gte: window.from, $lt: window.to }, community: { $in: communities } }, requestGroupings(NOW.toISOString()));
}

const iso = (ms: number) => new Date(ms).toISOString();

const requestArb = fc.record({
  community: fc.constantFrom('c1', 'c2', 'c3'),
  /** Hours after START: ~80 days, across month ends. */
  hour: fc.integer({ min: 0, max: 80 * 24 }),
  category: fc.constantFrom('a', 'b', 'c'),
  grid: fc.constantFrom('G1', 'G2', undefined),
  assignee: fc.constantFrom('w1', 'w2', 'w3'),
  // More cells than the hot spots show (10), so the top cells are a choice, ties included.
  cell: fc.option(fc.integer({ min: 0, max: 14 }), { nil: undefined }),
});

/** A change a transition could make: status, times, rating, re-assignment, re-gridding, escalation. */
const changeArb = fc.record({
  index: fc.nat(),
  status: fc.constantFrom('assigned', 'accepted', 'resolved', 'closed'),
  acceptAfter: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
  resolveAfter: fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }),
  score: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
  assignee: fc.constantFrom('w1', 'w2', 'w4'),
  grid: fc.constantFrom('G1', 'G3', undefined),
  department: fc.constantFrom(undefined, 'd1'),
  remove: fc.boolean(),
});

const windowArb = fc.oneof(
  // Local dates (whole days, months inside)
  fc.tuple(fc.integer({ min: 0, max: 80 }), fc.integer({ min: 0, max: 80 })).map(([a, b]) => {
    const from = addDays('2026-01-20', Math.min(a, b));
    return { from, to: addDays('2026-01-20', Math.max(a, b)) };
  }),
  // Instants (partial days at both ends)
  fc.tuple(fc.integer({ min: 0, max: 80 * 24 * 60 }), fc.integer({ min: 1, max: 80 * 24 * 60 })).map(([a, len]) => ({ from: iso(START + a * 60_000), to: iso(START + (a + len) * 60_000) })),
);

type ArbValue<A> = A extends fc.Arbitrary<infer T> ? T : never;

let seq = 0;
function newRequest(r: ArbValue<typeof requestArb>): RequestDoc {
  const createdAt = iso(START + r.hour * 3_600_000);
  return {
    _id: `R${++seq}`,
    id: `R${seq}`,
    kind: 'report',
    status: 'assigned',
    owner: 'u1',
    category: r.category,
    description: '',
    photos: [],
    community: r.community,
    ...(r.grid && { gridCode: r.grid }),
    assignee: r.assignee,
    ...(r.cell !== undefined && { location: { lat: 30 + r.cell * 0.01, lng: 104 } }),
    dueAt: iso(START + r.hour * 3_600_000 + 72 * 3_600_000),
    createdAt,
    version: 1,
    timeline: [],
    title: 't',
    emittedLevels: [],
  } as unknown as RequestDoc;
}

async function transition(store: Store, c: ArbValue<typeof changeArb>): Promise<void> {
  const all = await requests(store).find({}, { limit: 1000 });
  if (!all.length) return;
  const prev = all[c.index % all.length];
  if (c.remove) {
    await requests(store).removeById(prev._id);
    return;
  }
  const created = Date.parse(prev.createdAt);
  const next = {
    ...prev,
    status: c.status,
    assignee: c.assignee,
    gridCode: c.grid,
    department: c.department,
    acceptedAt: c.acceptAfter === undefined ? undefined : iso(created + c.acceptAfter * 3_600_000),
    resolvedAt: c.resolveAfter === undefined || c.status === 'assigned' || c.status === 'accepted' ? undefined : iso(created + c.resolveAfter * 3_600_000),
    rating: c.score === undefined ? undefined : { score: c.score, at: prev.createdAt },
    reopenCount: c.score !== undefined && c.score < 3 ? 1 : 0,
    version: prev.version + 1,
  };
  await saveTransition(store, prev, next as never);
}

describe('metrics rollups', () => {
  it('equal one live grouping of the window, whatever was written between calls', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(requestArb, { minLength: 1, maxLength: 60 }),
        fc.array(fc.tuple(windowArb, fc.array(changeArb, { maxLength: 6 }), fc.array(requestArb, { maxLength: 4 }), fc.boolean()), { minLength: 1, maxLength: 5 }),
        fc.subarray(['c1', 'c2', 'c3'], { minLength: 1 }),
        async (initial, rounds, communities) => {
          const store = openEmbeddedStore(null);
          for (const r of initial) await requests(store).insert(newRequest(r));
          for (const [input, changes, added, tick] of rounds) {
            const w = metricsWindow(input.from, input.to);
            const window = { from: w.from, to: w.to };
            expect(view(communities, window, await groupWindowRequests(store, communities, window, NOW))).toEqual(view(communities, window, await live(store, communities, window)));
            for (const c of changes) await transition(store, c);
            for (const r of added) await requests(store).insert(newRequest(r));
            if (tick) await refreshRollups(store, NOW);
            expect(view(communities, window, await groupWindowRequests(store, communities, window, NOW))).toEqual(view(communities, window, await live(store, communities, window)));
          }
          await store.close();
        },
      ),
      { numRuns: 60 },
    );
  });

  it('reads a past month from one clean rollup, and a write marks its day and month dirty', async () => {
    const store = openEmbeddedStore(null);
    const doc = newRequest({ community: 'c1', hour: 30 * 24, category: 'a', grid: 'G1', assignee: 'w1', cell: 1 }); // 2026-02-19
    await requests(store).insert(doc);
    const window = metricsWindow('2026-02-01', '2026-02-28');
    const grouped = await groupWindowRequests(store, ['c1'], window, NOW);
    expect(grouped.byCategory).toEqual([expect.objectContaining({ count: 1 })]);
    const rollups = store.collection(METRIC_ROLLUPS);
    expect(await rollups.get('c1:2026-02')).toMatchObject({ dirty: false, writes: 1, period: '2026-02' });
    // The day rollup was marked by the insert and is not read for a whole month: still dirty.
    expect(await rollups.get('c1:2026-02-19')).toMatchObject({ dirty: true });
    const prev = (await requests(store).get(doc._id))!;
    await saveTransition(store, prev, { ...prev, status: 'resolved', resolvedAt: '2026-02-19T10:00:00.000Z', version: 2 } as never);
    expect(await rollups.get('c1:2026-02')).toMatchObject({ dirty: true, writes: 2 });
    expect((await groupWindowRequests(store, ['c1'], window, NOW)).byCategory[0].sums['facts.finished']).toBe(1);
    expect(await rollups.get('c1:2026-02')).toMatchObject({ dirty: false });
    await store.close();
  });

  it('a write while a rollup is being rebuilt keeps it dirty', async () => {
    const store = openEmbeddedStore(null);
    await requests(store).insert(newRequest({ community: 'c1', hour: 30 * 24, category: 'a', grid: 'G1', assignee: 'w1', cell: undefined }));
    const rollups = store.collection(METRIC_ROLLUPS);
    // Another write lands after the rebuild read `writes` (simulated: the counter moves on first).
    const original = rollups.find.bind(rollups);
    const spy = jest.spyOn(rollups, 'find').mockImplementation(async (...args) => {
      const found = await original(...args);
      await requests(store).insert(newRequest({ community: 'c1', hour: 30 * 24 + 1, category: 'b', grid: 'G1', assignee: 'w1', cell: undefined }));
      return found;
    });
    await refreshRollups(store, NOW);
    spy.mockRestore();
    expect(await rollups.get('c1:2026-02-19')).toMatchObject({ dirty: true, writes: 2 });
    await refreshRollups(store, NOW);
    expect(await rollups.get('c1:2026-02-19')).toMatchObject({ dirty: false, writes: 2 });
    await store.close();
  });

  it('shows the same top hot spots when more cells tie than are shown', async () => {
    const store = openEmbeddedStore(null);
    // 14 cells, one request each (a tie across all of them), and one cell with two.
    for (let cell = 0; cell < 14; cell++) await requests(store).insert(newRequest({ community: 'c1', hour: 30 * 24 + cell, category: cell % 2 ? 'a' : 'b', grid: 'G1', assignee: 'w1', cell }));
    await requests(store).insert(newRequest({ community: 'c1', hour: 31 * 24, category: 'c', grid: 'G1', assignee: 'w1', cell: 13 }));
    const w = metricsWindow('2026-02-01', '2026-02-28');
    const window = { from: w.from, to: w.to };
    for (let i = 0; i < 2; i++) {
      const rolled = view(['c1'], window, await groupWindowRequests(store, ['c1'], window, NOW));
      expect(rolled).toEqual(view(['c1'], window, await live(store, ['c1'], window)));
      expect(rolled.hotSpots.places).toHaveLength(10);
    }
    await store.close();
  });

  it('splits a window into whole months and single days', () => {
    expect(periodsOf('2026-01-30', '2026-03-02', addDays)).toEqual({ days: ['2026-01-30', '2026-01-31', '2026-03-01', '2026-03-02'], months: ['2026-02'] });
    expect(periodsOf('2026-12-01', '2026-12-31', addDays)).toEqual({ days: [], months: ['2026-12'] });
  });
});
