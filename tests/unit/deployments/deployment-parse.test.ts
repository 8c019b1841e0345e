import { DeploymentError, formatPath, gridGeometryProblems, parseDeployment } from '@qgt/shared/domain/deployment';
import type { Grid } from '@qgt/shared/domain/communityData';
import { toStoredGeometry, toStoredLatLng } from '@qgt/shared/domain/geometry';

/**
 * parseDeployment on small literal files: where each problem is reported (the file's own path),
 * the roles a file grants, the datum conversion of points. Pins what the seed/API tests only touch.
 */

// The fixtures are edited freely per test (wrong types included), so they are loosely typed.
type Json = Record<string, any>;

/** A closed square ring, [lng, lat] corners. */
const square = (x0: number, y0: number, x1: number, y1: number) => ({
  type: 'Polygon' as const,
  coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]],
});
const feature = (code: string, worker: string, geometry = square(104.0, 30.6, 104.01, 30.61), extra: Json = {}) => ({
  type: 'Feature',
  geometry,
  properties: { code, name: `${code}网格`, worker, ...extra },
});

/** Two communities, one grid each; every cross-reference valid. */
function file(): Json {
  return {
    version: 3,
    subdistrict: { code: 'S1', name: '测试街道', admins: ['sadmin'] },
    district: { code: 'D1', name: '测试区', admins: ['dadmin'] },
    people: [
      { openid: 'res1', name: '居民甲', phone: '13900000001' },
      { openid: 'w1', name: '甲' },
    ],
    reportCategories: [{ code: 'huanjing', name: '环境卫生' }],
    departments: [
      { code: 'dep1', name: '城管科', categories: ['huanjing'], staff: ['staff1', 'w1'] },
      { code: 'dep2', name: '环保科', staff: ['staff1'] },
    ],
    communities: [
      {
        code: 'C1',
        name: '一社区',
        admins: ['cadmin1'],
        grids: [feature('G1', 'w1')],
        buildings: [
          { code: 'B1', name: '1栋', grid: 'G1', point: { lat: 30.605, lng: 104.005 } },
          { code: 'B2', name: '2栋', grid: 'G1' },
        ],
        stations: [
          { code: 'ST1', name: '一社区服务站', kind: 'window', point: { lat: 30.606, lng: 104.006 } },
          { code: 'ST2', name: '一社区便民点', kind: 'point' },
        ],
        workers: [{ openid: 'w1', name: '网格员甲', phone: '13800000001', level: 'A', grids: ['G1'] }],
        households: [{ code: 'H1', name: '张三', tags: ['独居老人'], worker: 'w1', frequencyDays: 7, buildingCode: 'B1' }],
      },
      {
        code: 'C2',
        name: '二社区',
        admins: ['w2'],
        grids: [feature('G2', 'w2', square(104.02, 30.6, 104.03, 30.61))],
        buildings: [{ code: 'B3', name: '3栋', grid: 'G2' }],
        workers: [{ openid: 'w2', name: '网格员乙', level: 'B', grids: ['G2'] }],
      },
    ],
    sampleVisits: [{ worker: 'w1', daysAgo: 1, household: '张三', found: '一切正常' }],
  };
}

function problemsOf(json: unknown, name = 'deployments/t.json'): string[] {
  try {
    parseDeployment(json, name);
  } catch (e) {
    if (e instanceof DeploymentError) return e.problems;
    throw e;
  }
  return [];
}

describe('DeploymentError', () => {
  it('names the file and lists each problem on its own line', () => {
    const e = new DeploymentError('deployments/t.json', ['a: x', 'b: y']);
    expect([e.name, e.file, e.problems, e.message]).toStrictEqual(['DeploymentError', 'deployments/t.json', ['a: x', 'b: y'], '部署文件有误（deployments/t.json）：\na: x\nb: y']);
    expect(e).toBeInstanceOf(Error);
  });

  it('lists 20 problems at most, then how many more', () => {
    const lines = (n: number) => Array.from({ length: n }, (_, i) => `p${i + 1}`);
    const head = `部署文件有误（f）：\n${lines(20).join('\n')}`;
    expect(new DeploymentError('f', lines(20)).message).toBe(head);
    expect(new DeploymentError('f', lines(21)).message).toBe(`${head}\n……另有1处`);
    expect(new DeploymentError('f', lines(23)).message).toBe(`${head}\n……另有3处`);
    expect(new DeploymentError('f', lines(23)).problems).toStrictEqual(lines(23));
  });
});

describe('formatPath', () => {
  it('writes keys with dots and indexes in brackets', () => {
    expect(formatPath(['communities', 2, 'grids', 5, 'properties', 'worker'])).toBe('communities[2].grids[5].properties.worker');
    expect(formatPath([])).toBe('');
  });
});

