import * as z from 'zod/mini';
import type { Department, Grid, GridFeatureCollection, Period, Worker, WorkingPlan } from './communityData';

/**
 * The community model: 街道 → 社区 → 网格 → 楼栋, plus stations, departments and workers.
 * Everything here is data; each deployment (one 街道) is a `CommunityData` document. The schemas
 * of those documents live in communityData.ts (seeds, imports and admin edits parse with them),
 * apart from the rules here, so a cloud function that only reads the model does not build them.
 */
export type {
  Building,
  Community,
  CommunityData,
  Department,
  Grid,
  GridFeatureCollection,
  GridGeometry,
  LeaveRange,
  Period,
  ReportCategory,
  Station,
  Subdistrict,
  Worker,
  WorkerInput,
  WorkingPlan,
} from './communityData';

/** Codes of communities, grids, buildings, stations and departments (also used in GeoJSON imports). */
export const Code = z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/, '编码只能包含字母、数字、下划线和连字符，1–40位'));
/** A WeChat OPENID (or a demo identity such as `demo-worker-1`). */
/**
 * An OPENID as an input names one (an admin appointing a worker, a transfer, a roster): WeChat's
 * are 28 characters of letters, digits, `_` and `-`; the same form as the dev `x-openid` header.
 * Blanks, paths (`../../etc/passwd`) and operators (`$where`) are refused with the field named.
 */
export const Openid = z.string().check(
  z.minLength(1, '缺少OPENID'),
  z.maxLength(64, 'OPENID过长'),
  z.regex(/^[A-Za-z0-9_-]+$/, 'OPENID 格式不正确：只能包含字母、数字、下划线和连字符'),
);
/** Who a stored record names: an OPENID or a placeholder the server writes (`erased:…`, `walkin:…`, `partner:…`, `system:…`). */
export const RecordedIdentity = z.string().check(z.minLength(1), z.maxLength(100));
/** An instant with an explicit offset; stored and compared as UTC ISO strings. */
export const Instant = z.iso.datetime({ offset: true, error: '时间格式应为ISO 8601（含时区）' });

/**
 * A point as the device reports it. Grid polygons must use the same datum: wx.getLocation with
 * type 'gcj02' (what Tencent maps draw) differs from WGS-84 GPS by several hundred metres.
 */
export const LatLngSchema = z.object({
  lat: z.number().check(z.gte(-90, '纬度超出范围'), z.lte(90, '纬度超出范围')),
  lng: z.number().check(z.gte(-180, '经度超出范围'), z.lte(180, '经度超出范围')),
});
export type LatLng = z.infer<typeof LatLngSchema>;

/** 综合窗口 (the community service hall) or 小区受理点 (a reception point inside a compound). */
export const STATION_KINDS = ['window', 'point'] as const;
export const STATION_KIND_LABELS: Record<(typeof STATION_KINDS)[number], string> = { window: '综合窗口', point: '小区受理点' };
// Category → owning department (权属): zod-free, so the client can import it (./owners.ts).
export { departmentsFor, ownersFirst } from './owners';

// ---- Workers ----

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const STANDARD_DAY: Period[] = [
  { start: '09:00', end: '12:00' },
  { start: '14:00', end: '17:30' },
];
/** Standard community hours: working days 09:00–12:00 and 14:00–17:30 (Asia/Shanghai). */
export const DEFAULT_WORKING_PLAN: WorkingPlan = {
  sun: [],
  mon: STANDARD_DAY,
  tue: STANDARD_DAY,
  wed: STANDARD_DAY,
  thu: STANDARD_DAY,
  fri: STANDARD_DAY,
  sat: [],
  makeupWeekday: 'mon',
};

/** A: 全岗 (handles every matter); B: handles only the matters listed in `skills`. */
export const WORKER_LEVELS = ['A', 'B'] as const;
export type WorkerLevel = (typeof WORKER_LEVELS)[number];

/** True when the worker is on leave at `now` (the open-ended flag or a range containing now). */
export function isOnLeave(worker: Pick<Worker, 'onLeave' | 'leave'>, now: string): boolean {
  if (worker.onLeave) return true;
  const t = Date.parse(now);
  return (worker.leave ?? []).some((r) => Date.parse(r.start) <= t && t < Date.parse(r.end));
}

/**
 * True when the worker may handle the matter: level A always; level B only for a matter in its
 * skills. A request without a matter (a report or consultation by category) needs no skill.
 */
export function canHandle(worker: Pick<Worker, 'level' | 'skills'>, matterCode?: string): boolean {
  if (worker.level === 'A' || matterCode === undefined) return true;
  return worker.skills.includes(matterCode);
}

/** The plan a worker follows (their own, or standard community hours). */
export function planOf(worker: Pick<Worker, 'workingPlan'>): WorkingPlan {
  return worker.workingPlan ?? DEFAULT_WORKING_PLAN;
}

/** Parsed FeatureCollection → grids (duplicate codes are rejected by CommunityDataSchema, not here). */
export function gridsFromFeatures(fc: GridFeatureCollection): Grid[] {
  return fc.features.map((f) => ({ ...f.properties, geometry: f.geometry }));
}

