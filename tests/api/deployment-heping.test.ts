import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_POINTS } from '../../cloudfunctions/lib/seed/demo-community';
import { startTestServer, type TestServer } from '../helpers/server';
import { as, ok } from './requests-helpers';
import { deploymentFile, fileAt, roleOf, type Expectation } from './deployment-helpers';

/**
 * deployments/heping.json, the second example 街道 (和平街道: 清河社区 with a boundary and two
 * grids, 松林社区 with one), alone and beside the demo in one environment, and re-seeded newer.
 */

const Q = {
  QH1: { lat: 30.9725, lng: 103.603 },
  QH2: { lat: 30.9725, lng: 103.609 },
  SL1: { lat: 30.9675, lng: 103.606 },
  /** Inside 清河's boundary, in none of its grids. */
  qingheEdge: { lat: 30.9752, lng: 103.603 },
};

const ROUTES: Expectation[] = [
  { place: '清河一区 (QH1)', at: Q.QH1, gridCode: 'QH1', assignee: 'qinghe-worker-1' },
  { place: '清河二区 (QH2)', at: Q.QH2, gridCode: 'QH2', assignee: 'qinghe-worker-2' },
  { place: '松林苑 (SL1)', at: Q.SL1, gridCode: 'SL1', assignee: 'songlin-worker-1', category: 'luanfang' },
  { place: '松林苑1栋 (a building of SL1)', at: { buildingCode: 'SL1-1' }, gridCode: 'SL1', assignee: 'songlin-worker-1' },
  // In 清河's boundary but no grid: 清河's admin dispatches by hand (not the first 街道's admin).
  { place: '清河社区边缘 (no grid)', at: Q.qingheEdge, gridCode: undefined, assignee: 'qinghe-admin' },
];

describe('deployments/heping.json alone', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ DEPLOYMENT: deploymentFile('heping') });
  });
  afterAll(() => server.close());

  it.each(ROUTES.map((e) => [e.place, e] as const))('a report at %s goes to the right person', async (_, e) => {
    const r = await fileAt(server, e);
    expect(r.gridCode).toBe(e.gridCode);
    expect(r.assignee.openid).toBe(e.assignee);
  });

  it('has its own admins, categories and departments, and none of the demo', async () => {
    expect(await roleOf(server, 'heping-street-admin')).toBe('admin');
    expect(await roleOf(server, 'demo-admin')).toBe('resident');
    expect(ok(await server.call('admin', 'communities.list', {}, as('heping-street-admin'))).items.map((c: { code: string }) => c.code)).toEqual(['qinghe', 'songlin']);
    expect(ok(await server.call('admin', 'communities.list', {}, as('songlin-admin'))).items.map((c: { code: string }) => c.code)).toEqual(['songlin']);
    const options = ok(await server.call('requests', 'options', {}, as('deployment-resident')));
    expect(options.reportCategories.map((c: { code: string }) => c.code)).toEqual(['shizheng', 'huanjing', 'paishui', 'luanfang']);
    const depts = ok(await server.call('admin', 'departments.list', {}, as('heping-street-admin'))).items;
    expect(depts.map((d: { code: string; subdistrict: string }) => [d.code, d.subdistrict])).toEqual([
      ['heping-chengguan', 'heping-street'],
      ['heping-shuiwu', 'heping-street'],
    ]);
    expect(await roleOf(server, 'heping-dept-water')).toBe('worker');
  });
});