describe('parseDeployment: what a valid file gives', () => {
  it('grants roles: workers, department staff, community/街道/区 admins, named residents', () => {
    const dep = parseDeployment(file(), 'deployments/t.json');
    expect(dep.users).toStrictEqual([
      // A worker named again in `people` takes that name and keeps the phone; the first department wins.
      { openid: 'w1', role: 'worker', communities: ['C1'], name: '甲', phone: '13800000001', department: 'dep1' },
      // A worker who is also a community admin is an admin; no phone in the file, no phone key.
      { openid: 'w2', role: 'admin', communities: ['C2'], name: '网格员乙' },
      { openid: 'staff1', role: 'worker', communities: [], department: 'dep1' },
      { openid: 'cadmin1', role: 'admin', communities: ['C1'] },
      { openid: 'sadmin', role: 'admin', communities: ['C1', 'C2'] },
      { openid: 'dadmin', role: 'admin', communities: ['C1', 'C2'] },
      { openid: 'res1', role: 'resident', communities: [], name: '居民甲', phone: '13900000001' },
    ]);
  });

  it('merges communities without duplicates when one person holds several grants', () => {
    const json = file();
    json.subdistrict.admins = ['w1'];
    json.communities[1].admins = ['w1'];
    const w1 = parseDeployment(json, 'deployments/t.json').users.find((u) => u.openid === 'w1');
    expect(w1).toStrictEqual({ openid: 'w1', role: 'admin', communities: ['C1', 'C2'], name: '甲', phone: '13800000001', department: 'dep1' });
  });

  it('makes a grid worker who is nothing else a worker, and no 区 admins without a 区', () => {
    const json = file();
    json.departments[0].staff = ['staff1'];
    delete json.district;
    const dep = parseDeployment(json, 'deployments/t.json');
    expect(dep.users.map((u) => [u.openid, u.role])).toStrictEqual([
      ['w1', 'worker'],
      ['w2', 'admin'],
      ['staff1', 'worker'],
      ['cadmin1', 'admin'],
      ['sadmin', 'admin'],
      ['res1', 'resident'],
    ]);
    expect(dep.users[0]).toStrictEqual({ openid: 'w1', role: 'worker', communities: ['C1'], name: '甲', phone: '13800000001' });
    expect(dep.district).toBe(undefined);
  });

  it('keeps version, district, households with their community, sample visits and local rules', () => {
    const dep = parseDeployment(file(), 'deployments/t.json');
    expect([dep.version, dep.district, dep.households, dep.sampleVisits, dep.localRules]).toStrictEqual([
      3,
      { code: 'D1', name: '测试区', admins: ['dadmin'] },
      [{ code: 'H1', name: '张三', tags: ['独居老人'], worker: 'w1', frequencyDays: 7, buildingCode: 'B1', community: 'C1' }],
      [{ worker: 'w1', daysAgo: 1, household: '张三', found: '一切正常' }],
      [],
    ]);
  });

  it('flattens into the community model: grids, buildings, stations and workers carry their community', () => {
    const { data } = parseDeployment(file(), 'deployments/t.json');
    expect(data.grids.map((g) => [g.code, g.community, g.worker])).toStrictEqual([
      ['G1', 'C1', 'w1'],
      ['G2', 'C2', 'w2'],
    ]);
    expect(data.buildings).toStrictEqual([
      { code: 'B1', name: '1栋', grid: 'G1', point: { lat: 30.605, lng: 104.005 } },
      { code: 'B2', name: '2栋', grid: 'G1' },
      { code: 'B3', name: '3栋', grid: 'G2' },
    ]);
    expect(data.stations).toStrictEqual([
      { code: 'ST1', name: '一社区服务站', kind: 'window', community: 'C1', point: { lat: 30.606, lng: 104.006 } },
      { code: 'ST2', name: '一社区便民点', kind: 'point', community: 'C1' },
    ]);
    expect(data.workers.map((w) => [w.openid, w.community])).toStrictEqual([
      ['w1', 'C1'],
      ['w2', 'C2'],
    ]);
    expect(data.communities.map((c) => [c.code, c.subdistrict])).toStrictEqual([
      ['C1', 'S1'],
      ['C2', 'S1'],
    ]);
    expect(data.departments.map((d) => [d.code, d.subdistrict])).toStrictEqual([
      ['dep1', 'S1'],
      ['dep2', 'S1'],
    ]);
  });

  it('converts every point and polygon of a WGS-84 file to the stored datum', () => {
    const json = file();
    json.datum = 'wgs84';
    json.communities[0].boundary = square(103.99, 30.59, 104.015, 30.615);
    const { data } = parseDeployment(json, 'deployments/t.json');
    const b1 = toStoredLatLng({ lat: 30.605, lng: 104.005 }, 'wgs84');
    const st1 = toStoredLatLng({ lat: 30.606, lng: 104.006 }, 'wgs84');
    // GCJ-02 lies a few hundred metres off WGS-84 here: the conversion really moved the points.
    expect(Math.abs(b1.lng - 104.005)).toBeGreaterThan(0.001);
    expect(data.buildings).toStrictEqual([
      { code: 'B1', name: '1栋', grid: 'G1', point: b1 },
      { code: 'B2', name: '2栋', grid: 'G1' },
      { code: 'B3', name: '3栋', grid: 'G2' },
    ]);
    expect(data.stations).toStrictEqual([
      { code: 'ST1', name: '一社区服务站', kind: 'window', community: 'C1', point: st1 },
      { code: 'ST2', name: '一社区便民点', kind: 'point', community: 'C1' },
    ]);
    expect(data.grids[0].geometry).toStrictEqual(toStoredGeometry(square(104.0, 30.6, 104.01, 30.61), 'wgs84'));
    expect(data.communities[0].boundary).toStrictEqual(toStoredGeometry(square(103.99, 30.59, 104.015, 30.615), 'wgs84'));
    expect(data.communities[1]).not.toHaveProperty('boundary');
  });
});

