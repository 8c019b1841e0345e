import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../../cloudfunctions/lib/server/config';
import { startTestServer, type TestServer } from '../helpers/server';
import { client, ok, report } from './requests-helpers';

/**
 * A deployment that keeps residents' words out of the public feed for one category
 * (`subdistrict.noPublicText`): its reports are published with 「（内容不公开）」 as description,
 * everything else as before. The fixture is the demo deployment with 物业 (wuye) marked so.
 */
let server: TestServer;
let api: ReturnType<typeof client>;
const ids: Record<string, string> = {};
const TEXT = '楼上李建国师傅家漏水，电话13912345678';

beforeAll(async () => {
  const demo = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'deployments/demo.json'), 'utf8'));
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'qgt-quiet-')), 'demo-quiet.json');
  fs.writeFileSync(file, JSON.stringify({ ...demo, subdistrict: { ...demo.subdistrict, noPublicText: ['wuye'] } }));
  server = await startTestServer({ DEPLOYMENT: file });
  api = client(server);
  ids.quiet = ok(await api.requests('create', report({ category: 'wuye', description: TEXT }), 'demo-resident')).id;
  ids.plain = ok(await api.requests('create', report({ category: 'shizheng', description: TEXT }), 'demo-resident')).id;
});
afterAll(() => server?.close());

const one = async (id: string, format: 'json' | 'xml' = 'json') => server.get(`/open311/v2/requests/${id}.${format}`);

it('publishes a report in a noPublicText category without the resident’s words', async () => {
  const res = await one(ids.quiet);
  expect(res.status).toBe(200);
  const [published] = res.body as Array<Record<string, unknown>>;
  expect(published.description).toBe('（内容不公开）');
  expect(published.service_code).toBe('report.wuye');
  expect(JSON.stringify(res.body)).not.toContain('漏水');
  const xml = await one(ids.quiet, 'xml');
  expect(xml.bytes.toString('utf8')).toContain('<description>（内容不公开）</description>');
});

it('publishes other categories masked, as before', async () => {
  const [published] = (await one(ids.plain)).body as Array<Record<string, unknown>>;
  expect(published.description).toBe('楼上***师傅家漏水，电话139****5678');
});
