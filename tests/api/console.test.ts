import { startTestServer, type TestServer } from '../helpers/server';
import { USERS } from '../../cloudfunctions/lib/runtime/context';
import { COMMUNITIES, bumpCommunityVersion } from '../../cloudfunctions/lib/community/store';
import { as, ok } from './requests-helpers';

/** The admin console through the HTTP server: catalog versions, buildings, stations, roles. */
let server: TestServer;
const admin = (action: string, data: unknown, who: string | null) => server.call('admin', action, data, as(who));
const guide = (action: string, data: unknown) => server.call('guide', action, data, as(null));
const bump = (version: string, by = 1) => {
  const [y, n, m] = version.split('.').map(Number);
  return `${y}.${n + by}.${m}`;
};

beforeAll(async () => {
  server = await startTestServer();
  await server.store.collection<any>(COMMUNITIES).put({ _id: 'other-community', code: 'other-community', name: '幸福社区', subdistrict: 'demo-street', admins: ['other-admin'] });
  await bumpCommunityVersion(server.store);
  await server.store.collection<any>(USERS).put({ _id: 'other-admin', role: 'admin', name: '钱主任', communities: ['other-community'], createdAt: '2026-10-01T00:00:00Z' });
});
afterAll(() => server.close());

describe('access', () => {
  const ACTIONS: [string, unknown][] = [
    ['catalog.draft.get', {}],
    ['catalog.publish', { catalog: {} }],
    ['catalog.versions', {}],
    ['buildings.upsert', { code: 'G1-9', name: '9栋', grid: 'G1' }],
    ['buildings.list', {}],
    ['stations.upsert', { code: 'x-point', name: '某受理点', kind: 'point' }],
    ['stations.list', {}],
    ['roles.set', { openid: 'someone', role: 'worker', communities: ['demo-community'] }],
    ['roles.list', {}],
  ];
  it.each(ACTIONS)('%s: anonymous 401, resident and worker 403', async (action, data) => {
    expect((await admin(action, data, null)).status).toBe(401);
    expect((await admin(action, data, 'demo-resident')).status).toBe(403);
    expect((await admin(action, data, 'demo-worker-1')).status).toBe(403);
  });

  it('keeps an admin of another community out of this one', async () => {
    const expect403 = async (action: string, data: unknown, field: string) => {
      const res = await admin(action, data, 'other-admin');
      expect(res.status).toBe(403);
      expect(res.body.error).toMatchObject({ code: 'FORBIDDEN', field, message: expect.stringMatching(/无权/) });
    };
    await expect403('buildings.upsert', { code: 'G1-9', name: '9栋', grid: 'G1' }, 'data.grid');
    await expect403('buildings.upsert', { code: 'G1-1', name: '1栋', grid: 'G1' }, 'data.grid');
    await expect403('buildings.list', { grid: 'G1' }, 'data.grid');
    await expect403('stations.upsert', { code: 'jinxiu-window', name: '抢来的窗口', kind: 'window', community: 'other-community' }, 'data.code');
    await expect403('stations.upsert', { code: 'new-point', name: '新受理点', kind: 'point', community: 'demo-community' }, 'data.community');
    await expect403('roles.set', { openid: 'demo-worker-1', role: 'worker', communities: ['demo-community'] }, 'data.communities.0');
    await expect403('roles.set', { openid: 'demo-worker-1', role: 'worker', communities: ['other-community'] }, 'data.openid');
    expect(ok(await admin('buildings.list', {}, 'other-admin')).items).toEqual([]);
    expect(ok(await admin('stations.list', {}, 'other-admin')).items).toEqual([]);
    expect(ok(await admin('roles.list', {}, 'other-admin')).items.map((r: any) => r.openid)).toEqual(['other-admin']);
  });
});

