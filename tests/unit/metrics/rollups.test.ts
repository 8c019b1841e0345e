import fc from 'fast-check';
import { combineMetrics, METRICS_TZ, requestGroupings, VISIT_GROUPINGS, WALKIN_GROUPINGS, type MetricsGroups } from '@qgt/shared/domain/metrics';
import { periodsOf } from '@qgt/shared/domain/metricsRollup';
import { addDays, localDate } from '@qgt/shared/domain/calendar';
import { openEmbeddedStore } from '../../../cloudfunctions/lib/store/embedded';
import type { Store } from '../../../cloudfunctions/lib/store/port';
import { requests, saveTransition, type RequestDoc } from '../../../cloudfunctions/lib/requests/store';
import { groupWindow, groupWindowRequests, refreshRollups } from '../../../cloudfunctions/lib/metrics/rollups';
import { walkins, WALKINS, type WalkinDoc } from '../../../cloudfunctions/lib/desk/store';
import { gridVisits, GRID_VISITS, type GridVisitDoc } from '../../../cloudfunctions/lib/visits/store';
import { METRIC_ROLLUPS } from '../../../cloudfunctions/lib/metrics/rollupMarks';
import { metricsWindow } from '../../../cloudfunctions/lib/metrics/metrics';

/**
 * Rollups are a cache: for random requests (walk-ins, grid visits), random writes between metrics
 * calls (which build and read rollups) and random windows, the rollup answer equals one live
 * grouping of the window.
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

const walkinArb = fc.record({
  community: fc.constantFrom('c1', 'c2', 'c3'),
  hour: fc.integer({ min: 0, max: 80 * 24 }),
  matter: fc.constantFrom('m1', 'm2'),
  // Few residents, so the same one comes back across days and months.
  resident: fc.option(fc.constantFrom('u1', 'u2', 'u3', 'u4'), { nil: undefined }),
  outcome: fc.constantFrom('onTheSpot', 'handoff'),
});

const visitArb = fc.record({
  community: fc.constantFrom('c1', 'c2', 'c3'),
  worker: fc.constantFrom('w1', 'w2'),
  day: fc.integer({ min: 0, max: 80 }),
  household: fc.constantFrom('h1', 'h2', 'h3', 'h4'),
});

/** Rows in one order (the store answers largest count first; a rollup in the order it met keys). */
const sorted = (grouped: Record<string, unknown[]>) => Object.fromEntries(Object.entries(grouped).map(([n, rows]) => [n, [...rows].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1))]));

let seq = 0;
function newWalkin(w: ArbValue<typeof walkinArb>): WalkinDoc {
  const at = START + w.hour * 3_600_000;
  return {
    _id: `W${++seq}`,
    at: iso(at),
    date: localDate(at, METRICS_TZ),
    community: w.community,
    matterCode: w.matter,
    matterTitle: w.matter,
    worker: 'w1',
    ...(w.resident && { resident: { openid: `openid-${w.resident}` } }),
    outcome: w.outcome as WalkinDoc['outcome'],
    missing: [],
  };
}

