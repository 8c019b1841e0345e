import * as z from 'zod/mini';
import { CategoryCode, MatterCode } from '../catalog/codeSchemas';
import { Code, Instant, LatLngSchema, Openid, STATION_KINDS, WEEKDAYS, WORKER_LEVELS } from './fields';
import { DATUMS } from './datums';
import { FeaturesSchema, HolidayAdjustmentsSchema } from './streetSettings';

/**
 * Schemas of the community model's documents (community.ts has the model's rules): a deployment's
 * data as seeded, grids imported as GeoJSON, a worker as an admin saves one.
 */

// ---- GeoJSON geometry (positions are [lng, lat], rings closed, holes after the outer ring) ----

/** [lng, lat], or [lng, lat, altitude in metres] (GeoJSON allows more numbers; nothing reads them). */
const Position = z.array(z.number().check(z.gte(-12_000), z.lte(12_000))).check(
  z.minLength(2, '坐标应为 [经度, 纬度]'),
  z.maxLength(3, '坐标最多3个数'),
  z.superRefine(([lng, lat], ctx) => {
    if (Math.abs(lng) > 180) ctx.addIssue({ code: 'custom', path: [0], message: '经度超出范围' });
    if (Math.abs(lat) > 90) ctx.addIssue({ code: 'custom', path: [1], message: '纬度超出范围' });
  }),
);
const LinearRing = z.array(Position).check(
  z.maxLength(5000, '多边形的环最多5000个点'),
  z.minLength(4, '多边形的环至少需要4个点（首尾相同）'),
  z.refine((r) => r[0][0] === r[r.length - 1][0] && r[0][1] === r[r.length - 1][1], '多边形的环必须首尾闭合'),
);
const PolygonCoords = z.array(LinearRing).check(z.minLength(1, '多边形缺少外环'), z.maxLength(50, '多边形最多50个环'));

export const PolygonSchema = z.object({ type: z.literal('Polygon'), coordinates: PolygonCoords });
export const MultiPolygonSchema = z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(PolygonCoords).check(z.minLength(1), z.maxLength(50)) });
export const GridGeometrySchema = z.discriminatedUnion('type', [PolygonSchema, MultiPolygonSchema]);
export type GridGeometry = z.infer<typeof GridGeometrySchema>;

// ---- Places ----

/** A mainland postal code (邮政编码): six digits. */
const ZIPCODE = z.string().check(z.regex(/^\d{6}$/, '邮政编码应为6位数字'));

export const SubdistrictSchema = z.object({
  code: Code,
  name: z.string().check(z.minLength(2), z.maxLength(30)),
  /** 街道 staff who receive the 150% escalation (the first one is the addressee). */
  admins: z._default(z.array(Openid).check(z.maxLength(20)), []),
  /** Postal code the public Open311 feed gives as `zipcode` (a community's own overrides it). */
  zipcode: z.optional(ZIPCODE),
  /**
   * Catalog categories and matters (codes) whose requests are a person's sensitive affairs (低保,
   * 残疾人证, 调解…): they never appear in the public Open311 feed.
   */
  privateCategories: z.optional(z.array(Code).check(z.maxLength(200))),
  /**
   * 随手拍 categories, catalog categories and matters (codes) whose requests the public Open311 feed
   * publishes without the resident's words: the description reads 「（内容不公开）」, for a deployment
   * that would rather not rely on masking there.
   */
  noPublicText: z.optional(z.array(Code).check(z.maxLength(200))),
  /** 调休 and days off of this 街道 on top of the official calendar; deadlines count them (streetSettings.ts). */
  holidayAdjustments: z.optional(HolidayAdjustmentsSchema),
  /** Feature switches (e.g. what the public Open311 feed may show). */
  features: z.optional(FeaturesSchema),
});
export type Subdistrict = z.infer<typeof SubdistrictSchema>;

export const CommunitySchema = z.object({
  code: Code,
  name: z.string().check(z.minLength(2), z.maxLength(30)),
  subdistrict: Code,
  /** Community admins do manual dispatch and receive 督办; the first one is the dispatcher. */
  admins: z._default(z.array(Openid).check(z.maxLength(20)), []),
  zipcode: z.optional(ZIPCODE),
  /** Optional outline (stored datum, GCJ-02): every grid of the community must lie inside it. */
  boundary: z.optional(PolygonSchema),
});
export type Community = z.infer<typeof CommunitySchema>;

