import { DEMO_POINTS as P } from '../../cloudfunctions/lib/seed/demo-community';
import { as, ok, serverPerFile } from './requests-helpers';
import { USERS } from '../../cloudfunctions/lib/runtime/caller';

/**
 * The leaks between communities (issue: "community boundaries hold"), each driven through the
 * HTTP API as the intruder: a community admin may not found communities, keep the 街道's
 * departments or republish the shared catalog; a grid may not reach into another community's;
 * staff file on a resident's behalf only inside their own communities.
 */

const T = serverPerFile();
const ring = (...pts: [number, number][]) => [...pts, pts[0]];
const rect = (x0: number, y0: number, x1: number, y1: number) => ({ type: 'Polygon', coordinates: [ring([x0, y0], [x1, y0], [x1, y1], [x0, y1])] });
const feature = (code: string, geometry: unknown, extra: Record<string, unknown> = {}) => ({
  type: 'Feature',
  geometry,
  properties: { code, name: `网格${code}`, community: 'c2', worker: 'c2-worker', ...extra },
});
const importAs = (who: string, features: unknown[], extra: Record<string, unknown> = {}) => T.api.admin('grids.import', { type: 'FeatureCollection', features, ...extra }, who);

/** 翠湖社区 (c2), east of the demo community: bounded, with one grid. */
const C2_BOUNDARY = rect(103.64, 31.01, 103.66, 31.02);
const C2G1 = rect(103.641, 31.011, 103.649, 31.019);

beforeAll(async () => {
  ok(await T.api.admin('communities.upsert', { code: 'c2', name: '翠湖社区', boundary: C2_BOUNDARY, admins: ['c2-admin'] }, 'demo-street-admin'));
  ok(await T.api.admin('workers.upsert', { openid: 'c2-worker', name: '孙网格', level: 'A' }, 'c2-admin'));
  ok(await importAs('c2-admin', [feature('C2G1', C2G1)]));
});

const gridCodes = async () => ok(await T.api.admin('grids.list', {}, 'demo-street-admin')).items.map((g: { code: string }) => g.code);

describe('admin.communities.upsert', () => {
  it('is for 街道 admins: a community admin gets 403 and nothing changes', async () => {
    const res = await T.api.admin('communities.upsert', { code: 'c3', name: '第三社区', admins: ['demo-admin'] }, 'demo-admin');
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    expect(ok(await T.api.admin('communities.list', {}, 'demo-street-admin')).items.map((c: { code: string }) => c.code)).toEqual(['c2', 'demo-community']);
  });

  it('founds a community with its boundary and admins; the 街道 admin reaches it at once', async () => {
    expect(ok(await T.api.admin('communities.list', {}, 'c2-admin'))).toMatchObject({ level: 'community', items: [{ code: 'c2', name: '翠湖社区', subdistrict: 'demo-street', admins: ['c2-admin'], boundary: C2_BOUNDARY }] });
    expect(await T.server.store.collection(USERS).get('c2-admin')).toMatchObject({ role: 'admin', communities: ['c2'] });
    expect(await gridCodes()).toEqual(['C2G1', 'G1', 'G2', 'G3']);
  });

  it('refuses a boundary that is not a usable polygon or leaves out the community’s grids', async () => {
    const world = { type: 'Polygon', coordinates: [ring([-179, -89], [179, -89], [179, 89], [-179, 89])] };
    expect((await T.api.admin('communities.upsert', { code: 'c2', name: '翠湖社区', boundary: world }, 'demo-street-admin')).body.error).toMatchObject({ code: 'BAD_REQUEST', field: 'data.boundary' });
    const small = await T.api.admin('communities.upsert', { code: 'c2', name: '翠湖社区', boundary: rect(103.64, 31.01, 103.645, 31.02) }, 'demo-street-admin');
    expect(small.status).toBe(409);
    expect(small.body.error.message).toContain('C2G1');
  });
});