function newVisit(v: ArbValue<typeof visitArb>): GridVisitDoc {
  const date = addDays('2026-01-20', v.day);
  return { _id: `V${++seq}`, worker: v.worker, community: v.community, date, household: v.household, found: '', requestIds: [], createdAt: `${date}T07:00:00.000Z` };
}

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
            const window = metricsWindow(input.from, input.to);
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
    expect(await rollups.get('requests:c1:2026-02')).toMatchObject({ dirty: false, writes: 1, period: '2026-02' });
    // The day rollup was marked by the insert and is not read for a whole month: still dirty.
    expect(await rollups.get('requests:c1:2026-02-19')).toMatchObject({ dirty: true });
    const prev = (await requests(store).get(doc._id))!;
    await saveTransition(store, prev, { ...prev, status: 'resolved', resolvedAt: '2026-02-19T10:00:00.000Z', version: 2 } as never);
    expect(await rollups.get('requests:c1:2026-02')).toMatchObject({ dirty: true, writes: 2 });
    expect((await groupWindowRequests(store, ['c1'], window, NOW)).byCategory[0].sums['facts.finished']).toBe(1);
    expect(await rollups.get('requests:c1:2026-02')).toMatchObject({ dirty: false });
    await store.close();
  });

  it('a write while a rollup is being rebuilt keeps it dirty', async () => {
    const store = openEmbeddedStore(null);
    await requests(store).insert(newRequest({ community: 'c1', hour: 30 * 24, category: 'a', grid: 'G1', assignee: 'w1', cell: undefined }));
    const rollups = store.collection(METRIC_ROLLUPS);
    // Another write lands after the rebuild read `writes` (simulated: the counter moves on first).
    const original = rollups.find.bind(rollups);
    const spy = jest.spyOn(rollups, 'find').mockImplementationOnce(async (...args) => {
      const found = await original(...args);
      await requests(store).insert(newRequest({ community: 'c1', hour: 30 * 24 + 1, category: 'b', grid: 'G1', assignee: 'w1', cell: undefined }));
      return found;
    });
    await refreshRollups(store, NOW);
    spy.mockRestore();
    expect(await rollups.get('requests:c1:2026-02-19')).toMatchObject({ dirty: true, writes: 2 });
    await refreshRollups(store, NOW);
    expect(await rollups.get('requests:c1:2026-02-19')).toMatchObject({ dirty: false, writes: 2 });
    await store.close();
  });

  it('shows the same top hot spots when more cells tie than are shown', async () => {
    const store = openEmbeddedStore(null);
    // 14 cells, one request each (a tie across all of them), and one cell with two.
    for (let cell = 0; cell < 14; cell++) await requests(store).insert(newRequest({ community: 'c1', hour: 30 * 24 + cell, category: cell % 2 ? 'a' : 'b', grid: 'G1', assignee: 'w1', cell }));
    await requests(store).insert(newRequest({ community: 'c1', hour: 31 * 24, category: 'c', grid: 'G1', assignee: 'w1', cell: 13 }));
    const window = metricsWindow('2026-02-01', '2026-02-28');
    for (let i = 0; i < 2; i++) {
      const rolled = view(['c1'], window, await groupWindowRequests(store, ['c1'], window, NOW));
      expect(rolled).toEqual(view(['c1'], window, await live(store, ['c1'], window)));
      expect(rolled.hotSpots.places).toHaveLength(10);
    }
    await store.close();
  });

  it('walk-ins and grid visits: equal one live grouping, distinct residents and households over the whole window', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(walkinArb, { minLength: 1, maxLength: 50 }),
        fc.array(visitArb, { minLength: 1, maxLength: 50 }),
        fc.array(fc.tuple(windowArb, fc.array(walkinArb, { maxLength: 4 }), fc.array(visitArb, { maxLength: 4 }), fc.option(fc.constantFrom('u1', 'u2', 'u3'), { nil: undefined }), fc.nat(), fc.boolean()), { minLength: 1, maxLength: 4 }),
        fc.subarray(['c1', 'c2', 'c3'], { minLength: 1 }),
        async (initialWalkins, initialVisits, rounds, communities) => {
          const store = openEmbeddedStore(null);
          for (const w of initialWalkins) await walkins(store).insert(newWalkin(w));
          for (const v of initialVisits) await gridVisits(store).insert(newVisit(v));
          const check = async (window: ReturnType<typeof metricsWindow>) => {
            const liveWalkins = await store.collection(WALKINS).groupMany({ at: { $gte: window.from, $lt: window.to }, community: { $in: communities } }, WALKIN_GROUPINGS);
            const liveVisits = await store.collection(GRID_VISITS).groupMany({ date: { $gte: window.fromDate, $lte: window.toDate }, community: { $in: communities } }, VISIT_GROUPINGS);
            expect(sorted(await groupWindow(store, 'walkins', communities, window, NOW))).toEqual(sorted(liveWalkins));
            expect(sorted(await groupWindow(store, 'visits', communities, window, NOW))).toEqual(sorted(liveVisits));
          };
          for (const [input, addedWalkins, addedVisits, erased, removeAt, tick] of rounds) {
            const window = metricsWindow(input.from, input.to);
            await check(window);
            for (const w of addedWalkins) await walkins(store).insert(newWalkin(w));
            for (const v of addedVisits) await gridVisits(store).insert(newVisit(v));
            // Account erasure takes the resident off their walk-ins; a visit recorded by mistake is removed.
            if (erased) await walkins(store).updateMany({ 'resident.openid': `openid-${erased}` }, { $unset: { 'resident.openid': true } });
            const all = await gridVisits(store).find({}, { limit: 1000 });
            if (all.length) await gridVisits(store).removeById(all[removeAt % all.length]._id);
            if (tick) await refreshRollups(store, NOW);
            await check(window);
          }
          await store.close();
        },
      ),
      { numRuns: 40 },
    );
  });

  it('keeps no OPENID in a walk-in rollup (residents are counted by a hash)', async () => {
    const store = openEmbeddedStore(null);
    await walkins(store).insert(newWalkin({ community: 'c1', hour: 30 * 24, matter: 'm1', resident: 'u1', outcome: 'onTheSpot' }));
    const window = metricsWindow('2026-02-01', '2026-02-28');
    const grouped = await groupWindow(store, 'walkins', ['c1'], window, NOW);
    expect(grouped.residents).toEqual([{ key: { matterCode: 'm1' }, count: 1, sums: {}, distinct: { 'resident.openid': 1 } }]);
    const month = await store.collection(METRIC_ROLLUPS).get('walkins:c1:2026-02');
    expect(month).toMatchObject({ dirty: false, source: 'walkins' });
    expect(month!.groups).not.toContain('openid-u1');
    await store.close();
  });

  it('the timer re-checks clean rollups in turn, so a write whose mark a crash lost is caught', async () => {
    const store = openEmbeddedStore(null);
    await walkins(store).insert(newWalkin({ community: 'c1', hour: 30 * 24, matter: 'm1', resident: 'u1', outcome: 'onTheSpot' }));
    await requests(store).insert(newRequest({ community: 'c1', hour: 31 * 24, category: 'a', grid: 'G1', assignee: 'w1', cell: 1 }));
    const window = metricsWindow('2026-02-01', '2026-02-28');
    await groupWindow(store, 'walkins', ['c1'], window, NOW);
    await groupWindowRequests(store, ['c1'], window, NOW);
    // A rollup an older build kept (no source): never read, never rebuilt, and no tick trips on it.
    await store.collection(METRIC_ROLLUPS).insert({ _id: 'c1:2026-02', community: 'c1', period: '2026-02', writes: 1, dirty: true } as never);
    // The crash: written straight to the collection, no mark.
    await store.collection(WALKINS).insert(newWalkin({ community: 'c1', hour: 32 * 24, matter: 'm1', resident: 'u2', outcome: 'handoff' }));
    expect((await groupWindow(store, 'walkins', ['c1'], window, NOW)).outcomes).toHaveLength(1);
    // One rollup re-checked a tick, longest unbuilt first: the month's walk-ins within the clean ones.
    await refreshRollups(store, NOW, 200, 0); // the two day rollups the inserts marked, not the old one
    expect(await store.collection(METRIC_ROLLUPS).find({ dirty: true })).toEqual([expect.objectContaining({ _id: 'c1:2026-02' })]);
    const clean = await store.collection(METRIC_ROLLUPS).count({ dirty: false });
    for (let i = 1; i <= clean; i++) await refreshRollups(store, new Date(NOW.getTime() + i * 60_000), 0, 1);
    const grouped = await groupWindow(store, 'walkins', ['c1'], window, NOW);
    expect(grouped.outcomes.map((r) => r.key.outcome).sort()).toEqual(['handoff', 'onTheSpot']);
    expect(grouped.residents).toEqual([expect.objectContaining({ count: 2, distinct: { 'resident.openid': 2 } })]);
    await store.close();
  });

  it('a first call cut short (the function timeout) keeps the months it built; the next call finishes', async () => {
    const store = openEmbeddedStore(null);
    for (const hour of [5 * 24, 20 * 24, 45 * 24]) await requests(store).insert(newRequest({ community: 'c1', hour, category: 'a', grid: 'G1', assignee: 'w1', cell: undefined })); // Jan, Feb, Mar
    const window = metricsWindow('2026-01-01', '2026-03-31');
    const coll = store.collection('requests');
    const original = coll.groupMany.bind(coll);
    // The platform ends the call while February is being grouped.
    const spy = jest.spyOn(coll, 'groupMany').mockImplementation(async (...args) => {
      if (JSON.stringify(args[0]).includes('2026-02-01')) throw new Error('function timed out');
      return original(...args);
    });
    await expect(groupWindowRequests(store, ['c1'], window, NOW)).rejects.toThrow('timed out');
    spy.mockRestore();
    const rollups = store.collection(METRIC_ROLLUPS);
    expect(await rollups.get('requests:c1:2026-01')).toMatchObject({ dirty: false });
    expect(await rollups.get('requests:c1:2026-02')).toMatchObject({ dirty: true });
    const grouped = await groupWindowRequests(store, ['c1'], window, NOW);
    expect(grouped.byCategory).toEqual([expect.objectContaining({ count: 3 })]);
    expect(await rollups.count({ dirty: false, period: { $in: ['2026-01', '2026-02', '2026-03'] } })).toBe(3);
    await store.close();
  });

  it('splits a window into whole months and single days', () => {
    expect(periodsOf('2026-01-30', '2026-03-02', addDays)).toEqual({ days: ['2026-01-30', '2026-01-31', '2026-03-01', '2026-03-02'], months: ['2026-02'] });
    expect(periodsOf('2026-12-01', '2026-12-31', addDays)).toEqual({ days: [], months: ['2026-12'] });
  });
});
