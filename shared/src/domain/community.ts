import type { StationKind } from './fields';
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

// Field schemas (codes, OPENIDs, instants, points) live in ./fields.ts, which communityData.ts
// also builds on: re-exported here so callers keep one import.
export { Code, Instant, LatLngSchema, Openid, RecordedIdentity, STATION_KINDS, WEEKDAYS, WORKER_LEVELS } from './fields';
export type { LatLng, StationKind, Weekday, WorkerLevel } from './fields';

/** 综合窗口 (the community service hall) or 小区受理点 (a reception point inside a compound). */
export const STATION_KIND_LABELS: Record<StationKind, string> = { window: '综合窗口', point: '小区受理点' };
// Category → owning department (权属): zod-free, so the client can import it (./owners.ts).
export { departmentsFor, ownersFirst } from './owners';

// ---- Workers ----

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

