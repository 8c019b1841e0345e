/**
 * The routes outside the function tables (Open311, exports, QR codes and posters, printable
 * notices) on CloudBase: real HTTP requests to the fake's HTTP access service, which calls the
 * built bundles with integration requests as the platform does (tests/fakes/cloudbase-server.ts).
 * The same route table as the local server (lib/http/host.ts), with production rules: no dev
 * identity, staff by their bearer session token, partners by their key; binary bodies base64.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import tcb from '@cloudbase/node-sdk';
import { buildFunctions, FUNCTIONS_DIST } from '../../scripts/build-functions';
import { HTTP_ROUTES } from '../../cloudfunctions/lib/http/mounts';
import * as open311Access from '../../cloudfunctions/lib/http/open311-access';
import * as exportAccess from '../../cloudfunctions/lib/http/export-access';
import * as qrAccess from '../../cloudfunctions/lib/http/qr-access';
import * as noticeAccess from '../../cloudfunctions/lib/http/notice-access';
import { openCloudbaseStore } from '../../cloudfunctions/lib/store/cloudbase';
import { openSession } from '../../cloudfunctions/lib/account/sessions';
import { STATIONS } from '../../cloudfunctions/lib/community/stations';
import type { Store } from '../../cloudfunctions/lib/store/port';
import type { FakeCloudbase, FunctionMain } from '../fakes/cloudbase-server';
import { bundleEnv, contextFor, startSeededCloudbase } from './cloudbase-fixture';
import { httpRow, HTTP_PROBES } from '../../scripts/smoke-cloudbase';

jest.setTimeout(120_000);

let fake: FakeCloudbase;
let store: Store;
const saved = { ...process.env };
const mains = new Map<string, FunctionMain>();
const token: Record<string, string> = {};
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const RANGE = `from=${day(-30)}&to=${day(1)}`;

const OWNERS = [...new Set(HTTP_ROUTES.map((r) => r.function))];
/** Each owner's module of routes (lib/http/*-access.ts) and the lazy chunk it becomes. */
const ACCESS_CHUNK = {
  'open311-access': { fn: 'requests', chunk: 'http-open311.js', registrars: open311Access.REGISTRARS },
  'export-access': { fn: 'admin', chunk: 'http-exports.js', registrars: exportAccess.REGISTRARS },
  'qr-access': { fn: 'guide', chunk: 'http-qr.js', registrars: qrAccess.REGISTRARS },
  'notice-access': { fn: 'desk', chunk: 'http-notices.js', registrars: noticeAccess.REGISTRARS },
};

beforeAll(async () => {
  if (!Object.values(ACCESS_CHUNK).every((m) => fs.existsSync(path.join(FUNCTIONS_DIST, m.fn, m.chunk)))) await buildFunctions();
  fake = await startSeededCloudbase();
  Object.assign(process.env, bundleEnv(fake));
  for (const name of OWNERS) {
    jest.isolateModules(() => {
      mains.set(name, (require(path.join(FUNCTIONS_DIST, name, 'index.js')) as { main: FunctionMain }).main);
    });
    fake.functions.set(name, mains.get(name)!);
  }
  store = openCloudbaseStore(tcb.init({ env: 'test-env', secretId: 'x', secretKey: 'y', serviceUrl: `${fake.url}/admin` }));
  for (const openid of ['demo-admin', 'demo-street-admin', 'demo-resident', 'demo-worker-1']) token[openid] = (await openSession(store, openid, 'pc', new Date())).token;
});

afterAll(async () => {
  process.env = saved;
  await fake?.close();
});

async function get(route: string, headers: Record<string, string> = {}) {
  const res = await fetch(fake.gatewayUrl + route, { headers });
  const bytes = Buffer.from(await res.arrayBuffer());
  return { status: res.status, type: res.headers.get('content-type') ?? '', bytes, text: bytes.toString('utf8') };
}
const bearer = (openid: string) => ({ authorization: `Bearer ${token[openid]}` });
/** A call from the mini-program, as the platform makes it (OPENID in the context). */
const call = async (fn: string, action: string, data: unknown, openid: string) => (await mains.get(fn)!({ action, data }, contextFor(openid))) as { ok: boolean; data: any };