describe('catalog', () => {
  it('publishes a new version that devices pick up by version, and keeps the history', async () => {
    const draft = ok(await admin('catalog.draft.get', {}, 'demo-admin'));
    const old = draft.catalog.version;
    const next = bump(old);
    const edited = { ...draft.catalog, version: next, matters: draft.catalog.matters.map((m: any, i: number) => (i === 0 ? { ...m, title: `${m.title}（新）` } : m)) };
    const published = ok(await admin('catalog.publish', { catalog: edited, note: '更新首个事项标题' }, 'demo-street-admin'));
    expect(published).toEqual({ version: next, previous: old, publishedAt: expect.any(String) });

    const refreshed = ok(await guide('catalog', { version: old }));
    expect(refreshed).toMatchObject({ version: next, unchanged: false });
    expect(refreshed.catalog.matters[0].title).toBe(edited.matters[0].title);
    expect(refreshed.index).toBeDefined();
    expect(ok(await guide('catalog', { version: next }))).toEqual({ version: next, unchanged: true });
    expect(ok(await guide('get', { code: edited.matters[0].code })).title).toBe(edited.matters[0].title);

    const versions = ok(await admin('catalog.versions', {}, 'demo-street-admin'));
    expect(versions.current).toBe(next);
    expect(versions.items.map((v: any) => [v.version, v.by, v.byName, v.note, v.current])).toEqual([
      [next, 'demo-street-admin', '孙科长', '更新首个事项标题', true],
      [old, undefined, undefined, '仓库目录数据', false],
    ]);
    expect(versions.items[0].matters).toBe(edited.matters.length);
  });

  it('refuses an equal or older version with 409 and an invalid catalog with 400 naming the field', async () => {
    const { catalog } = ok(await admin('catalog.draft.get', {}, 'demo-admin'));
    for (const version of [catalog.version, bump(catalog.version, -1)]) {
      const res = await admin('catalog.publish', { catalog: { ...catalog, version } }, 'demo-street-admin');
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({ code: 'CONFLICT', field: 'data.catalog.version' });
    }
    const invalid = { ...catalog, version: bump(catalog.version), matters: catalog.matters.map((m: any, i: number) => (i === 1 ? { ...m, category: 'no-such' } : m)) };
    const res = await admin('catalog.publish', { catalog: invalid }, 'demo-street-admin');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'BAD_REQUEST', field: 'data.catalog.matters.1.category' });
    const badVersion = await admin('catalog.publish', { catalog: { ...catalog, version: 'v2' } }, 'demo-street-admin');
    expect(badVersion.body.error.field).toBe('data.catalog.version');
    expect(ok(await guide('list', {})).version).toBe(catalog.version); // nothing changed
  });
});

describe('buildings and stations', () => {
  it('adds buildings to the admin’s grids', async () => {
    expect(ok(await admin('buildings.upsert', { code: 'G1-3', name: '锦绣东苑3栋', grid: 'G1', point: { lat: 30.99, lng: 103.627 } }, 'demo-admin'))).toEqual({
      code: 'G1-3',
      name: '锦绣东苑3栋',
      grid: 'G1',
      gridName: '锦绣东苑',
      community: 'demo-community',
      point: { lat: 30.99, lng: 103.627 },
    });
    expect(ok(await admin('buildings.list', { grid: 'G1' }, 'demo-admin')).items.map((b: any) => b.code)).toEqual(['G1-1', 'G1-2', 'G1-3']);
    expect(ok(await admin('buildings.list', {}, 'demo-admin')).items).toHaveLength(7);
    expect((await admin('buildings.upsert', { code: 'G9-1', name: '9栋', grid: 'G9' }, 'demo-admin')).body.error).toMatchObject({ code: 'NOT_FOUND', field: 'data.grid' });
    expect(ok(await server.call('requests', 'options', {}, as('demo-resident'))).buildings.map((b: any) => b.code)).toContain('G1-3');
  });

  it('adds stations with their QR: posters print them, scenes resolve them', async () => {
    const station = ok(await admin('stations.upsert', { code: 'jinxiu-east-point', name: '锦绣东苑受理点', kind: 'point', address: '东苑3栋旁' }, 'demo-admin'));
    expect(station).toEqual({
      code: 'jinxiu-east-point',
      name: '锦绣东苑受理点',
      kind: 'point',
      community: 'demo-community',
      address: '东苑3栋旁',
      scene: 's=jinxiu-east-point',
      qr: '/qr/station/jinxiu-east-point.png',
    });
    expect(ok(await admin('stations.list', {}, 'demo-admin')).items.map((s: any) => s.code)).toEqual(['jinxiu-east-point', 'jinxiu-south-point', 'jinxiu-window']);
    expect((await admin('stations.upsert', { code: 'Bad_Code', name: '某站点', kind: 'point' }, 'demo-admin')).body.error.field).toBe('data.code');

    expect(ok(await guide('scene', { scene: 's=jinxiu-east-point' }))).toEqual({ type: 'station', code: 'jinxiu-east-point' });
    expect(ok(await guide('scene', { scene: 's%3Djinxiu-window' }))).toEqual({ type: 'station', code: 'jinxiu-window' });
    expect((await guide('scene', { scene: 's=no-such-station' })).status).toBe(404);

    const sheet = await server.get('/qr/posters');
    const html = sheet.bytes.toString('utf8');
    expect(html.match(/<figure class="card station">/g)).toHaveLength(3);
    expect(html).toContain('/qr/station/jinxiu-east-point.png');
    expect(html).toContain('锦绣东苑受理点');
    expect(html).toContain(`${server.url}/?s=jinxiu-east-point`);
    const png = await server.get('/qr/station/jinxiu-east-point.png');
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect((await server.get('/qr/station/no-such-station.png')).status).toBe(404);
  });
});

