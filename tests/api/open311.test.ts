import { startTestServer, type TestServer } from '../helpers/server';
import { client, ok, report } from './requests-helpers';

/**
 * The Open311 GeoReport v2 endpoint, pulled the way a city platform would (no identity), over
 * requests filed, worked and cancelled through the API.
 */
let server: TestServer;
let api: ReturnType<typeof client>;

const BASE = '/open311/v2';
/** A resident's doorstep, not on any rounding boundary. */
const DOOR = { lat: 30.98912, lng: 103.62687 };
const PHONE = '13912345678';
const ID_NUMBER = '51010719900101123X';
/** 120 days before NOW: outside the default 90-day window. */
const LONG_AGO = '2026-06-11T10:00:00+08:00';
const LATER = '2026-10-09T11:00:00+08:00';

/** A consultation filed at a time that is not on the hour: published cut to the hour. */
const CONSULT_AT = '2026-10-09T08:47:13+08:00';

const ids: Record<string, string> = {};
const hidden: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  api = client(server);
  ids.open = ok(await api.requests('create', report({ description: `路灯不亮，请回电${PHONE}，身份证${ID_NUMBER}`, location: DOOR }), 'demo-resident')).id;
  ids.resolved = ok(await api.requests('create', report({ category: 'huanjing', description: '垃圾桶满了' }), 'demo-resident-2')).id;
  ok(await api.work('accept', { id: ids.resolved }, 'demo-worker-1'));
  ok(await api.work('resolve', { id: ids.resolved, note: '已清运' }, 'demo-worker-1', LATER));
  ids.escalated = ok(await api.requests('create', report({ category: 'ranqi', description: '楼道有燃气味' }), 'demo-resident')).id;
  ok(await api.work('accept', { id: ids.escalated }, 'demo-worker-1'));
  ok(await api.work('escalate', { id: ids.escalated, department: 'ranqi', reason: '需燃气公司检修' }, 'demo-worker-1'));
  ids.cancelled = ok(await api.requests('create', report({ description: '井盖松动' }), 'demo-resident')).id;
  ok(await api.requests('cancel', { id: ids.cancelled, reason: '已自行联系物业' }, 'demo-resident'));
  ids.consult = ok(await api.requests('create', { kind: 'consult', matterCode: 'resident-pension', description: `我叫张阿姨，电话${PHONE}，想咨询养老保险`, location: DOOR }, 'demo-resident', CONSULT_AT)).id;
  // 法律服务 is private in the demo deployment (privateCategories): never published.
  hidden.legal = ok(await api.requests('create', { kind: 'consult', matterCode: 'legal-aid', description: '想咨询离婚纠纷', location: DOOR }, 'demo-resident')).id;
  hidden.dibao = ok(await api.requests('create', { kind: 'consult', category: 'minzheng', description: '低保怎么申请' }, 'demo-resident')).id;
  ids.old = ok(await api.requests('create', report({ description: '很久以前的问题' }), 'demo-resident', LONG_AGO)).id;
});
afterAll(() => server.close());

const pull = async (path: string, now = LATER) => server.get(`${BASE}/${path}`, { 'x-now': now });
const pulled = async (query = '') => {
  const res = await pull(`requests.json${query}`);
  expect(res.status).toBe(200);
  return res.body as Array<Record<string, any>>;
};
const idsOf = (items: Array<Record<string, any>>): string[] => items.map((r) => r.service_request_id).sort();
const byId = async (id: string) => (await pulled(`?service_request_id=${id}`))[0];