export const GridSchema = z.object({
  code: Code,
  name: z.string().check(z.minLength(1), z.maxLength(30)),
  community: Code,
  geometry: GridGeometrySchema,
  /** The grid's own worker (A角 of the grid). */
  worker: Openid,
  /** B角: covers the grid while the worker is on leave. */
  backup: z.optional(Openid),
  /** A deliberate nesting: this grid lies inside that grid of the same community (else grids may not overlap). */
  nestedIn: z.optional(Code),
});
export type Grid = z.infer<typeof GridSchema>;

export const BuildingSchema = z.object({
  code: Code,
  name: z.string().check(z.minLength(1), z.maxLength(30)),
  grid: Code,
  point: z.optional(LatLngSchema),
});
export type Building = z.infer<typeof BuildingSchema>;

export const StationSchema = z.object({
  code: Code,
  name: z.string().check(z.minLength(2), z.maxLength(30)),
  kind: z.enum(STATION_KINDS),
  community: Code,
  address: z.optional(z.string().check(z.maxLength(80))),
  point: z.optional(LatLngSchema),
  /** Opening hours as people read them (工作日 9:00–12:00…); standard community hours when absent. */
  hours: z.optional(z.string().check(z.maxLength(60))),
  phone: z.optional(z.string().check(z.regex(/^[0-9-]{3,20}$/))),
  /** What can be done here; absent: every matter settled on the spot (当场办结). */
  matters: z.optional(z.array(MatterCode).check(z.maxLength(200))),
});
export type Station = z.infer<typeof StationSchema>;

/** A department (住建, 城管, 燃气, 供水, 物业…) and the report categories it owns (权属), for 吹哨报到. */
export const DepartmentSchema = z.object({
  code: Code,
  name: z.string().check(z.minLength(2), z.maxLength(30)),
  categories: z._default(z.array(CategoryCode).check(z.maxLength(50)), []),
  /** Department staff who answer a 吹哨 (returnFromDepartment) and are notified of it. */
  staff: z._default(z.array(Openid).check(z.maxLength(50)), []),
  /** The 街道 the department serves (absent on stores seeded before there could be several). */
  subdistrict: z.optional(Code),
});
export type Department = z.infer<typeof DepartmentSchema>;

/**
 * A 随手拍 report category of this deployment (路灯, 垃圾, 燃气…), next to the catalog's service
 * categories. Departments own them (权属); `workingDays` overrides the default time limit.
 */
export const ReportCategorySchema = z.object({
  code: CategoryCode,
  name: z.string().check(z.minLength(2), z.maxLength(12)),
  icon: z.optional(z.string().check(z.minLength(1), z.maxLength(4))),
  workingDays: z.optional(z.number().check(z.int(), z.gte(0), z.lte(90))),
  /** Urgent (燃气): due `dueHours` after filing, round the clock; the department and admins are told at once. */
  urgent: z.optional(z.boolean()),
  dueHours: z.optional(z.number().check(z.int(), z.gte(1), z.lte(72))),
  /** What to do first, shown above the report form (撤离、开窗、拨打…), and whom to call. */
  emergency: z.optional(
    z.object({
      steps: z._default(z.array(z.string().check(z.minLength(1), z.maxLength(60))).check(z.maxLength(8)), []),
      calls: z._default(z.array(z.object({ name: z.string().check(z.minLength(1), z.maxLength(20)), phone: z.string().check(z.regex(/^[0-9-]{3,20}$/)) })).check(z.maxLength(4)), []),
    }),
  ),
  /** Retired: no longer offered for new reports; kept so the requests that use it keep its name. */
  retired: z.optional(z.boolean()),
});
export type ReportCategory = z.infer<typeof ReportCategorySchema>;

// ---- Workers ----

const HHMM = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
export const PeriodSchema = z
  .object({ start: z.string().check(z.regex(HHMM, '时间格式应为HH:mm')), end: z.string().check(z.regex(HHMM, '时间格式应为HH:mm')) })
  .check(z.refine((p) => p.start < p.end, { message: '结束时间应晚于开始时间', path: ['end'] }));
