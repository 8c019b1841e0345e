import { WorkerSchema, type Grid, type Worker, type WorkerInput } from '@qgt/shared/domain/communityData';
import { buildGridIndex, locateGrid, ROUTE_REASONS, routeRequest, type RouteContext, type RouteInput } from '@qgt/shared/domain/routing';

type Ring = [number, number][];
const square = (x: number, y: number, s: number): Ring => [[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]];
const poly = (...rings: Ring[]) => ({ type: 'Polygon' as const, coordinates: rings });

/**
 * Community c1: G1 (with a hole) and G2 side by side sharing the border lng 120.01; G3 is a small
 * grid inside G1. Community c2: G4, a MultiPolygon of two squares with a gap between them.
 */
const GRIDS: Grid[] = [
  { code: 'G1', name: '一网格', community: 'c1', worker: 'w1', backup: 'w2', geometry: poly(square(120, 30, 0.01), square(120.004, 30.004, 0.002)) },
  { code: 'G2', name: '二网格', community: 'c1', worker: 'w3', geometry: poly(square(120.01, 30, 0.01)) },
  { code: 'G3', name: '三网格', community: 'c1', worker: 'w5', geometry: poly(square(120.001, 30.001, 0.002)) },
  { code: 'G4', name: '四网格', community: 'c2', worker: 'w6', geometry: { type: 'MultiPolygon', coordinates: [[square(121, 30, 0.01)], [square(121.02, 30, 0.01)]] } },
  { code: 'G5', name: '五网格', community: 'c1', worker: 'ghost', backup: 'w2', geometry: poly(square(122, 30, 0.01)) },
];

const worker = (w: Partial<WorkerInput> & { openid: string }): Worker =>
  WorkerSchema.parse({ name: `工作人员${w.openid}`, level: 'A', community: 'c1', ...w });
const WORKERS: Worker[] = [
  worker({ openid: 'w1' }),
  worker({ openid: 'w2' }),
  worker({ openid: 'w3', level: 'B', skills: ['dibao'], backup: 'w4' }),
  worker({ openid: 'w4' }),
  worker({ openid: 'w5' }),
  worker({ openid: 'w6', community: 'c2' }),
  worker({ openid: 'p1' }),
  worker({ openid: 'p2', level: 'B', skills: ['dibao'] }),
];

const NOW = '2026-10-08T10:00:00+08:00';
// Built inside each test (not once at load), so a mutant of the area or index code is active when it runs.
const index = () => buildGridIndex(GRIDS);
const ctx = (over: Partial<RouteContext> = {}, patch: Record<string, Partial<WorkerInput>> = {}): RouteContext => ({
  gridIndex: index(),
  buildings: [
    { code: 'B1', name: '1幢', grid: 'G2' },
    { code: 'B9', name: '9幢', grid: 'G9' },
  ],
  workers: WORKERS.map((w) => (patch[w.openid] ? worker({ ...w, ...patch[w.openid] }) : w)),
  openCounts: { w1: 2, w2: 2, w3: 4, w4: 3, w5: 1, p1: 1, p2: 0 },
  communityAdmins: { c1: 'admin-c1' },
  fallbackAdmin: 'admin-jd',
  now: NOW,
  ...over,
});

const IN_G1 = { lat: 30.008, lng: 120.008 };
const IN_G2 = { lat: 30.005, lng: 120.015 };
const IN_G5 = { lat: 30.005, lng: 122.005 };
const NOWHERE = { lat: 31, lng: 119 };

describe('locateGrid', () => {
  it.each([
    ['inside G1', IN_G1, 'G1'],
    ["in G1's hole", { lat: 30.005, lng: 120.005 }, undefined],
    ['on the edge of the hole (boundary counts as inside)', { lat: 30.004, lng: 120.005 }, 'G1'],
    ['inside G3, which lies inside G1: the smaller wins', { lat: 30.002, lng: 120.002 }, 'G3'],
    ['on the G1/G2 border: G1 is smaller once its hole is subtracted', { lat: 30.008, lng: 120.01 }, 'G1'],
    ['inside G2', IN_G2, 'G2'],
    ['first part of MultiPolygon G4', { lat: 30.005, lng: 121.005 }, 'G4'],
    ['second part of MultiPolygon G4', { lat: 30.005, lng: 121.025 }, 'G4'],
    ['in the gap between the parts of G4 (inside its bbox)', { lat: 30.005, lng: 121.015 }, undefined],
    ['far away', NOWHERE, undefined],
  ])('%s', (_, point, code) => {
    expect(locateGrid(index(), point)?.code).toBe(code);
  });

  it('breaks a tie between identical grids by code, whatever the import order', () => {
    const twin = (code: string): Grid => ({ code, name: code, community: 'c1', worker: 'w1', geometry: poly(square(120, 30, 0.01)) });
    expect(locateGrid(buildGridIndex([twin('GB'), twin('GA')]), IN_G1)?.code).toBe('GA');
    expect(locateGrid(buildGridIndex([twin('GA'), twin('GB')]), IN_G1)?.code).toBe('GA');
  });

  it('finds nothing in an empty index', () => {
    expect(locateGrid(buildGridIndex([]), IN_G1)).toBeUndefined();
  });
});