describe('parseDeployment: each problem at its path in the file', () => {
  const F = 'deployments/t.json';

  it('maps a model problem back to the grid’s properties', () => {
    const json = file();
    json.communities[1].grids[0].properties.worker = 'nobody';
    expect(problemsOf(json)).toStrictEqual([`${F}: communities[1].grids[0].properties.worker: 网格员未登记：nobody`]);
  });

  it('maps problems of buildings, stations, workers, departments, categories and communities', () => {
    const json = file();
    json.communities[1].buildings.push({ code: 'B4', name: '4栋', grid: 'G9' });
    json.communities[0].stations.push({ code: 'ST1', name: '重复服务站', kind: 'point' });
    json.communities[1].workers[0].grids = ['G2', 'G8'];
    json.departments.push({ code: 'dep1', name: '重复科室' });
    json.reportCategories.push({ code: 'huanjing', name: '重复分类' });
    json.communities.push({ code: 'C1', name: '重复社区' });
    expect(problemsOf(json).sort()).toStrictEqual(
      [
        `${F}: communities[2]: 编码重复：C1`,
        `${F}: departments[2]: 编码重复：dep1`,
        `${F}: reportCategories[1]: 编码重复：huanjing`,
        `${F}: communities[1].buildings[1].grid: 未知网格：G9`,
        `${F}: communities[0].stations[2]: 编码重复：ST1`,
        `${F}: communities[1].workers[0].grids[1]: 未知网格：G8`,
      ].sort(),
    );
  });

  it('maps a problem the datum conversion causes to the grid’s geometry, beside its properties', () => {
    const json = file();
    json.datum = 'bd09';
    // BD-09 → GCJ-02 shifts by about -0.0065°: a point on the antimeridian leaves the valid range.
    json.communities[1].grids[0].geometry = square(-180, 0, -179.99, 0.01);
    expect(problemsOf(json)).toStrictEqual([
      `${F}: communities[1].grids[0].geometry.coordinates[0][0][0]: 经度超出范围`,
      `${F}: communities[1].grids[0].geometry.coordinates[0][3][0]: 经度超出范围`,
      `${F}: communities[1].grids[0].geometry.coordinates[0][4][0]: 经度超出范围`,
    ]);
  });

  it('reports a schema problem with the file’s path and stops there', () => {
    const json = file();
    json.communities[0].households[0].phone = '123';
    json.communities[0].grids[0].properties.worker = 'nobody';
    expect(problemsOf(json)).toStrictEqual([`${F}: communities[0].households[0].phone: 电话号码格式不正确`]);
  });

  it('refuses a self-intersecting community boundary and a grid outside its boundary', () => {
    const json = file();
    json.communities[1].boundary = { type: 'Polygon', coordinates: [[[104.0, 30.6], [104.04, 30.62], [104.04, 30.6], [104.0, 30.62], [104.0, 30.6]]] };
    json.communities[0].boundary = square(104.0, 30.6, 104.005, 30.61);
    expect(problemsOf(json)).toStrictEqual([
      `${F}: communities[1].boundary: 多边形自相交（边线交叉），请检查顶点顺序`,
      `${F}: communities[0].grids[0].geometry: 网格 G1 超出了社区 C1 的边界`,
      `${F}: communities[1].grids[0].geometry: 网格 G2 超出了社区 C2 的边界`,
    ]);
  });

  it('checks the file’s own cross-references: buildings, households, sample visits, department categories', () => {
    const json = file();
    json.communities[0].buildings[1].grid = 'G2'; // another community's grid
    json.communities[0].households.push(
      { code: 'H2', name: '李四', tags: ['低保'], worker: 'w2', frequencyDays: 30 }, // another community's worker
      { code: 'H3', name: '王五', tags: ['低保'], worker: 'w1', frequencyDays: 30, buildingCode: 'B3' }, // another community's building
      { code: 'H4', name: '赵六', tags: ['低保'], worker: 'w1', frequencyDays: 30, buildingCode: 'B9' }, // no such building
    );
    json.sampleVisits.push({ worker: 'ghost', daysAgo: 2, household: '张三', found: '正常' });
    json.departments[1].categories = ['huanjing', 'jiaotong'];
    expect(problemsOf(json)).toStrictEqual([
      `${F}: communities[0].buildings[1].grid: 本社区没有网格：G2`,
      `${F}: communities[0].households[1].worker: 网格员不属于本社区：w2`,
      `${F}: communities[0].households[2].buildingCode: 本社区没有楼栋：B3`,
      `${F}: communities[0].households[3].buildingCode: 本社区没有楼栋：B9`,
      `${F}: sampleVisits[1].worker: 网格员未登记：ghost`,
      `${F}: departments[1].categories[1]: 未知问题分类：jiaotong`,
    ]);
  });

  it('accepts a deliberate nesting and refuses an undeclared overlap within a community', () => {
    const json = file();
    json.communities[0].grids.push(feature('G1a', 'w1', square(104.002, 30.602, 104.004, 30.604), { nestedIn: 'G1' }));
    expect(problemsOf(json)).toStrictEqual([]);
    delete json.communities[0].grids[1].properties.nestedIn;
    expect(problemsOf(json)).toStrictEqual([`${F}: communities[0].grids[1].geometry: 网格 G1a 与本社区的网格 G1 重叠（如确为嵌套，请在 nestedIn 中注明 G1）`]);
  });
});

