import { startTestServer } from '../helpers/server';
import { NOTIFICATIONS, OUTBOX, type OutboxEntry } from '../../cloudfunctions/lib/outbox/outbox';
import { REQUESTS, type RequestDoc } from '../../cloudfunctions/lib/requests/store';
import { client, ok, report, serverPerFile } from './requests-helpers';
import { USERS } from '../../cloudfunctions/lib/runtime/caller';

const T = serverPerFile();

const FILED = '2026-09-30T10:00:00+08:00';
const alerts = async (requestId: string) =>
  (await T.server.store.collection<OutboxEntry>(OUTBOX).find({ template: 'dueAlert' }))
    .filter((e) => e.data.requestId === requestId)
    .map(({ _id, to, status, attempts }) => ({ _id, to, status, attempts }))
    .sort((a, b) => (a._id < b._id ? -1 : 1));
const levels = async (id: string) => (await T.server.store.collection<RequestDoc>(REQUESTS).get(id))!.emittedLevels;

describe('timer.tick', () => {
  it('reminds at 80%, escalates to the community admin at 100% and the 街道 at 150%, each once', async () => {
    const r = ok(await T.api.requests('create', report(), 'demo-resident', FILED)); // due 2026-10-10 24:00
    const done = ok(await T.api.requests('create', report(), 'demo-resident-2', FILED));
    ok(await T.api.work('accept', { id: done.id }, 'demo-worker-1', FILED));
    ok(await T.api.work('resolve', { id: done.id, note: '已修好' }, 'demo-worker-1', FILED));

    expect(ok(await T.api.timer('tick', {}, 'demo-admin', '2026-10-09T12:00:00+08:00')).emitted).toBe(0); // 50%
    const first = ok(await T.api.timer('tick', {}, 'demo-admin', '2026-10-10T12:00:00+08:00')); // ~83%
    expect(first).toEqual({ checked: 1, emitted: 1, delivered: 1, closed: 0 });
    expect(await alerts(r.id)).toEqual([{ _id: `${r.id}:remind`, to: 'demo-worker-1', status: 'sent', attempts: 1 }]);

    // Twice, or three at once: nothing changes.
    const snapshot = await T.server.store.collection(OUTBOX).find({}, { sort: { _id: 1 } });
    expect(ok(await T.api.timer('tick', {}, 'demo-admin', '2026-10-10T12:00:00+08:00'))).toEqual({ checked: 1, emitted: 0, delivered: 0, closed: 0 });
    expect(await T.server.store.collection(OUTBOX).find({}, { sort: { _id: 1 } })).toEqual(snapshot);
    expect(await levels(r.id)).toEqual(['remind']);

    const parallel = await Promise.all([1, 2, 3].map(() => T.api.timer('tick', {}, 'demo-admin', '2026-10-12T10:00:00+08:00')));
    expect(parallel.map((t) => ok(t).emitted).reduce((a, b) => a + b)).toBe(1);
    expect(await levels(r.id)).toEqual(['remind', 'overdue']);

    ok(await T.api.timer('tick', {}, 'demo-admin', '2026-10-15T10:00:00+08:00'));
    expect(await alerts(r.id)).toEqual([
      { _id: `${r.id}:escalate`, to: 'demo-street-admin', status: 'sent', attempts: 1 },
      { _id: `${r.id}:overdue`, to: 'demo-admin', status: 'sent', attempts: 1 },
      { _id: `${r.id}:remind`, to: 'demo-worker-1', status: 'sent', attempts: 1 },
    ]);
    expect(await levels(r.id)).toEqual(['remind', 'overdue', 'escalate']);
    expect(await alerts(done.id)).toEqual([]); // resolved: no alerts
    const notes = await T.server.store.collection(NOTIFICATIONS).find({ _id: { $in: [`${r.id}:remind`, `${r.id}:overdue`, `${r.id}:escalate`] } });
    expect(notes).toHaveLength(3);
    expect(ok(await T.api.timer('tick', {}, 'demo-admin', '2026-10-20T10:00:00+08:00')).emitted).toBe(0);
  });

  it('is for admins (and the platform timer) only', async () => {
    expect((await T.api.timer('tick', {}, 'demo-worker-1')).status).toBe(403);
    expect((await T.api.timer('tick', {}, null)).status).toBe(401);
  });
});

const square = (lng: number, lat: number, d: number) => [[[lng, lat], [lng + d, lat], [lng + d, lat + d], [lng, lat + d], [lng, lat]]];
const feature = (props: Record<string, unknown>, coordinates: unknown = square(103.632, 30.99, 0.004), type = 'Polygon') => ({
  type: 'Feature',
  geometry: { type, coordinates },
  properties: { code: 'G4', name: '锦绣新苑', community: 'demo-community', worker: 'demo-worker-3', ...props },
});
const IN_G4 = { lat: 30.992, lng: 103.634 };

