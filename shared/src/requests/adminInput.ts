import * as z from 'zod/mini';
import { CategoryCode, MatterCode } from '../catalog/codeSchemas';
import { Code, Openid, WORKER_LEVELS } from '../domain/community';
import { GridFeatureCollectionSchema, LeaveRangeSchema, PolygonSchema, WorkingPlanSchema } from '../domain/communityData';
import { DATUMS } from '../domain/datums';
import { REQUEST_STATUSES } from '../domain/requestState';
import { FOLLOWUP_STATUSES } from '../domain/satisfaction';
import { optionalText, text } from '../textFields';
import { DateOrInstant, RequestId } from './api';

/**
 * Input schemas of the `admin` function's community and request actions (outputs: AdminOutput in
 * api.ts). Apart from api.ts because they need the community documents' schemas, which no other
 * function builds.
 */
export const AdminInput = {
  'grids.import': GridFeatureCollectionSchema,
  'grids.list': z.object({}),
  /**
   * 街道 admins: creates or updates a community of their 街道 (`subdistrict` when they run several).
   * `boundary` (GeoJSON Polygon, in `datum`) bounds its grids; `admins` become its admins (the
   * first one dispatches). Fields not given keep their value.
   */
  'communities.upsert': z.object({
    code: Code,
    name: z.string().check(z.trim(), z.minLength(2, '社区名称至少2个字'), z.maxLength(30, '社区名称不能超过30个字')),
    boundary: z.optional(z.nullable(PolygonSchema)),
    admins: z.optional(z.array(Openid).check(z.maxLength(20, '最多20位管理员'))),
    subdistrict: z.optional(Code),
    datum: z._default(z.enum(DATUMS, { error: `datum 应为：${DATUMS.join('、')}` }), 'gcj02'),
  }),
  'communities.list': z.object({}),
  /**
   * 街道 admins: adds or changes a 随手拍 report category of their 街道 (`subdistrict` when they
   * run several). Categories are never deleted — requests use them — only retired (`retired: true`).
   */
  'categories.upsert': z.object({
    code: CategoryCode,
    name: z.string().check(z.trim(), z.minLength(2, '分类名称至少2个字'), z.maxLength(12, '分类名称不能超过12个字')),
    icon: z.optional(z.string().check(z.minLength(1), z.maxLength(4))),
    workingDays: z.optional(z.number().check(z.int(), z.gte(0), z.lte(90))),
    retired: z.optional(z.boolean()),
    subdistrict: z.optional(Code),
  }),
  'workers.upsert': z.object({
    openid: Openid,
    name: z.string().check(z.trim(), z.minLength(1, '请填写姓名'), z.maxLength(20, '姓名不能超过20个字')),
    phone: z.optional(z.string().check(z.regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, '电话号码格式不正确'))),
    level: z.enum(WORKER_LEVELS, { error: 'level 应为 A 或 B' }),
    skills: z.optional(z.array(MatterCode).check(z.maxLength(200))),
    onLeave: z.optional(z.boolean()),
    leave: z.optional(z.array(LeaveRangeSchema).check(z.maxLength(50))),
    onDuty: z.optional(z.boolean()),
    /** null = back to standard community hours. */
    workingPlan: z.optional(z.nullable(WorkingPlanSchema)),
    capacity: z.optional(z.number().check(z.int(), z.gte(1, '每个时段至少1户'), z.lte(20, '每个时段最多20户'))),
    grids: z.optional(z.array(Code).check(z.maxLength(50))),
    backup: z.optional(z.nullable(Openid)),
    /** Defaults to the admin's (first) community. */
    community: z.optional(Code),
  }),
  'workers.list': z.object({}),
  'departments.upsert': z.object({
    code: Code,
    name: z.string().check(z.trim(), z.minLength(2, '部门名称至少2个字'), z.maxLength(30, '部门名称不能超过30个字')),
    categories: z._default(z.array(CategoryCode).check(z.maxLength(50)), []),
    staff: z.optional(z.array(Openid).check(z.maxLength(50))),
  }),
  'departments.list': z.object({}),
  /**
   * The dashboard's drill-down: the same scope (`community`, else every community the admin's
   * figures cover) and window (`from`/`to` on createdAt, dates local and `to` inclusive) as
   * `admin.metrics`; `overdue: true` is its overdueNow rule; `category` its byCategory key.
   */
  'requests.list': z.object({
    status: z.optional(z.enum(REQUEST_STATUSES)),
    overdue: z.optional(z.boolean({ error: 'overdue 应为 true 或 false' })),
    /** Doorstep visits whose time has passed while still open (上门已过时未办结). */
    missed: z.optional(z.boolean({ error: 'missed 应为 true 或 false' })),
    category: z.optional(z.string().check(z.regex(/^[a-z0-9-]{2,30}$/, '分类编码格式不正确'))),
    gridCode: z.optional(Code),
    community: z.optional(Code),
    department: z.optional(Code),
    /** The worker a request is assigned to (the dashboard's 网格员 rows). */
    assignee: z.optional(Openid),
    from: z.optional(DateOrInstant),
    to: z.optional(DateOrInstant),
    limit: z._default(z.number().check(z.int(), z.gte(1), z.lte(500)), 200),
  }),
  /** 回访 tasks of the admin's communities (open first, newest first). */
  'followups.list': z.object({ status: z.optional(z.enum(FOLLOWUP_STATUSES)) }),
  /** Record the call: reached the resident or not, what came of it. */
  'followups.record': z.object({
    id: RequestId,
    result: text(500, '回访结果'),
    reached: z.boolean({ error: 'reached 应为 true 或 false' }),
    note: optionalText(500, '备注'),
  }),
} as const;
