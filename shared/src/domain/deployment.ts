import * as z from 'zod/mini';
import { Code, Openid } from './community';
import {
  BuildingSchema,
  CommunityDataSchema,
  CommunitySchema,
  DepartmentSchema,
  GridGeometrySchema,
  GridSchema,
  PolygonSchema,
  ReportCategorySchema,
  StationSchema,
  SubdistrictSchema,
  WorkerSchema,
  type CommunityData,
  type Grid,
} from './communityData';
import { DATUMS, type Datum } from './datum';
import { LocalRuleSchema, type LocalRule } from '../catalog/localRule';
import { KEY_HOUSEHOLD_TAGS } from './visits';
import { MAX_BOUNDARY_AREA_M2, MAX_GRID_AREA_M2, overlaps, polygonProblem, toStoredGeometry, toStoredLatLng, within } from './geometry';

/**
 * A deployment file (`deployments/<code>.json`): one 街道 as data — its admins, communities (with
 * their grids as GeoJSON features, buildings, stations, workers and key households), departments
 * and report categories. Built from the community model's own schemas; a file is checked whole
 * (references, geometry) and every problem comes back as `file: path: reason` in Chinese, the
 * path as people read it (`communities[2].grids[5].properties.worker`).
 */

const Phone = z.string().check(z.regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, '电话号码格式不正确'));

const GridFeatureSchema = z.object({
  type: z.literal('Feature'),
  geometry: GridGeometrySchema,
  properties: z.omit(GridSchema, { geometry: true, community: true }),
});

const HouseholdSchema = z.object({
  code: Code,
  name: z.string().check(z.minLength(1), z.maxLength(20)),
  /** Whole number in the file; stored masked like every household phone. */
  phone: z.optional(Phone),
  address: z.optional(z.string().check(z.maxLength(80))),
  buildingCode: z.optional(Code),
  tags: z.array(z.enum(KEY_HOUSEHOLD_TAGS)).check(z.minLength(1, '至少一个标签'), z.maxLength(10)),
  worker: Openid,
  frequencyDays: z.number().check(z.int(), z.gte(1), z.lte(92)),
});
export type DeploymentHousehold = z.infer<typeof HouseholdSchema>;

/** A sample past visit, dated back from the seeding day (the demo's worker home opens on a mixed picture). */
const SampleVisitSchema = z.object({
  worker: Openid,
  daysAgo: z.number().check(z.int(), z.gte(0), z.lte(366)),
  household: z.string().check(z.minLength(1), z.maxLength(50)),
  buildingCode: z.optional(Code),
  found: z.string().check(z.minLength(1), z.maxLength(500)),
});
export type DeploymentSampleVisit = z.infer<typeof SampleVisitSchema>;

const DeploymentCommunitySchema = z.object({
  ...z.omit(CommunitySchema, { subdistrict: true }).shape,
  grids: z._default(z.array(GridFeatureSchema), []),
  buildings: z._default(z.array(BuildingSchema), []),
  stations: z._default(z.array(z.omit(StationSchema, { community: true })), []),
  workers: z._default(z.array(z.omit(WorkerSchema, { community: true })), []),
  households: z._default(z.array(HouseholdSchema), []),
});

/** A person named in the file (admins, department staff, demo residents): their name as shown. */
const PersonSchema = z.object({ openid: Openid, name: z.string().check(z.minLength(1), z.maxLength(20)), phone: z.optional(Phone) });

export const DeploymentFileSchema = z.object({
  /** Raised on every edit: re-seeding applies a file only when it is newer than the one applied. */
  version: z._default(z.number().check(z.int(), z.gte(1)), 1),
  /** The datum of every coordinate in the file; stored as GCJ-02. */
  datum: z._default(z.enum(DATUMS), 'gcj02'),
  subdistrict: SubdistrictSchema,
  /** 区 admins: see every 街道 of the environment (one environment often serves a whole 区). */
  district: z.optional(z.object({ code: Code, name: z.string().check(z.minLength(2), z.maxLength(30)), admins: z._default(z.array(Openid), []) })),
  people: z._default(z.array(PersonSchema), []),
  reportCategories: z._default(z.array(ReportCategorySchema), []),
  departments: z._default(z.array(z.omit(DepartmentSchema, { subdistrict: true })), []),
  communities: z.array(DeploymentCommunitySchema).check(z.minLength(1, '至少需要一个社区')),
  sampleVisits: z._default(z.array(SampleVisitSchema), []),
  /**
   * 本地规定: where this 街道's province, city, county or the 街道 itself asks other materials, promises
   * its own time limit or names its own window or app, each with its source and review dates
   * (catalog/local.ts); the guide applies them to the shared catalog for this 街道.
   */
  localRules: z._default(z.array(LocalRuleSchema).check(z.maxLength(500)), []),
});
export type DeploymentFile = z.infer<typeof DeploymentFileSchema>;

