import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import * as z from 'zod/mini';
import { CategoryCode, MatterCode } from '../catalog/codeSchemas';
import { ROUTE_REASONS, type RouteReasonCode } from '../vocabulary/routing';
import { canHandle, Code, isOnLeave, LatLngSchema, type Building, type Grid, type GridGeometry, type LatLng, type Worker } from './community';

/**
 * Routing: where is it → which grid → who handles it. Every decision is recorded as a step with
 * its reason in Chinese, so the resident, the worker and the admin all see why.
 */

interface GridEntry {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  grid: Grid;
  area: number;
}

/**
 * The grids with their bounding boxes: a box test, then an exact point-in-polygon test. A flat scan,
 * not an R-tree: a district has a few hundred grids (microseconds a lookup), and rbush cost every
 * function bundle ~6 KB.
 */
export interface GridIndex {
  entries: readonly GridEntry[];
  byCode: ReadonlyMap<string, Grid>;
}

function polygonsOf(g: GridGeometry): number[][][][] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

/** Shoelace area in square degrees; only used to rank overlapping grids, where it orders like m². */
function ringArea(ring: number[][]): number {
  let sum = 0;
  for (let i = 1; i < ring.length; i++) sum += ring[i - 1][0] * ring[i][1] - ring[i][0] * ring[i - 1][1];
  return Math.abs(sum) / 2;
}

function geometryArea(g: GridGeometry): number {
  return polygonsOf(g).reduce((s, [outer, ...holes]) => s + ringArea(outer) - holes.reduce((h, r) => h + ringArea(r), 0), 0);
}

/** Builds the index once per grid set (per warm function instance); grids are not copied. */
export function buildGridIndex(grids: readonly Grid[]): GridIndex {
  const entries = grids.map((grid) => {
    const xs: number[] = [];
    const ys: number[] = [];
    for (const [outer] of polygonsOf(grid.geometry))
      for (const [x, y] of outer) {
        xs.push(x);
        ys.push(y);
      }
    return { minX: Math.min(...xs), minY: Math.min(...ys), maxX: Math.max(...xs), maxY: Math.max(...ys), grid, area: geometryArea(grid.geometry) };
  });
  return { entries, byCode: new Map(grids.map((g) => [g.code, g])) };
}

/**
 * The grid containing the point (boundary counts as inside, holes do not). Where grids overlap the
 * smallest one wins (the more specific grid), then the lower code, so the answer never depends on
 * import order.
 */
export function locateGrid(index: GridIndex, point: LatLng): Grid | undefined {
  const { lat, lng } = point;
  const hits = index.entries
    .filter((e) => e.minX <= lng && lng <= e.maxX && e.minY <= lat && lat <= e.maxY)
    .filter((e) => booleanPointInPolygon([lng, lat], e.grid.geometry))
    .sort((a, b) => a.area - b.area || (a.grid.code < b.grid.code ? -1 : a.grid.code > b.grid.code ? 1 : 0));
  return hits[0]?.grid;
}

/** What routing needs from a new request (a subset of `requests.create`). */
export const RouteInputSchema = z.object({
  location: z.optional(LatLngSchema),
  buildingCode: z.optional(Code),
  matterCode: z.optional(MatterCode),
  category: z.optional(CategoryCode),
  /** The community the resident chose, used for manual dispatch when no grid is found. */
  community: z.optional(Code),
});
export type RouteInput = z.infer<typeof RouteInputSchema>;

export interface RouteContext {
  gridIndex: GridIndex;
  buildings: readonly Building[];
  workers: readonly Worker[];
  /** Open (assigned/accepted/escalated) requests per worker openid; missing = 0. */
  openCounts: Readonly<Record<string, number>>;
  /** Community code → the admin who does manual dispatch there. */
  communityAdmins: Readonly<Record<string, string>>;
  /** The 街道 admin, for when the community is unknown or has no admin. */
  fallbackAdmin: string;
  /** ISO instant; decides whether dated leave applies. */
  now: string;
}

export const ROUTE_STEPS = ['locate', 'building', 'gridWorker', 'backup', 'pool', 'admin'] as const;
export type RouteStepName = (typeof ROUTE_STEPS)[number];
export interface RouteStep {
  step: RouteStepName;
  reason: string;
  /** The worker or admin considered at this step, if any. */
  openid?: string;
  /** True when this step chose the assignee. */
  chosen?: boolean;
}

export interface RouteResult {
  gridCode?: string;
  community?: string;
  assignee: string;
  /** True when the assignee is an admin doing manual dispatch rather than a worker. */
  manual: boolean;
  /** The deciding reason's stable code (stored as `route.reasonCode`); `reason` is its text. */
  reasonCode: RouteReasonCode;
  /** The deciding reason, ROUTE_REASONS[reasonCode]; names and details are in `steps`. */
  reason: string;
  steps: RouteStep[];
}

export { ROUTE_REASONS, type RouteReasonCode } from '../vocabulary/routing';

function label(w: Worker | undefined, openid: string): string {
  return w ? `${w.name}（${openid}）` : openid;
}