export type Period = z.infer<typeof PeriodSchema>;

const dayPlan = z._default(z.array(PeriodSchema).check(z.maxLength(8)), []);
/**
 * Weekly working plan in local time. Only working days (chinese-days) are worked: an ordinary
 * weekend or a holiday has no hours whatever the plan says, and a 调休 weekend workday follows the
 * plan of `makeupWeekday` (the weekday being "made up", Monday unless told).
 */
export const WorkingPlanSchema = z
  .object({
    sun: dayPlan,
    mon: dayPlan,
    tue: dayPlan,
    wed: dayPlan,
    thu: dayPlan,
    fri: dayPlan,
    sat: dayPlan,
    makeupWeekday: z._default(z.enum(['mon', 'tue', 'wed', 'thu', 'fri']), 'mon'),
  })
  .check(
    z.superRefine((plan, ctx) => {
      for (const day of WEEKDAYS) {
        const periods = [...plan[day]].sort((a, b) => (a.start < b.start ? -1 : 1));
        for (let i = 1; i < periods.length; i++)
          if (periods[i].start < periods[i - 1].end) ctx.addIssue({ code: 'custom', path: [day], message: '同一天的时段不能重叠' });
      }
    }),
  );
export type WorkingPlan = z.infer<typeof WorkingPlanSchema>;

/** A leave range [start, end) as instants. */
export const LeaveRangeSchema = z
  .object({ start: Instant, end: Instant })
  .check(z.refine((r) => Date.parse(r.start) < Date.parse(r.end), { message: '请假结束时间应晚于开始时间', path: ['end'] }));
export type LeaveRange = z.infer<typeof LeaveRangeSchema>;

export const WorkerSchema = z.object({
  openid: Openid,
  name: z.string().check(z.minLength(1), z.maxLength(20)),
  phone: z.optional(z.string().check(z.regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, '电话号码格式不正确'))),
  level: z.enum(WORKER_LEVELS),
  /** Matter codes a level-B worker may handle; ignored for level A. */
  skills: z._default(z.array(MatterCode).check(z.maxLength(200)), []),
  grids: z._default(z.array(Code).check(z.maxLength(50)), []),
  community: Code,
  /** Open-ended leave (请假中) set by hand; `leave` holds planned ranges. */
  onLeave: z._default(z.boolean(), false),
  leave: z._default(z.array(LeaveRangeSchema).check(z.maxLength(50)), []),
  /** 在岗: may be picked from the community pool. */
  onDuty: z._default(z.boolean(), true),
  /** Absent = DEFAULT_WORKING_PLAN. */
  workingPlan: z.optional(WorkingPlanSchema),
  /** This worker's B角 (used when the grid itself names none). */
  backup: z.optional(Openid),
  /** Households per doorstep-visit slot (absent = the deployment default). */
  capacity: z.optional(z.number().check(z.int(), z.gte(1), z.lte(20))),
});
export type Worker = z.infer<typeof WorkerSchema>;
export type WorkerInput = z.input<typeof WorkerSchema>;

// ---- Import of grids as GeoJSON (admin `grids.import`) ----

export const GridFeatureCollectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z
    .array(
      z.object({
        type: z.literal('Feature'),
        geometry: GridGeometrySchema,
        properties: z.object({
          code: Code,
          name: z.string().check(z.minLength(1), z.maxLength(30)),
          community: Code,
          worker: Openid,
          backup: z.optional(Openid),
          nestedIn: z.optional(Code),
        }),
      }),
    )
    .check(z.minLength(1, '至少需要一个网格'), z.maxLength(500, '一次最多导入500个网格')),
  /** The datum of the file's coordinates (GIS files: WGS-84/CGCS2000, GCJ-02 or BD-09); stored as GCJ-02. */
  datum: z._default(z.enum(DATUMS, { error: `datum 应为：${DATUMS.join('、')}` }), 'gcj02'),
});
export type GridFeatureCollection = z.infer<typeof GridFeatureCollectionSchema>;

/** A storage fileID of a file a client uploaded (CloudBase `cloud://…`). */
export const StorageFileId = z.string().check(z.regex(/^cloud:\/\/[^\s]{1,300}$/, '文件地址无效'));

