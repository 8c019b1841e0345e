import fs from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { startTestServer, type TestServer } from '../helpers/server';
import { client, ok, report, NOW, P } from './requests-helpers';

/**
 * Open311 both ways: discovery, partners pushing work orders down with `POST requests` (keys
 * issued by 街道 admins), change following through `servicerequestupdates`, and an XML feed that
 * stays well-formed whatever residents type.
 */
let server: TestServer;
let api: ReturnType<typeof client>;
const BASE = '/open311/v2';
const LATER = '2026-10-09T15:30:00+08:00';

beforeAll(async () => {
  server = await startTestServer();
  api = client(server);
});
afterAll(() => server.close());

async function raw(method: 'GET' | 'POST', pathname: string, body?: string, headers: Record<string, string> = {}) {
  const res = await fetch(server.url + pathname, { method, headers: { 'x-now': NOW, ...headers }, body });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type') ?? '', text, json: () => JSON.parse(text) };
}
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const JSON_TYPE = { 'content-type': 'application/json' };

/** Whether text parses as XML (jsdom's parser is strict XML 1.0). */
function wellFormed(xml: string): boolean {
  const doc = new new JSDOM().window.DOMParser().parseFromString(xml, 'text/xml');
  return doc.getElementsByTagName('parsererror').length === 0;
}

async function issueKey(code: string, name = '12345政务服务热线', who = 'demo-street-admin'): Promise<string> {
  return ok(await api.admin('partners.upsert', { code, name }, who)).apiKey;
}

/** Every document line of the data files that mention `needle`. */
function stored(needle: string): string[] {
  return fs
    .readdirSync(server.dataDir)
    .filter((f) => f.endsWith('.db'))
    .flatMap((f) => fs.readFileSync(path.join(server.dataDir, f), 'utf8').split('\n').filter((l) => l.includes(needle)).map((l) => `${f}: ${l.slice(0, 120)}`));
}

describe('discovery', () => {
  it('is served as JSON with the spec’s fields and names the jurisdiction we accept', async () => {
    const res = await raw('GET', `${BASE}/discovery.json`);
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^application\/json/);
    const d = res.json();
    expect(Object.keys(d).sort()).toEqual(['changeset', 'contact', 'endpoints', 'key_service']);
    expect(d.key_service).toContain('demo-street');
    expect(d.endpoints).toEqual([
      { specification: 'http://wiki.open311.org/GeoReport_v2', url: `${server.url}${BASE}`, changeset: d.changeset, type: 'test', formats: ['application/json', 'text/xml'] },
    ]);
    expect(Number.isNaN(Date.parse(d.changeset))).toBe(false);
    // The jurisdiction it documents is accepted; an empty one counts as none.
    expect((await raw('GET', `${BASE}/services.json?jurisdiction_id=demo-street`)).status).toBe(200);
    expect((await raw('GET', `${BASE}/services.json?jurisdiction_id=`)).status).toBe(200);
  });

  it('is served as XML with an element per endpoint and format', async () => {
    const res = await raw('GET', `${BASE}/discovery.xml`);
    expect(res.status).toBe(200);
    expect(wellFormed(res.text)).toBe(true);
    expect(res.text).toContain('<discovery><changeset>');
    expect(res.text).toMatch(/<endpoints><endpoint><specification>http:\/\/wiki.open311.org\/GeoReport_v2<\/specification>.*<formats><format>application\/json<\/format><format>text\/xml<\/format><\/formats><\/endpoint><\/endpoints>/);
  });
});

describe('empty parameters and fractional seconds', () => {
  it('takes jurisdiction_id=, status=, start_date=… as absent and Python’s isoformat() dates', async () => {
    const id = ok(await api.requests('create', report({ description: '井盖缺失' }), 'demo-resident')).id;
    const empty = await raw('GET', `${BASE}/requests.json?jurisdiction_id=&status=&service_code=&start_date=&end_date=&page=&page_size=&service_request_id=`);
    expect(empty.status).toBe(200);
    expect(empty.json().map((r: { service_request_id: string }) => r.service_request_id)).toContain(id);
    const python = await raw('GET', `${BASE}/requests.json?start_date=2026-10-08T00:00:00.123456%2B08:00&end_date=2026-10-09T23:59:59.999999%2B08:00`);
    expect(python.status).toBe(200);
    expect(python.json().map((r: { service_request_id: string }) => r.service_request_id)).toContain(id);
  });
});

