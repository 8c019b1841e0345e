import * as z from 'zod/mini';
import { CatalogSchema, type Catalog } from '../catalog/schema';
import { MATTER_CODE } from '../catalog/codes';
import type { ReviewList } from '../catalog/checks';
import { CategoryCode, MatterCode } from '../catalog/codeSchemas';
import type { CatalogReportView } from '../desk/api';
import type { AdminLevel } from '../domain/adminScope';
import { Code, LatLngSchema, Openid, STATION_KINDS, WORKER_LEVELS, type Community, type Department, type ReportCategory, type Subdistrict } from '../domain/community';
import { GridImportInputSchema, LeaveRangeSchema, PolygonSchema, WorkingPlanSchema } from '../domain/communityData';
import { DATUMS } from '../domain/datums';
import { REQUEST_STATUSES } from '../domain/requestState';
import { FOLLOWUP_STATUSES } from '../domain/satisfaction';
import type { MetricsView } from '../metrics/views';
import { ROLES } from '../roles';
import { optionalText, text } from '../textFields';
import { DateOrInstant, RequestId } from '../requests/schemas';
import type { RequestView } from '../requests/views';
import type { AuditEntry, BuildingAdminView, CatalogDraftView, CatalogVersionView, InviteListItem, InviteView, FollowupView, GridView, RoleView, StationView, WorkerView } from './views';
import { ROSTER_KINDS, type RosterKind, type RowProblem } from './rosters';

/**
 * The `admin` function: community admins' grids, workers, departments and requests; the console
 * (catalog, buildings, stations, roles, partners); the dashboard metrics; the audit trail. Admin
 * only; an admin sees and changes only their own communities (403 otherwise). The parts below are
 * grouped by area; AdminInput / AdminOutput are the function's whole table.
 */

// ---- Communities, workers, departments, requests, 回访 ----

