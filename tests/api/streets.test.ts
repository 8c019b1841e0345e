import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_POINTS } from '../../cloudfunctions/lib/seed/demo-community';
import { chinaCalendar, withAdjustments } from '../../shared/src/domain/calendar';
import { computeDueAt } from '../../shared/src/domain/deadlines';
import { startTestServer, type TestServer } from '../helpers/server';
import { as, NOW, ok } from './requests-helpers';
import { deploymentFile, fileAt } from './deployment-helpers';

/**
 * Several 街道 in one environment (the demo, then deployments/heping.json beside it): each 街道's
 * 调休 counts in its deadlines, its feature switches narrow its public feed, the Open311 feed serves
 * each 街道 without mixing them, and requests.options offers the caller's 街道's categories.
 */

const QH1 = { lat: 30.9725, lng: 103.603 };
const SL1 = { lat: 30.9675, lng: 103.606 };
const TZ = 'Asia/Shanghai';
const codes = (items: { code: string }[]) => items.map((c) => c.code);

describe('two 街道 in one environment', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qgt-streets-'));
  let server: TestServer;
  let demo: { id: string; dueAt: string };
  let heping: { id: string; dueAt: string };
  let luanfang: { id: string };

  beforeAll(async () => {
    server = await startTestServer({ DATA_DIR: dataDir });
    await server.close();
    server = await startTestServer({ DATA_DIR: dataDir, DEPLOYMENT: deploymentFile('heping') });
    demo = await fileAt(server, { place: 'G1', at: DEMO_POINTS.G1, gridCode: 'G1', assignee: 'demo-worker-1' }, 'demo-resident');
    heping = await fileAt(server, { place: 'QH1', at: QH1, gridCode: 'QH1', assignee: 'qinghe-worker-1' }, 'qh-resident');
    luanfang = await fileAt(server, { place: 'SL1', at: SL1, gridCode: 'SL1', assignee: 'songlin-worker-1', category: 'luanfang' }, 'sl-resident');
  });
  afterAll(() => server?.close());

  it('counts each 街道’s own 调休 in deadlines (和平 is off on 2026-10-12, the demo is not)', () => {
    const official = computeDueAt(new Date(NOW).toISOString(), 3, TZ);
    const adjusted = computeDueAt(new Date(NOW).toISOString(), 3, TZ, withAdjustments(chinaCalendar, { holidays: ['2026-10-12'] }));
    expect(adjusted).not.toBe(official);
    expect(heping.dueAt).toBe(adjusted);
    expect(demo.dueAt).toBe(official);
  });

  it('offers each caller their 街道’s categories, buildings and communities in requests.options', async () => {
    const at = async (data: object, who = 'anyone') => ok(await server.call('requests', 'options', data, as(who)));
    const here = await at({ location: QH1 });
    expect(here.subdistrict).toEqual({ code: 'heping-street', name: '和平街道' });
    expect(codes(here.reportCategories)).toEqual(['shizheng', 'huanjing', 'paishui', 'luanfang']);
    expect(codes(here.communities)).toEqual(['qinghe', 'songlin']);
    expect(new Set(here.buildings.map((b: { community: string }) => b.community))).toEqual(new Set(['qinghe', 'songlin']));
    const there = await at({ location: DEMO_POINTS.G1 });
    expect(there.subdistrict.code).toBe('demo-street');
    expect(codes(there.reportCategories)).toContain('ranqi');
    expect(codes(there.reportCategories)).not.toContain('luanfang');
    expect(codes(there.communities)).toEqual(['demo-community']);
    // Without a place: staff get their own 街道's, a resident the 街道 they last filed in.
    expect((await at({}, 'qinghe-worker-1')).subdistrict.code).toBe('heping-street');
    expect((await at({}, 'demo-worker-1')).subdistrict.code).toBe('demo-street');
    expect((await at({}, 'sl-resident')).subdistrict.code).toBe('heping-street');
    expect((await at({ community: 'songlin' })).subdistrict.code).toBe('heping-street');
    expect(codes(here.subdistricts)).toEqual(['demo-street', 'heping-street']);
    const unknown = await server.call('requests', 'options', { subdistrict: 'nowhere' }, as('anyone'));
    expect([unknown.status, unknown.body.error.field]).toEqual([404, 'data.subdistrict']);
  });

  it('serves each 街道’s Open311 services, narrowed by its feature switch', async () => {
    const services = async (q = '') => (await server.get(`/open311/v2/services.json${q}`)).body.map((s: { service_code: string }) => s.service_code) as string[];
    const hp = await services('?jurisdiction_id=heping-street');
    expect(hp.filter((c) => c.startsWith('report.'))).toEqual(['report.shizheng', 'report.huanjing', 'report.paishui']);
    // The allow-list names 随手拍 categories only: no catalog matter is offered by 和平.
    expect(hp.some((c) => c.startsWith('matter.'))).toBe(false);
    const first = await services();
    expect(first).toContain('report.ranqi');
    expect(first).not.toContain('report.luanfang');
    expect(first.some((c) => c.startsWith('matter.'))).toBe(true);
    const nowhere = await server.get('/open311/v2/services.json?jurisdiction_id=nowhere');
    expect(nowhere.status).toBe(404);
    expect(nowhere.body[0].description).toContain('heping-street');
  });

  it('feeds each 街道 its own requests only, never the other’s', async () => {
    const window = `start_date=2026-10-01T00:00:00Z&end_date=2026-10-31T00:00:00Z`;
    const ids = async (q: string) => (await server.get(`/open311/v2/requests.json?${window}${q}`)).body.map((r: { service_request_id: string }) => r.service_request_id) as string[];
    const hp = await ids('&jurisdiction_id=heping-street');
    expect(hp).toContain(heping.id);
    expect(hp).not.toContain(demo.id);
    // 乱放 is off 和平's feed by its switch.
    expect(hp).not.toContain(luanfang.id);
    const first = await ids('');
    expect(first).toContain(demo.id);
    expect(first).not.toContain(heping.id);
    expect((await server.get(`/open311/v2/requests/${demo.id}.json?jurisdiction_id=heping-street`)).status).toBe(404);
    expect((await server.get(`/open311/v2/requests/${heping.id}.json?jurisdiction_id=heping-street`)).status).toBe(200);
    const updates = (await server.get(`/open311/v2/servicerequestupdates.json?${window}&jurisdiction_id=heping-street`)).body.map((u: { service_request_id: string }) => u.service_request_id);
    expect(updates).toContain(heping.id);
    expect(updates).not.toContain(demo.id);
  });

  it('scopes an Open311 partner key to its 街道: a 和平 key cannot file into the demo 街道', async () => {
    const upsert = (data: object, who: string) => server.call('admin', 'partners.upsert', data, as(who));
    const issued = ok(await upsert({ code: 'hp-hotline', name: '和平12345热线' }, 'heping-street-admin'));
    expect(issued.subdistrict).toBe('heping-street');
    const post = (body: object) => server.post('/open311/v2/requests.json', JSON.stringify({ api_key: issued.apiKey, service_code: 'report.shizheng', description: '市民来电：路灯不亮', ...body }), { 'content-type': 'application/json' });
    const demoPoint = { lat: DEMO_POINTS.G1.lat, long: DEMO_POINTS.G1.lng };
    const filedBefore = (await server.get('/open311/v2/requests.json?jurisdiction_id=demo-street')).body.length;
    // Naming the other 街道 is refused; without a jurisdiction the key's own 街道 is meant, and a demo point is not in it.
    const named = await post({ ...demoPoint, jurisdiction_id: 'demo-street' });
    expect(named.status).toBe(403);
    expect(named.body[0].description).toContain('heping-street');
    const unnamed = await post(demoPoint);
    expect(unnamed.status).toBe(400);
    expect(unnamed.body[0].description).toContain('不属于本辖区');
    expect((await server.get('/open311/v2/requests.json?jurisdiction_id=demo-street')).body.length).toBe(filedBefore);
    // In its own 街道 it files.
    const own = await post({ lat: QH1.lat, long: QH1.lng });
    expect(own.status).toBe(200);
    const id = own.body[0].service_request_id;
    expect(ok(await server.call('requests', 'get', { id }, as('heping-street-admin'))).community).toBe('qinghe');
    // The demo 街道's admin cannot rotate (take over) 和平's partner; a 区 admin running both must say which 街道.
    expect((await upsert({ code: 'hp-hotline', name: '抢用' }, 'demo-street-admin')).status).toBe(403);
    const qu = await upsert({ code: 'qu-hotline', name: '区热线' }, 'qu-admin');
    expect([qu.status, qu.body.error?.field]).toEqual([400, 'data.subdistrict']);
    expect(ok(await upsert({ code: 'qu-hotline', name: '区热线', subdistrict: 'demo-street' }, 'qu-admin')).subdistrict).toBe('demo-street');
    expect((await upsert({ code: 'x-hotline', name: '他街热线', subdistrict: 'demo-street' }, 'heping-street-admin')).status).toBe(403);
  });
});
