import { startTestServer, type TestServer } from '../helpers/server';
import { META } from '../../cloudfunctions/lib/catalog/published';
import { COMMUNITIES, bumpCommunityVersion } from '../../cloudfunctions/lib/community/store';
import { GRID_VISITS, KEY_HOUSEHOLDS } from '../../cloudfunctions/lib/visits/store';
import { as, ok, report } from './requests-helpers';
import { USERS } from '../../cloudfunctions/lib/runtime/caller';

/** 下沉网格 through the HTTP server. Week of Monday 2026-10-12; "now" is Friday 2026-10-16 18:00 in Shanghai. */
const NOW = '2026-10-16T18:00:00+08:00';

let server: TestServer;
const visits = (action: string, data: unknown, who: string | null, now = NOW) => server.call('visits', action, data, as(who, now));
const household = (over: Record<string, unknown> = {}) => ({
  code: 'G1-K1',
  name: '孙奶奶',
  phone: '13912345678',
  buildingCode: 'G1-1',
  tags: ['独居老人'],
  worker: 'demo-worker-1',
  frequencyDays: 7,
  ...over,
});

beforeAll(async () => {
  server = await startTestServer();
  // An admin of another community, for the access matrix.
  await server.store.collection<any>(COMMUNITIES).put({ _id: 'other-community', code: 'other-community', name: '幸福社区', subdistrict: 'demo-street', admins: ['other-admin'] });
  await bumpCommunityVersion(server.store);
  await server.store.collection<any>(USERS).put({ _id: 'other-admin', role: 'admin', name: '钱主任', communities: ['other-community'], createdAt: NOW });
});
afterAll(() => server.close());

describe('demo seed', () => {
  it('shows demo-worker-1 an overdue key household on the seeding day', async () => {
    const seededAt = (await server.store.collection<{ _id: string; at: string }>(META).get('seed'))!.at;
    const home = ok(await visits('home', {}, 'demo-worker-1', seededAt));
    expect(home.overdue.map((h: any) => [h.code, h.name, h.overdueDays])).toEqual([['G1-H001', '王奶奶', 3]]);
    expect(home.overdue[0].phone).toBe('138****0101');
    // From here on, literal dates: the seeded (relative) data is cleared.
    await server.store.collection(GRID_VISITS).removeMany({});
    await server.store.collection(KEY_HOUSEHOLDS).removeMany({});
  });
});

describe('access', () => {
  const ACTIONS: [string, unknown][] = [
    ['log', { household: '1栋101', found: '正常' }],
    ['mine', {}],
    ['households.upsert', household()],
    ['households.list', {}],
    ['home', {}],
    ['targets', {}],
  ];
  it.each(ACTIONS)('%s: anonymous 401, resident 403', async (action, data) => {
    expect((await visits(action, data, null)).status).toBe(401);
    const res = await visits(action, data, 'demo-resident');
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
  });

  it('workers see only their own; admins only their communities', async () => {
    expect((await visits('households.upsert', household(), 'demo-worker-1')).status).toBe(403);
    for (const action of ['mine', 'targets', 'households.list']) {
      expect((await visits(action, { worker: 'demo-worker-2' }, 'demo-worker-1')).status).toBe(403);
      expect((await visits(action, { worker: 'demo-worker-1' }, 'other-admin')).status).toBe(403);
    }
    const upsert = await visits('households.upsert', household(), 'other-admin');
    expect(upsert.status).toBe(403);
    expect(upsert.body.error).toMatchObject({ code: 'FORBIDDEN', field: 'data.worker', message: expect.stringContaining('无权') });
    expect((await visits('log', { household: '1栋101', found: '正常' }, 'demo-admin')).status).toBe(403); // workers log
    expect((await visits('home', {}, 'demo-admin')).status).toBe(403);
    expect((await visits('log', { household: '1栋101', found: '正常' }, 'demo-dept-gas')).status).toBe(403); // staff, not a grid worker
  });
});