describe('deployments/heping.json beside the demo, then re-seeded newer', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qgt-two-streets-'));
  let server: TestServer;
  afterAll(() => server?.close());

  it('adds a second 街道 to a demo environment: both route, each admin sees only theirs, the catalog is shared', async () => {
    server = await startTestServer({ DATA_DIR: dataDir });
    const before = await fileAt(server, { place: 'G1', at: DEMO_POINTS.G1, gridCode: 'G1', assignee: 'demo-worker-1' }, 'demo-resident');
    const catalog = ok(await server.call('guide', 'list', {}));
    await server.close();

    server = await startTestServer({ DATA_DIR: dataDir, DEPLOYMENT: deploymentFile('heping') });
    for (const e of [
      ...ROUTES,
      { place: 'G1', at: DEMO_POINTS.G1, gridCode: 'G1', assignee: 'demo-worker-1' },
      // With several communities and no boundary around the park, its community is unknown: the first 街道's admin dispatches.
      { place: '锦绣公园', at: DEMO_POINTS.park, gridCode: undefined, assignee: 'demo-street-admin' },
    ]) {
      const r = await fileAt(server, e);
      expect([e.place, r.gridCode, r.assignee.openid]).toEqual([e.place, e.gridCode, e.assignee]);
    }
    expect(ok(await server.call('requests', 'get', { id: before.id }, as('demo-resident'))).id).toBe(before.id);
    expect(ok(await server.call('guide', 'list', {}))).toEqual(catalog);
    const codes = async (who: string) => ok(await server.call('admin', 'communities.list', {}, as(who))).items.map((c: { code: string }) => c.code);
    expect(await codes('demo-street-admin')).toEqual(['demo-community']);
    expect(await codes('heping-street-admin')).toEqual(['qinghe', 'songlin']);
    // Each 街道 admin's requests are their own 街道's.
    const listed = ok(await server.call('admin', 'requests.list', {}, as('heping-street-admin'))).items;
    expect(new Set(listed.map((r: { community: string }) => r.community))).toEqual(new Set(['qinghe', 'songlin']));
    // The 区 admin the file names sees every 街道 of the environment; a 街道 admin only theirs.
    expect(ok(await server.call('admin', 'communities.list', {}, as('qu-admin')))).toMatchObject({ level: 'district', subdistricts: [{ code: 'demo-street' }, { code: 'heping-street' }] });
    expect(await codes('qu-admin')).toEqual(['demo-community', 'qinghe', 'songlin']);
    expect(new Set(ok(await server.call('admin', 'requests.list', {}, as('qu-admin'))).items.map((r: { community: string }) => r.community))).toEqual(new Set(['demo-community', 'qinghe', 'songlin']));
    // Metrics follow the same scope: the 区 admin's cover every 街道, a 街道 admin's their own.
    const metricsOf = async (who: string) => ok(await server.call('admin', 'metrics', { from: '2026-10-01', to: '2026-10-31' }, as(who))).communities;
    expect(await metricsOf('qu-admin')).toEqual(['demo-community', 'qinghe', 'songlin']);
    expect(await metricsOf('heping-street-admin')).toEqual(['qinghe', 'songlin']);
    // A worker is offered only the departments of their own 街道 to call in.
    const departmentsOf = async (who: string) => ok(await server.call('work', 'directory', {}, as(who))).departments.map((d: { code: string }) => d.code);
    expect(await departmentsOf('qinghe-worker-1')).toEqual(['heping-chengguan', 'heping-shuiwu']);
    expect(await departmentsOf('demo-worker-1')).toEqual(['chengguan', 'gongshui', 'ranqi', 'wuye', 'zhujian']);
    // …and may call in only those: another 街道's department is not found for this request.
    const mine = await fileAt(server, ROUTES[0]);
    ok(await server.call('work', 'accept', { id: mine.id }, as('qinghe-worker-1')));
    const wrong = await server.call('work', 'escalate', { id: mine.id, department: 'chengguan', reason: '需城管协助' }, as('qinghe-worker-1'));
    expect(wrong.body.error).toMatchObject({ code: 'NOT_FOUND', field: 'data.department' });
    expect(ok(await server.call('work', 'escalate', { id: mine.id, department: 'heping-chengguan', reason: '需城管协助' }, as('qinghe-worker-1'))).status).toBe('escalated');
    // The demo 街道 admin cannot touch the other 街道's communities.
    expect((await server.call('admin', 'communities.upsert', { code: 'qinghe', name: '清河社区' }, as('demo-street-admin'))).status).toBe(403);
  });

  it('applies a newer file’s difference (QH2 and its worker gone) and keeps every request', async () => {
    const qh2 = await fileAt(server, ROUTES[1], 'qh2-resident');
    // A grid 清河's admin adds in the product: no file named it, so no newer file removes it.
    const QH9 = { type: 'Polygon', coordinates: [[[103.6, 30.975], [103.606, 30.975], [103.606, 30.9755], [103.6, 30.9755], [103.6, 30.975]]] };
    ok(await server.call('admin', 'grids.import', { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: QH9, properties: { code: 'QH9', name: '清河北沿', community: 'qinghe', worker: 'qinghe-worker-1' } }] }, as('qinghe-admin')));
    await server.close();
    const file = JSON.parse(fs.readFileSync(deploymentFile('heping'), 'utf8'));
    file.version = 2;
    const qinghe = file.communities[0];
    qinghe.grids = qinghe.grids.filter((g: { properties: { code: string } }) => g.properties.code !== 'QH2');
    qinghe.grids[0].properties.backup = undefined;
    qinghe.buildings = qinghe.buildings.filter((b: { grid: string }) => b.grid !== 'QH2');
    qinghe.workers = qinghe.workers.filter((w: { openid: string }) => w.openid !== 'qinghe-worker-2');
    qinghe.name = '清河新社区';
    const newer = path.join(dataDir, 'heping-v2.json');
    fs.writeFileSync(newer, JSON.stringify(file));

    server = await startTestServer({ DATA_DIR: dataDir, DEPLOYMENT: newer });
    const r = await fileAt(server, { ...ROUTES[1], gridCode: undefined, assignee: 'qinghe-admin' });
    expect([r.gridCode, r.assignee.openid]).toEqual([undefined, 'qinghe-admin']);
    expect(ok(await server.call('requests', 'get', { id: qh2.id }, as('qh2-resident')))).toMatchObject({ id: qh2.id, gridCode: 'QH2' });
    expect(await roleOf(server, 'qinghe-worker-2')).toBe('resident');
    expect(ok(await server.call('admin', 'communities.list', {}, as('qinghe-admin'))).items).toMatchObject([{ code: 'qinghe', name: '清河新社区' }]);
    expect(ok(await server.call('admin', 'grids.list', {}, as('demo-admin'))).items.map((g: { code: string }) => g.code)).toEqual(['G1', 'G2', 'G3']);
    expect(ok(await server.call('admin', 'grids.list', {}, as('qinghe-admin'))).items.map((g: { code: string }) => g.code)).toEqual(['QH1', 'QH9']);
  });

  it('leaves the store as it is when the same version is seeded again', async () => {
    await server.close();
    server = await startTestServer({ DATA_DIR: dataDir, DEPLOYMENT: deploymentFile('heping') });
    // Version 1 is older than the applied version 2: QH2 stays gone.
    expect(ok(await server.call('admin', 'grids.list', {}, as('qinghe-admin'))).items.map((g: { code: string }) => g.code)).toEqual(['QH1', 'QH9']);
  });
});
