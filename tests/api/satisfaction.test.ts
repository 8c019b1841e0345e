import { startTestServer, type TestServer } from '../helpers/server';
import { NOTIFICATIONS } from '../../cloudfunctions/lib/outbox/outbox';
import type { NotificationDoc } from '../../cloudfunctions/lib/outbox/sender';
import { client, NOW, ok, report } from './requests-helpers';
import { USERS, type UserDoc } from '../../cloudfunctions/lib/runtime/caller';

/** 满意度回访: who may rate and when, what a rating does, 回访 tasks, and the 7-day auto-close. */

let server: TestServer;
let api: ReturnType<typeof client>;
beforeAll(async () => {
  server = await startTestServer();
  api = client(server);
  // An admin of another community, who must not see 锦绣社区's tasks.
  await server.store.collection<UserDoc>(USERS).put({ _id: 'other-admin', role: 'admin', name: '外社区', communities: ['other-community'], createdAt: NOW });
});
afterAll(() => server.close());

const sentTo = async (to: string) => server.store.collection<NotificationDoc>(NOTIFICATIONS).find({ to });

/** A G1 report accepted by demo-worker-1 (first responder), optionally transferred to demo-worker-2, then resolved. */
async function resolved(opts: { transfer?: boolean; now?: string } = {}): Promise<string> {
  const now = opts.now ?? NOW;
  const { id } = ok(await api.requests('create', report(), 'demo-resident', now));
  ok(await api.work('accept', { id }, 'demo-worker-1', now));
  let by = 'demo-worker-1';
  if (opts.transfer) {
    ok(await api.work('transfer', { id, toOpenid: 'demo-worker-2', reason: '需专项排查', pending: '现场检修' }, 'demo-worker-1', now));
    ok(await api.work('accept', { id }, 'demo-worker-2', now));
    by = 'demo-worker-2';
  }
  ok(await api.work('resolve', { id, note: '已修好' }, by, now));
  return id;
}

