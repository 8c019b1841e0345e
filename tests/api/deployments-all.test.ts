import fs from 'node:fs';
import path from 'node:path';
import { buildGridIndex, locateGrid } from '@qgt/shared/domain/routing';
import type { Grid } from '@qgt/shared/domain/community';
import { readDeploymentFile } from '../../cloudfunctions/lib/seed/deployment';
import { REPO_ROOT } from '../../cloudfunctions/lib/server/config';
import { startTestServer } from '../helpers/server';
import { as, NOW, ok } from './requests-helpers';

/**
 * Every deployments/*.json seeds and serves: a server started with DEPLOYMENT=<file> answers, and a
 * report at a point of each of its grids reaches that grid's worker. A file added later is covered
 * without a line here (its own test file names the people and places; see deployment-demo.test.ts).
 */

jest.setTimeout(60_000);
const DIR = path.join(REPO_ROOT, 'deployments');
const FILES = fs.readdirSync(DIR).filter((f) => f.endsWith('.json'));

/** A point the grid index places in this grid (a lattice over its bounding box; holes and nested grids avoided). */
function pointIn(grid: Grid, grids: readonly Grid[]): { lat: number; lng: number } {
  const index = buildGridIndex(grids);
  const positions = (grid.geometry.type === 'Polygon' ? [grid.geometry.coordinates] : grid.geometry.coordinates).flatMap((p) => p[0]);
  const [xs, ys] = [positions.map((p) => p[0]), positions.map((p) => p[1])];
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  for (let i = 1; i < 20; i++)
    for (let j = 1; j < 20; j++) {
      const p = { lng: x0 + ((x1 - x0) * i) / 20, lat: y0 + ((y1 - y0) * j) / 20 };
      if (locateGrid(index, p)?.code === grid.code) return p;
    }
  throw new Error(`no point found in grid ${grid.code}`);
}

it.each(FILES)('%s seeds and serves: a report at each grid reaches its worker', async (file) => {
  const dep = readDeploymentFile(path.join(DIR, file));
  const server = await startTestServer({ DEPLOYMENT: path.join(DIR, file) });
  try {
    expect((await server.get('/api/health')).body).toEqual({ ok: true });
    const category = dep.data.reportCategories[0]?.code;
    for (const grid of dep.data.grids) {
      const r = ok(await server.call('requests', 'create', { kind: 'report', ...(category && { category }), description: `测试：${grid.name}有问题`, location: pointIn(grid, dep.data.grids) }, as('any-resident', NOW)));
      expect([grid.code, r.gridCode, r.assignee.openid]).toEqual([grid.code, grid.code, grid.worker]);
    }
  } finally {
    await server.close();
  }
});
