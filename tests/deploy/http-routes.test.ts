import fs from 'node:fs';
import path from 'node:path';
import { FUNCTIONS } from '../../cloudfunctions/functions';
import { deployPlan } from '../../scripts/deploy-plan';
import { ROOT } from '../../scripts/deploy';
import { applyHttpRoutes, HTTP_ROUTES } from '../../scripts/http-routes';
import { routesOf } from '../../cloudfunctions/lib/server/app';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * Every route of the local server that is not a function call (/api/*) or a dev tool (/dev/*) —
 * Open311, exports, QR posters, printable notices — has an HTTP access service route on CloudBase
 * to an existing function; the deploy creates them through manager-node and reads them back.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
}, 60_000);
afterAll(() => server.close());

/** Paths of the local server's routes, as its onRoute hook recorded them (`GET /open311/v2/discovery.json`). */
const localRoutes = () => [...new Set(routesOf(server.app).map((r) => r.split(' ')[1]))];

it('declares an HTTP access route, to an existing function, for every local route outside /api and /dev', () => {
  // `/` and `/*` serve the H5 build (static hosting on CloudBase); /api is the function calls, /dev dev tools.
  const routes = localRoutes().filter((r) => r !== '/' && r !== '/*' && !r.startsWith('/api/') && !r.startsWith('/dev/'));
  expect(routes).toEqual(expect.arrayContaining(['/open311/v2/discovery.json', '/desk/notice/:id']));
  expect(routes.length).toBeGreaterThanOrEqual(6);
  for (const r of routes) {
    const declared = HTTP_ROUTES.find((h) => r === h.path || r.startsWith(`${h.path}/`));
    expect({ route: r, declared: !!declared }).toEqual({ route: r, declared: true });
  }
  for (const h of HTTP_ROUTES) expect(Object.keys(FUNCTIONS)).toContain(h.function);
  expect(JSON.parse(fs.readFileSync(path.join(ROOT, 'deploy/http-routes.json'), 'utf8'))).toEqual(HTTP_ROUTES);
});

/** The gateway API as manager-node's commonService reaches it; a path is served by one function. */
function fakeGateway() {
  const apis = new Map<string, { Path: string; Name: string; Type: number; PathTransmission?: number }>();
  const manager = {
    commonService: () => ({
      async call({ Action, Param }: { Action: string; Param: Record<string, any> }) {
        if (Param.ServiceId !== 'prod-1') throw new Error('[ResourceNotFound.Env] env not found');
        if (Action === 'DescribeCloudBaseGWAPI') return { APISet: [...apis.values()].filter((a) => !Param.Path || a.Path === Param.Path) };
        if (Action === 'CreateCloudBaseGWAPI') {
          if (apis.has(Param.Path)) throw new Error('[ResourceInUse] path already bound');
          if (Param.Type !== 1 || !Param.Name) throw new Error('[InvalidParameter]');
          apis.set(Param.Path, { Path: Param.Path, Name: Param.Name, Type: Param.Type, PathTransmission: Param.PathTransmission });
          return { APIId: `api-${apis.size}` };
        }
        throw new Error(`[InvalidAction] ${Action}`);
      },
    }),
  };
  return { manager, apis };
}

it('creates the routes, keeps them on a re-run, and fails naming a path bound to another function', async () => {
  const fake = fakeGateway();
  expect((await applyHttpRoutes(fake.manager, 'prod-1')).created).toEqual(HTTP_ROUTES.map((r) => r.path));
  expect([...fake.apis.values()].map((a) => [a.Path, a.Name])).toEqual(HTTP_ROUTES.map((r) => [r.path, r.function]));
  // Path passthrough on: the functions get the whole path, as the local server's routes are written.
  expect([...fake.apis.values()].map((a) => a.PathTransmission)).toEqual(HTTP_ROUTES.map(() => 1));
  expect(await applyHttpRoutes(fake.manager, 'prod-1')).toEqual({ created: [], kept: HTTP_ROUTES.map((r) => r.path) });
  fake.apis.set('/qr', { Path: '/qr', Name: 'old-fn', Type: 1 });
  await expect(applyHttpRoutes(fake.manager, 'prod-1')).rejects.toThrow(/\/qr: served by old-fn instead of guide/);
  await expect(applyHttpRoutes(fake.manager, 'other-env')).rejects.toThrow(/not created \(\[ResourceNotFound\.Env\]/);
});

it('is a deploy step with the API key, a console step without', () => {
  const base = { env: 'prod-1', configFile: '.tmp/x.json', functions: [], permissions: {}, weapp: false, appid: 'wx1' };
  expect(deployPlan({ ...base, credentials: { secretId: 'a', secretKey: 'b' } }).some((s) => s.task === 'apply-http-routes')).toBe(true);
  const manual = deployPlan({ ...base, credentials: null }).find((s) => s.title.startsWith('HTTP access service routes'));
  expect(manual?.manual).toEqual(expect.arrayContaining(HTTP_ROUTES.map((r) => `  ${r.path} → ${r.function}`)));
});
