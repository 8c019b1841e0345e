import fs from 'node:fs';
import path from 'node:path';
import { DeploymentError, formatPath, parseDeployment } from '@qgt/shared/domain/deployment';
import { overlapM2, toStoredGeometry, toStoredLatLng } from '@qgt/shared/domain/geometry';
import { locateGrid, buildGridIndex } from '@qgt/shared/domain/routing';
import { readDeploymentFile } from '../../../cloudfunctions/lib/seed/deployment';
import os from 'node:os';
import { configFromEnv, REPO_ROOT } from '../../../cloudfunctions/lib/server/config';

/** Every deployments/*.json is valid; a broken file is refused with its name, the path and a reason in Chinese. */

const DIR = path.join(REPO_ROOT, 'deployments');
const FILES = fs.readdirSync(DIR).filter((f) => f.endsWith('.json'));
const demo = () => JSON.parse(fs.readFileSync(path.join(DIR, 'demo.json'), 'utf8'));

function problemsOf(json: unknown, file = 'deployments/demo.json'): string[] {
  try {
    parseDeployment(json, file);
  } catch (e) {
    if (e instanceof DeploymentError) return e.problems;
    throw e;
  }
  return [];
}

describe('deployments/*.json', () => {
  it('includes the demo and a second 街道', () => {
    expect(FILES).toEqual(expect.arrayContaining(['demo.json', 'heping.json']));
  });

  it.each(FILES)('%s parses, and no two of its communities’ grids overlap', (file) => {
    const dep = readDeploymentFile(path.join(DIR, file));
    expect(dep.data.grids.length).toBeGreaterThan(0);
    for (const a of dep.data.grids) for (const b of dep.data.grids) if (a.code < b.code && !a.nestedIn && !b.nestedIn) expect([a.code, b.code, overlapM2(a.geometry, b.geometry)]).toEqual([a.code, b.code, 0]);
  });

  it('no two files claim the same community, grid, department or worker', () => {
    const seen = new Map<string, string>();
    for (const file of FILES) {
      const { data } = readDeploymentFile(path.join(DIR, file));
      const keys = [...data.communities.map((c) => `community ${c.code}`), ...data.grids.map((g) => `grid ${g.code}`), ...data.departments.map((d) => `department ${d.code}`), ...data.workers.map((w) => `worker ${w.openid}`)];
      for (const k of keys) {
        expect([k, seen.get(k)]).toEqual([k, undefined]);
        seen.set(k, file);
      }
    }
  });
});