describe('roles', () => {
  it('lets only a 街道 admin grant admin, and nobody change their own role', async () => {
    const grant = { openid: 'new-admin', role: 'admin', communities: ['demo-community'], name: '吴主任' };
    expect((await admin('roles.set', grant, 'demo-admin')).body.error).toMatchObject({ code: 'FORBIDDEN', field: 'data.role' });
    expect(ok(await admin('roles.set', grant, 'demo-street-admin'))).toEqual({ openid: 'new-admin', role: 'admin', name: '吴主任', communities: ['demo-community'], subdistrictAdmin: false });
    expect(ok(await admin('stations.list', {}, 'new-admin')).items).toHaveLength(3); // an admin now
    const community = await server.store.collection<any>(COMMUNITIES).get('demo-community');
    expect(community.admins).toEqual(['demo-admin', 'new-admin']); // the dispatcher stays first

    for (const who of ['demo-admin', 'demo-street-admin']) {
      expect((await admin('roles.set', { openid: who, role: 'resident', communities: [] }, who)).body.error).toMatchObject({ code: 'FORBIDDEN', field: 'data.openid' });
    }
    expect((await admin('roles.set', { openid: 'new-admin', role: 'resident', communities: [] }, 'demo-admin')).status).toBe(403); // a community admin cannot demote an admin
    expect((await admin('roles.set', { openid: 'demo-street-admin', role: 'worker', communities: ['demo-community'] }, 'new-admin')).status).toBe(403);

    ok(await admin('roles.set', { openid: 'new-admin', role: 'resident', communities: [] }, 'demo-street-admin'));
    expect((await admin('stations.list', {}, 'new-admin')).status).toBe(403);
    expect((await server.store.collection<any>(COMMUNITIES).get('demo-community')).admins).toEqual(['demo-admin']);
  });

  it('lets a community admin name workers of their community', async () => {
    expect(ok(await admin('roles.set', { openid: 'new-worker', role: 'worker', communities: ['demo-community'], name: '郑网格' }, 'demo-admin'))).toMatchObject({ role: 'worker', communities: ['demo-community'] });
    expect((await admin('roles.set', { openid: 'new-worker', role: 'worker', communities: [] }, 'demo-admin')).body.error.field).toBe('data.communities');
    const res = await admin('roles.set', { openid: 'demo-worker-1', role: 'resident', communities: [] }, 'demo-admin');
    expect(res.body.error).toMatchObject({ code: 'CONFLICT', field: 'data.role' }); // still a grid's worker
    const list = ok(await admin('roles.list', {}, 'demo-admin')).items;
    expect(list.map((r: any) => r.openid)).toEqual(expect.arrayContaining(['demo-admin', 'demo-street-admin', 'demo-worker-1', 'new-worker']));
    expect(list.find((r: any) => r.openid === 'demo-street-admin').subdistrictAdmin).toBe(true);
    expect(list.map((r: any) => r.openid)).not.toContain('other-admin');
  });

  it('lets another community’s admin release a shared worker from their community only', async () => {
    await server.store.collection<any>(USERS).put({ _id: 'shared-worker', role: 'worker', name: '周网格', communities: ['demo-community', 'other-community'], createdAt: '2026-10-01T00:00:00Z' });
    const released = ok(await admin('roles.set', { openid: 'shared-worker', role: 'resident', communities: [] }, 'other-admin'));
    expect(released).toMatchObject({ role: 'worker', communities: ['demo-community'] });
    expect(await server.store.collection<any>(USERS).get('shared-worker')).toMatchObject({ role: 'worker', communities: ['demo-community'] });
    // Their own admin can then let them go entirely.
    expect(ok(await admin('roles.set', { openid: 'shared-worker', role: 'resident', communities: [] }, 'demo-admin'))).toMatchObject({ role: 'resident', communities: [] });
  });
});