describe('admin.partners.upsert', () => {
  it('gives a 街道 admin a key once, stored only as a hash; community admins and others get 403', async () => {
    const res = await api.admin('partners.upsert', { code: 'hotline', name: '12345政务服务热线' }, 'demo-street-admin');
    const { code, apiKey } = ok(res);
    expect(code).toBe('hotline');
    expect(apiKey).toMatch(/^qgt_hotline_[A-Za-z0-9_-]{43}$/);
    expect(stored(apiKey)).toEqual([]);
    expect(stored('hotline').length).toBeGreaterThan(0);
    for (const who of ['demo-admin', 'demo-worker-1', 'demo-resident']) expect((await api.admin('partners.upsert', { code: 'mine', name: '自建平台' }, who)).status).toBe(403);
    expect((await api.admin('partners.upsert', { code: 'mine', name: '自建平台' }, null)).status).toBe(401);
  });

  it('rotates the key when the code is upserted again: the old key stops working', async () => {
    const first = await issueKey('city-platform', '市级城市运行平台');
    const second = await issueKey('city-platform', '市城运中心');
    expect(second).not.toBe(first);
    const post = (key: string) => raw('POST', `${BASE}/requests.json`, form({ api_key: key, service_code: 'report.shizheng', lat: String(P.G1.lat), long: String(P.G1.lng), description: '路灯倒伏' }), FORM);
    expect((await post(first)).status).toBe(403);
    expect((await post(second)).status).toBe(200);
  });

  it('refuses malformed codes', async () => {
    for (const code of ['', 'A_B', '../x', '$where']) expect((await api.admin('partners.upsert', { code, name: '某平台' }, 'demo-street-admin')).status).toBe(400);
  });
});