/**
 * `admin.grids.import`'s input: the FeatureCollection inline, or — past CloudBase's 100 KB call
 * payload — `{type: 'FeatureCollection', fileId}` naming its uploaded JSON (checked with
 * GridFeatureCollectionSchema when read).
 */
export const GridImportInputSchema = z
  .object({
    ...GridFeatureCollectionSchema.shape,
    features: z.optional(GridFeatureCollectionSchema.shape.features),
    fileId: z.optional(StorageFileId),
  })
  .check(
    z.superRefine((v, ctx) => {
      if (v.features && v.fileId) ctx.addIssue({ code: 'custom', path: ['fileId'], message: '网格内容和网格文件只能提交一个' });
      if (!v.features && !v.fileId) ctx.addIssue({ code: 'custom', path: ['features'], message: '至少需要一个网格' });
    }),
  );
export type GridImportInput = z.infer<typeof GridImportInputSchema>;

// ---- One deployment's data, with cross-references checked ----

export const CommunityDataSchema = z
  .object({
    subdistrict: SubdistrictSchema,
    communities: z.array(CommunitySchema).check(z.minLength(1)),
    grids: z._default(z.array(GridSchema), []),
    buildings: z._default(z.array(BuildingSchema), []),
    stations: z._default(z.array(StationSchema), []),
    departments: z._default(z.array(DepartmentSchema), []),
    workers: z._default(z.array(WorkerSchema), []),
    reportCategories: z._default(z.array(ReportCategorySchema), []),
  })
  .check(
    z.superRefine((d, ctx) => {
      const unique = (key: string, codes: string[]) => {
        const seen = new Set<string>();
        codes.forEach((c, i) => {
          if (seen.has(c)) ctx.addIssue({ code: 'custom', path: [key, i], message: `编码重复：${c}` });
          seen.add(c);
        });
        return seen;
      };
      const communities = unique('communities', d.communities.map((c) => c.code));
      const grids = unique('grids', d.grids.map((g) => g.code));
      unique('buildings', d.buildings.map((b) => b.code));
      unique('stations', d.stations.map((s) => s.code));
      unique('departments', d.departments.map((x) => x.code));
      const workers = unique('workers', d.workers.map((w) => w.openid));
      unique('reportCategories', d.reportCategories.map((c) => c.code));
      const ref = (ok: boolean, path: (string | number)[], message: string) => {
        if (!ok) ctx.addIssue({ code: 'custom', path, message });
      };
      d.communities.forEach((c, i) => ref(c.subdistrict === d.subdistrict.code, ['communities', i, 'subdistrict'], `未知街道：${c.subdistrict}`));
      d.grids.forEach((g, i) => {
        ref(communities.has(g.community), ['grids', i, 'community'], `未知社区：${g.community}`);
        ref(workers.has(g.worker), ['grids', i, 'worker'], `网格员未登记：${g.worker}`);
        const w = d.workers.find((x) => x.openid === g.worker);
        if (w) ref(w.community === g.community, ['grids', i, 'worker'], `网格员${w.name}不属于社区 ${g.community}`);
        if (g.nestedIn) ref(d.grids.some((x) => x.code === g.nestedIn && x.community === g.community), ['grids', i, 'nestedIn'], `本社区没有网格：${g.nestedIn}`);
        if (g.backup) ref(workers.has(g.backup), ['grids', i, 'backup'], `B角未登记：${g.backup}`);
      });
      d.buildings.forEach((b, i) => ref(grids.has(b.grid), ['buildings', i, 'grid'], `未知网格：${b.grid}`));
      d.stations.forEach((s, i) => ref(communities.has(s.community), ['stations', i, 'community'], `未知社区：${s.community}`));
      d.workers.forEach((w, i) => {
        ref(communities.has(w.community), ['workers', i, 'community'], `未知社区：${w.community}`);
        w.grids.forEach((g, j) => ref(grids.has(g), ['workers', i, 'grids', j], `未知网格：${g}`));
        if (w.backup) ref(workers.has(w.backup) && w.backup !== w.openid, ['workers', i, 'backup'], `B角无效：${w.backup}`);
      });
    }),
  );
export type CommunityData = z.infer<typeof CommunityDataSchema>;