describe('admin.grids.import geometry', () => {
  it('refuses a grid inside another community’s grid: 409 naming both, nothing of the import written', async () => {
    // One valid grid first, then the intruder: a small square inside G1 (demo-community).
    const res = await importAs('c2-admin', [feature('C2G2', rect(103.65, 31.011, 103.659, 31.019)), feature('C2X', rect(103.625, 30.989, 103.627, 30.991))]);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('CONFLICT');
    expect(res.body.error.message).toContain('C2X');
    expect(res.body.error.message).toContain('G1');
    expect(await gridCodes()).toEqual(['C2G1', 'G1', 'G2', 'G3']);
    // G1's residents still reach G1's worker.
    expect(ok(await T.api.requests('create', { kind: 'report', category: 'shizheng', description: '路灯不亮', location: P.G1 }, 'demo-resident')).assignee.openid).toBe('demo-worker-1');
  });

  it.each([
    ['a "whole world" polygon', rect(-179, -89, 179, 89), /面积过大/],
    ['a self-intersecting ring', { type: 'Polygon', coordinates: [ring([103.642, 31.012], [103.648, 31.018], [103.648, 31.012], [103.642, 31.018])] }, /自相交/],
    ['a grid outside the community’s boundary', rect(103.655, 31.015, 103.665, 31.019), /边界/],
  ])('refuses %s with 400 naming the feature', async (_, geometry, message) => {
    const res = await importAs('c2-admin', [feature('C2Z', geometry)]);
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('data.features.0.geometry');
    expect(res.body.error.message).toMatch(message);
    expect(await gridCodes()).not.toContain('C2Z');
  });

  it('refuses an unclosed ring at the schema', async () => {
    const open = { type: 'Polygon', coordinates: [[[103.65, 31.011], [103.659, 31.011], [103.659, 31.019], [103.65, 31.019]]] };
    const res = await importAs('c2-admin', [feature('C2Z', open)]);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/闭合/);
  });

  it('refuses overlapping grids of one community unless marked as a deliberate nesting', async () => {
    const inner = rect(103.643, 31.013, 103.645, 31.015);
    const res = await importAs('c2-admin', [feature('C2N', inner)]);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('C2G1');
    ok(await importAs('c2-admin', [feature('C2N', inner, { nestedIn: 'C2G1' })]));
    expect(await gridCodes()).toContain('C2N');
  });

  it('lets neighbours share a border', async () => {
    ok(await importAs('c2-admin', [feature('C2E', rect(103.649, 31.011, 103.655, 31.019))]));
    expect(await gridCodes()).toContain('C2E');
  });
});

describe('departments and the catalog are the 街道’s', () => {
  it('admin.departments.upsert: 403 for a community admin, who can no longer make a resident a worker', async () => {
    const res = await T.api.admin('departments.upsert', { code: 'ranqi', name: '燃气公司', categories: ['ranqi'], staff: ['demo-dept-gas', 'demo-resident-2'] }, 'demo-admin');
    expect(res.status).toBe(403);
    expect(await T.server.store.collection(USERS).get('demo-resident-2')).toMatchObject({ role: 'resident' });
  });

  it('leaving a department takes back the role it granted, unless another grant holds', async () => {
    const upsert = (staff: string[]) => T.api.admin('departments.upsert', { code: 'probe-dept', name: '探针部门', categories: [], staff }, 'demo-street-admin');
    ok(await upsert(['new-staff', 'demo-worker-1', 'demo-dept-gas']));
    const users = T.server.store.collection<any>(USERS);
    expect(await users.get('new-staff')).toMatchObject({ role: 'worker', department: 'probe-dept' });
    ok(await upsert([]));
    // Only the department made new-staff a worker; demo-worker-1 is a grid worker; demo-dept-gas stays in 燃气.
    expect(await users.get('new-staff')).toMatchObject({ role: 'resident' });
    expect((await users.get('new-staff')).department).toBeUndefined();
    expect(await users.get('demo-worker-1')).toMatchObject({ role: 'worker' });
    expect(await users.get('demo-dept-gas')).toMatchObject({ role: 'worker', department: 'ranqi' });
    expect((await T.api.work('inbox', {}, 'new-staff')).status).toBe(403);
  });

  it('admin.catalog.publish: 403 for a community admin, 200 for the 街道 admin', async () => {
    const { catalog } = ok(await T.api.admin('catalog.draft.get', {}, 'demo-admin'));
    const [year, major, patch] = catalog.version.split('.').map(Number);
    const next = { catalog: { ...catalog, version: `${year}.${major}.${patch + 1}` } };
    expect((await T.api.admin('catalog.publish', next, 'demo-admin')).status).toBe(403);
    expect((await T.api.admin('catalog.publish', next, 'c2-admin')).status).toBe(403);
    expect(ok(await T.api.admin('catalog.publish', next, 'demo-street-admin')).version).toBe(next.catalog.version);
  });
});

describe('requests.create on a resident’s behalf', () => {
  const onBehalf = (who: string, where: Record<string, unknown>) =>
    T.api.requests('create', { kind: 'report', category: 'shizheng', description: '代居民登记：路灯不亮', onBehalfOf: 'demo-resident', ...where }, who);

  it('is 403 at a location or building of another community', async () => {
    for (const [who, where, field] of [
      ['c2-admin', { location: P.G1 }, 'data.location'],
      ['c2-admin', { buildingCode: 'G1-1' }, 'data.buildingCode'],
      ['c2-worker', { location: P.G2 }, 'data.location'],
      ['demo-worker-1', { location: { lat: 31.015, lng: 103.645 } }, 'data.location'],
    ] as const) {
      const res = await onBehalf(who, where);
      expect([who, res.status, res.body.error?.field]).toEqual([who, 403, field]);
    }
  });

  it('is accepted inside the caller’s own communities', async () => {
    expect(ok(await onBehalf('demo-admin', { location: P.G1 })).owner.openid).toBe('demo-resident');
    expect(ok(await onBehalf('c2-worker', { location: { lat: 31.015, lng: 103.645 } })).gridCode).toBe('C2N');
    expect(ok(await onBehalf('demo-street-admin', { buildingCode: 'G1-1' })).gridCode).toBe('G1');
  });
});