describe('services.json', () => {
  it('lists the 随手拍 categories and the matters by catalog category, realtime, without metadata', async () => {
    const res = await pull('services.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json; charset=utf-8/);
    const services = res.body as Array<Record<string, unknown>>;
    expect(services.find((s) => s.service_code === 'report.shizheng')).toEqual({
      service_code: 'report.shizheng',
      service_name: '市政设施',
      description: expect.stringContaining('市政设施'),
      metadata: false,
      type: 'realtime',
      keywords: expect.stringContaining('市政设施'),
      group: '随手拍',
    });
    expect(services.find((s) => s.service_code === 'matter.legal-aid')).toMatchObject({ service_name: '法律援助申请', group: '法律服务', metadata: false, type: 'realtime' });
    expect(new Set(services.map((s) => s.service_code)).size).toBe(services.length);
    for (const s of services) expect(typeof s.keywords).toBe('string');
  });
});

describe('requests.json', () => {
  it('gives the last 90 days by default, newest first, each with a listed service', async () => {
    const items = await pulled();
    expect(idsOf(items)).toEqual([ids.open, ids.resolved, ids.escalated, ids.cancelled, ids.consult].sort());
    const times = items.map((r) => Date.parse(r.requested_datetime));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const codes = new Set(((await pull('services.json')).body as Array<{ service_code: string }>).map((s) => s.service_code));
    for (const r of items) expect(codes.has(r.service_code)).toBe(true);
  });

  it('maps our statuses onto open and closed, with the status in words', async () => {
    const items = await pulled();
    const status = Object.fromEntries(items.map((r) => [r.service_request_id, [r.status, r.status_notes]]));
    expect(status[ids.open]).toEqual(['open', '待接单']);
    expect(status[ids.escalated]).toEqual(['open', '部门协办中']);
    expect(status[ids.resolved]).toEqual(['closed', '已办结待评价']);
    expect(status[ids.cancelled]).toEqual(['closed', '已取消']);
  });

  it('has the spec’s fields, the deadline as expected_datetime, in Beijing time', async () => {
    const staff = ok(await api.requests('get', { id: ids.open }, 'demo-admin'));
    const r = await byId(ids.open);
    expect(Object.keys(r).sort()).toEqual(
      ['service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description', 'agency_responsible', 'service_notice', 'requested_datetime', 'updated_datetime', 'expected_datetime', 'address', 'zipcode', 'lat', 'long', 'media_url'].sort(),
    );
    expect(r).toMatchObject({ service_code: 'report.shizheng', service_name: '市政设施', agency_responsible: '锦绣社区', address: '幸福街道 锦绣社区 锦绣东苑', zipcode: '611830', media_url: null });
    expect(r.requested_datetime).toBe('2026-10-09T08:00:00+08:00');
    expect(Date.parse(r.expected_datetime)).toBe(Date.parse(staff.dueAt));
    expect(r.expected_datetime).toMatch(/\+08:00$/);
    const resolved = await byId(ids.resolved);
    expect(resolved.updated_datetime).toBe(LATER);
  });

  it('names the department while it is called in', async () => {
    expect((await byId(ids.escalated)).agency_responsible).toBe('燃气公司');
  });

  it('publishes no personal data: masked numbers, a block instead of a door, no people, no photos', async () => {
    const res = await pull('requests.json');
    const text = res.bytes.toString('utf8');
    for (const secret of [PHONE, ID_NUMBER, 'demo-resident', 'demo-worker', 'demo-admin', '张阿姨', '刘网格', '王主任', String(DOOR.lat), String(DOOR.lng)]) expect(text).not.toContain(secret);
    const r = await byId(ids.open);
    expect(r.description).toBe('路灯不亮，请回电139****5678，身份证510***********123X');
    expect([r.lat, r.long]).toEqual([30.989, 103.627]);
  });

  it('keeps a resident’s own affairs to service, status and dates: no description, no point, community only', async () => {
    expect(await byId(ids.consult)).toMatchObject({ service_code: 'matter.resident-pension', description: null, lat: null, long: null, address: '幸福街道 锦绣社区' });
  });

  it('cuts a resident’s own affairs to the hour, not to the second they were at the window', async () => {
    const r = await byId(ids.consult);
    expect(r.requested_datetime).toBe('2026-10-09T08:00:00+08:00');
    expect(r.updated_datetime).toBe('2026-10-09T08:00:00+08:00');
    // A 随手拍 of a public place keeps its time.
    expect((await byId(ids.resolved)).updated_datetime).toBe(LATER);
  });

  it('never publishes a category or matter the deployment marks private, by any route', async () => {
    const all = idsOf(await pulled('?status=open,closed'));
    for (const id of Object.values(hidden)) {
      expect(all).not.toContain(id);
      expect(await pulled(`?service_request_id=${id}`)).toEqual([]);
      expect((await pull(`requests/${id}.json`)).status).toBe(404);
      expect((await pull(`requests/${id}.xml`)).status).toBe(404);
    }
    expect(await pulled('?service_code=matter.legal-aid')).toEqual([]);
    expect(await pulled('?service_code=category.minzheng')).toEqual([]);
    const updates = (await pull('servicerequestupdates.json')).body as Array<{ service_request_id: string }>;
    for (const id of Object.values(hidden)) expect(updates.map((u) => u.service_request_id)).not.toContain(id);
  });

  it('filters by status, service code and date window; a list of ids overrides everything else', async () => {
    expect(idsOf(await pulled('?status=open'))).toEqual([ids.open, ids.escalated, ids.consult].sort());
    expect(idsOf(await pulled('?status=closed'))).toEqual([ids.resolved, ids.cancelled].sort());
    expect(idsOf(await pulled('?status=open,closed'))).toHaveLength(5);
    expect(idsOf(await pulled('?service_code=report.shizheng'))).toEqual([ids.open, ids.cancelled].sort());
    expect(idsOf(await pulled('?service_code=report.ranqi,matter.resident-pension&status=open'))).toEqual([ids.escalated, ids.consult].sort());
    expect(await pulled('?service_code=matter.dibao')).toEqual([]);
    expect(idsOf(await pulled('?service_code=matter.resident-pension'))).toEqual([ids.consult]);
    expect(idsOf(await pulled('?start_date=2026-06-01&end_date=2026-06-30'))).toEqual([ids.old]);
    expect(idsOf(await pulled('?start_date=2026-06-11T01:59:59Z&end_date=2026-06-11T02:00:00Z'))).toEqual([ids.old]);
    expect(await pulled('?start_date=2026-06-11T02:00:01Z&end_date=2026-06-12T00:00:00Z')).toEqual([]);
    expect(idsOf(await pulled(`?service_request_id=${ids.old},${ids.cancelled}&status=open&start_date=2020-01-01&end_date=2020-01-02`))).toEqual([ids.old, ids.cancelled].sort());
  });

  it('pages with page and page_size', async () => {
    const all = await pulled();
    const first = await pulled('?page_size=2');
    const second = await pulled('?page_size=2&page=2');
    const third = await pulled('?page_size=2&page=3');
    expect([...first, ...second, ...third].map((r) => r.service_request_id)).toEqual(all.map((r) => r.service_request_id));
    expect(third).toHaveLength(1);
  });

  it('serves one request as requests/<id>.json, and XML for .xml', async () => {
    const one = await pull(`requests/${ids.open}.json`);
    expect(one.status).toBe(200);
    expect(one.body).toEqual([await byId(ids.open)]);
    const xml = await pull(`requests/${ids.open}.xml`);
    expect(xml.headers.get('content-type')).toMatch(/^text\/xml; charset=utf-8/);
    const body = xml.bytes.toString('utf8');
    expect(body).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<service_requests><request><service_request_id>R/);
    expect(body).toContain('<status>open</status>');
    expect(body).toContain('<media_url/>');
    expect(body).not.toContain(PHONE);
    expect((await pull('services.xml')).bytes.toString('utf8')).toContain('<service><service_code>report.shizheng</service_code>');
  });
});

