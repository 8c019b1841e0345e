import { OUTBOX, type OutboxEntry } from '../../cloudfunctions/lib/outbox/outbox';
import { REQUESTS } from '../../cloudfunctions/lib/requests/store';
import { as, NOW, ok, P, report, serverPerFile } from './requests-helpers';
import { USERS, type UserDoc } from '../../cloudfunctions/lib/runtime/caller';

const T = serverPerFile();

const outboxTo = async (to: string) => T.server.store.collection<OutboxEntry>(OUTBOX).find({ to });
const setLeave = (openid: string, name: string, level: 'A' | 'B', onLeave: boolean) => T.api.admin('workers.upsert', { openid, name, level, onLeave }, 'demo-admin');

describe('routing', () => {
  it('sends a point inside G1 to its grid worker, who is first responder at once', async () => {
    const r = ok(await T.api.requests('create', report(), 'demo-resident'));
    expect(r).toMatchObject({ kind: 'report', status: 'assigned', gridCode: 'G1', assignee: { openid: 'demo-worker-1', name: '刘网格' }, firstResponder: { openid: 'demo-worker-1', name: '刘网格' } });
    expect(r.route).toBeUndefined(); // staff detail is not for the resident
    const staff = ok(await T.api.requests('get', { id: r.id }, 'demo-worker-1'));
    expect(staff.route).toEqual({ reasonCode: 'gridWorker', reason: '由所在网格的网格员办理', manual: false });
    expect(staff.timeline[0].detail.steps.map((s: { step: string }) => s.step)).toEqual(['locate', 'gridWorker']);
  });

  it('routes by building when the resident has no GPS', async () => {
    const r = ok(await T.api.requests('create', report({ location: undefined, buildingCode: 'G3-1' }), 'demo-resident'));
    expect(r).toMatchObject({ gridCode: 'G3', assignee: { openid: 'demo-worker-3' }, buildingCode: 'G3-1' });
  });

  it('skips a level-B grid worker without the skill, to the B角', async () => {
    const r = ok(await T.api.requests('create', { kind: 'consult', matterCode: 'legal-aid', description: '邻里纠纷想申请法律援助', location: P.G3 }, 'demo-resident'));
    expect(r.assignee.openid).toBe('demo-worker-1');
    expect(ok(await T.api.requests('get', { id: r.id }, 'demo-admin')).route.reasonCode).toBe('workerUnqualified');
  });

  it('sends G1 to the B角 while its worker is on leave, then to the community pool when both are away', async () => {
    ok(await setLeave('demo-worker-1', '刘网格', 'A', true));
    try {
      const b = ok(await T.api.requests('create', report(), 'demo-resident'));
      expect(b.assignee.openid).toBe('demo-worker-2');
      expect(ok(await T.api.requests('get', { id: b.id }, 'demo-admin')).route.reasonCode).toBe('workerOnLeave');
      ok(await setLeave('demo-worker-2', '陈网格', 'A', true));
      const pool = ok(await T.api.requests('create', report(), 'demo-resident'));
      expect(pool.assignee.openid).toBe('demo-worker-3');
      expect(ok(await T.api.requests('get', { id: pool.id }, 'demo-admin')).route.reasonCode).toBe('pool');
    } finally {
      ok(await setLeave('demo-worker-1', '刘网格', 'A', false));
      ok(await setLeave('demo-worker-2', '陈网格', 'A', false));
    }
    expect(ok(await T.api.requests('create', report(), 'demo-resident')).assignee.openid).toBe('demo-worker-1');
  });

  it('accepts a point in no grid (the park in G3’s hole) and sends it to the community admin for manual dispatch', async () => {
    const r = ok(await T.api.requests('create', report({ location: P.park }), 'demo-resident'));
    expect(r).toMatchObject({ assignee: { openid: 'demo-admin', name: '王主任' }, firstResponder: null, community: 'demo-community' });
    expect(r.gridCode).toBeUndefined();
    const admin = ok(await T.api.requests('get', { id: r.id }, 'demo-admin'));
    // The document carries the code; the view renders its words from the vocabulary.
    expect(admin.route).toEqual({ reasonCode: 'noGrid', reason: '不在任何网格内，转社区人工派单', manual: true });
    expect(ok(await T.api.work('inbox', { tab: 'pending' }, 'demo-admin')).items.map((i: { id: string }) => i.id)).toContain(r.id);
    // The admin dispatches by hand; the worker who accepts first becomes the first responder.
    ok(await T.api.work('transfer', { id: r.id, toOpenid: 'demo-worker-3', reason: '公园归南苑网格巡查' }, 'demo-admin'));
    const accepted = ok(await T.api.work('accept', { id: r.id }, 'demo-worker-3'));
    expect(accepted.firstResponder).toEqual({ openid: 'demo-worker-3', name: '赵网格' });
    const far = ok(await T.api.requests('create', report({ location: P.nowhere }), 'demo-resident'));
    expect(far.assignee.openid).toBe('demo-admin');
    const nowhere = ok(await T.api.requests('create', report({ location: undefined }), 'demo-resident'));
    expect(ok(await T.api.requests('get', { id: nowhere.id }, 'demo-admin')).route.reasonCode).toBe('noPlace');
  });
});

