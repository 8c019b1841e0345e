import tcb from '@cloudbase/node-sdk';
import { openCloudbaseStore } from '../../cloudfunctions/lib/store/cloudbase';
import { startFakeCloudbase, type FakeCloudbase } from '../fakes/cloudbase-server';
import { requests, saveTransition, type RequestDoc } from '../../cloudfunctions/lib/requests/store';
import { groupWindow, groupWindowRequests } from '../../cloudfunctions/lib/metrics/rollups';
import { walkins } from '../../cloudfunctions/lib/desk/store';
import { METRIC_ROLLUPS } from '../../cloudfunctions/lib/metrics/rollupMarks';
import { metricsWindow } from '../../cloudfunctions/lib/metrics/metrics';
import type { Store } from '../../cloudfunctions/lib/store/port';

/**
 * The metrics rollups on the CloudBase adapter (the fake server, through the real SDK): the marks
 * ($inc, insert-if-absent), the rollup documents (no `.` or `$` in field names) and the grouping by
 * day it rebuilds from (a distinct value as a key, for walk-ins) answer as on the embedded store.
 */

let fake: FakeCloudbase;
let store: Store;
const previous = process.env.TENCENTCLOUD;
beforeAll(async () => {
  process.env.TENCENTCLOUD = 'true';
  fake = await startFakeCloudbase();
  store = openCloudbaseStore(tcb.init({ env: 'test-env', secretId: 'x', secretKey: 'y', serviceUrl: `${fake.url}/admin` }));
});
afterAll(async () => {
  await fake?.close();
  if (previous === undefined) delete process.env.TENCENTCLOUD;
  else process.env.TENCENTCLOUD = previous;
});

const NOW = new Date('2026-04-10T03:00:00Z');
const doc = (id: string, createdAt: string, over: Partial<RequestDoc> = {}): RequestDoc =>
  ({
    _id: id, id, kind: 'report', status: 'assigned', owner: 'u1', category: 'a', description: '', photos: [], community: 'c1', gridCode: 'G1', assignee: 'w1',
    dueAt: '2026-02-22T00:00:00.000Z', createdAt, version: 1, timeline: [], title: 't', emittedLevels: [], location: { lat: 30.01, lng: 104 }, ...over,
  }) as unknown as RequestDoc;

it('reads a past month from its rollup, rebuilt after a transition marks it dirty', async () => {
  await requests(store).insert(doc('R1', '2026-02-19T02:00:00.000Z'));
  await requests(store).insert(doc('R2', '2026-02-20T02:00:00.000Z', { category: 'b' }));
  await requests(store).insert(doc('R3', '2026-03-01T02:00:00.000Z', { community: 'c2' }));
  const window = metricsWindow('2026-02-01', '2026-03-01');
  const first = await groupWindowRequests(store, ['c1', 'c2'], window, NOW);
  expect(first.byCategory.map((r) => [r.key['facts.category'], r.count]).sort()).toEqual([['a', 2], ['b', 1]]);
  expect(first.byDay.map((r) => [r.key['facts.day'], r.count]).sort()).toEqual([['2026-02-19', 1], ['2026-02-20', 1], ['2026-03-01', 1]]);
  const rollups = store.collection(METRIC_ROLLUPS);
  expect(await rollups.get('requests:c1:2026-02')).toMatchObject({ dirty: false, writes: 2 });
  const prev = (await requests(store).get('R1'))!;
  await saveTransition(store, prev, { ...prev, status: 'resolved', resolvedAt: '2026-02-19T12:00:00.000Z', version: 2 } as never);
  expect(await rollups.get('requests:c1:2026-02')).toMatchObject({ dirty: true, writes: 3 });
  const second = await groupWindowRequests(store, ['c1', 'c2'], window, NOW);
  const a = second.byCategory.find((r) => r.key['facts.category'] === 'a')!;
  expect([a.count, a.sums['facts.finished'], a.sums['facts.handlingHours']]).toEqual([2, 1, 10]);
  expect(await rollups.get('requests:c1:2026-02')).toMatchObject({ dirty: false });
});

it('walk-ins: a resident met in two months is one resident of the window, and erasure marks the months it changes', async () => {
  const walkin = (id: string, at: string, openid?: string) => ({
    _id: id, at, date: at.slice(0, 10), community: 'c1', matterCode: 'm1', matterTitle: '事项', worker: 'w1', outcome: 'onTheSpot' as const, missing: [], ...(openid && { resident: { openid } }),
  });
  await walkins(store).insert(walkin('W1', '2026-01-05T02:00:00.000Z', 'oResident1'));
  await walkins(store).insert(walkin('W2', '2026-02-05T02:00:00.000Z', 'oResident1'));
  await walkins(store).insert(walkin('W3', '2026-02-06T02:00:00.000Z', 'oResident2'));
  const window = metricsWindow('2026-01-01', '2026-02-28');
  const first = await groupWindow(store, 'walkins', ['c1'], window, NOW);
  expect(first.residents).toEqual([{ key: { matterCode: 'm1' }, count: 3, sums: {}, distinct: { 'resident.openid': 2 } }]);
  const rollups = store.collection(METRIC_ROLLUPS);
  const january = await rollups.get('walkins:c1:2026-01');
  expect(january).toMatchObject({ dirty: false, source: 'walkins' });
  expect(january!.groups).not.toContain('oResident1');
  await walkins(store).updateMany({ 'resident.openid': 'oResident1' }, { $unset: { 'resident.openid': true } });
  expect(await rollups.get('walkins:c1:2026-01')).toMatchObject({ dirty: true });
  expect(await rollups.get('walkins:c1:2026-02')).toMatchObject({ dirty: true });
  const second = await groupWindow(store, 'walkins', ['c1'], window, NOW);
  expect(second.residents).toEqual([{ key: { matterCode: 'm1' }, count: 1, sums: {}, distinct: { 'resident.openid': 1 } }]);
  expect(second.outcomes).toEqual([{ key: { matterCode: 'm1', outcome: 'onTheSpot' }, count: 3, sums: {} }]);
});