describe('a broken deployment file', () => {
  it('names the file, the path as people read it, and the reason in Chinese', () => {
    const json = demo();
    json.communities[0].grids[1].properties.worker = 'nobody';
    expect(problemsOf(json)).toEqual(['deployments/demo.json: communities[0].grids[1].properties.worker: 网格员未登记：nobody']);
  });

  it('reports schema errors with the nested path', () => {
    const json = demo();
    json.communities[0].workers[2].phone = '12345';
    json.reportCategories[0].code = '';
    const problems = problemsOf(json, 'x.json');
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/^x\.json: communities\[0\]\.workers\[2\]\.phone: 电话号码格式不正确$/)]));
    expect(problems.some((p) => p.startsWith('x.json: reportCategories[0].code: '))).toBe(true);
  });

  it('refuses a grid whose worker serves another community, overlapping grids and a household of another community', () => {
    const json = demo();
    json.communities.push({ code: 'other', name: '另一社区', admins: [], workers: [{ openid: 'other-worker', name: '外网格', level: 'A' }] });
    json.communities[0].grids[0].properties.worker = 'other-worker';
    expect(problemsOf(json)).toEqual(['deployments/demo.json: communities[0].grids[0].properties.worker: 网格员外网格不属于社区 demo-community']);
    // References first, then geometry and households (checked once the references hold).
    json.communities[0].grids[0].properties.worker = 'demo-worker-1';
    json.communities[0].grids[2].geometry = json.communities[0].grids[0].geometry;
    json.communities[0].households[0].worker = 'other-worker';
    expect(problemsOf(json)).toEqual([
      expect.stringMatching(/^deployments\/demo\.json: communities\[0\]\.grids\[2\]\.geometry: 网格 G3 与本社区的网格 G1 重叠/),
      'deployments/demo.json: communities[0].households[0].worker: 网格员不属于本社区：other-worker',
    ]);
  });

  it('refuses a "whole world" grid and a grid outside its community’s boundary', () => {
    const json = demo();
    json.communities[0].grids[0].geometry = { type: 'Polygon', coordinates: [[[-179, -89], [179, -89], [179, 89], [-179, 89], [-179, -89]]] };
    json.communities[0].boundary = { type: 'Polygon', coordinates: [[[103.61, 30.98], [103.6225, 30.98], [103.6225, 31], [103.61, 31], [103.61, 30.98]]] };
    const problems = problemsOf(json);
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/communities\[0\]\.grids\[0\]\.geometry: 多边形面积过大/)]));
    // G2 and G3 lie west of lng 103.6225 and inside; G1 is the one out (reported once, as too large).
    expect(problems.filter((p) => p.includes('超出了社区'))).toEqual([]);
    json.communities[0].grids[0].geometry = demo().communities[0].grids[0].geometry;
    expect(problemsOf(json)).toEqual(['deployments/demo.json: communities[0].grids[0].geometry: 网格 G1 超出了社区 demo-community 的边界']);
  });

  it('names a file that is not JSON', () => {
    const file = path.join(REPO_ROOT, 'package.json.broken');
    expect(() => readDeploymentFile(file)).toThrow(/package\.json\.broken/);
  });

  it('stops the local server from starting with DEPLOYMENT=<broken file>, naming file and path', () => {
    const json = demo();
    json.communities[0].grids[1].properties.worker = 'nobody';
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'qgt-dep-')), 'broken.json');
    fs.writeFileSync(file, JSON.stringify(json));
    expect(() => configFromEnv({ DEPLOYMENT: file })).toThrow(/broken\.json: communities\[0\]\.grids\[1\]\.properties\.worker: 网格员未登记：nobody/);
  });

  it('formats paths as people read them', () => {
    expect(formatPath(['communities', 2, 'grids', 5, 'properties', 'worker'])).toBe('communities[2].grids[5].properties.worker');
  });
});

describe('datums', () => {
  // G1's west edge is lng 103.6225 (GCJ-02, as stored). A browser reports WGS-84: a point about 100 m
  // west of the edge in WGS-84 terms is ~150 m east of it once converted (the GCJ-02 offset here is ~250 m).
  const index = buildGridIndex(readDeploymentFile(path.join(DIR, 'demo.json')).data.grids);
  const browser = { lat: 30.9925, lng: 103.6205 };

  it('a WGS-84 point near a grid edge lands in the right grid only once converted', () => {
    expect(locateGrid(index, browser)?.code).toBe('G2');
    expect(locateGrid(index, toStoredLatLng(browser, 'wgs84'))?.code).toBe('G1');
  });

  it('a file in WGS-84 is stored in GCJ-02 (about 250 m east, 280 m south here)', () => {
    const json = demo();
    json.datum = 'wgs84';
    const dep = parseDeployment(json, 'deployments/demo.json');
    const [lng, lat] = (dep.data.grids[0].geometry.coordinates[0] as number[][])[0];
    expect(lng - 103.6225).toBeGreaterThan(0.002);
    expect(lat - 30.985).toBeLessThan(-0.002);
    expect(dep.data.grids[0].geometry).toEqual(toStoredGeometry(demo().communities[0].grids[0].geometry, 'wgs84'));
    expect(toStoredLatLng({ lat: 30.99, lng: 103.626 }, 'gcj02')).toEqual({ lat: 30.99, lng: 103.626 });
  });
});