describe('a request from filing to the answer', () => {
  it('goes create → accept → transfer → accept → 吹哨 → answer → resolve, the first responder staying on it', async () => {
    const created = ok(await T.api.requests('create', report({ category: 'ranqi', description: '楼道里有燃气味' }), 'demo-resident'));
    const id = created.id;
    expect(ok(await T.api.work('inbox', {}, 'demo-worker-1')).items.map((i: { id: string }) => i.id)).toContain(id);
    ok(await T.api.work('accept', { id }, 'demo-worker-1'));
    ok(await T.api.work('note', { id, note: '住户白天不在家，晚上7点后联系' }, 'demo-worker-1'));
    const t = ok(await T.api.work('transfer', { id, toOpenid: 'demo-worker-2', reason: '需燃气专项排查', done: '已上门闻味确认', pending: '联系燃气公司检修' }, 'demo-worker-1'));
    expect(t).toMatchObject({ status: 'assigned', assignee: { openid: 'demo-worker-2' }, firstResponder: { openid: 'demo-worker-1' } });
    expect(ok(await T.api.work('inbox', {}, 'demo-worker-1')).items.map((i: { id: string }) => i.id)).not.toContain(id);
    expect(ok(await T.api.work('inbox', { tab: 'watching' }, 'demo-worker-1')).items.map((i: { id: string }) => i.id)).toContain(id);
    ok(await T.api.work('accept', { id }, 'demo-worker-2'));
    const esc = ok(await T.api.work('escalate', { id, department: 'ranqi', reason: '需燃气公司检修阀门' }, 'demo-worker-2'));
    expect(esc).toMatchObject({ status: 'escalated', department: 'ranqi', assignee: { openid: 'demo-worker-2' } });
    // Department staff see it in their inbox and answer; another worker cannot.
    expect(ok(await T.api.work('inbox', {}, 'demo-dept-gas')).items.map((i: { id: string }) => i.id)).toContain(id);
    expect((await T.api.work('returnFromDepartment', { id, note: '已更换阀门' }, 'demo-worker-3')).status).toBe(403);
    ok(await T.api.work('returnFromDepartment', { id, note: '已更换阀门' }, 'demo-dept-gas'));
    expect((await T.api.work('resolve', { id, note: '已处理' }, 'demo-worker-1')).status).toBe(403); // no longer the assignee
    ok(await T.api.work('resolve', { id, note: '燃气公司已更换阀门，复查无异味' }, 'demo-worker-2'));

    const mine = ok(await T.api.requests('get', { id }, 'demo-resident'));
    expect(mine).toMatchObject({ status: 'resolved', assignee: { openid: 'demo-worker-2', name: '陈网格' }, firstResponder: { openid: 'demo-worker-1', name: '刘网格' } });
    expect(mine.resolvedAt).toBe(new Date(NOW).toISOString());
    expect(mine.timeline.map((e: { type: string }) => e.type)).toEqual(['create', 'accept', 'transfer', 'accept', 'escalate', 'returnFromDepartment', 'resolve']);
    for (const e of mine.timeline) expect(Object.keys(e).sort()).toEqual(expect.arrayContaining(['at', 'by', 'type']));
    expect(JSON.stringify(mine)).not.toContain('晚上7点后联系');
    expect(JSON.stringify(mine)).not.toContain('联系燃气公司检修'); // the handoff sheet is staff-only
    expect(mine.timeline.at(-1).note).toBe('燃气公司已更换阀门，复查无异味');
    expect(mine.actions.sort()).toEqual(['close', 'rate', 'reopen']);

    const first = ok(await T.api.requests('get', { id }, 'demo-worker-1'));
    expect(first.timeline.find((e: { type: string }) => e.type === 'addNote')).toMatchObject({ visibility: 'internal', note: '住户白天不在家，晚上7点后联系' });
    expect(first.timeline.find((e: { type: string }) => e.type === 'transfer').detail).toEqual({ from: 'demo-worker-1', to: 'demo-worker-2', reason: '需燃气专项排查', done: '已上门闻味确认', pending: '联系燃气公司检修' });
    expect(ok(await T.api.requests('mine', {}, 'demo-resident')).items.map((i: { id: string }) => i.id)).toContain(id);

    // The resident was told at each step visible to them; the department staff were called in.
    const told = (await outboxTo('demo-resident')).filter((e) => e.data.requestId === id).map((e) => e.data.message);
    expect(told).toEqual(expect.arrayContaining(['您的诉求已受理，正在办理', '您的诉求已办结，请评价']));
    expect((await outboxTo('demo-dept-gas')).some((e) => e.data.requestId === id)).toBe(true);

    // A bad rating reopens it to the first responder (assignee again); a good one closes it, once.
    const reopened = ok(await T.api.requests('rate', { id, score: 2, comment: '还是有味道' }, 'demo-resident'));
    expect(reopened).toMatchObject({ status: 'accepted', assignee: { openid: 'demo-worker-1' }, rating: { score: 2, comment: '还是有味道', outcome: 'unresolved', satisfied: false } });
    expect((await outboxTo('demo-worker-1')).map((e) => e.data.message)).toContain('您首问的诉求被退回重办，请跟进');
    expect((await T.api.work('resolve', { id, note: '再次检修，已无异味' }, 'demo-worker-2')).status).toBe(403);
    ok(await T.api.work('resolve', { id, note: '再次检修，已无异味' }, 'demo-worker-1'));
    expect(ok(await T.api.requests('rate', { id, score: 5 }, 'demo-resident'))).toMatchObject({ status: 'closed', rating: { score: 5 } });
    const again = await T.api.requests('rate', { id, score: 4 }, 'demo-resident');
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'CONFLICT', reason: 'wrongStatus' });
  });

  it('lists the resident’s own requests newest first, and only theirs', async () => {
    const older = ok(await T.api.requests('create', report(), 'fresh-resident', '2026-10-08T09:00:00+08:00'));
    const newer = ok(await T.api.requests('create', report(), 'fresh-resident', '2026-10-09T09:00:00+08:00'));
    expect(ok(await T.api.requests('mine', {}, 'fresh-resident')).items.map((i: { id: string }) => i.id)).toEqual([newer.id, older.id]);
    expect(ok(await T.api.requests('mine', {}, 'fresh-resident-2')).items).toEqual([]);
  });

  it('lets a resident cancel before it is done, and then nothing more', async () => {
    const r = ok(await T.api.requests('create', report(), 'demo-resident'));
    expect(ok(await T.api.requests('cancel', { id: r.id, reason: '已自行修好' }, 'demo-resident'))).toMatchObject({ status: 'cancelled' });
    expect((await T.api.work('accept', { id: r.id }, 'demo-worker-1')).status).toBe(409);
  });

  it('lets a worker file for a resident: the resident owns it, the worker is first responder', async () => {
    const r = ok(await T.api.requests('create', { kind: 'consult', matterCode: 'senior-card', description: '代老人咨询老年证办理', location: P.G2, onBehalfOf: 'elder-1' }, 'demo-worker-3'));
    expect(r).toMatchObject({ assignee: { openid: 'demo-worker-2' }, firstResponder: { openid: 'demo-worker-3' }, filedBy: { openid: 'demo-worker-3' }, owner: { openid: 'elder-1' } });
    const elder = ok(await T.api.requests('mine', {}, 'elder-1')).items;
    expect(elder.map((i: { id: string }) => i.id)).toEqual([r.id]);
    expect(elder[0].timeline[0]).toEqual({ at: new Date(NOW).toISOString(), type: 'create', by: 'demo-worker-3', note: '工作人员代为登记' });
    const res = await T.api.requests('create', { ...report(), onBehalfOf: 'elder-1' }, 'demo-resident');
    expect(res.status).toBe(403);
    expect(res.body.error.field).toBe('data.onBehalfOf');
  });

  it('refuses a transfer to someone not registered, on leave, or of the wrong level', async () => {
    const r = ok(await T.api.requests('create', { kind: 'consult', matterCode: 'legal-aid', description: '法律援助', location: P.G1 }, 'demo-resident'));
    const unknown = await T.api.work('transfer', { id: r.id, toOpenid: 'nobody', reason: '转岗' }, 'demo-worker-1');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.field).toBe('data.toOpenid');
    expect((await T.api.work('transfer', { id: r.id, toOpenid: 'demo-worker-3', reason: '转岗' }, 'demo-worker-1')).body.error).toMatchObject({ code: 'BAD_REQUEST', field: 'data.toOpenid' });
    ok(await setLeave('demo-worker-2', '陈网格', 'A', true));
    try {
      expect((await T.api.work('transfer', { id: r.id, toOpenid: 'demo-worker-2', reason: '转岗' }, 'demo-worker-1')).body.error).toMatchObject({ code: 'CONFLICT', field: 'data.toOpenid' });
    } finally {
      ok(await setLeave('demo-worker-2', '陈网格', 'A', false));
    }
  });

  it('answers a concurrent update of the same request with CONFLICT, never a lost update', async () => {
    const r = ok(await T.api.requests('create', report(), 'demo-resident'));
    ok(await T.api.work('accept', { id: r.id }, 'demo-worker-1'));
    const notes = await Promise.all(Array.from({ length: 8 }, (_, i) => T.api.work('note', { id: r.id, note: `备注${i}` }, 'demo-worker-1')));
    const saved = notes.filter((n) => n.status === 200).length;
    expect(notes.every((n) => n.status === 200 || (n.status === 409 && n.body.error.message === '工单已被他人更新，请刷新后重试'))).toBe(true);
    const doc = await T.server.store.collection<{ _id: string; version: number; timeline: unknown[] }>(REQUESTS).get(r.id);
    expect(doc!.timeline).toHaveLength(2 + saved);
    expect(doc!.version).toBe(1 + saved);
  });
});