describe('who may rate, and when', () => {
  it('only the resident who filed, only once it is resolved, only once', async () => {
    const { id } = ok(await api.requests('create', report(), 'demo-resident'));
    const early = await api.requests('rate', { id, score: 5 }, 'demo-resident');
    expect(early.status).toBe(409);
    ok(await api.work('accept', { id }, 'demo-worker-1'));
    ok(await api.work('resolve', { id, note: '已修好' }, 'demo-worker-1'));

    expect((await api.requests('rate', { id, score: 5 }, 'demo-resident-2')).status).toBe(403);
    expect((await api.requests('rate', { id, score: 5 }, 'demo-worker-1')).status).toBe(403);
    expect((await api.requests('rate', { id, score: 5 }, 'demo-admin')).status).toBe(403);
    expect((await api.requests('rate', { id, score: 5 }, null)).status).toBe(401);

    const rated = ok(await api.requests('rate', { id, score: 5, comment: '很及时' }, 'demo-resident'));
    expect(rated).toMatchObject({ status: 'closed', rating: { score: 5, comment: '很及时', outcome: 'resolved', satisfied: true, reopened: false } });
    const again = await api.requests('rate', { id, score: 4 }, 'demo-resident');
    expect(again.status).toBe(409);
  });

  it('resolving asks the resident to rate (请评价) through the outbox', async () => {
    const id = await resolved();
    const asked = (await sentTo('demo-resident')).filter((n) => n.data.requestId === id && n.template === 'rateReminder');
    expect(asked.map((n) => n.data.message)).toEqual(['您的诉求已办结，请评价']);
  });

  it.each([
    [{ score: 0 }, 'data.score'],
    [{ score: 6 }, 'data.score'],
    [{ score: 4, outcome: 'maybe' }, 'data.outcome'],
    [{ score: 4, comment: '好'.repeat(201) }, 'data.comment'],
  ])('%j → 400 %s with a Chinese message', async (data, field) => {
    const res = await api.requests('rate', { id: 'R0000MISSING', ...data }, 'demo-resident');
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe(field);
    expect(res.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
  });
});

describe('a rating that reopens', () => {
  it('score 1 after a transfer: back to the first responder, with a 回访 task for the community admin only', async () => {
    const id = await resolved({ transfer: true });
    const r = ok(await api.requests('rate', { id, score: 1, comment: '根本没修' }, 'demo-resident'));
    expect(r).toMatchObject({ status: 'accepted', assignee: { openid: 'demo-worker-1' }, firstResponder: { openid: 'demo-worker-1' }, rating: { score: 1, outcome: 'unresolved', satisfied: false, reopened: true } });
    expect((await sentTo('demo-worker-1')).map((n) => n.data.message)).toContain('您首问的诉求被退回重办，请跟进');
    expect(ok(await api.work('inbox', {}, 'demo-worker-1')).items.map((i: { id: string }) => i.id)).toContain(id);

    const tasks = ok(await api.admin('followups.list', {}, 'demo-admin')).items.filter((t: { requestId: string }) => t.requestId === id);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ status: 'open', resident: { openid: 'demo-resident', name: '张阿姨' }, rating: { score: 1, comment: '根本没修', outcome: 'unresolved' }, assignee: { openid: 'demo-worker-1' } });
    expect((await sentTo('demo-admin')).some((n) => n.data.requestId === id && /回访/.test(n.data.message))).toBe(true);

    // Another community's admin sees none of it and cannot record it; workers and residents may not list.
    expect(ok(await api.admin('followups.list', {}, 'other-admin')).items).toEqual([]);
    expect((await api.admin('followups.record', { id: tasks[0].id, result: '已致电', reached: true }, 'other-admin')).status).toBe(403);
    expect((await api.admin('followups.list', {}, 'demo-worker-1')).status).toBe(403);
    expect((await api.admin('followups.list', {}, 'demo-resident')).status).toBe(403);

    const done = ok(await api.admin('followups.record', { id: tasks[0].id, result: '已致电道歉，约定明天复查', reached: true, note: '居民情绪平稳' }, 'demo-admin'));
    expect(done).toMatchObject({ status: 'done', reached: true, result: '已致电道歉，约定明天复查', note: '居民情绪平稳', recordedBy: { openid: 'demo-admin' } });
    // The worker the request went back to reads the outcome on its timeline; the resident does not.
    const forWorker = ok(await api.requests('get', { id: tasks[0].requestId }, 'demo-worker-1'));
    expect(forWorker.timeline.at(-1)).toMatchObject({ type: 'addNote', visibility: 'internal', note: '回访已联系上居民：已致电道歉，约定明天复查' });
    expect(JSON.stringify(ok(await api.requests('get', { id: tasks[0].requestId }, 'demo-resident')))).not.toContain('已致电道歉');
    expect((await api.admin('followups.record', { id: tasks[0].id, result: '再记一次', reached: false }, 'demo-admin')).status).toBe(409);
    expect(ok(await api.admin('followups.list', { status: 'open' }, 'demo-admin')).items.some((t: { id: string }) => t.id === tasks[0].id)).toBe(false);
    expect(ok(await api.admin('followups.list', { status: 'done' }, 'demo-admin')).items.some((t: { id: string }) => t.id === tasks[0].id)).toBe(true);
  });

  it('gives the admin the number the resident left on the request to call back', async () => {
    // A 上门帮办 keeps the number it was booked with (the resident's account has none).
    const visit = { kind: 'visit', matterCode: 'dibao', slotId: 'demo-worker-1:2026-10-15T01:00:00.000Z', buildingCode: 'G1-1', address: '3单元502', contactPhone: '13912345678' };
    const { id } = ok(await api.requests('create', visit, 'demo-resident'));
    ok(await api.work('accept', { id }, 'demo-worker-1'));
    ok(await api.work('resolve', { id, note: '已修好' }, 'demo-worker-1'));
    ok(await api.requests('rate', { id, score: 1, outcome: 'unresolved' }, 'demo-resident'));
    const task = ok(await api.admin('followups.list', {}, 'demo-admin')).items.find((t: { requestId: string }) => t.requestId === id);
    expect(task.resident).toMatchObject({ openid: 'demo-resident', phone: '13912345678' });
  });

  it('"unresolved" with score 4 also reopens (and still counts the score as satisfied)', async () => {
    const id = await resolved({ transfer: true });
    const r = ok(await api.requests('rate', { id, score: 4, outcome: 'unresolved' }, 'demo-resident'));
    expect(r).toMatchObject({ status: 'accepted', assignee: { openid: 'demo-worker-1' }, rating: { score: 4, outcome: 'unresolved', satisfied: true, reopened: true } });
    expect(ok(await api.admin('followups.list', {}, 'demo-admin')).items.some((t: { requestId: string }) => t.requestId === id)).toBe(true);
  });

  it('score 3 "partial" closes without a task', async () => {
    const id = await resolved();
    expect(ok(await api.requests('rate', { id, score: 3, outcome: 'partial' }, 'demo-resident'))).toMatchObject({ status: 'closed', rating: { satisfied: false, reopened: false } });
    expect(ok(await api.admin('followups.list', {}, 'demo-admin')).items.some((t: { requestId: string }) => t.requestId === id)).toBe(false);
  });

  it.each([
    [{ id: 'x y', result: '已致电', reached: true }, 'data.id'],
    [{ id: 'F1', result: '', reached: true }, 'data.result'],
    [{ id: 'F1', result: '已致电', reached: 'yes' }, 'data.reached'],
  ])('followups.record %j → 400 %s', async (data, field) => {
    const res = await api.admin('followups.record', data, 'demo-admin');
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe(field);
    expect(res.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
  });
});

describe('auto-close after 7 days', () => {
  it('closes a resolved, unrated request as unrated — once — and leaves rated or newer ones alone', async () => {
    const stale = await resolved({ now: '2026-10-09T10:00:00+08:00' });
    const fresh = await resolved({ now: '2026-10-14T10:00:00+08:00' });
    const at = (d: string) => `${d}T10:00:00+08:00`;

    ok(await api.timer('tick', {}, 'demo-admin', '2026-10-16T09:59:00+08:00')); // a minute short of 7 days
    expect(ok(await api.requests('get', { id: stale }, 'demo-resident')).status).toBe('resolved');

    const first = ok(await api.timer('tick', {}, 'demo-admin', at('2026-10-16')));
    expect(first.closed).toBeGreaterThanOrEqual(1);
    const closed = ok(await api.requests('get', { id: stale }, 'demo-resident'));
    expect(closed).toMatchObject({ status: 'closed', unrated: true, closedAt: new Date(at('2026-10-16')).toISOString() });
    expect(closed.rating).toBeUndefined();
    expect(closed.timeline.at(-1)).toMatchObject({ type: 'close', by: 'system', note: '超时未评价，自动关闭' });
    expect(ok(await api.requests('get', { id: fresh }, 'demo-resident')).status).toBe('resolved');

    const second = ok(await api.timer('tick', {}, 'demo-admin', at('2026-10-16')));
    expect(second.closed).toBe(0);
    expect(ok(await api.requests('get', { id: stale }, 'demo-resident'))).toEqual(closed);
    expect((await api.requests('rate', { id: stale, score: 5 }, 'demo-resident', at('2026-10-16'))).status).toBe(409);
  });
});