export type Role = 'resident' | 'worker' | 'admin';
/** A user document as the deployment grants it (merged with what the store already holds when applied). */
export interface DeploymentUser {
  openid: string;
  role: Role;
  name?: string;
  phone?: string;
  communities: string[];
  department?: string;
}

/** Everything the store needs from one file, in the stored datum. */
export interface Deployment {
  version: number;
  data: CommunityData;
  district?: DeploymentFile['district'];
  users: DeploymentUser[];
  households: (DeploymentHousehold & { community: string })[];
  sampleVisits: DeploymentSampleVisit[];
  localRules: LocalRule[];
}

export class DeploymentError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`部署文件有误（${file}）：\n${problems.slice(0, 20).join('\n')}${problems.length > 20 ? `\n……另有${problems.length - 20}处` : ''}`);
    this.name = 'DeploymentError';
  }
}

type Path = readonly PropertyKey[];
/** `communities[2].grids[5].properties.worker` */
export function formatPath(path: Path): string {
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i ? '.' : ''}${String(k)}`)).join('');
}

/** Parses and checks a deployment file; throws DeploymentError naming the file, each path and reason. */
export function parseDeployment(json: unknown, file: string): Deployment {
  const parsed = DeploymentFileSchema.safeParse(json);
  if (!parsed.success) throw new DeploymentError(file, parsed.error.issues.map((i) => `${file}: ${formatPath(i.path)}: ${i.message}`));
  const dep = parsed.data;
  const problems: string[] = [];
  const at = (path: Path, message: string) => problems.push(`${file}: ${formatPath(path)}: ${message}`);

  // Flatten into the community model, remembering where each flat item came from in the file.
  const where: Record<string, Path[]> = { communities: [], grids: [], buildings: [], stations: [], workers: [], departments: [], reportCategories: [] };
  const flat = { grids: [] as unknown[], buildings: [] as unknown[], stations: [] as unknown[], workers: [] as unknown[] };
  const datum: Datum = dep.datum;
  dep.communities.forEach((c, ci) => {
    where.communities.push(['communities', ci]);
    c.grids.forEach((g, gi) => {
      where.grids.push(['communities', ci, 'grids', gi, 'properties']);
      flat.grids.push({ ...g.properties, community: c.code, geometry: toStoredGeometry(g.geometry, datum) });
    });
    c.buildings.forEach((b, bi) => {
      where.buildings.push(['communities', ci, 'buildings', bi]);
      flat.buildings.push({ ...b, ...(b.point && { point: toStoredLatLng(b.point, datum) }) });
    });
    c.stations.forEach((s, si) => {
      where.stations.push(['communities', ci, 'stations', si]);
      flat.stations.push({ ...s, community: c.code, ...(s.point && { point: toStoredLatLng(s.point, datum) }) });
    });
    c.workers.forEach((w, wi) => {
      where.workers.push(['communities', ci, 'workers', wi]);
      flat.workers.push({ ...w, community: c.code });
    });
  });
  dep.departments.forEach((_, i) => where.departments.push(['departments', i]));
  dep.reportCategories.forEach((_, i) => where.reportCategories.push(['reportCategories', i]));
  const communityData = CommunityDataSchema.safeParse({
    subdistrict: dep.subdistrict,
    communities: dep.communities.map(({ grids: _g, buildings: _b, stations: _s, workers: _w, households: _h, boundary, ...c }) => ({
      ...c,
      subdistrict: dep.subdistrict.code,
      ...(boundary && { boundary: toStoredGeometry(boundary, datum) }),
    })),
    ...flat,
    departments: dep.departments.map((d) => ({ ...d, subdistrict: dep.subdistrict.code })),
    reportCategories: dep.reportCategories,
  });
  if (!communityData.success) {
    for (const issue of communityData.error.issues) {
      const [key, index, ...rest] = issue.path;
      const base = typeof key === 'string' && typeof index === 'number' ? where[key]?.[index] : undefined;
      // Grid properties sit under `properties` in the file, the geometry beside them.
      const tail = base && key === 'grids' && rest[0] === 'geometry' ? [...base.slice(0, -1), ...rest] : base ? [...base, ...rest] : issue.path;
      at(tail, issue.message);
    }
    throw new DeploymentError(file, problems);
  }
  const data = communityData.data;

  // Geometry: usable polygons, inside their community's boundary, no overlaps unless nested.
  const boundaries = new Map(data.communities.filter((c) => c.boundary).map((c) => [c.code, c.boundary!]));
  data.communities.forEach((c, i) => {
    const problem = c.boundary && polygonProblem(c.boundary, MAX_BOUNDARY_AREA_M2);
    if (problem) at([...where.communities[i], 'boundary'], problem);
  });
  for (const p of gridGeometryProblems(data.grids, [], boundaries)) at([...where.grids[p.index].slice(0, -1), 'geometry'], p.message);

  // Key households: their worker serves the community, their building is one of its grids'.
  const gridCommunity = new Map(data.grids.map((g) => [g.code, g.community]));
  const buildingGrid = new Map(data.buildings.map((b) => [b.code, b.grid]));
  const workerCommunity = new Map(data.workers.map((w) => [w.openid, w.community]));
  const households: Deployment['households'] = [];
  dep.communities.forEach((c, ci) => {
    c.buildings.forEach((b, bi) => {
      if (gridCommunity.get(b.grid) !== c.code) at(['communities', ci, 'buildings', bi, 'grid'], `本社区没有网格：${b.grid}`);
    });
    c.households.forEach((h, hi) => {
      if (workerCommunity.get(h.worker) !== c.code) at(['communities', ci, 'households', hi, 'worker'], `网格员不属于本社区：${h.worker}`);
      if (h.buildingCode && gridCommunity.get(buildingGrid.get(h.buildingCode) ?? '') !== c.code)
        at(['communities', ci, 'households', hi, 'buildingCode'], `本社区没有楼栋：${h.buildingCode}`);
      households.push({ ...h, community: c.code });
    });
  });
  dep.sampleVisits.forEach((v, i) => {
    if (!workerCommunity.has(v.worker)) at(['sampleVisits', i, 'worker'], `网格员未登记：${v.worker}`);
  });
  const categories = new Set(dep.reportCategories.map((c) => c.code));
  dep.departments.forEach((d, i) =>
    d.categories.forEach((code, j) => {
      if (!categories.has(code)) at(['departments', i, 'categories', j], `未知问题分类：${code}`);
    }),
  );
  if (problems.length) throw new DeploymentError(file, problems);
  return { version: dep.version, data, district: dep.district, users: usersOf(dep, data), households, sampleVisits: dep.sampleVisits, localRules: dep.localRules };
}

/**
 * The roles a deployment grants: 街道 and 区 admins and community admins are admins (a 街道 admin
 * of every community of the 街道), grid workers and department staff are workers, anyone else
 * named is a resident.
 */
function usersOf(dep: DeploymentFile, data: CommunityData): DeploymentUser[] {
  const users = new Map<string, DeploymentUser>();
  const user = (openid: string) => {
    let u = users.get(openid);
    if (!u) users.set(openid, (u = { openid, role: 'resident', communities: [] }));
    return u;
  };
  const grant = (openid: string, role: Role, communities: string[]) => {
    const u = user(openid);
    if (role === 'admin' || (role === 'worker' && u.role === 'resident')) u.role = role;
    u.communities = [...new Set([...u.communities, ...communities])];
  };
  const all = data.communities.map((c) => c.code);
  for (const w of data.workers) {
    grant(w.openid, 'worker', [w.community]);
    user(w.openid).name = w.name;
    if (w.phone) user(w.openid).phone = w.phone;
  }
  for (const d of data.departments)
    for (const s of d.staff) {
      grant(s, 'worker', []);
      user(s).department ??= d.code;
    }
  for (const c of data.communities) for (const a of c.admins) grant(a, 'admin', [c.code]);
  for (const a of [...data.subdistrict.admins, ...(dep.district?.admins ?? [])]) grant(a, 'admin', all);
  for (const p of dep.people) {
    const u = user(p.openid);
    u.name = p.name;
    if (p.phone) u.phone = p.phone;
  }
  return [...users.values()];
}

export interface GeometryProblem {
  /** Index into the grids being checked. */
  index: number;
  message: string;
  /** Set when the grid overlaps another community's grid (a 409 on import). */
  conflict?: boolean;
}

/**
 * Checks grids about to be written against each other and the grids already stored (`others`,
 * those not being replaced): usable polygons, inside their community's boundary when it has one,
 * no overlap with another community's grid, and within one community only a deliberate nesting.
 */
export function gridGeometryProblems(grids: readonly Grid[], others: readonly Grid[], boundaries: ReadonlyMap<string, Grid['geometry']>): GeometryProblem[] {
  const problems: GeometryProblem[] = [];
  const nested = (a: Grid, b: Grid) => a.community === b.community && (a.nestedIn === b.code || b.nestedIn === a.code);
  const usable = grids.map((g, index) => {
    const problem = polygonProblem(g.geometry, MAX_GRID_AREA_M2);
    if (problem) problems.push({ index, message: problem });
    return !problem;
  });
  grids.forEach((g, index) => {
    if (!usable[index]) return;
    const boundary = boundaries.get(g.community);
    if (boundary && !within(g.geometry, boundary)) problems.push({ index, message: `网格 ${g.code} 超出了社区 ${g.community} 的边界` });
    const candidates = [...grids.slice(0, index).filter((_, j) => usable[j]), ...others];
    for (const other of candidates) {
      if (other.code === g.code || nested(g, other) || !overlaps(g.geometry, other.geometry)) continue;
      if (other.community !== g.community) {
        problems.push({ index, conflict: true, message: `网格 ${g.code} 与其他社区（${other.community}）的网格 ${other.code} 重叠` });
      } else {
        problems.push({ index, message: `网格 ${g.code} 与本社区的网格 ${other.code} 重叠（如确为嵌套，请在 nestedIn 中注明 ${other.code}）` });
      }
    }
  });
  return problems;
}