describe('gridGeometryProblems', () => {
  const grid = (code: string, community: string, geometry: Grid['geometry'], nestedIn?: string): Grid =>
    ({ code, name: code, community, worker: 'w1', geometry, ...(nestedIn && { nestedIn }) }) as Grid;
  const outer = square(104.0, 30.6, 104.01, 30.61);
  const inner = square(104.002, 30.602, 104.004, 30.604);
  const none = new Map<string, Grid['geometry']>();

  it('names both codes when a grid overlaps another community’s grid (a conflict), even if it claims nesting', () => {
    expect(gridGeometryProblems([grid('A', 'C1', outer), grid('B', 'C2', inner, 'A')], [], none)).toStrictEqual([
      { index: 1, conflict: true, message: '网格 B 与其他社区（C1）的网格 A 重叠' },
    ]);
    expect(gridGeometryProblems([grid('B', 'C2', inner)], [grid('A', 'C1', outer)], none)).toStrictEqual([
      { index: 0, conflict: true, message: '网格 B 与其他社区（C1）的网格 A 重叠' },
    ]);
  });

  it('allows a nesting declared on either grid, and only that one', () => {
    expect(gridGeometryProblems([grid('A', 'C1', outer), grid('B', 'C1', inner, 'A')], [], none)).toStrictEqual([]);
    expect(gridGeometryProblems([grid('A', 'C1', outer, 'B'), grid('B', 'C1', inner)], [], none)).toStrictEqual([]);
    expect(gridGeometryProblems([grid('A', 'C1', outer), grid('B', 'C1', inner, 'X')], [], none)).toStrictEqual([
      { index: 1, message: '网格 B 与本社区的网格 A 重叠（如确为嵌套，请在 nestedIn 中注明 A）' },
    ]);
  });

  it('does not compare a grid with the stored grid it replaces, nor with an unusable one', () => {
    expect(gridGeometryProblems([grid('A', 'C1', outer)], [grid('A', 'C1', outer)], none)).toStrictEqual([]);
    const huge = square(103.9, 30.5, 104.1, 30.7);
    expect(gridGeometryProblems([grid('H', 'C2', huge), grid('A', 'C1', outer)], [], none)).toStrictEqual([
      { index: 0, message: '多边形面积过大（约426平方公里），不像一个网格' },
    ]);
  });

  it('checks the boundary of the grid’s own community only', () => {
    const boundaries = new Map([['C1', square(104.0, 30.6, 104.005, 30.61)]]);
    expect(gridGeometryProblems([grid('A', 'C1', outer), grid('Z', 'C9', square(104.05, 30.6, 104.06, 30.61))], [], boundaries)).toStrictEqual([
      { index: 0, message: '网格 A 超出了社区 C1 的边界' },
    ]);
  });
});