type Case = [string, RouteInput, Partial<RouteContext>, Record<string, Partial<WorkerInput>>, { assignee: string; gridCode?: string; reasonCode: string; manual: boolean; steps: string[] }];

const CASES: Case[] = [
  ['grid worker handles it', { location: IN_G1 }, {}, {}, { assignee: 'w1', gridCode: 'G1', reasonCode: 'gridWorker', manual: false, steps: ['locate', 'gridWorker'] }],
  ['grid worker on leave → grid B角', { location: IN_G1 }, {}, { w1: { onLeave: true } }, { assignee: 'w2', gridCode: 'G1', reasonCode: 'workerOnLeave', manual: false, steps: ['locate', 'gridWorker', 'backup'] }],
  [
    'dated leave covering now → B角',
    { location: IN_G1 },
    {},
    { w1: { leave: [{ start: '2026-10-08T00:00:00+08:00', end: '2026-10-09T00:00:00+08:00' }] } },
    { assignee: 'w2', gridCode: 'G1', reasonCode: 'workerOnLeave', manual: false, steps: ['locate', 'gridWorker', 'backup'] },
  ],
  [
    'dated leave that has ended → grid worker',
    { location: IN_G1 },
    {},
    { w1: { leave: [{ start: '2026-10-07T00:00:00+08:00', end: '2026-10-08T09:00:00+08:00' }] } },
    { assignee: 'w1', gridCode: 'G1', reasonCode: 'gridWorker', manual: false, steps: ['locate', 'gridWorker'] },
  ],
  ['an off-duty grid worker still gets their own grid', { location: IN_G1 }, {}, { w1: { onDuty: false } }, { assignee: 'w1', gridCode: 'G1', reasonCode: 'gridWorker', manual: false, steps: ['locate', 'gridWorker'] }],
  [
    'worker and B角 on leave → pool: fewest open, tie by openid (p1 before w5)',
    { location: IN_G1, matterCode: 'hukou' },
    {},
    { w1: { onLeave: true }, w2: { onLeave: true } },
    { assignee: 'p1', gridCode: 'G1', reasonCode: 'pool', manual: false, steps: ['locate', 'gridWorker', 'backup', 'pool'] },
  ],
  [
    'pool skips the off-duty and the unqualified (p2 has no hukou skill)',
    { location: IN_G1, matterCode: 'hukou' },
    {},
    { w1: { onLeave: true }, w2: { onLeave: true }, p1: { onDuty: false } },
    { assignee: 'w5', gridCode: 'G1', reasonCode: 'pool', manual: false, steps: ['locate', 'gridWorker', 'backup', 'pool'] },
  ],
  [
    'pool prefers a qualified B worker with fewer open requests',
    { location: IN_G1, matterCode: 'dibao' },
    {},
    { w1: { onLeave: true }, w2: { onLeave: true } },
    { assignee: 'p2', gridCode: 'G1', reasonCode: 'pool', manual: false, steps: ['locate', 'gridWorker', 'backup', 'pool'] },
  ],
  [
    'B-level grid worker without the skill → the worker’s own B角',
    { location: IN_G2, matterCode: 'hukou' },
    {},
    {},
    { assignee: 'w4', gridCode: 'G2', reasonCode: 'workerUnqualified', manual: false, steps: ['locate', 'gridWorker', 'backup'] },
  ],
  ['B-level grid worker with the skill', { location: IN_G2, matterCode: 'dibao' }, {}, {}, { assignee: 'w3', gridCode: 'G2', reasonCode: 'gridWorker', manual: false, steps: ['locate', 'gridWorker'] }],
  ['a report by category needs no skill', { location: IN_G2, category: 'environment' }, {}, {}, { assignee: 'w3', gridCode: 'G2', reasonCode: 'gridWorker', manual: false, steps: ['locate', 'gridWorker'] }],
  [
    'no B角 configured → pool',
    { location: IN_G2, matterCode: 'hukou' },
    {},
    { w3: { backup: undefined } },
    { assignee: 'p1', gridCode: 'G2', reasonCode: 'pool', manual: false, steps: ['locate', 'gridWorker', 'backup', 'pool'] },
  ],
  ['unregistered grid worker → B角', { location: IN_G5 }, {}, {}, { assignee: 'w2', gridCode: 'G5', reasonCode: 'workerUnknown', manual: false, steps: ['locate', 'gridWorker', 'backup'] }],
  [
    'nobody available → community admin, grid kept',
    { location: IN_G1, matterCode: 'hukou' },
    {},
    { w1: { onLeave: true }, w2: { onLeave: true }, w4: { onDuty: false }, w5: { onLeave: true }, p1: { level: 'B' } },
    { assignee: 'admin-c1', gridCode: 'G1', reasonCode: 'nobody', manual: true, steps: ['locate', 'gridWorker', 'backup', 'pool', 'admin'] },
  ],
  ['location in no grid → the chosen community’s admin', { location: NOWHERE, community: 'c1' }, {}, {}, { assignee: 'admin-c1', reasonCode: 'noGrid', manual: true, steps: ['locate', 'admin'] }],
  ['location in no grid, community unknown → 街道 admin', { location: NOWHERE }, {}, {}, { assignee: 'admin-jd', reasonCode: 'noGrid', manual: true, steps: ['locate', 'admin'] }],
  ['location in no grid, community without admin → 街道 admin', { location: NOWHERE, community: 'c2' }, {}, {}, { assignee: 'admin-jd', reasonCode: 'noGrid', manual: true, steps: ['locate', 'admin'] }],
  ['no GPS: the building’s grid', { buildingCode: 'B1' }, {}, {}, { assignee: 'w3', gridCode: 'G2', reasonCode: 'gridWorker', manual: false, steps: ['building', 'gridWorker'] }],
  ['GPS in no grid but a known building: the building’s grid', { location: NOWHERE, buildingCode: 'B1' }, {}, {}, { assignee: 'w3', gridCode: 'G2', reasonCode: 'gridWorker', manual: false, steps: ['locate', 'building', 'gridWorker'] }],
  ['GPS wins over the building', { location: IN_G1, buildingCode: 'B1' }, {}, {}, { assignee: 'w1', gridCode: 'G1', reasonCode: 'gridWorker', manual: false, steps: ['locate', 'gridWorker'] }],
  ['unknown building → admin', { buildingCode: 'B404', community: 'c1' }, {}, {}, { assignee: 'admin-c1', reasonCode: 'unknownBuilding', manual: true, steps: ['building', 'admin'] }],
  ['building of a missing grid → admin', { buildingCode: 'B9', community: 'c1' }, {}, {}, { assignee: 'admin-c1', reasonCode: 'unknownBuilding', manual: true, steps: ['building', 'admin'] }],
  ['neither location nor building → admin', { community: 'c1' }, {}, {}, { assignee: 'admin-c1', reasonCode: 'noPlace', manual: true, steps: ['admin'] }],
];

