import { startTestServer, type TestServer } from '../helpers/server';
import { COMMUNITIES, bumpCommunityVersion } from '../../cloudfunctions/lib/community/store';
import { as, ok } from './requests-helpers';
import { USERS } from '../../cloudfunctions/lib/runtime/caller';

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
    ['catalog.review', {}],
    ['catalog.reportClose', { id: 'CR00000000000000' }],
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

describe('catalog review (issue 21)', () => {
  it('lists drafts and stale matters for admins, as of the call’s day, with the documents to verify', async () => {
    const at = (day: string) => ({ ...as('demo-admin'), 'x-now': `${day}T04:00:00Z` });
    const { catalog } = ok(await admin('catalog.draft.get', {}, 'demo-admin'));
    const today = ok(await server.call('admin', 'catalog.review', {}, at('2026-12-07')));
    expect(today.asOf).toBe('2026-12-07');
    expect(today.counts.draft + today.counts.reviewed + today.counts.stale).toBe(catalog.matters.length);
    expect(today.counts.stale).toBe(0);
    expect(today.items.length).toBe(today.counts.draft);
    for (const item of today.items) expect(item).toEqual(expect.objectContaining({ title: expect.any(String), status: 'draft', reasons: expect.arrayContaining([expect.stringContaining('待核实')]) }));
    const poverty = today.laws.find((l: any) => l.title === '特困人员认定办法');
    expect(poverty).toEqual(expect.objectContaining({ status: '待核实', citedBy: [expect.objectContaining({ title: '特困人员救助供养申请' })] }));

    // Half a year on, every review is due: all of them are listed as stale, with the date they were due.
    const later = ok(await server.call('admin', 'catalog.review', {}, at('2027-07-01')));
    expect(later.counts.stale).toBe(catalog.matters.length);
    expect(later.items.every((i: any) => i.status === 'stale' && i.reasons.some((r: string) => r.includes(i.nextReviewDue)))).toBe(true);
  });

  it('publishes a changed field only with a new source for it (review workflow)', async () => {
    const { catalog } = ok(await admin('catalog.draft.get', {}, 'demo-admin'));
    const i = catalog.matters.findIndex((m: any) => m.code === 'dibao');
    const edit = (m: any) => ({ ...m, timeLimit: { ...m.timeLimit, workingDays: 25 } });
    const without = catalog.matters.map((m: any, j: number) => (j === i ? edit(m) : m));
    const refused = await admin('catalog.publish', { catalog: { ...catalog, version: bump(catalog.version), matters: without } }, 'demo-street-admin');
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'BAD_REQUEST', field: `data.catalog.matters.${i}.sources` });
    expect(refused.body.error.message).toContain('最低生活保障申请');
    expect(refused.body.error.message).toContain('办理时限');
    expect(ok(await guide('get', { code: 'dibao' })).timeLimit.workingDays).toBe(catalog.matters[i].timeLimit.workingDays);

    const promise = { title: '锦绣社区政务服务事项承诺时限表', url: 'https://example.org/jinxiu/promises', retrievedAt: '2026-12-07', field: 'timeLimit' };
    const withSource = catalog.matters.map((m: any, j: number) => (j === i ? { ...edit(m), sources: [...m.sources, promise] } : m));
    ok(await admin('catalog.publish', { catalog: { ...catalog, version: bump(catalog.version), matters: withSource }, note: '低保期限按社区承诺' }, 'demo-street-admin'));
    expect(ok(await guide('get', { code: 'dibao' })).timeLimit.workingDays).toBe(25);
  });

  it('报告错误: window staff report a wrong line; it lands in the admins’ review list until closed', async () => {
    const filed = ok(await server.call('desk', 'reportError', { matterCode: 'dibao', field: 'materials', note: '本地已不需要户口簿复印件' }, as('demo-worker-1')));
    expect(filed).toMatchObject({ id: expect.stringMatching(/^CR/), matterCode: 'dibao', matterTitle: '最低生活保障申请', field: 'materials', status: 'open', by: { openid: 'demo-worker-1', name: '刘网格' } });
    expect((await server.call('desk', 'reportError', { matterCode: 'dibao', note: '错' }, as('demo-worker-1'))).body.error.field).toBe('data.note');
    expect((await server.call('desk', 'reportError', { matterCode: 'no-such', note: '没有这个事项' }, as('demo-worker-1'))).status).toBe(404);
    expect((await server.call('desk', 'reportError', { matterCode: 'dibao', note: '居民也想报告' }, as('demo-resident'))).status).toBe(403);

    const listed = ok(await admin('catalog.review', {}, 'demo-admin')).reports;
    expect(listed.map((r: any) => r.id)).toContain(filed.id);
    const closed = ok(await admin('catalog.reportClose', { id: filed.id, note: '已核实并修改' }, 'demo-street-admin'));
    expect(closed).toMatchObject({ id: filed.id, status: 'closed', closedBy: { openid: 'demo-street-admin', name: '孙科长' }, closeNote: '已核实并修改' });
    expect(ok(await admin('catalog.review', {}, 'demo-admin')).reports.map((r: any) => r.id)).not.toContain(filed.id);
    expect((await admin('catalog.reportClose', { id: filed.id }, 'demo-admin')).status).toBe(409);
  });

  it('refuses to publish a source with neither a 文号 nor a link, naming the field', async () => {
    const { catalog } = ok(await admin('catalog.draft.get', {}, 'demo-admin'));
    const matters = catalog.matters.map((m: any, i: number) => (i === 2 ? { ...m, sources: [{ title: '某文件', field: 'basis' }] } : m));
    const res = await admin('catalog.publish', { catalog: { ...catalog, version: bump(catalog.version), matters } }, 'demo-admin');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'BAD_REQUEST', field: 'data.catalog.matters.2.sources.0.docNo' });
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

    // A station scene answers the station's page (issue 16: names, address, hours, what can be done there).
    expect(ok(await guide('scene', { scene: 's=jinxiu-east-point' }))).toMatchObject({ type: 'station', code: 'jinxiu-east-point', name: '锦绣东苑受理点', address: '东苑3栋旁', communityName: '锦绣社区' });
    expect(ok(await guide('scene', { scene: 's%3Djinxiu-window' }))).toMatchObject({ type: 'station', code: 'jinxiu-window' });
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
  }, 30_000); // drawing every QR of the posters takes seconds on a loaded machine
});

describe('roles', () => {
  it('lets only a 街道 admin grant admin, and nobody change their own role', async () => {
    const grant = { openid: 'new-admin', role: 'admin', communities: ['demo-community'], name: '吴主任' };
    expect((await admin('roles.set', grant, 'demo-admin')).body.error).toMatchObject({ code: 'FORBIDDEN', field: 'data.role' });
    expect(ok(await admin('roles.set', grant, 'demo-street-admin'))).toEqual({ openid: 'new-admin', role: 'admin', name: '吴主任', communities: ['demo-community'], communityNames: ['锦绣社区'], subdistrictAdmin: false });
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

  it('lists the department staff of their 街道 to a 街道 admin (they staff the departments), not to a community admin', async () => {
    // 周师傅 (燃气公司) belongs to no community: the departments page picks staff from this list.
    const street = ok(await admin('roles.list', {}, 'demo-street-admin')).items;
    expect(street.find((r: any) => r.openid === 'demo-dept-gas')).toMatchObject({ role: 'worker', name: '周师傅', communities: [] });
    expect(ok(await admin('roles.list', {}, 'demo-admin')).items.map((r: any) => r.openid)).not.toContain('demo-dept-gas');
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