it('every declared prefix has its registrar in the module its function loads, and every function that owns one answers through the gateway', async () => {
  for (const [module, { fn, registrars }] of Object.entries(ACCESS_CHUNK)) {
    expect({ fn, prefixes: Object.keys(registrars) }).toEqual({ fn, prefixes: HTTP_ROUTES.filter((r) => r.function === fn).map((r) => r.path) });
    expect(fs.readFileSync(path.resolve(__dirname, `../../cloudfunctions/${fn}/index.ts`), 'utf8')).toContain(`import('../lib/http/${module}')`);
  }
  expect(Object.values(ACCESS_CHUNK).map((m) => m.fn).sort()).toEqual([...OWNERS].sort());
  expect((await get('/nowhere')).status).toBe(404);
  const res = await get('/desk/notice/NOPE');
  // The function's own 404 (our envelope), not the platform's: the event reached it.
  expect(res.status).toBe(404);
  expect(JSON.parse(res.text)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  expect(fake.httpEvents.at(-1)).toMatchObject({ path: '/desk/notice/NOPE', httpMethod: 'GET', isBase64Encoded: false, queryStringParameters: {} });
});

describe('Open311 (requests)', () => {
  it.each([
    ['/open311/v2/discovery.json', /application\/json/],
    ['/open311/v2/discovery.xml', /text\/xml/],
    ['/open311/v2/services.json', /application\/json/],
    ['/open311/v2/services.xml', /text\/xml/],
    [`/open311/v2/requests.json?start_date=${day(-30)}`, /application\/json/],
    ['/open311/v2/requests.xml', /text\/xml/],
    ['/open311/v2/servicerequestupdates.json', /application\/json/],
  ])('GET %s is public: 200 %s', async (route, type) => {
    const res = await get(route);
    expect({ status: res.status, type: res.type }).toEqual({ status: 200, type: expect.stringMatching(type) });
    if (type.source.includes('json')) expect(() => JSON.parse(res.text)).not.toThrow();
  });

  it('names the HTTP access domain as its endpoint, and answers unknown resources and requests in the spec’s error list', async () => {
    // fetch() may not set Host; the platform passes the one the client used.
    const discovery = await new Promise<any>((resolve, reject) => {
      http.get(`${fake.gatewayUrl}/open311/v2/discovery.json`, { headers: { host: 'env-1.service.tcloudbase.com' } }, (res) => {
        let text = '';
        res.on('data', (c) => (text += c)).on('end', () => resolve(JSON.parse(text)));
      }).on('error', reject);
    });
    expect(discovery.endpoints[0]).toMatchObject({ url: 'https://env-1.service.tcloudbase.com/open311/v2', type: 'production' });
    const missing = await get('/open311/v2/requests/R20990101-0001.json');
    expect({ status: missing.status, body: JSON.parse(missing.text) }).toEqual({ status: 404, body: [{ code: 404, description: expect.stringContaining('找不到工单') }] });
    expect((await get('/open311/v2/nothing.xml')).status).toBe(404);
  });

  it('refuses the dev identity headers (no OPENID from the request), as the production server does', async () => {
    const res = await get('/open311/v2/requests.json', { 'x-openid': 'demo-admin' });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.text)[0].description).toContain('x-openid');
  });

  it('POST requests: 403 without a partner key (nothing filed); with one the report is filed and readable in the feed', async () => {
    const body = new URLSearchParams({ service_code: 'report.shizheng', lat: '30.99', long: '103.626', description: '路灯不亮，已经三天了' }).toString();
    const post = (extra: Record<string, string>) =>
      fetch(`${fake.gatewayUrl}/open311/v2/requests.json`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `${body}&${new URLSearchParams(extra)}` });
    const refused = await post({ api_key: 'qgt_nobody_0000000000000000000000000000000000000000000' });
    expect(refused.status).toBe(403);
    const key = await call('admin', 'partners.upsert', { code: 'hotline', name: '12345政务服务热线' }, 'demo-street-admin');
    expect(key.ok).toBe(true);
    const filed = await post({ api_key: key.data.apiKey, external_id: 'HX-1' });
    const [created] = (await filed.json()) as { service_request_id: string }[];
    expect({ status: filed.status, id: created.service_request_id }).toEqual({ status: 200, id: expect.stringMatching(/^R/) });
    const one = await get(`/open311/v2/requests/${created.service_request_id}.json`);
    expect(one.status).toBe(200);
    expect(JSON.parse(one.text)[0]).toMatchObject({ service_request_id: created.service_request_id, service_code: 'report.shizheng' });
  });
});

