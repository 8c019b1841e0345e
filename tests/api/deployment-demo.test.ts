import { DEMO_POINTS as P } from '../../cloudfunctions/lib/seed/demo-community';
import { startTestServer, type TestServer } from '../helpers/server';
import { as, ok } from './requests-helpers';
import { deploymentFile, fileAt, roleOf, type Expectation } from './deployment-helpers';

/**
 * deployments/demo.json, seeded the way a 街道 goes live (DEPLOYMENT=<file>): the contract's demo
 * identities keep their roles and a report at a point of each grid reaches that grid's worker.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ DEPLOYMENT: deploymentFile('demo') });
});
afterAll(() => server.close());

const ROUTES: Expectation[] = [
  { place: '锦绣东苑 (G1)', at: P.G1, gridCode: 'G1', assignee: 'demo-worker-1' },
  { place: '锦绣西苑 (G2)', at: P.G2, gridCode: 'G2', assignee: 'demo-worker-2' },
  { place: '锦绣南苑 (G3)', at: P.G3, gridCode: 'G3', assignee: 'demo-worker-3' },
  { place: '锦绣西苑2栋 (a building of G2)', at: { buildingCode: 'G2-2' }, gridCode: 'G2', assignee: 'demo-worker-2' },
  // In no grid: the community admin dispatches by hand.
  { place: '锦绣公园 (G3’s hole)', at: P.park, gridCode: undefined, assignee: 'demo-admin' },
];

describe('deployments/demo.json', () => {
  it.each(ROUTES.map((e) => [e.place, e] as const))('a report at %s goes to the right person', async (_, e) => {
    const r = await fileAt(server, e);
    expect(r.gridCode).toBe(e.gridCode);
    expect(r.assignee.openid).toBe(e.assignee);
  });

  it('grants the contract’s demo identities their roles', async () => {
    const roles = {
      'demo-admin': 'admin',
      'demo-street-admin': 'admin',
      'demo-resident': 'resident',
      'demo-resident-2': 'resident',
      'demo-worker-1': 'worker',
      'demo-worker-2': 'worker',
      'demo-worker-3': 'worker',
      'demo-dept-gas': 'worker',
    };
    for (const [openid, role] of Object.entries(roles)) expect([openid, await roleOf(server, openid)]).toEqual([openid, role]);
    // demo-street-admin runs the 街道, demo-admin one community.
    expect(ok(await server.call('admin', 'communities.list', {}, as('demo-street-admin')))).toMatchObject({ level: 'subdistrict', subdistricts: [{ code: 'demo-street' }] });
    expect(ok(await server.call('admin', 'communities.list', {}, as('demo-admin')))).toMatchObject({ level: 'community', subdistricts: [], items: [{ code: 'demo-community' }] });
  });

  it('seeds the same grids, buildings, stations, departments, categories and households as the built-in demo', async () => {
    const demo = await startTestServer();
    try {
      for (const [fn, action, who] of [
        ['admin', 'grids.list', 'demo-admin'],
        ['admin', 'buildings.list', 'demo-admin'],
        ['admin', 'stations.list', 'demo-admin'],
        ['admin', 'departments.list', 'demo-admin'],
        ['visits', 'households.list', 'demo-admin'],
        ['requests', 'options', 'demo-resident'],
      ] as const) {
        const [a, b] = await Promise.all([server.call(fn, action, {}, as(who)), demo.call(fn, action, {}, as(who))]);
        expect([fn, action, a.status]).toEqual([fn, action, 200]);
        expect(JSON.stringify(a.body.data).length).toBeGreaterThan(20);
        expect(a.body.data).toEqual(b.body.data);
      }
    } finally {
      await demo.close();
    }
  });
});