const CommunityInput = {
  'grids.import': GridImportInputSchema,
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

// ---- Console: catalog drafts and publishing, buildings, stations (with their QR), roles ----

/** Station codes double as QR scenes (`s=<code>`), so they follow the matter-code rule. */
export const StationCode = z.string().check(z.regex(MATTER_CODE, '站点编码只能包含小写字母、数字和连字符，2–30位'));

const CatalogFileId = z.string().check(z.regex(/^cloud:\/\/[^\s]{1,300}$/, '目录文件地址无效'));
/** The `savedAt` of the draft an editor started from (null: none); a different stored one → 409 draftChanged. Omitted: no check (scripts). */
const DraftSavedAt = z.optional(z.nullable(z.string({ error: 'savedAt 应为草稿的保存时间' }).check(z.maxLength(40, 'savedAt 应为草稿的保存时间'))));
const CatalogVersion = z.string().check(z.regex(/^\d{4}\.\d{1,6}\.\d{1,6}$/, '版本号格式应为 年.次.修订'));

export const ConsoleInput = {
  /** The current published catalog and the unpublished draft saved on the server (null when none). */
  'catalog.draft.get': z.object({}),
  /**
   * Any admin: keeps the whole edited catalog as the one unpublished draft (replacing the previous
   * one), so edits survive a reload and open on another PC. Checked by CatalogSchema like a publish;
   * inline or, past the call payload limit, as the storage `fileId` of its JSON.
   */
  'catalog.draft.save': z.object({
    catalog: z.optional(CatalogSchema),
    fileId: z.optional(CatalogFileId),
    savedAt: DraftSavedAt,
  }),
  /** Drops the saved draft (放弃草稿); with `savedAt`, only that one. */
  'catalog.draft.discard': z.object({ savedAt: DraftSavedAt }),
  /**
   * Publish a whole catalog; its version must be greater than the current one (else 409). The
   * catalog comes inline or, past a function call's 100 KB payload limit on CloudBase, as the
   * cloud storage `fileId` of its JSON (uploaded first; see CALL_PAYLOAD_LIMIT). With neither, the
   * saved draft is published (as `version` when given) and then cleared. 街道 admins only.
   */
  'catalog.publish': z.object({
    catalog: z.optional(CatalogSchema),
    fileId: z.optional(CatalogFileId),
    version: z.optional(CatalogVersion),
    note: optionalText(200, '发布说明'),
  }),
  'catalog.versions': z.object({}),
  /** 需复核 / 待核实: matters whose review is due, drafts, and cited documents not plainly in force. */
  'catalog.review': z.object({}),
  /** Close a 报告错误 once handled (fixed in a publish, or not an error), with a note. */
  'catalog.reportClose': z.object({
    id: z.string().check(z.regex(/^CR[0-9A-Z]{14}$/, '报告编号格式不正确')),
    note: optionalText(200, '处理说明'),
  }),
  'buildings.upsert': z.object({
    code: Code,
    name: z.string().check(z.trim(), z.minLength(1, '请填写楼栋名称'), z.maxLength(30, '楼栋名称不能超过30个字')),
    grid: Code,
    point: z.optional(LatLngSchema),
  }),
  'buildings.list': z.object({ grid: z.optional(Code) }),
  'stations.upsert': z.object({
    code: StationCode,
    name: z.string().check(z.trim(), z.minLength(2, '站点名称至少2个字'), z.maxLength(30, '站点名称不能超过30个字')),
    kind: z.enum(STATION_KINDS, { error: 'kind 应为 window 或 point' }),
    /** Defaults to the admin's (first) community. */
    community: z.optional(Code),
    address: optionalText(80, '地址'),
    point: z.optional(LatLngSchema),
    hours: optionalText(60, '开放时间'),
    phone: z.optional(z.string().check(z.regex(/^[0-9-]{3,20}$/, '电话号码格式不正确'))),
    matters: z.optional(z.array(MatterCode).check(z.maxLength(200))),
  }),
  'stations.list': z.object({}),
  /**
   * Who is admin/worker of which communities. Only a 街道 admin may grant admin; nobody changes
   * their own role; a community admin may only name communities they run.
   */
  'roles.set': z.object({
    openid: Openid,
    role: z.enum(ROLES, { error: 'role 应为 admin、worker 或 resident' }),
    communities: z._default(z.array(Code).check(z.maxLength(20)), []),
    name: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(20, '姓名不能超过20个字'))),
  }),
  'roles.list': z.object({}),
  /**
   * 邀请加入: a one-time code (and its QR) for someone not yet listed: whoever opens it signed in
   * and accepts becomes `role` of `communities` (account.invite.accept). Same rules as roles.set:
   * only a 街道 admin invites an admin; a community admin names only their own communities.
   */
  'roles.invite': z.object({
    role: z.enum(['worker', 'admin'], { error: 'role 应为 worker 或 admin' }),
    communities: z.array(Code).check(z.minLength(1, '请至少选择一个社区'), z.maxLength(20)),
    name: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(20, '姓名不能超过20个字'))),
  }),
  /**
   * The invitations the admin may see, newest first (at most 200): a community admin those all of
   * whose communities they run, a 街道/区 admin those touching a community they read. `open` (the
   * default): not yet used, revoked or expired; `all`: every one.
   */
  'roles.invites': z.object({ status: z._default(z.enum(['open', 'all'], '状态只能是 open（待接受）或 all（全部）'), 'open') }),
  /**
   * Withdraws an invitation not yet used (`id` from roles.invites): the same reach as making it
   * (every community the caller's; an admin invitation only a 街道 admin). A used one: 409; one
   * already revoked is answered as it is.
   */
  'roles.revokeInvite': z.object({ id: z.string().check(z.regex(/^[0-9a-f]{64}$/, '邀请编号无效')) }),
  /**
   * An Open311 partner (a city platform, the 12345 hotline) that may POST requests: 街道 admins
   * only. Returns a new API key, shown this once (stored hashed); upserting an existing code
   * renames it and rotates its key (the old one stops working at once). A key posts into its own
   * 街道 only; a code another 街道 holds is refused.
   */
  'partners.upsert': z.object({
    code: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{1,39}$/, '合作方编码只能包含小写字母、数字和连字符，2–40位')),
    name: z.string().check(z.trim(), z.minLength(2, '合作方名称至少2个字'), z.maxLength(40, '合作方名称不能超过40个字')),
    /** The 街道 the key posts into: needed only from an admin who runs several (a 区 admin). */
    subdistrict: z.optional(z.string().check(z.minLength(1), z.maxLength(40, '街道编码不能超过40个字符'))),
  }),
} as const;

// ---- Dashboard metrics ----

/**
 * `admin.metrics` — its input (the answer, MetricsView, is in metrics/views.ts; both stable: the dashboard builds on them).
 *
 * Window: a request belongs to the window when its `createdAt` is in [from, to). `from`/`to` are
 * local dates `YYYY-MM-DD` (Asia/Shanghai; `to` inclusive: the window ends at the next local
 * midnight) or ISO instants (`to` exclusive). Walk-ins and grid visits are counted by their own
 * `createdAt` / `date` in the same window. "Now" figures (`overdueNow`) use the current time.
 * Rates are 0..1 and 0 when their denominator is 0 (the denominators are reported beside them:
 * nothing rated → `satisfactionRate: 0, rated: 0, unratedShare: 1` when there were resolved
 * requests, `unratedShare: 0` when there were none).
 */
export const MetricsInput = z.object({
  from: DateOrInstant,
  to: DateOrInstant,
  /** Narrow to one of the caller's communities (403 when it is not theirs). */
  community: z.optional(Code),
});
export type MetricsInput = z.infer<typeof MetricsInput>;

// ---- Audit trail ----