describe('admin', () => {
  it('imports grids as GeoJSON and routes by them at once', async () => {
    expect(ok(await T.api.requests('create', report({ location: IN_G4 }), 'demo-resident')).assignee.openid).toBe('demo-admin');
    expect(ok(await T.api.admin('grids.import', { type: 'FeatureCollection', features: [feature({ backup: 'demo-worker-1' })] }, 'demo-admin'))).toEqual({ imported: 1 });
    expect(ok(await T.api.requests('create', report({ location: IN_G4 }), 'demo-resident'))).toMatchObject({ gridCode: 'G4', assignee: { openid: 'demo-worker-3' } });
    ok(await T.api.admin('grids.import', { type: 'FeatureCollection', features: [feature({ worker: 'demo-worker-2' })] }, 'demo-admin'));
    expect(ok(await T.api.requests('create', report({ location: IN_G4 }), 'demo-resident')).assignee.openid).toBe('demo-worker-2');
    const grids = ok(await T.api.admin('grids.list', {}, 'demo-admin')).items;
    expect(grids.map((g: { code: string }) => g.code).sort()).toEqual(['G1', 'G2', 'G3', 'G4']);
    expect(grids.find((g: { code: string }) => g.code === 'G4')).toMatchObject({ worker: 'demo-worker-2', geometry: { type: 'Polygon' } });
    // A MultiPolygon grid: both parts route to it, the gap between them does not.
    ok(await T.api.admin('grids.import', { type: 'FeatureCollection', features: [feature({ code: 'G5', name: '两块地' }, [square(103.64, 30.99, 0.002), square(103.645, 30.99, 0.002)], 'MultiPolygon')] }, 'demo-admin'));
    expect(ok(await T.api.requests('create', report({ location: { lat: 30.991, lng: 103.646 } }), 'demo-resident')).gridCode).toBe('G5');
    expect(ok(await T.api.requests('create', report({ location: { lat: 30.991, lng: 103.643 } }), 'demo-resident')).gridCode).toBeUndefined();
  });

  it.each([
    ['a duplicate code', [feature({}), feature({})], 400, 'data.features.1.properties.code'],
    ['an unregistered worker', [feature({ worker: 'ghost' })], 400, 'data.features.0.properties.worker'],
    ['the worker as their own B角', [feature({ backup: 'demo-worker-3' })], 400, 'data.features.0.properties.backup'],
    ['an unknown community', [feature({ community: 'nowhere' })], 404, 'data.features.0.properties.community'],
    ['an open ring', [feature({}, [[[103.6, 30.9], [103.61, 30.9], [103.61, 30.91], [103.6, 30.91]]])], 400, 'data.features.0.geometry.coordinates.0'],
    ['a point geometry', [feature({}, [103.6, 30.9], 'Point')], 400, 'data.features.0.geometry.type'],
    ['a bad code', [feature({ code: '网格 4' })], 400, 'data.features.0.properties.code'],
    ['no features', [], 400, 'data.features'],
    ['too many features', Array.from({ length: 501 }, (_, i) => feature({ code: `X${i}` })), 400, 'data.features'],
  ])('rejects %s with the field path', async (_label, features, status, field) => {
    const res = await T.api.admin('grids.import', { type: 'FeatureCollection', features }, 'demo-admin');
    expect(res.status).toBe(status);
    expect(res.body.error.field).toBe(field);
    expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('upserts workers: new ones become workers, fields not sent are kept, an admin stays an admin', async () => {
    const w = ok(await T.api.admin('workers.upsert', { openid: 'new-worker', name: '钱网格', phone: '13900000000', level: 'B', skills: ['dibao'], grids: ['G1'], capacity: 2 }, 'demo-admin'));
    expect(w).toMatchObject({ openid: 'new-worker', level: 'B', skills: ['dibao'], grids: ['G1'], capacity: 2, community: 'demo-community', onLeave: false, onDuty: true });
    expect(await T.server.store.collection(USERS).get('new-worker')).toMatchObject({ role: 'worker', name: '钱网格', communities: ['demo-community'] });
    const onLeave = ok(await T.api.admin('workers.upsert', { openid: 'new-worker', name: '钱网格', level: 'B', onLeave: true }, 'demo-admin'));
    expect(onLeave).toMatchObject({ onLeave: true, skills: ['dibao'], capacity: 2, phone: '13900000000' });
    const list = ok(await T.api.admin('workers.list', {}, 'demo-admin')).items;
    expect(list.map((x: { openid: string }) => x.openid)).toEqual(expect.arrayContaining(['demo-worker-1', 'demo-worker-2', 'demo-worker-3', 'new-worker']));
    expect(list.find((x: { openid: string }) => x.openid === 'demo-worker-2')).toMatchObject({ capacity: 3, open: expect.any(Number) });
    ok(await T.api.admin('workers.upsert', { openid: 'demo-admin', name: '王主任', level: 'A' }, 'demo-admin'));
    expect(await T.server.store.collection(USERS).get('demo-admin')).toMatchObject({ role: 'admin' });
    expect((await T.api.admin('workers.upsert', { openid: 'x', name: '某人', level: 'A' }, 'demo-worker-1')).status).toBe(403);
  });

  it('keeps departments; their staff answer a 吹哨', async () => {
    const dept = ok(await T.api.admin('departments.upsert', { code: 'gongdian', name: '供电公司', categories: ['shizheng'], staff: ['power-1'] }, 'demo-street-admin'));
    expect(dept).toEqual({ code: 'gongdian', name: '供电公司', categories: ['shizheng'], staff: ['power-1'], subdistrict: 'demo-street' });
    expect(ok(await T.api.admin('departments.list', {}, 'demo-admin')).items.map((d: { code: string }) => d.code)).toEqual(
      expect.arrayContaining(['zhujian', 'chengguan', 'ranqi', 'gongshui', 'wuye', 'gongdian']),
    );
    const r = ok(await T.api.requests('create', report({ description: '路灯线路老化' }), 'demo-resident'));
    ok(await T.api.work('accept', { id: r.id }, 'demo-worker-1'));
    expect((await T.api.work('escalate', { id: r.id, department: 'nosuch', reason: '供电' }, 'demo-worker-1')).body.error).toMatchObject({ code: 'NOT_FOUND', field: 'data.department' });
    ok(await T.api.work('escalate', { id: r.id, department: 'gongdian', reason: '需供电公司检修线路' }, 'demo-worker-1'));
    expect(ok(await T.api.work('inbox', {}, 'power-1')).items.map((i: { id: string }) => i.id)).toContain(r.id);
    expect(ok(await T.api.work('returnFromDepartment', { id: r.id, note: '线路已更换' }, 'power-1')).status).toBe('accepted');
  });

  it('lists the requests of the admin’s communities, filtered', async () => {
    const all = ok(await T.api.admin('requests.list', {}, 'demo-admin')).items;
    expect(all.length).toBeGreaterThan(3);
    expect(all.every((i: { community: string }) => i.community === 'demo-community')).toBe(true);
    const g5 = ok(await T.api.admin('requests.list', { gridCode: 'G5' }, 'demo-admin')).items;
    expect(g5).toHaveLength(1);
    expect(ok(await T.api.admin('requests.list', { status: 'accepted' }, 'demo-admin')).items.every((i: { status: string }) => i.status === 'accepted')).toBe(true);
  });
});

describe('GET /dev/outbox', () => {
  it('lists what the local sender sent, as HTML or JSON', async () => {
    const html = await fetch(`${T.server.url}/dev/outbox`);
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(await html.text()).toContain('通知发件箱');
    const json = await (await fetch(`${T.server.url}/dev/outbox?format=json`)).json();
    expect(json.ok).toBe(true);
    expect(json.data.notifications.length).toBeGreaterThan(0);
    expect(json.data.notifications[0]).toEqual(expect.objectContaining({ to: expect.any(String), template: expect.any(String), data: expect.objectContaining({ title: expect.any(String) }) }));
  });

  it('is refused in production', async () => {
    const prod = await startTestServer({ NODE_ENV: 'production' });
    try {
      const res = await fetch(`${prod.url}/dev/outbox`);
      expect(res.status).toBe(403);
      expect((await res.json()).error.code).toBe('FORBIDDEN');
    } finally {
      await prod.close();
    }
  });
});

describe('requests.options', () => {
  it('lists the report categories, buildings by grid and the visit rules', async () => {
    const o = ok(await T.api.requests('options', {}, 'demo-resident'));
    expect(o.reportCategories.map((c: { code: string }) => c.code)).toEqual(['shizheng', 'huanjing', 'weijian', 'fangwu', 'ranqi', 'gongshui', 'wuye']);
    expect(o.buildings.find((b: { code: string }) => b.code === 'G3-1')).toMatchObject({ name: '锦绣南苑1栋', grid: 'G3', gridName: '锦绣南苑', community: 'demo-community' });
    expect(o.communities).toEqual([{ code: 'demo-community', name: '锦绣社区' }]);
    expect(o.visit).toEqual({ visitMinutes: 60, bufferMinutes: 30, noticeMinutes: 120, cutoffMinutes: 120 });
  });
});

describe('without a community (SEED=none)', () => {
  it('refuses requests with a 4xx and offers no slots, never a 5xx', async () => {
    const bare = await startTestServer({ SEED: 'none' });
    try {
      const bareApi = client(bare);
      const res = await bareApi.requests('create', { kind: 'consult', description: '咨询低保', matterCode: 'dibao' }, 'someone');
      expect(res.status).toBe(409);
      expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
      expect(ok(await bareApi.booking('slots', { from: '2026-10-12', to: '2026-10-12' }, null)).slots).toEqual([]);
      expect((await bareApi.timer('tick', {}, 'demo-admin')).status).toBe(403); // demo-admin is not seeded: a resident
    } finally {
      await bare.close();
    }
  });
});