describe('errors', () => {
  it.each([
    ['requests.json?status=pending', 400, 'status'],
    ['requests.json?start_date=yesterday', 400, 'start_date'],
    ['requests.json?start_date=2026-10-01T08:00:00', 400, 'start_date'], // no zone
    ['requests.json?start_date=2026-10-09&end_date=2026-10-01', 400, 'end_date'],
    ['requests.json?page_size=-1', 400, 'page_size'],
    ['requests.json?page=0', 400, 'page'],
    ['requests.json?jurisdiction_id=other-street', 404, '辖区'],
    ['requests/RNOSUCHREQ.json', 404, 'RNOSUCHREQ'],
    ['requests/bad!id.json', 400, '工单编号'],
    ['tokens/abc.json', 404, 'Open311'],
  ])('%s → %i, as the spec’s error list', async (path, status, mentions) => {
    const res = await pull(path);
    expect(res.status).toBe(status);
    expect(res.body).toEqual([{ code: status, description: expect.stringContaining(mentions) }]);
  });

  it('answers errors in XML for .xml', async () => {
    const res = await pull('requests.xml?status=pending');
    expect(res.status).toBe(400);
    expect(res.bytes.toString('utf8')).toMatch(/<errors><error><code>400<\/code><description>[^<]*status/);
  });

  it('accepts the jurisdiction it serves', async () => {
    expect((await pull('services.json?jurisdiction_id=demo-street')).status).toBe(200);
  });
});

test('is public: no identity needed, readable from any origin', async () => {
  const res = await server.get(`${BASE}/requests.json`);
  expect(res.status).toBe(200);
  expect(res.headers.get('access-control-allow-origin')).toBe('*');
});

// Last: it files one more request.
test('names the building a report was filed at in address', async () => {
  const id = ok(await api.requests('create', report({ description: '楼道灯坏了', location: undefined, buildingCode: 'G1-1' }), 'demo-resident-2')).id;
  const building = ok(await api.requests('options', {}, 'demo-resident')).buildings.find((b: { code: string }) => b.code === 'G1-1');
  expect((await byId(id)).address).toBe(`幸福街道 锦绣社区 锦绣东苑 ${building.name}`);
});