/** The audit trail as `admin.audit.list` shows it: 街道 admins only. */
export const AuditInput = {
  /**
   * `from`/`to`: dates (whole local days, `to` inclusive) or ISO instants; `actor` an OPENID;
   * `action` as `"<function>.<action>"`; `target` the object acted on, as the trail shows it (masked).
   * Newest first, at most `limit` (200, ≤ 500); `before` is the `next` of the previous page.
   */
  'audit.list': z.object({
    from: z.optional(DateOrInstant),
    to: z.optional(DateOrInstant),
    actor: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(64))),
    action: z.optional(z.string().check(z.trim(), z.regex(/^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9]+){1,4}$/, 'action 应为 "<函数>.<操作>"，如 admin.workers.upsert'), z.maxLength(64))),
    target: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(200, '对象不能超过200个字'))),
    limit: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(500))),
    before: z.optional(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}T[\w.:-]+$/, '翻页参数无效'), z.maxLength(80))),
  }),
} as const;
export type AuditQuery = z.output<(typeof AuditInput)['audit.list']>;

/** Every action of the `admin` function. */
/** Rosters from a spreadsheet (.xlsx, base64): a template, a preview of every row, an all-or-nothing import. */
export const RosterInput = {
  'rosters.template': z.object({ kind: z.enum(ROSTER_KINDS, { error: 'kind 应为 workers、buildings 或 households' }) }),
  /** The .xlsx as base64 (at most ~1 MB of file). */
  'rosters.preview': z.object({
    kind: z.enum(ROSTER_KINDS, { error: 'kind 应为 workers、buildings 或 households' }),
    file: z.string().check(z.minLength(1, '请上传 .xlsx 文件'), z.maxLength(1_400_000, '文件过大（最多约1MB）')),
  }),
  'rosters.import': z.object({
    kind: z.enum(ROSTER_KINDS, { error: 'kind 应为 workers、buildings 或 households' }),
    file: z.string().check(z.minLength(1, '请上传 .xlsx 文件'), z.maxLength(1_400_000, '文件过大（最多约1MB）')),
  }),
} as const;

export const AdminInput = { ...CommunityInput, ...ConsoleInput, ...AuditInput, ...RosterInput, metrics: MetricsInput } as const;

// ---- Outputs ----

interface CommunityOutput {
  'grids.import': { imported: number };
  'grids.list': { items: GridView[] };
  'communities.upsert': Community;
  'categories.upsert': ReportCategory;
  /** The communities the caller runs, their level and the 街道 they run as a whole. */
  'communities.list': { items: Community[]; level: AdminLevel; subdistricts: Subdistrict[] };
  'workers.upsert': WorkerView;
  'workers.list': { items: WorkerView[] };
  'departments.upsert': Department;
  'departments.list': { items: Department[] };
  /** `total`: every match (items stop at `limit`). */
  'requests.list': { items: RequestView[]; total: number };
  'followups.list': { items: FollowupView[] };
  'followups.record': FollowupView;
}

export interface ConsoleOutput {
  'catalog.draft.get': { catalog: Catalog; publishedAt: string | null; draft: CatalogDraftView | null };
  'catalog.draft.save': Omit<CatalogDraftView, 'catalog'>;
  'catalog.draft.discard': { discarded: boolean };
  'catalog.publish': { version: string; previous: string | null; publishedAt: string };
  'catalog.versions': { current: string | null; items: CatalogVersionView[] };
  'catalog.review': ReviewList & { reports: CatalogReportView[] };
  'catalog.reportClose': CatalogReportView;
  'buildings.upsert': BuildingAdminView;
  'buildings.list': { items: BuildingAdminView[] };
  'stations.upsert': StationView;
  'stations.list': { items: StationView[] };
  'roles.set': RoleView;
  'roles.list': { items: RoleView[] };
  'roles.invite': InviteView;
  'roles.invites': { items: InviteListItem[] };
  'roles.revokeInvite': InviteListItem;
  'partners.upsert': { code: string; name: string; subdistrict: string; apiKey: string };
}

export interface AuditOutput {
  /** `next`: pass as `before` for the following page; absent on the last page. */
  'audit.list': { items: AuditEntry[]; next?: string };
}

export interface RosterPreview {
  kind: RosterKind;
  /** Rows read (blank ones skipped). */
  total: number;
  /** True when every row is valid: rosters.import with the same file writes them all. */
  valid: boolean;
  problems: (RowProblem & { text: string })[];
  /** What would be written, row by row: `new` or `update`. */
  rows: { row: number; key: string; name: string; change: 'new' | 'update' }[];
}

export interface RosterOutput {
  'rosters.template': { fileName: string; file: string };
  'rosters.preview': RosterPreview;
  'rosters.import': { imported: number };
}

export type AdminOutput = CommunityOutput & ConsoleOutput & AuditOutput & RosterOutput & { metrics: MetricsView };
