import { startTestServer, type TestServer } from '../helpers/server';
import { pngStripped } from '../fixtures/images';
import { as, client, ok, report } from './requests-helpers';

let server: TestServer;
let api: ReturnType<typeof client>;
const account = (action: string, data: unknown, who: string | null) => server.call('account', action, data, as(who));
const stored = (id: string) => server.store.collection<any>('requests').get(id);

beforeAll(async () => {
  server = await startTestServer();
  api = client(server);
});
afterAll(() => server.close());

describe('注销账号 (account.delete)', () => {
  it('withdraws open requests, keeps the handling records without the person, and deletes the rest', async () => {
    const me = 'erase-me';
    const upload = await server.postBytes('/api/upload', pngStripped(), as(me));
    const fileId: string = upload.body.data.fileId;
    const open = ok(await api.requests('create', report({ description: '路灯坏了，联系我 13812345678', photos: [fileId] }), me));
    const done = ok(await api.requests('create', report({ description: '井盖松动，身份证 110101199003074578' }), me));
    ok(await api.work('accept', { id: done.id }, 'demo-worker-1'));
    ok(await api.work('resolve', { id: done.id, note: '已修好' }, 'demo-worker-1'));
    ok(await api.requests('rate', { id: done.id, score: 5, comment: '很好，有事打 13912345678' }, me));
    const other = ok(await api.requests('create', report({ description: '别人的诉求：路灯不亮' }), 'erase-neighbour'));
    ok(await api.requests('follow', { id: other.id }, me));
    const metricsBefore = ok(await api.admin('metrics', { from: '2026-10-01', to: '2026-10-31' }, 'demo-admin'));

    const result = ok(await account('delete', { confirm: true }, me));
    expect(result).toEqual({
      cancelled: 1,
      anonymized: { requests: 2, followups: 0, walkins: 0 },
      deleted: { account: false, photos: 1, follows: 1, messages: expect.any(Number) },
    });

    // The resident's view: nothing of theirs is left.
    expect(ok(await api.requests('mine', {}, me)).items).toEqual([]);
    expect((await api.requests('get', { id: done.id }, me)).status).toBe(403);
    expect((await server.get(`/api/files/${fileId}`, as(me))).status).toBe(404);

    // The records: kept, withdrawn if open, no longer pointing at the person.
    const [a, b] = [await stored(open.id), await stored(done.id)];
    expect(a.status).toBe('cancelled');
    expect(b.status).toBe('closed');
    for (const doc of [a, b]) {
      expect(doc.owner).toMatch(/^erased:/);
      expect(JSON.stringify(doc)).not.toContain(me);
      expect(doc.photos).toEqual([]);
    }
    expect(a.owner).toBe(b.owner);
    expect(a.description).toBe('路灯坏了，联系我 138****5678');
    expect(b.description).not.toContain('110101199003074578');
    expect(b.rating).toMatchObject({ score: 5, comment: '很好，有事打 139****5678' });

    // The neighbour's request no longer has this follower, and the dashboard's figures stand.
    expect(ok(await api.requests('get', { id: other.id }, 'erase-neighbour'))).toMatchObject({ id: other.id });
    expect(await server.store.collection('follows').count({ openid: me })).toBe(0);
    const metricsAfter = ok(await api.admin('metrics', { from: '2026-10-01', to: '2026-10-31' }, 'demo-admin'));
    expect(metricsAfter.total).toBe(metricsBefore.total);
    expect(metricsAfter.satisfactionRate).toBe(metricsBefore.satisfactionRate);
  });

  it('masks a visit’s contact phone and clears its address', async () => {
    const me = 'erase-visitor';
    const visit = ok(await api.requests('create', { kind: 'visit', matterCode: 'dibao', slotId: 'demo-worker-1:2026-10-14T01:00:00.000Z', buildingCode: 'G1-1', address: '3单元502', contactPhone: '13912340000' }, me));
    ok(await account('delete', { confirm: true }, me));
    const doc = await stored(visit.id);
    expect(doc.contactPhone).toBe('139****0000');
    expect(doc.address).toBe('');
    expect(JSON.stringify(ok(await api.requests('get', { id: visit.id }, 'demo-admin')))).not.toContain('3单元502');
  });

  it('deletes the account record of a resident who has one', async () => {
    await server.store.collection<any>('users').put({ _id: 'erase-named', role: 'resident', name: '张三', phone: '13800001111', createdAt: '2026-10-01T00:00:00Z' });
    expect(ok(await account('delete', { confirm: true }, 'erase-named')).deleted.account).toBe(true);
    expect(await server.store.collection('users').get('erase-named')).toBeNull();
  });

  it('deletes the subscribe grants and message-list mark with the account', async () => {
    ok(await account('messages.read', {}, 'erase-subscriber'));
    ok(await account('subscribed', { accepted: ['tmpl-none'] }, 'erase-subscriber'));
    expect(await server.store.collection('subscriptions').get('erase-subscriber')).not.toBeNull();
    ok(await account('delete', { confirm: true }, 'erase-subscriber'));
    expect(await server.store.collection('subscriptions').get('erase-subscriber')).toBeNull();
  });

  it('needs an explicit confirmation, a signed-in caller, and refuses staff accounts', async () => {
    expect((await account('delete', {}, 'erase-x')).body.error).toMatchObject({ code: 'BAD_REQUEST', field: 'data.confirm' });
    expect((await account('delete', { confirm: 'yes' }, 'erase-x')).status).toBe(400);
    expect((await account('delete', { confirm: true }, null)).status).toBe(401);
    const staff = await account('delete', { confirm: true }, 'demo-worker-1');
    expect(staff.status).toBe(403);
    expect(staff.body.error.message).toContain('管理员');
    expect(await server.store.collection('users').get('demo-worker-1')).not.toBeNull();
  });
});