describe('POST requests', () => {
  let key: string;
  beforeAll(async () => {
    key = await issueKey('hotline-post');
  });

  it('files a form-encoded work order routed like a resident’s report, keeping the partner’s number and contact for staff', async () => {
    const res = await raw(
      'POST',
      `${BASE}/requests.json`,
      form({ api_key: key, service_code: 'report.shizheng', lat: String(P.G1.lat), long: String(P.G1.lng), description: '市民来电：路灯不亮', address_string: '锦绣路12号', first_name: '王', phone: '13900001111', 'attribute[external_id]': 'GD-2026-0001' }),
      FORM,
    );
    expect(res.status).toBe(200);
    const [{ service_request_id: id }] = res.json();
    expect(id).toMatch(/^R/);
    // Routed like a resident's report at that point: G1's worker, with the same deadline rule.
    const resident = ok(await api.requests('create', report(), 'demo-resident'));
    const staff = ok(await api.requests('get', { id }, 'demo-admin'));
    expect(staff.assignee.openid).toBe(resident.assignee.openid);
    expect(staff.gridCode).toBe('G1');
    expect(staff.dueAt).toBe(resident.dueAt);
    expect(staff.description).toContain('锦绣路12号');
    expect(staff.partner).toEqual({ code: 'hotline-post', name: '12345政务服务热线', ref: 'GD-2026-0001', contact: { name: '王', phone: '13900001111' } });
    // The worker got the 新工单 notice as for any report.
    expect(ok(await api.work('inbox', {}, staff.assignee.openid)).items.map((r: { id: string }) => r.id)).toContain(id);
    // The public feed shows it without the caller's data.
    const pub = await raw('GET', `${BASE}/requests/${id}.json`);
    expect(pub.text).not.toContain('13900001111');
    expect(pub.text).not.toContain('GD-2026-0001');
  });

  it('takes JSON too, answers XML for .xml, and files a resent work order once', async () => {
    const body = { api_key: key, service_code: 'report.huanjing', lat: P.G2.lat, long: P.G2.lng, description: '垃圾堆放', external_id: 'GD-2026-0002' };
    const a = await raw('POST', `${BASE}/requests.json`, JSON.stringify(body), JSON_TYPE);
    const b = await raw('POST', `${BASE}/requests.xml`, JSON.stringify(body), JSON_TYPE);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(wellFormed(b.text)).toBe(true);
    const id = a.json()[0].service_request_id;
    expect(b.text).toContain(`<service_request_id>${id}</service_request_id>`);
  });

  it('files a consultation for a matter code', async () => {
    const res = await raw('POST', `${BASE}/requests.json`, form({ api_key: key, service_code: 'matter.resident-pension', lat: String(P.G1.lat), long: String(P.G1.lng), description: '咨询城乡居民养老保险缴费' }), FORM);
    expect(res.status).toBe(200);
    expect(ok(await api.requests('get', { id: res.json()[0].service_request_id }, 'demo-admin'))).toMatchObject({ kind: 'consult', matterCode: 'resident-pension' });
  });

  it.each([
    ['no key', {}],
    ['a wrong key', { api_key: 'qgt_hotline-post_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }],
    ['an empty key', { api_key: '' }],
  ])('refuses %s with 403 and stores nothing: no request, no rate entry, no trace', async (_what, extra) => {
    const description = `无密钥工单${Math.random().toString(36).slice(2)}`;
    const before = fs.readdirSync(server.dataDir).map((f) => [f, fs.statSync(path.join(server.dataDir, f)).size]);
    const res = await raw('POST', `${BASE}/requests.json`, form({ ...extra, service_code: 'report.shizheng', lat: String(P.G1.lat), long: String(P.G1.lng), description }), FORM);
    expect(res.status).toBe(403);
    expect(res.json()).toEqual([{ code: 403, description: expect.stringContaining('api_key') }]);
    expect(stored(description)).toEqual([]);
    // Not one byte written anywhere (the rate budget, the idempotency claims, the outbox…).
    expect(fs.readdirSync(server.dataDir).map((f) => [f, fs.statSync(path.join(server.dataDir, f)).size])).toEqual(before);
  });

  it.each([
    [{ service_code: 'report.nosuch' }, 'service_code'],
    [{ service_code: 'other.visit' }, 'service_code'],
    [{ lat: 'north' }, 'lat'],
    [{ long: '200' }, 'long'],
    [{ description: '' }, 'description'],
    [{ description: '路灯\u0001不亮' }, '控制字符'],
  ])('answers %o with 400 in the spec’s error list', async (over, mentions) => {
    const res = await raw('POST', `${BASE}/requests.json`, form({ api_key: key, service_code: 'report.shizheng', lat: String(P.G1.lat), long: String(P.G1.lng), description: '路灯不亮', ...over }), FORM);
    expect(res.status).toBe(400);
    expect(res.json()).toEqual([{ code: 400, description: expect.stringContaining(mentions) }]);
  });

  it('makes status changes readable back through servicerequestupdates', async () => {
    const [{ service_request_id: id }] = (await raw('POST', `${BASE}/requests.json`, form({ api_key: key, service_code: 'report.shizheng', lat: String(P.G1.lat), long: String(P.G1.lng), description: '路面塌陷' }), FORM)).json();
    const staff = ok(await api.requests('get', { id }, 'demo-admin'));
    ok(await api.work('accept', { id }, staff.assignee.openid, '2026-10-09T10:00:00+08:00'));
    ok(await api.work('resolve', { id, note: '已修复，联系人13900001111' }, staff.assignee.openid, LATER));
    const since = (from: string) => raw('GET', `${BASE}/servicerequestupdates.json?start_date=${encodeURIComponent(from)}`, undefined, { 'x-now': LATER });
    const after = (await since('2026-10-09T15:00:00+08:00')).json();
    expect(after).toContainEqual({ update_id: `${id}-2`, service_request_id: id, status: 'closed', updated_datetime: LATER, description: '已办结待评价', media_url: null });
    // Nothing of it in a window that ends before the change; ordered oldest first.
    const before = (await raw('GET', `${BASE}/servicerequestupdates.json?start_date=2026-10-09T00:00:00%2B08:00&end_date=2026-10-09T09:00:00%2B08:00`, undefined, { 'x-now': LATER })).json();
    expect(before.map((u: { service_request_id: string }) => u.service_request_id)).not.toContain(id);
    const times = after.map((u: { updated_datetime: string }) => Date.parse(u.updated_datetime));
    expect(times).toEqual([...times].sort((x: number, y: number) => x - y));
    // The handler's note (which may name people) is never published.
    expect((await since('2026-10-09T15:00:00+08:00')).text).not.toContain('13900001111');
    const xml = await raw('GET', `${BASE}/servicerequestupdates.xml?start_date=2026-10-09T15:00:00%2B08:00`, undefined, { 'x-now': LATER });
    expect(wellFormed(xml.text)).toBe(true);
    expect(xml.text).toContain(`<request_update><update_id>${id}-2</update_id>`);
  });
});

describe('hostile text', () => {
  it('refuses C0 control characters on input, keeping tab and newline', async () => {
    for (const c of ['\u0001', '\u0000', '\u001b', '\u000b']) {
      const res = await api.requests('create', report({ description: `路灯${c}不亮` }), 'demo-resident');
      expect(res.status).toBe(400);
      expect(res.body.error.field).toBe('data.description');
    }
    expect((await api.requests('create', report({ description: '路灯\t不亮\n晚上很黑' }), 'demo-resident')).status).toBe(200);
  });

  it('keeps requests.xml well-formed with text XML cannot carry', async () => {
    const id = ok(await api.requests('create', report({ description: '路灯\uFFFE不亮\uD800 <b>&amp;</b>' }), 'demo-resident')).id;
    const res = await raw('GET', `${BASE}/requests.xml`);
    expect(res.status).toBe(200);
    expect(res.text).toContain(id);
    expect(wellFormed(res.text)).toBe(true);
    expect(res.text).toContain('路灯不亮 &lt;b&gt;&amp;amp;&lt;/b&gt;');
  });
});
