import { canHandle, DEFAULT_WORKING_PLAN, departmentsFor, gridsFromFeatures, isOnLeave, ownersFirst, planOf } from '@qgt/shared/domain/community';
import {
  CommunityDataSchema,
  GridFeatureCollectionSchema,
  GridGeometrySchema,
  PeriodSchema,
  WorkerSchema,
  WorkingPlanSchema,
} from '@qgt/shared/domain/communityData';

const square = (x: number, y: number, s: number) => [[[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]]];

describe('WorkerSchema', () => {
  it('fills defaults: no skills, not on leave, on duty, standard plan', () => {
    const w = WorkerSchema.parse({ openid: 'w1', name: '张三', level: 'B', community: 'c1' });
    expect(w).toEqual({ openid: 'w1', name: '张三', level: 'B', community: 'c1', skills: [], grids: [], onLeave: false, leave: [], onDuty: true });
    expect(planOf(w)).toBe(DEFAULT_WORKING_PLAN);
  });

  it.each([
    [{ level: 'C' }, 'level'],
    [{ phone: '12345' }, 'phone'],
    [{ skills: ['Not A Code'] }, 'skills'],
    [{ leave: [{ start: '2026-10-02T00:00:00Z', end: '2026-10-01T00:00:00Z' }] }, 'leave'],
    [{ leave: [{ start: '2026-10-01', end: '2026-10-02' }] }, 'leave'],
  ])('rejects %p', (patch, field) => {
    const r = WorkerSchema.safeParse({ openid: 'w1', name: '张三', level: 'A', community: 'c1', ...patch });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].path[0]).toBe(field);
  });

  it('accepts a mobile and a landline number', () => {
    for (const phone of ['13800138000', '0571-88886666'])
      expect(WorkerSchema.safeParse({ openid: 'w1', name: '张三', level: 'A', community: 'c1', phone }).success).toBe(true);
  });
});

describe('working plan', () => {
  it.each([
    [{ start: '09:00', end: '12:00' }, true],
    [{ start: '20:00', end: '24:00' }, true],
    [{ start: '12:00', end: '12:00' }, false],
    [{ start: '14:00', end: '09:00' }, false],
    [{ start: '9:00', end: '12:00' }, false],
    [{ start: '24:00', end: '24:00' }, false],
  ])('period %p valid=%p', (p, ok) => {
    expect(PeriodSchema.safeParse(p).success).toBe(ok);
  });

  it('defaults missing days to none and the makeup weekday to Monday', () => {
    const plan = WorkingPlanSchema.parse({ tue: [{ start: '08:00', end: '11:00' }] });
    expect(plan.mon).toEqual([]);
    expect(plan.tue).toEqual([{ start: '08:00', end: '11:00' }]);
    expect(plan.makeupWeekday).toBe('mon');
  });

  it('rejects overlapping periods on one day, and a weekend makeup day', () => {
    const overlap = WorkingPlanSchema.safeParse({ mon: [{ start: '14:00', end: '17:00' }, { start: '09:00', end: '14:30' }] });
    expect(overlap.success).toBe(false);
    expect(overlap.error!.issues[0].path).toEqual(['mon']);
    expect(WorkingPlanSchema.safeParse({ makeupWeekday: 'sat' }).success).toBe(false);
  });

  it('the default plan is 09:00–12:00 and 14:00–17:30 on weekdays only', () => {
    expect(DEFAULT_WORKING_PLAN.wed).toEqual([{ start: '09:00', end: '12:00' }, { start: '14:00', end: '17:30' }]);
    expect(DEFAULT_WORKING_PLAN.sat).toEqual([]);
    expect(DEFAULT_WORKING_PLAN.sun).toEqual([]);
    expect(WorkingPlanSchema.safeParse(DEFAULT_WORKING_PLAN).success).toBe(true);
  });
});

describe('grid geometry', () => {
  it.each([
    ['polygon', { type: 'Polygon', coordinates: square(120, 30, 0.01) }, true],
    ['polygon with a hole', { type: 'Polygon', coordinates: [...square(120, 30, 0.01), ...square(120.004, 30.004, 0.002)] }, true],
    ['multipolygon', { type: 'MultiPolygon', coordinates: [square(120, 30, 0.01), square(121, 30, 0.01)] }, true],
    ['unclosed ring', { type: 'Polygon', coordinates: [[[120, 30], [120.01, 30], [120.01, 30.01], [120, 30.01]]] }, false],
    ['too few points', { type: 'Polygon', coordinates: [[[120, 30], [120.01, 30], [120, 30]]] }, false],
    ['latitude out of range', { type: 'Polygon', coordinates: square(120, 95, 0.01) }, false],
    ['a point', { type: 'Point', coordinates: [120, 30] }, false],
  ])('%s', (_, geometry, ok) => {
    expect(GridGeometrySchema.safeParse(geometry).success).toBe(ok);
  });
});

describe('isOnLeave', () => {
  const leave = [{ start: '2026-10-08T01:00:00.000Z', end: '2026-10-09T01:00:00.000Z' }];
  it.each([
    [true, [], '2026-10-08T05:00:00Z', true],
    [false, [], '2026-10-08T05:00:00Z', false],
    [false, leave, '2026-10-08T00:59:59Z', false],
    [false, leave, '2026-10-08T01:00:00Z', true],
    [false, leave, '2026-10-08T09:00:00+08:00', true],
    [false, leave, '2026-10-09T00:59:59Z', true],
    [false, leave, '2026-10-09T01:00:00Z', false],
  ])('flag=%p ranges=%p at %s → %p', (onLeave, ranges, now, expected) => {
    expect(isOnLeave({ onLeave, leave: ranges }, now)).toBe(expected);
  });
});

