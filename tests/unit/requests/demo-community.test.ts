import { CommunityDataSchema } from '@qgt/shared/domain/communityData';
import { buildGridIndex, locateGrid } from '@qgt/shared/domain/routing';
import { DEMO_COMMUNITY, DEMO_POINTS } from '../../../cloudfunctions/lib/seed/demo-community';
import { DEMO_USERS } from '../../../cloudfunctions/lib/seed/demo';
import { readCatalogSource } from '../../../cloudfunctions/lib/catalog/source';

/** The demo deployment as the README documents it. */
const index = buildGridIndex(DEMO_COMMUNITY.grids);

describe('demo community', () => {
  it('is valid community data', () => {
    expect(CommunityDataSchema.safeParse(DEMO_COMMUNITY).success).toBe(true);
  });

  it.each([
    ['G1', 'G1', 'demo-worker-1', 'demo-worker-2'],
    ['G2', 'G2', 'demo-worker-2', 'demo-worker-3'],
    ['G3', 'G3', 'demo-worker-3', 'demo-worker-1'],
  ] as const)('the documented point of %s lies in %s, worker %s, B角 %s', (point, grid, worker, backup) => {
    expect(locateGrid(index, DEMO_POINTS[point])).toMatchObject({ code: grid, worker, backup });
  });

  it('has places in no grid: the park in G3’s hole, and outside the community', () => {
    expect(locateGrid(index, DEMO_POINTS.park)).toBeUndefined();
    expect(locateGrid(index, DEMO_POINTS.nowhere)).toBeUndefined();
  });

  it('puts every building inside its own grid', () => {
    expect(DEMO_COMMUNITY.buildings.length).toBeGreaterThanOrEqual(DEMO_COMMUNITY.grids.length);
    for (const b of DEMO_COMMUNITY.buildings) expect(locateGrid(index, b.point!)?.code).toBe(b.grid);
  });

  it('gives every department categories the deployment knows, and every level-B skill is a catalog matter', () => {
    const categories = new Set(DEMO_COMMUNITY.reportCategories.map((c) => c.code));
    for (const d of DEMO_COMMUNITY.departments) for (const c of d.categories) expect(categories).toContain(c);
    const matters = new Set(readCatalogSource().matters.map((m) => m.code));
    for (const w of DEMO_COMMUNITY.workers) for (const s of w.skills) expect(matters).toContain(s);
    const catalogCategories = new Set(readCatalogSource().categories.map((c) => c.code));
    for (const c of categories) expect(catalogCategories).not.toContain(c);
  });

  it('has a demo identity for every worker, admin and department staff member', () => {
    const users = new Map(DEMO_USERS.map((u) => [u._id, u]));
    for (const w of DEMO_COMMUNITY.workers) expect(users.get(w.openid)).toMatchObject({ role: 'worker', name: w.name });
    for (const a of [...DEMO_COMMUNITY.communities.flatMap((c) => c.admins), ...DEMO_COMMUNITY.subdistrict.admins]) expect(users.get(a)?.role).toBe('admin');
    for (const d of DEMO_COMMUNITY.departments) for (const s of d.staff) expect(users.get(s)).toMatchObject({ role: 'worker', department: d.code });
    expect(DEMO_COMMUNITY.workers.find((w) => w.openid === 'demo-worker-2')?.capacity).toBe(3);
  });
});