describe('key households, visit log and targets', () => {
  it('keeps key households with a masked phone; workers list their own', async () => {
    const h = ok(await visits('households.upsert', household(), 'demo-admin'));
    expect(h).toMatchObject({ code: 'G1-K1', phone: '139****5678', community: 'demo-community', worker: 'demo-worker-1', workerName: '刘网格', lastVisit: null, dueDate: '2026-10-16', overdue: false });
    ok(await visits('households.upsert', household({ code: 'G2-K1', name: '钱大爷', worker: 'demo-worker-2', buildingCode: 'G2-1', tags: ['低保', '残疾'], frequencyDays: 14 }), 'demo-admin'));
    expect(JSON.stringify(await server.store.collection(KEY_HOUSEHOLDS).find({}))).not.toContain('13912345678');
    expect(ok(await visits('households.list', {}, 'demo-worker-1')).items.map((x: any) => x.code)).toEqual(['G1-K1']);
    expect(ok(await visits('households.list', {}, 'demo-admin')).items.map((x: any) => x.code)).toEqual(['G1-K1', 'G2-K1']);
    // People read the building's name beside its code.
    expect(ok(await visits('households.list', {}, 'demo-worker-2')).items.map((x: any) => [x.buildingCode, x.buildingName])).toEqual([['G2-1', '锦绣西苑1栋']]);
    expect(ok(await visits('households.list', {}, 'other-admin')).items).toEqual([]);
    const badTag = await visits('households.upsert', household({ tags: ['富豪'] }), 'demo-admin');
    expect(badTag.body.error).toMatchObject({ code: 'BAD_REQUEST', field: 'data.tags.0' });
  });

  it('logs visits, checking dates, lengths and the requests filed', async () => {
    const r = ok(await server.call('requests', 'create', report(), as('demo-resident', '2026-10-14T10:00:00+08:00')));
    const v = ok(await visits('log', { household: 'G1-K1', buildingCode: 'G1-1', date: '2026-10-01', found: '血压偏高，已联系家属', requestIds: [r.id] }, 'demo-worker-1'));
    expect(v).toMatchObject({ worker: 'demo-worker-1', community: 'demo-community', date: '2026-10-01', household: 'G1-K1', householdName: '孙奶奶', requestIds: [r.id] });
    const stored = await server.store.collection(GRID_VISITS).get(v.id);
    expect(Object.keys(stored!).sort()).toEqual(['_id', 'buildingCode', 'community', 'createdAt', 'date', 'found', 'household', 'requestIds', 'worker']);

    const err = async (data: Record<string, unknown>, who = 'demo-worker-1') => (await visits('log', { household: '1栋101', found: '正常', ...data }, who)).body.error;
    expect(await err({ date: '2026-10-17' })).toMatchObject({ code: 'BAD_REQUEST', field: 'data.date' }); // tomorrow
    expect(await err({ date: '2026-09-14' })).toMatchObject({ code: 'BAD_REQUEST', field: 'data.date' }); // > 31 days back
    expect(await err({ found: '很'.repeat(501) })).toMatchObject({ code: 'BAD_REQUEST', field: 'data.found' });
    expect(await err({ household: '户'.repeat(51) })).toMatchObject({ code: 'BAD_REQUEST', field: 'data.household' });
    expect(await err({ requestIds: ['RNOSUCHTHING1'] })).toMatchObject({ code: 'NOT_FOUND', field: 'data.requestIds.0' });
    expect(await err({ buildingCode: 'G9-9' })).toMatchObject({ code: 'NOT_FOUND', field: 'data.buildingCode' });
    expect(await err({ requestIds: [r.id] }, 'demo-worker-3')).toMatchObject({ code: 'NOT_FOUND' }); // not theirs to see
  });

  it('shows the overdue key households and this week/month in the worker home', async () => {
    // G1-K1: weekly, last visited 10-01 → due 10-08, 8 days overdue on 10-16.
    ok(await visits('log', { household: '3栋2单元501', date: '2026-10-12', found: '楼道灯坏' }, 'demo-worker-1'));
    ok(await visits('log', { household: '3栋2单元502', date: '2026-10-12', found: '正常' }, 'demo-worker-1'));
    ok(await visits('log', { household: '3栋2单元501', date: '2026-10-14', found: '灯已修好' }, 'demo-worker-1'));
    const home = ok(await visits('home', {}, 'demo-worker-1'));
    expect(home).toMatchObject({
      today: '2026-10-16',
      overdue: [{ code: 'G1-K1', lastVisit: '2026-10-01', dueDate: '2026-10-08', overdue: true, overdueDays: 8 }],
      dueSoon: [],
      week: { week: '2026-10-12', days: 2, target: 3, met: false },
      month: { month: '2026-10', households: 3, target: 50, met: false },
    });
    ok(await visits('log', { household: 'G1-K1', found: '已复诊，情况稳定' }, 'demo-worker-1')); // today
    const after = ok(await visits('home', {}, 'demo-worker-1'));
    expect(after.overdue).toEqual([]);
    expect(after.week).toEqual({ week: '2026-10-12', days: 3, target: 3, met: true });
    expect(after.month.households).toBe(3); // G1-K1 again
    // Monday 01:00 in Shanghai is still Sunday in UTC: the new week has started.
    expect(ok(await visits('home', {}, 'demo-worker-1', '2026-10-18T17:00:00Z')).week).toEqual({ week: '2026-10-19', days: 0, target: 3, met: false });
  });

  it('counts 50 households a month, per worker, for the worker and the admin', async () => {
    for (let i = 0; i < 46; i++) ok(await visits('log', { household: `5栋${100 + i}`, date: `2026-10-${String(2 + (i % 14)).padStart(2, '0')}`, found: '正常' }, 'demo-worker-1'));
    const mid = ok(await visits('targets', {}, 'demo-worker-1')).items[0];
    expect(mid.months).toEqual([{ month: '2026-10', households: 49, target: 50, met: false }]);
    ok(await visits('log', { household: '6栋101', found: '正常' }, 'demo-worker-1'));

    const mine = ok(await visits('targets', { from: '2026-10-01', to: '2026-10-16' }, 'demo-worker-1'));
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0].months).toEqual([{ month: '2026-10', households: 50, target: 50, met: true }]);
    expect(mine.items[0].weeks.map((w: any) => w.week)).toEqual(['2026-09-28', '2026-10-05', '2026-10-12']);
    expect(mine.items[0].weeks[2]).toEqual({ week: '2026-10-12', days: 5, target: 3, met: true }); // 12–16

    const all = ok(await visits('targets', { from: '2026-10-12', to: '2026-10-16' }, 'demo-admin'));
    expect(all.items.map((t: any) => [t.worker.openid, t.months[0].households, t.weeks[0].days])).toEqual([
      ['demo-worker-1', 50, 5],
      ['demo-worker-2', 0, 0],
      ['demo-worker-3', 0, 0],
    ]);
    expect((await visits('targets', { from: '2026-10-17', to: '2026-10-16' }, 'demo-admin')).body.error.field).toBe('data.from');
    expect((await visits('targets', { from: '2026-01-01', to: '2026-10-16' }, 'demo-admin')).body.error.field).toBe('data.from');
  });

  it('lists own visits newest first, and the community for the admin', async () => {
    const mine = ok(await visits('mine', { from: '2026-10-14', to: '2026-10-16' }, 'demo-worker-1'));
    expect(mine.items[0]).toMatchObject({ date: '2026-10-16', workerName: '刘网格' });
    expect(mine.items.every((v: any) => v.worker === 'demo-worker-1' && v.date >= '2026-10-14')).toBe(true);
    expect(ok(await visits('mine', {}, 'demo-worker-2')).items).toEqual([]);
    expect(ok(await visits('mine', { worker: 'demo-worker-1' }, 'demo-admin')).items.length).toBe(ok(await visits('mine', {}, 'demo-worker-1')).items.length);
    expect(ok(await visits('mine', {}, 'other-admin')).items).toEqual([]);
  });
});