describe('exports (admin)', () => {
  it.each(['requests.csv', 'metrics.csv'])('%s: 401 anonymous, 403 with x-openid and for a resident, 200 CSV for an admin’s bearer token', async (file) => {
    const route = `/admin/export/${file}?${RANGE}`;
    expect((await get(route)).status).toBe(401);
    expect((await get(route, { 'x-openid': 'demo-admin' })).status).toBe(403);
    expect((await get(route, bearer('demo-resident'))).status).toBe(403);
    const res = await get(route, bearer('demo-admin'));
    expect({ status: res.status, type: res.type }).toEqual({ status: 200, type: 'text/csv; charset=utf-8' });
    expect(res.text.split('\n')[0]).toContain(',');
  });

  it.each(['requests.xlsx', 'metrics.xlsx'])('%s: the workbook arrives whole (base64 through the gateway)', async (file) => {
    const res = await get(`/admin/export/${file}?${RANGE}`, bearer('demo-admin'));
    expect({ status: res.status, type: res.type }).toEqual({ status: 200, type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    // A zip (PK\x03\x04) that exceljs reads back.
    expect(res.bytes.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.bytes as never);
    expect(book.worksheets[0].rowCount).toBeGreaterThanOrEqual(1);
    expect(fake.httpEvents.at(-1)).toMatchObject({ path: `/admin/export/${file}` });
  });

  it('audit.csv: 街道 admins only; a bad range is 400', async () => {
    const route = `/admin/export/audit.csv?${RANGE}`;
    expect((await get(route)).status).toBe(401);
    expect((await get(route, bearer('demo-admin'))).status).toBe(403);
    const res = await get(route, bearer('demo-street-admin'));
    expect({ status: res.status, type: res.type }).toEqual({ status: 200, type: 'text/csv; charset=utf-8' });
    expect((await get('/admin/export/audit.csv?from=yesterday&to=x', bearer('demo-street-admin'))).status).toBe(400);
  });
});

describe('QR codes and posters (guide)', () => {
  it('a matter’s and a station’s code are PNG bytes; unknown codes 404, bad paths 400', async () => {
    const before = fake.requests.length;
    const [station] = await store.collection<{ _id: string; code: string }>(STATIONS).find({}, { limit: 1 });
    for (const route of ['/qr/matter/newborn-insurance.png', `/qr/station/${station.code}.png`]) {
      const res = await get(route);
      expect({ route, status: res.status, type: res.type }).toEqual({ route, status: 200, type: 'image/png' });
      expect(res.bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    }
    // No cloud-call token over HTTP: an ordinary QR of the H5 link, never a wxacode call WeChat would refuse.
    expect(fake.requests.slice(before).some((r) => r.action === 'wx.openApi')).toBe(false);
    expect((await get('/qr/matter/no-such-matter.png')).status).toBe(404);
    expect((await get('/qr/matter/newborn-insurance.jpg')).status).toBe(400);
  });

  it('the poster sheet is HTML linking each code under /qr', async () => {
    const res = await get('/qr/posters');
    expect({ status: res.status, type: res.type }).toEqual({ status: 200, type: 'text/html; charset=utf-8' });
    expect(res.text).toContain('<img src="/qr/matter/newborn-insurance.png"');
  });
});

describe('printable 一次性告知单 (desk)', () => {
  it('HTML by its link, JSON with ?format=json; a malformed id is 400', async () => {
    // A handoff leaves the resident a sheet of what is still missing.
    const walkin = await call('desk', 'walkin', { matterCode: 'childcare-subsidy', outcome: 'handoff' }, 'demo-worker-1');
    expect(walkin.data.noticeId).toEqual(expect.any(String));
    const page = await get(`/desk/notice/${walkin.data.noticeId}`);
    expect({ status: page.status, type: page.type }).toEqual({ status: 200, type: 'text/html; charset=utf-8' });
    expect(page.text).toContain('一次性告知单');
    const json = await get(`/desk/notice/${walkin.data.noticeId}?format=json`);
    expect({ status: json.status, type: json.type, id: JSON.parse(json.text).data.id }).toEqual({ status: 200, type: 'application/json; charset=utf-8', id: walkin.data.noticeId });
    expect((await get('/desk/notice/a%20b')).status).toBe(400);
  });
});

it('with path passthrough off (the platform’s default) the stripped path is served the same', async () => {
  for (const r of fake.httpRoutes) r.passthrough = false;
  try {
    const res = await get('/open311/v2/services.json');
    expect(fake.httpEvents.at(-1)).toMatchObject({ path: '/v2/services.json' });
    expect({ status: res.status, type: res.type }).toEqual({ status: 200, type: 'application/json; charset=utf-8' });
    expect((await get('/qr/posters')).status).toBe(200);
  } finally {
    for (const r of fake.httpRoutes) r.passthrough = true;
  }
});

it('the smoke test’s HTTP probes pass against it (npm run smoke:cloudbase makes the same requests for real)', async () => {
  for (const probe of HTTP_PROBES) {
    const res = await get(probe.path);
    expect(httpRow(probe, res.status, res.type, res.text, 0)).toMatchObject({ ok: true });
  }
});

it('a function call to the same function still answers its envelope', async () => {
  expect((await call('guide', 'list', {}, 'demo-resident')).ok).toBe(true);
});