describe('routeRequest', () => {
  it.each(CASES)('%s', (_, input, over, patch, expected) => {
    const r = routeRequest(input, ctx(over, patch));
    expect({ assignee: r.assignee, gridCode: r.gridCode, reasonCode: r.reasonCode, manual: r.manual, steps: r.steps.map((s) => s.step) }).toEqual({ ...expected, gridCode: expected.gridCode });
    // The words are the vocabulary's for the code, never spelled in the decision itself.
    expect(r.reason).toBe(ROUTE_REASONS[r.reasonCode]);
    // Exactly the last step chose, and every step explains itself in Chinese.
    expect(r.steps.map((s) => !!s.chosen)).toEqual(r.steps.map((_, i) => i === r.steps.length - 1));
    for (const s of r.steps) expect(s.reason).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('records the grid’s community', () => {
    expect(routeRequest({ location: IN_G1 }, ctx()).community).toBe('c1');
  });

  it('names the skipped worker and why', () => {
    const r = routeRequest({ location: IN_G1 }, ctx({}, { w1: { onLeave: true } }));
    expect(r.steps[1]).toEqual({ step: 'gridWorker', reason: '网格员 工作人员w1（w1） 请假，跳过', openid: 'w1' });
    expect(r.steps[2]).toMatchObject({ step: 'backup', openid: 'w2', chosen: true, reason: '网格员请假，转B角：工作人员w2（w2）' });
  });

  it('names the B worker’s missing skill', () => {
    const r = routeRequest({ location: IN_G2, matterCode: 'hukou' }, ctx());
    expect(r.steps[1].reason).toContain('为B岗，未配置事项 hukou');
  });

  it('counts open requests in the pool reason', () => {
    const r = routeRequest({ location: IN_G1, matterCode: 'hukou' }, ctx({ openCounts: { w4: 0, w5: 2, p1: 2 } }, { w1: { onLeave: true }, w2: { onLeave: true } }));
    expect(r.assignee).toBe('w4');
    expect(r.steps.at(-1)!.reason).toContain('待办0件');
  });

  it('does not depend on the order of workers', () => {
    const input = { location: IN_G1, matterCode: 'hukou' };
    const patch = { w1: { onLeave: true }, w2: { onLeave: true } };
    const a = routeRequest(input, ctx({}, patch));
    const base = ctx({}, patch);
    const b = routeRequest(input, { ...base, workers: [...base.workers].reverse() });
    expect(b).toEqual(a);
  });

  it('leaves the pool to the grid’s own community', () => {
    // Only w6 (community c2) would be free: c1's request must not go there.
    const busy = Object.fromEntries(['w1', 'w2', 'w3', 'w4', 'w5', 'p1', 'p2'].map((id) => [id, { onLeave: true }]));
    const r = routeRequest({ location: IN_G1 }, ctx({}, busy));
    expect(r.assignee).toBe('admin-c1');
  });
});

describe('routing steps, word for word', () => {
  it.each([
    ['the chosen community’s admin', { location: NOWHERE, community: 'c1' }, 'admin-c1', '不在任何网格内，转社区人工派单，由社区管理员（admin-c1）人工派单'],
    ['the 街道 admin, community unknown', { location: NOWHERE }, 'admin-jd', '不在任何网格内，转社区人工派单，由街道管理员（admin-jd）：社区未知人工派单'],
    ['the 街道 admin, community without an admin', { location: NOWHERE, community: 'c2' }, 'admin-jd', '不在任何网格内，转社区人工派单，由街道管理员（admin-jd）：该社区未配置管理员人工派单'],
  ])('manual dispatch to %s', (_, input, openid, reason) => {
    expect(routeRequest(input, ctx()).steps.at(-1)).toStrictEqual({ step: 'admin', reason, openid, chosen: true });
  });

  it('names a grid worker who is not registered, then the grid’s B角', () => {
    const r = routeRequest({ location: IN_G5 }, ctx());
    expect(r.steps.slice(1)).toStrictEqual([
      { step: 'gridWorker', reason: '网格员 ghost 未登记，跳过', openid: 'ghost' },
      { step: 'backup', reason: '网格员未登记，转B角：工作人员w2（w2）', openid: 'w2', chosen: true },
    ]);
  });

  it('says when no B角 is set (neither the grid nor its worker has one)', () => {
    const r = routeRequest({ location: { lat: 30.002, lng: 120.002 } }, ctx({}, { w5: { onLeave: true } }));
    expect(r.steps[2]).toStrictEqual({ step: 'backup', reason: '未设置B角，跳过' });
  });

  it('does not take a worker who names themself as their own B角 for one', () => {
    const r = routeRequest({ location: IN_G2 }, ctx({}, { w3: { onLeave: true, backup: 'w3' } }));
    expect(r.steps[2]).toStrictEqual({ step: 'backup', reason: '未设置B角，跳过' });
  });

  it('goes on to the pool when an unregistered worker’s grid has no B角 either', () => {
    const G6: Grid = { code: 'G6', name: '六网格', community: 'c1', worker: 'nobody', geometry: poly(square(123, 30, 0.01)) };
    const r = routeRequest({ location: { lat: 30.005, lng: 123.005 } }, ctx({ gridIndex: buildGridIndex([...GRIDS, G6]) }));
    expect(r.steps.map((s) => [s.step, s.reason])).toStrictEqual([
      ['locate', '定位在网格 六网格（G6）内'],
      ['gridWorker', '网格员 nobody 未登记，跳过'],
      ['backup', '未设置B角，跳过'],
      ['pool', '转本社区在岗且具备资质、待办最少的工作人员：工作人员p2（p2），待办0件'],
    ]);
  });
});