describe('access', () => {
  let id: string;
  beforeAll(async () => {
    id = ok(await T.api.requests('create', report(), 'demo-resident')).id;
  });

  it.each([
    ['get', {}],
    ['cancel', {}],
    ['rate', { score: 5 }],
  ])('another resident cannot %s it (403), a missing id is 404', async (action, extra) => {
    const res = await T.api.requests(action, { id, ...extra }, 'demo-resident-2');
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    expect((await T.api.requests(action, { id: 'R0000MISSING', ...extra }, 'demo-resident')).status).toBe(404);
  });

  it('a worker of another grid cannot see it; its grid worker, B角 and admin can', async () => {
    expect((await T.api.requests('get', { id }, 'demo-worker-3')).status).toBe(403);
    expect((await T.api.work('accept', { id }, 'demo-worker-3')).status).toBe(403);
    for (const who of ['demo-worker-1', 'demo-worker-2', 'demo-admin', 'demo-street-admin']) expect((await T.api.requests('get', { id }, who)).status).toBe(200);
  });

  it('an admin of another community cannot see it', async () => {
    await T.server.store.collection<UserDoc>(USERS).put({ _id: 'other-admin', role: 'admin', name: '别社区', communities: ['other-community'], createdAt: NOW });
    expect((await T.api.requests('get', { id }, 'other-admin')).status).toBe(403);
    expect(ok(await T.api.admin('requests.list', {}, 'other-admin')).items).toEqual([]);
  });

  it.each([
    ['requests', 'create', report()],
    ['requests', 'mine', {}],
    ['requests', 'get', { id: 'R1' }],
    ['requests', 'duplicates', { category: 'shizheng', location: { lat: 30.99, lng: 103.626 } }],
    ['booking', 'reschedule', { id: 'R1', slotId: 'x', reason: 'x' }],
    ['booking', 'cancel', { id: 'R1', reason: 'x' }],
    ['work', 'inbox', {}],
    ['work', 'accept', { id: 'R1' }],
    ['admin', 'workers.list', {}],
    ['admin', 'grids.import', {}],
    ['timer', 'tick', {}],
  ])('anonymous %s.%s → 401', async (fn, action, data) => {
    const res = await T.server.call(fn, action, data, { 'x-now': NOW });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('a resident who says role: admin is still a resident', async () => {
    expect((await T.api.admin('workers.list', { role: 'admin' }, 'demo-resident')).status).toBe(403);
    expect((await T.api.work('inbox', { role: 'worker' }, 'demo-resident')).status).toBe(403);
    expect((await T.api.timer('tick', { role: 'admin' }, 'demo-resident')).status).toBe(403);
    const r = ok(await T.api.requests('create', { ...report(), role: 'admin', owner: 'demo-resident-2', assignee: 'demo-resident' }, 'demo-resident'));
    expect(r.assignee.openid).toBe('demo-worker-1');
    expect(r.owner).toBeUndefined();
    expect((await T.api.requests('get', { id: r.id }, 'demo-resident-2')).status).toBe(403);
  });
});

describe('deadlines (day of submission not counted; 24:00 Asia/Shanghai of the N-th working day)', () => {
  it.each([
    ['a report (3 days) filed the day before National Day', report(), '2026-09-30T10:00:00+08:00', '2026-10-10T16:00:00.000Z'],
    ['a report filed on National Day itself', report(), '2026-10-01T10:00:00+08:00', '2026-10-10T16:00:00.000Z'],
    ['a report filed in the Mid-Autumn holiday', report(), '2026-09-25T22:00:00+08:00', '2026-09-30T16:00:00.000Z'],
    ['a 5-day matter across National Day and the 调休 Saturday', { kind: 'consult', matterCode: 'legal-aid', description: '咨询', location: P.G1 }, '2026-09-30T10:00:00+08:00', '2026-10-13T16:00:00.000Z'],
    ['a same-day matter (0 days)', { kind: 'consult', matterCode: 'community-certificate', description: '开证明', location: P.G1 }, '2026-09-30T10:00:00+08:00', '2026-09-30T16:00:00.000Z'],
    ['a report filed late at night UTC but the next day in Shanghai', report(), '2026-09-29T17:30:00Z', '2026-10-10T16:00:00.000Z'],
  ])('%s', async (_label, data, now, dueAt) => {
    expect(ok(await T.api.requests('create', data, 'demo-resident-2', now)).dueAt).toBe(dueAt);
  });

  it('moves a request through the due-soon and overdue tabs as the clock runs', async () => {
    const r = ok(await T.api.requests('create', report({ location: P.G3 }), 'demo-resident-2', '2026-09-30T10:00:00+08:00'));
    const tab = async (t: string, now: string) => ok(await T.api.work('inbox', { tab: t }, 'demo-worker-3', now)).items.map((i: { id: string }) => i.id);
    expect(await tab('dueSoon', '2026-10-09T12:00:00+08:00')).not.toContain(r.id);
    expect(await tab('dueSoon', '2026-10-10T12:00:00+08:00')).toContain(r.id);
    expect(await tab('overdue', '2026-10-10T12:00:00+08:00')).not.toContain(r.id);
    expect(await tab('overdue', '2026-10-12T09:00:00+08:00')).toContain(r.id);
    const item = ok(await T.api.work('inbox', {}, 'demo-worker-3', '2026-10-12T09:00:00+08:00')).items.find((i: { id: string }) => i.id === r.id);
    expect(item.due.level).toBe('overdue');
  });
});

describe('idempotency', () => {
  it('returns the first request for the same key, per resident', async () => {
    const a = ok(await T.api.requests('create', report({ idempotencyKey: 'key-1' }), 'demo-resident'));
    const b = ok(await T.api.requests('create', report({ idempotencyKey: 'key-1', description: '重发' }), 'demo-resident'));
    expect(b.id).toBe(a.id);
    expect(b.description).toBe(a.description);
    const other = ok(await T.api.requests('create', report({ idempotencyKey: 'key-1' }), 'demo-resident-2'));
    expect(other.id).not.toBe(a.id);
  });

  it('creates one request from 10 parallel submissions with one key', async () => {
    const coll = T.server.store.collection(REQUESTS);
    const before = await coll.count({ owner: 'demo-resident-2' });
    const all = await Promise.all(Array.from({ length: 10 }, () => T.api.requests('create', report({ idempotencyKey: 'parallel-1' }), 'demo-resident-2')));
    expect(all.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(new Set(all.map((r) => r.body.data.id)).size).toBe(1);
    expect(await coll.count({ owner: 'demo-resident-2' })).toBe(before + 1);
  });

  it('lets a key be used again when the first attempt failed', async () => {
    const bad = await T.api.requests('create', report({ idempotencyKey: 'retry-1', category: 'nosuch' }), 'demo-resident');
    expect(bad.status).toBe(404);
    expect(ok(await T.api.requests('create', report({ idempotencyKey: 'retry-1' }), 'demo-resident')).status).toBe('assigned');
  });
});

describe('同一问题？我也遇到', () => {
  it('offers nearby reports of the same category, and following one instead of filing again', async () => {
    const original = ok(await T.api.requests('create', report({ category: 'huanjing', description: '垃圾桶满溢无人清运', location: { lat: 30.9905, lng: 103.6262 } }), 'demo-resident'));
    const near = { lat: 30.9906, lng: 103.6263 }; // ~15 m away
    const dups = ok(await T.api.requests('duplicates', { category: 'huanjing', location: near }, 'demo-resident-2')).candidates;
    expect(dups).toEqual([{ id: original.id, description: '垃圾桶满溢无人清运', distance: expect.any(Number), status: 'assigned', createdAt: original.createdAt, mine: false }]);
    // Measured to the ~100 m rounded point a neighbour may know, in tens of metres (tests/api/place-privacy.test.ts).
    expect(dups[0].distance % 10).toBe(0);
    expect(dups[0].distance).toBeLessThan(100);
    expect(ok(await T.api.requests('duplicates', { category: 'huanjing', location: { lat: 30.9915, lng: 103.6262 } }, 'demo-resident-2')).candidates).toEqual([]); // ~110 m
    expect(ok(await T.api.requests('duplicates', { category: 'shizheng', location: near }, 'demo-resident-2')).candidates.map((c: { id: string }) => c.id)).not.toContain(original.id);
    expect(ok(await T.api.requests('duplicates', { category: 'huanjing', location: near }, 'demo-resident-2', '2026-10-17T08:00:00+08:00')).candidates).toEqual([]); // after 7 days

    const followed = ok(await T.api.requests('follow', { id: original.id }, 'demo-resident-2'));
    expect(followed).toMatchObject({ id: original.id, following: true, actions: [] });
    expect(ok(await T.api.requests('create', { ...report(), followDuplicate: original.id }, 'demo-resident-2')).id).toBe(original.id); // idempotent
    const mine = ok(await T.api.requests('mine', {}, 'demo-resident-2')).items.find((i: { id: string }) => i.id === original.id);
    expect(mine).toMatchObject({ following: true });
    expect(mine.timeline[0].by).toBe('resident'); // the other resident's openid is not shown
    expect((await T.api.requests('cancel', { id: original.id }, 'demo-resident-2')).status).toBe(403);
    expect((await T.api.requests('follow', { id: original.id }, 'demo-resident')).status).toBe(409);

    ok(await T.api.work('accept', { id: original.id }, 'demo-worker-1'));
    expect((await outboxTo('demo-resident-2')).filter((e) => e.data.requestId === original.id).map((e) => e.data.message)).toContain('您的诉求已受理，正在办理');
  });
});

describe('bad input: 4xx with a field and a Chinese message, never 5xx', () => {
  const long = (n: number) => '字'.repeat(n);
  it.each([
    ['requests', 'create', {}, 400, 'data.kind'],
    ['requests', 'create', { kind: 'complaint', description: 'x' }, 400, 'data.kind'],
    ['requests', 'create', { kind: 'report', description: '没有分类' }, 400, 'data.category'],
    ['requests', 'create', { kind: 'report', category: 'shizheng' }, 400, 'data.description'],
    ['requests', 'create', report({ description: long(1001) }), 400, 'data.description'],
    ['requests', 'create', report({ description: 42 }), 400, 'data.description'],
    ['requests', 'create', report({ matterCode: 'no-such-matter' }), 404, 'data.matterCode'],
    ['requests', 'create', report({ matterCode: '../etc' }), 400, 'data.matterCode'],
    ['requests', 'create', report({ category: 'nosuch' }), 404, 'data.category'],
    ['requests', 'create', report({ location: { lat: 200, lng: 103 } }), 400, 'data.location.lat'],
    ['requests', 'create', report({ location: { lat: '30', lng: 103 } }), 400, 'data.location.lat'],
    ['requests', 'create', report({ photos: Array(10).fill('cloud://env/a.jpg') }), 400, 'data.photos'],
    ['requests', 'create', report({ photos: ['<script>'] }), 400, 'data.photos.0'],
    ['requests', 'create', report({ idempotencyKey: 'k'.repeat(65) }), 400, 'data.idempotencyKey'],
    ['requests', 'create', report({ buildingCode: 'NO-SUCH' }), 404, 'data.buildingCode'],
    ['requests', 'create', report({ slotId: 'demo-worker-1:2026-10-12T01:00:00.000Z' }), 400, 'data.slotId'],
    ['requests', 'create', { kind: 'visit', matterCode: 'dibao' }, 400, 'data.slotId'],
    ['requests', 'create', { kind: 'visit', matterCode: 'dibao', slotId: 'garbage', buildingCode: 'G1-1', contactPhone: '13900000000' }, 400, 'data.slotId'],
    ['requests', 'create', { kind: 'visit', matterCode: 'dibao', slotId: 'ghost:2026-10-12T01:00:00.000Z', buildingCode: 'G1-1', contactPhone: '13900000000' }, 404, 'data.slotId'],
    ['requests', 'create', { kind: 'visit', matterCode: 'dibao', slotId: 'x'.repeat(121) }, 400, 'data.slotId'],
    ['requests', 'create', { kind: 'consult', description: long(10), followDuplicate: 'R0000MISSING' }, 404, 'data.followDuplicate'],
    ['requests', 'get', {}, 400, 'data.id'],
    ['requests', 'get', { id: 5 }, 400, 'data.id'],
    ['requests', 'get', { id: '../../x' }, 400, 'data.id'],
    ['requests', 'get', { id: 'R0000MISSING' }, 404, 'data.id'],
    ['requests', 'cancel', { id: 'R0000MISSING', reason: long(201) }, 400, 'data.reason'],
    ['requests', 'rate', { id: 'R0000MISSING', score: 6 }, 400, 'data.score'],
    ['requests', 'rate', { id: 'R0000MISSING', score: 'five' }, 400, 'data.score'],
    ['requests', 'rate', { id: 'R0000MISSING', score: 3.5 }, 400, 'data.score'],
    ['requests', 'duplicates', { category: 'shizheng' }, 400, 'data.location'],
    ['requests', 'duplicates', { category: 'nosuch', location: P.G1 }, 404, 'data.category'],
    ['requests', 'follow', { id: 'R0000MISSING' }, 404, 'data.id'],
  ])('%s.%s %j → %i %s', async (fn, action, data, status, field) => {
    // A resident of its own: refusals after the content check keep their rate unit, and the
    // file's other tests have spent demo-resident's minute.
    const res = await T.server.call(fn, action, data, as('resident-bad-input'));
    expect(res.status).toBe(status);
    expect(res.body.error.field).toBe(field);
    expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it.each([
    ['work', 'inbox', { tab: 'later' }, 400, 'data.tab'],
    ['work', 'accept', { id: 'R0000MISSING' }, 404, 'data.id'],
    ['work', 'transfer', { id: 'R0000MISSING', toOpenid: 'demo-worker-2' }, 400, 'data.reason'],
    ['work', 'transfer', { id: 'R0000MISSING', toOpenid: 'demo-worker-2', reason: '   ' }, 400, 'data.reason'],
    ['work', 'transfer', { id: 'R0000MISSING', toOpenid: 'x'.repeat(65), reason: '转' }, 400, 'data.toOpenid'],
    ['work', 'escalate', { id: 'R0000MISSING', department: 'ranqi', reason: long(201) }, 400, 'data.reason'],
    ['work', 'resolve', { id: 'R0000MISSING', note: long(501) }, 400, 'data.note'],
    ['work', 'note', { id: 'R0000MISSING' }, 400, 'data.note'],
    ['work', 'visits', { date: '2026-13-45' }, 400, 'data.date'],
    ['booking', 'slots', { from: 'yesterday', to: '2026-10-10' }, 400, 'data.from'],
    ['booking', 'slots', { from: '2026-10-01', to: '2026-11-15' }, 400, 'data.to'],
    ['booking', 'slots', { from: '2026-10-10', to: '2026-10-09' }, 400, 'data.to'],
    ['booking', 'slots', { from: '2026-10-10', to: '2026-10-11', matterCode: 'no-such-matter' }, 404, 'data.matterCode'],
    ['booking', 'slots', { from: '2026-10-10', to: '2026-10-11', location: { lat: 30 } }, 400, 'data.location.lng'],
    ['booking', 'reschedule', { id: 'R0000MISSING', slotId: 'x', reason: long(201) }, 400, 'data.reason'],
    ['booking', 'cancel', { id: 'R0000MISSING', reason: '有事' }, 404, 'data.id'],
    ['admin', 'workers.upsert', { openid: 'w-new', name: '新人', level: 'C' }, 400, 'data.level'],
    ['admin', 'workers.upsert', { openid: 'w-new', name: '新人', level: 'B', skills: ['no-such-matter'] }, 400, 'data.skills.0'],
    ['admin', 'workers.upsert', { openid: 'w-new', name: '新人', level: 'A', phone: '12345' }, 400, 'data.phone'],
    ['admin', 'workers.upsert', { openid: 'w-new', name: '新人', level: 'A', grids: ['G9'] }, 400, 'data.grids.0'],
    ['admin', 'workers.upsert', { openid: 'w-new', name: '新人', level: 'A', capacity: 0 }, 400, 'data.capacity'],
    ['admin', 'workers.upsert', { openid: 'w-new', name: '新人', level: 'A', workingPlan: { mon: [{ start: '12:00', end: '09:00' }] } }, 400, 'data.workingPlan.mon.0.end'],
    ['admin', 'workers.upsert', { openid: 'w-new', name: '新人', level: 'A', community: 'other-community' }, 403, 'data.community'],
    ['admin', 'departments.upsert', { code: 'x', name: '部门', categories: ['nosuch'] }, 400, 'data.categories.0'],
    ['admin', 'requests.list', { status: 'lost' }, 400, 'data.status'],
  ])('%s.%s %j → %i %s', async (fn, action, data, status, field) => {
    const res = await T.server.call(fn, action, data, as(action === 'departments.upsert' ? 'demo-street-admin' : fn === 'admin' ? 'demo-admin' : fn === 'work' ? 'demo-worker-1' : 'demo-resident'));
    expect(res.status).toBe(status);
    expect(res.body.error.field).toBe(field);
    expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('work.directory', () => {
  it('lists the colleagues of the caller’s community (not the caller) and the departments', async () => {
    const dir = ok(await T.api.work('directory', {}, 'demo-worker-1'));
    expect(dir.workers.map((w: { openid: string }) => w.openid).sort()).toEqual(['demo-worker-2', 'demo-worker-3']);
    expect(dir.workers[0]).toEqual(expect.objectContaining({ name: expect.any(String), level: expect.stringMatching(/^[AB]$/), onLeave: false }));
    expect(dir.departments.map((d: { code: string }) => d.code)).toEqual(expect.arrayContaining(['ranqi', 'wuye']));
  });

  it('is for staff only', async () => {
    expect((await T.api.work('directory', {}, 'demo-resident')).status).toBe(403);
    expect((await T.api.work('directory', {}, null)).status).toBe(401);
  });
});
