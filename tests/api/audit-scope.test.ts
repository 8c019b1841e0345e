import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestServer, type TestServer } from '../helpers/server';
import { as, NOW, ok } from './requests-helpers';
import { deploymentFile } from './deployment-helpers';

/**
 * The audit trail in a 区 environment of two 街道 (the demo beside deployments/heping.json): a 街道
 * admin reads and exports their own 街道's records only, the 区 admin all of them; and the .csv
 * export of the trail.
 */

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qgt-audit-scope-'));
let server: TestServer;
jest.setTimeout(60_000);

beforeAll(async () => {
  // The demo first, then 和平街道 added to the same environment.
  server = await startTestServer({ DATA_DIR: dataDir });
  await server.close();
  server = await startTestServer({ DATA_DIR: dataDir, DEPLOYMENT: deploymentFile('heping') });
  const station = (code: string, name: string, community: string, who: string) => server.call('admin', 'stations.upsert', { code, name, kind: 'window', community }, as(who));
  ok(await station('demo-desk-x', '锦绣便民服务站', 'demo-community', 'demo-admin'));
  ok(await station('qinghe-desk-x', '清河便民服务站', 'qinghe', 'qinghe-admin'));
});
afterAll(() => server?.close());

const targets = async (who: string) => {
  const items = ok(await server.call('admin', 'audit.list', { action: 'admin.stations.upsert' }, as(who))).items as { target: string }[];
  return items.map((e) => e.target).sort();
};

describe('admin.audit.list in a 区 environment', () => {
  it('a 街道 admin sees only the records of their 街道', async () => {
    expect(await targets('demo-street-admin')).toEqual(['demo-desk-x']);
    expect(await targets('heping-street-admin')).toEqual(['qinghe-desk-x']);
  });

  it('the 区 admin sees every 街道’s records', async () => {
    expect(await targets('qu-admin')).toEqual(['demo-desk-x', 'qinghe-desk-x']);
  });
});

describe('GET /admin/export/audit.csv', () => {
  it('is the trail as the admin may read it, as a spreadsheet, and is itself audited', async () => {
    const res = await server.get('/admin/export/audit.csv?from=2026-10-01&to=2026-10-31', as('heping-street-admin', NOW));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = res.bytes.toString('utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('时间,操作人,姓名,操作,对象,终端,操作代码');
    expect(lines.some((l) => l.includes(',维护服务站点,') && l.endsWith(',admin.stations.upsert') && l.includes('qinghe-desk-x') && l.includes('qinghe-admin'))).toBe(true);
    expect(lines.some((l) => l.includes('demo-desk-x'))).toBe(false);
    const exported = ok(await server.call('admin', 'audit.list', { action: 'admin.export.audit' }, as('heping-street-admin'))).items;
    expect(exported[0]).toMatchObject({ actor: 'heping-street-admin', target: '2026-10-01~2026-10-31' });
  });

  it('community admins 403, anonymous 401, bad dates 400', async () => {
    expect((await server.get('/admin/export/audit.csv?from=2026-10-01&to=2026-10-31', as('qinghe-admin'))).status).toBe(403);
    expect((await server.get('/admin/export/audit.csv?from=2026-10-01&to=2026-10-31', as(null))).status).toBe(401);
    expect((await server.get('/admin/export/audit.csv?from=yesterday&to=2026-10-31', as('heping-street-admin'))).status).toBe(400);
  });
});