/** Routes a new request to one assignee; pure, so the same inputs always give the same answer. */
export function routeRequest(input: RouteInput, ctx: RouteContext): RouteResult {
  const steps: RouteStep[] = [];
  const byOpenid = new Map(ctx.workers.map((w) => [w.openid, w]));

  const toAdmin = (community: string | undefined, reasonCode: RouteReasonCode): RouteResult => {
    const reason = ROUTE_REASONS[reasonCode];
    const admin = community ? ctx.communityAdmins[community] : undefined;
    const assignee = admin ?? ctx.fallbackAdmin;
    const who = admin ? `社区管理员（${admin}）` : `街道管理员（${assignee}）${community ? '：该社区未配置管理员' : '：社区未知'}`;
    steps.push({ step: 'admin', reason: `${reason}，由${who}人工派单`, openid: assignee, chosen: true });
    return { gridCode: undefined, community, assignee, manual: true, reasonCode, reason, steps };
  };

  // 1. Where: GPS first; a chosen building when there is no GPS or the GPS hits no grid.
  let grid: Grid | undefined;
  if (input.location) {
    grid = locateGrid(ctx.gridIndex, input.location);
    steps.push({ step: 'locate', reason: grid ? `定位在网格 ${grid.name}（${grid.code}）内` : '定位不在任何网格内' });
  }
  if (!grid && input.buildingCode) {
    const building = ctx.buildings.find((b) => b.code === input.buildingCode);
    const byCode = building && ctx.gridIndex.byCode.get(building.grid);
    grid = byCode;
    steps.push({
      step: 'building',
      reason: byCode ? `按楼栋 ${building!.name} 归属网格 ${byCode.name}（${byCode.code}）` : `楼栋 ${input.buildingCode} 未登记或其网格不存在`,
    });
  }
  if (!grid) {
    const why: RouteReasonCode = input.location ? 'noGrid' : input.buildingCode ? 'unknownBuilding' : 'noPlace';
    return toAdmin(input.community, why);
  }

  const result = (openid: string, reasonCode: RouteReasonCode): RouteResult => ({
    gridCode: grid!.code,
    community: grid!.community,
    assignee: openid,
    manual: false,
    reasonCode,
    reason: ROUTE_REASONS[reasonCode],
    steps,
  });
  /** Why a worker cannot take it, or undefined when they can. */
  const obstacle = (w: Worker | undefined): 'unknown' | 'onLeave' | 'unqualified' | undefined => {
    if (!w) return 'unknown';
    if (isOnLeave(w, ctx.now)) return 'onLeave';
    if (!canHandle(w, input.matterCode)) return 'unqualified';
    return undefined;
  };
  const obstacleText = (o: 'unknown' | 'onLeave' | 'unqualified') =>
    o === 'unknown' ? '未登记' : o === 'onLeave' ? '请假' : `为B岗，未配置事项 ${input.matterCode}`;

  // 2. The grid's own worker.
  const worker = byOpenid.get(grid.worker);
  const workerObstacle = obstacle(worker);
  if (!workerObstacle) {
    steps.push({ step: 'gridWorker', reason: `${ROUTE_REASONS.gridWorker}：${label(worker, grid.worker)}`, openid: grid.worker, chosen: true });
    return result(grid.worker, 'gridWorker');
  }
  steps.push({ step: 'gridWorker', reason: `网格员 ${label(worker, grid.worker)} ${obstacleText(workerObstacle)}，跳过`, openid: grid.worker });

  // 3. The B角: the grid's, else the worker's own.
  const backupId = grid.backup ?? worker?.backup;
  const backupCode = ({ unknown: 'workerUnknown', onLeave: 'workerOnLeave', unqualified: 'workerUnqualified' } as const)[workerObstacle];
  const backupReason = ROUTE_REASONS[backupCode];
  if (!backupId || backupId === grid.worker) {
    steps.push({ step: 'backup', reason: '未设置B角，跳过' });
  } else {
    const backup = byOpenid.get(backupId);
    const backupObstacle = obstacle(backup);
    if (!backupObstacle) {
      steps.push({ step: 'backup', reason: `${backupReason}：${label(backup, backupId)}`, openid: backupId, chosen: true });
      return result(backupId, backupCode);
    }
    steps.push({ step: 'backup', reason: `B角 ${label(backup, backupId)} ${obstacleText(backupObstacle)}，跳过`, openid: backupId });
  }

  // 4. The community pool: on duty, not on leave, qualified; fewest open requests, then openid.
  const pool = ctx.workers
    .filter((w) => w.community === grid!.community && w.onDuty && !obstacle(w))
    .map((w) => ({ w, open: ctx.openCounts[w.openid] ?? 0 }))
    .sort((a, b) => a.open - b.open || (a.w.openid < b.w.openid ? -1 : a.w.openid > b.w.openid ? 1 : 0));
  if (pool.length > 0) {
    const { w, open } = pool[0];
    steps.push({ step: 'pool', reason: `${ROUTE_REASONS.pool}：${label(w, w.openid)}，待办${open}件`, openid: w.openid, chosen: true });
    return result(w.openid, 'pool');
  }
  steps.push({ step: 'pool', reason: '本社区无在岗且具备资质的工作人员' });

  // 5. Nobody: the community admin dispatches by hand, but the grid is still recorded.
  const viaAdmin = toAdmin(grid.community, 'nobody');
  return { ...viaAdmin, gridCode: grid.code };
}