describe('canHandle', () => {
  it.each([
    ['A', [], 'hukou', true],
    ['A', [], undefined, true],
    ['B', ['dibao'], 'dibao', true],
    ['B', ['dibao'], 'hukou', false],
    ['B', [], 'hukou', false],
    ['B', [], undefined, true],
  ] as const)('level %s skills %p matter %p → %p', (level, skills, matter, expected) => {
    expect(canHandle({ level, skills: [...skills] }, matter)).toBe(expected);
  });
});

it('departmentsFor lists the owners of a category in order', () => {
  const departments = [
    { code: 'zj', name: '住建部门', categories: ['housing', 'lift'] },
    { code: 'wy', name: '物业公司', categories: ['lift', 'greening'] },
    { code: 'rq', name: '燃气公司', categories: ['gas'] },
  ];
  expect(departmentsFor(departments, 'lift').map((d) => d.code)).toEqual(['zj', 'wy']);
  expect(departmentsFor(departments, 'noise')).toEqual([]);
});

it('ownersFirst puts the owners of a category first, marked, then the rest in order (the escalate page)', () => {
  const departments = [
    { code: 'zj', name: '住建部门', categories: ['housing'] },
    { code: 'wy', name: '物业公司', categories: ['lift', 'greening'] },
    { code: 'rq', name: '燃气公司', categories: ['gas'] },
  ];
  expect(ownersFirst(departments, 'gas').map((x) => [x.department.code, x.owner])).toEqual([['rq', true], ['zj', false], ['wy', false]]);
  expect(ownersFirst(departments, 'noise').map((x) => [x.department.code, x.owner])).toEqual([['zj', false], ['wy', false], ['rq', false]]);
  expect(ownersFirst(departments).map((x) => x.owner)).toEqual([false, false, false]);
});

describe('grid import', () => {
  const fc = {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', geometry: { type: 'Polygon', coordinates: square(120, 30, 0.01) }, properties: { code: 'G1', name: '一网格', community: 'c1', worker: 'w1', backup: 'w2' } },
      { type: 'Feature', geometry: { type: 'Polygon', coordinates: square(120.01, 30, 0.01) }, properties: { code: 'G2', name: '二网格', community: 'c1', worker: 'w3' } },
    ],
  };
  it('turns features into grids', () => {
    const grids = gridsFromFeatures(GridFeatureCollectionSchema.parse(fc));
    expect(grids.map((g) => [g.code, g.worker, g.backup, g.geometry.type])).toEqual([
      ['G1', 'w1', 'w2', 'Polygon'],
      ['G2', 'w3', undefined, 'Polygon'],
    ]);
  });
  it('names the feature and field that is wrong', () => {
    const bad = structuredClone(fc);
    delete (bad.features[1].properties as Partial<(typeof fc.features)[0]['properties']>).worker;
    const r = GridFeatureCollectionSchema.safeParse(bad);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].path).toEqual(['features', 1, 'properties', 'worker']);
  });
});

describe('CommunityDataSchema', () => {
  const base = () => ({
    subdistrict: { code: 'jd', name: '示范街道' },
    communities: [{ code: 'c1', name: '东园社区', subdistrict: 'jd', admins: ['adm'] }],
    grids: [{ code: 'G1', name: '一网格', community: 'c1', worker: 'w1', backup: 'w2', geometry: { type: 'Polygon', coordinates: square(120, 30, 0.01) } }],
    buildings: [{ code: 'B1', name: '1幢', grid: 'G1' }],
    stations: [{ code: 'S1', name: '东园综合窗口', kind: 'window', community: 'c1' }],
    departments: [{ code: 'rq', name: '燃气公司', categories: ['gas'] }],
    workers: [
      { openid: 'w1', name: '张三', level: 'A', community: 'c1', grids: ['G1'], backup: 'w2' },
      { openid: 'w2', name: '李四', level: 'B', community: 'c1' },
    ],
  });

  it('accepts consistent data', () => {
    expect(CommunityDataSchema.safeParse(base()).success).toBe(true);
  });

  it.each([
    ['grid in an unknown community', (d: any) => (d.grids[0].community = 'c9'), ['grids', 0, 'community']],
    ['unregistered grid worker', (d: any) => (d.grids[0].worker = 'w9'), ['grids', 0, 'worker']],
    ['unregistered grid backup', (d: any) => (d.grids[0].backup = 'w9'), ['grids', 0, 'backup']],
    ['building in an unknown grid', (d: any) => (d.buildings[0].grid = 'G9'), ['buildings', 0, 'grid']],
    ['duplicate worker', (d: any) => d.workers.push({ ...d.workers[1] }), ['workers', 2]],
    ['worker covering an unknown grid', (d: any) => (d.workers[1].grids = ['G9']), ['workers', 1, 'grids', 0]],
    ['worker as their own backup', (d: any) => (d.workers[0].backup = 'w1'), ['workers', 0, 'backup']],
    ['community of another subdistrict', (d: any) => (d.communities[0].subdistrict = 'jd2'), ['communities', 0, 'subdistrict']],
    ['station in an unknown community', (d: any) => (d.stations[0].community = 'c9'), ['stations', 0, 'community']],
  ])('rejects %s', (_, mutate, path) => {
    const d = base();
    mutate(d);
    const r = CommunityDataSchema.safeParse(d);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path)).toContainEqual(path);
  });
});
