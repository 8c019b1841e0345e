import * as z from 'zod/mini';
import { CategoryCode, MatterCode } from '../catalog/codeSchemas';
import { Code, LatLngSchema, Openid, type Community, type Department, type GridGeometry, type LatLng, type ReportCategory, type Subdistrict, type WorkingPlan } from '../domain/community';
import type { AdminLevel } from '../domain/adminScope';
import { DATUMS } from '../domain/datum';
import { REQUEST_KINDS, type EventType, type RequestKind, type RequestStatus } from '../domain/requestState';
import type { DueLevel } from '../domain/deadlines';
import type { RouteReasonCode } from '../vocabulary/routing';
import { RATING_OUTCOMES, type FollowupStatus, type RatingOutcome } from '../domain/satisfaction';
import { optionalText, text, textOrEmpty } from '../textFields';

/**
 * Input schemas and output types of the requests pipeline: `requests`, `booking`, `work`, `admin`
 * and `timer` (the admin inputs are in adminInput.ts). Objects are non-strict (unknown keys such
 * as a self-declared `role` are stripped); every string and array has a limit. The client imports
 * the types from here.
 */


/** A request id as the server makes them. */
export const RequestId = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, '工单编号格式不正确'));
/** A slot id (`<openid>:<UTC ISO start>`); the server re-derives the slot, never trusting it. */
export const SlotIdInput = z.string().check(z.minLength(1, '缺少时段编号'), z.maxLength(120, '时段编号过长'));
/** An uploaded file id (cloud://… on CloudBase); the photo upload itself is handled elsewhere. */
export const FileId = z.string().check(z.minLength(1), z.maxLength(256, '图片编号过长'), z.regex(/^[\w.:/@-]+$/, '图片编号格式不正确'));
export const IdempotencyKey = z.string().check(z.regex(/^[A-Za-z0-9_.:-]{1,64}$/, '幂等键只能包含字母、数字和 _.:-，最长64位'));
/** A local date `YYYY-MM-DD`, or an ISO time; a time without an offset is Asia/Shanghai wall time. */
export const DateOrInstant = z.string().check(
  z.maxLength(40),
  z.regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/, '应为日期（YYYY-MM-DD）或ISO 8601时间'),
  z.refine((s) => !Number.isNaN(Date.parse(s.length === 10 ? `${s}T00:00:00Z` : /Z|[+-]\d{2}:\d{2}$/.test(s) ? s : `${s}Z`)), '日期无效'),
);
export const LocalDate = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为YYYY-MM-DD'),
  z.refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), '日期无效'),
);

export const byId = z.object({ id: RequestId });
/** A mainland mobile or landline number (138…, 028-8…). */
export const PhoneNumber = z.string().check(z.trim(), z.regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, '电话号码格式不正确'));

export const RequestsInput = {
  /**
   * 随手拍 / 上门帮办 / 咨询. report: category or matterCode; visit: slotId, (matterCode or
   * description), contactPhone and (buildingCode or address); report and consult need a description. Workers and admins may file for a
   * resident (`onBehalfOf`) and then are its first responder.
   */
  create: z.object({
    kind: z.enum(REQUEST_KINDS, { error: 'kind 应为 report、visit 或 consult' }),
    matterCode: z.optional(MatterCode),
    category: z.optional(CategoryCode),
    description: textOrEmpty(1000, '描述'),
    location: z.optional(LatLngSchema),
    /** The datum `location` is in: weapp reports GCJ-02 (the default), a browser or GPS WGS-84; stored as GCJ-02. */
    datum: z.optional(z.enum(DATUMS, { error: `datum 应为：${DATUMS.join('、')}` })),
    buildingCode: z.optional(Code),
    /** Visits: where to go (with or instead of a building) and whom to call; see checkKind. */
    address: optionalText(80, '上门地址'),
    contactPhone: z.optional(PhoneNumber),
    photos: z._default(z.array(FileId).check(z.maxLength(9, '最多上传9张图片')), []),
    slotId: z.optional(SlotIdInput),
    idempotencyKey: z.optional(IdempotencyKey),
    /** Follow this existing report (我也遇到) instead of filing a new one. */
    followDuplicate: z.optional(RequestId),
    onBehalfOf: z.optional(Openid),
  }),
  /**
   * "同一问题？": reports of the same category in the last 7 days within 50 m of `location`, or
   * filed at the same building (`buildingCode`: a report filed by building has no point). One of the two.
   */
  duplicates: z.object({ category: CategoryCode, location: z.optional(LatLngSchema), buildingCode: z.optional(Code) }),
  follow: byId,
  mine: z.object({}),
  get: byId,
  /** Links to show the request's photos, for those who may see them. */
  photos: byId,
  /** WeChat's pushed verdict on a photo (run as the system on CloudBase; see lib/moderation/images). */
  /** `openid`: whose photo WeChat checked (the push's FromUserName); a verdict for another person's trace is ignored. */
  mediaChecked: z.object({ traceId: z.string().check(z.minLength(1), z.maxLength(128)), suggest: z.string().check(z.maxLength(16)), openid: z.optional(z.string().check(z.maxLength(128))) }),
  cancel: z.object({ id: RequestId, reason: optionalText(200, '取消原因') }),
  rate: z.object({
    id: RequestId,
    score: z.number({ error: '评分应为1–5的整数' }).check(z.int('评分应为1–5的整数'), z.gte(1, '评分应为1–5的整数'), z.lte(5, '评分应为1–5的整数')),
    comment: optionalText(200, '评价'),
    /** 问题解决了吗 (已解决/部分解决/未解决); absent = derived from the score. Unresolved reopens. */
    outcome: z.optional(z.enum(RATING_OUTCOMES, { error: 'outcome 应为 resolved、partial 或 unresolved' })),
  }),
  /** Report categories, buildings (for residents without GPS) and communities. */
  options: z.object({}),
  /** 催办: the owner reminds the handlers of an open request, once a day. */
  urge: byId,
} as const;

export const BookingInput = {
  slots: z.object({
    matterCode: z.optional(MatterCode),
    location: z.optional(LatLngSchema),
    buildingCode: z.optional(Code),
    /** A date is the whole local day; `to` as a date is inclusive. At most 31 days. */
    from: DateOrInstant,
    to: DateOrInstant,
  }),
  /** The reason is optional: a resident need not explain moving or dropping their own visit. */
  reschedule: z.object({ id: RequestId, slotId: SlotIdInput, reason: optionalText(200, '改约原因') }),
  cancel: z.object({ id: RequestId, reason: optionalText(200, '取消原因') }),
} as const;

export const INBOX_TABS = ['all', 'pending', 'active', 'dueSoon', 'overdue', 'watching'] as const;
export type InboxTab = (typeof INBOX_TABS)[number];

export const WorkInput = {
  /**
   * all: every request assigned to the caller (open ones first, by due time); pending: 待接单;
   * active: 办理中/部门协办; dueSoon: open and ≥ 80% of the time used; overdue: past due;
   * watching: requests the caller is first responder of but no longer assigned.
   */
  inbox: z.object({ tab: z._default(z.enum(INBOX_TABS), 'all') }),
  accept: byId,
  transfer: z.object({
    id: RequestId,
    toOpenid: Openid,
    reason: text(200, '转交原因'),
    done: optionalText(500, '已办事项'),
    pending: optionalText(500, '待办事项'),
  }),
  escalate: z.object({ id: RequestId, department: Code, reason: text(200, '报请原因') }),
  resolve: z.object({ id: RequestId, note: text(500, '办理结果') }),
  note: z.object({ id: RequestId, note: text(500, '备注') }),
  returnFromDepartment: z.object({ id: RequestId, note: text(500, '部门答复') }),
  visits: z.object({ date: z.optional(LocalDate) }),
  /** Colleagues to transfer to and departments to call in, for the caller's communities. */
  directory: z.object({}),
} as const;

export const TimerInput = { tick: z.object({}) } as const;

// ---- Outputs ----

export interface PersonRef {
  openid: string;
  name: string;
}

export interface TimelineItem {
  at: string;
  type: string;
  by: string;
  note?: string;
  /** Staff views only. */
  visibility?: 'resident' | 'internal';
  /** Staff views only: handoff sheet, department, routing steps… */
  detail?: Record<string, unknown>;
}

/** A request as `requests.get`, `mine` and `work.inbox` return it. */
export interface RequestView {
  id: string;
  /** Kind and matter title or category name, e.g. 上门帮办·最低生活保障申请. */
  title: string;
  kind: RequestKind;
  status: RequestStatus;
  matterCode?: string;
  category?: string;
  description: string;
  location?: LatLng;
  buildingCode?: string;
  /** The building's name, for people to read. */
  buildingName?: string;
  /** Visits: the address given and the phone to call (masked for viewers who see masked numbers). */
  address?: string;
  contactPhone?: string;
  /** Names beside the codes (grid, community, department, report category). */
  gridName?: string;
  communityName?: string;
  departmentName?: string;
  categoryName?: string;
  /** A doorstep visit whose time has passed while it is still open (上门时间已过). */
  missed?: boolean;
  /** When the resident last urged it (催办, once a day). */
  urgedAt?: string;
  /** A report in a category the deployment marks urgent (燃气): due within hours, on top of every inbox. */
  urgent?: boolean;
  photos: string[];
  /** `phone`: the worker's work phone, for the resident of an open doorstep visit inside the change cut-off. */
  assignee: PersonRef & { phone?: string };
  /** 首问负责人: null until someone accepts a manually dispatched request. */
  firstResponder: PersonRef | null;
  gridCode?: string;
  community?: string;
  department?: string;
  dueAt: string;
  createdAt: string;
  acceptedAt?: string;
  resolvedAt?: string;
  closedAt?: string;
  cancelledAt?: string;
  /** `satisfied` = score ≥ 4; `reopened` when the rating sent it back (score ≤ 2 or unresolved). */
  rating?: { score: number; comment?: string; at: string; outcome?: RatingOutcome; satisfied?: boolean; reopened?: boolean };
  /** Closed after 7 days without a rating (counts as unrated). */
  unrated?: boolean;
  /** Doorstep visits: the booked slot. */
  slot?: { slotId: string; start: string; end: string };
  /** Residents: resident entries only, no staff detail; staff: everything. */
  timeline: TimelineItem[];
  /** Events the viewer may fire now (buttons); the server still decides. */
  actions: EventType[];
  /** Resident views: true when the caller follows (我也遇到) rather than owns it. */
  following?: boolean;
  /** Staff views only. */
  owner?: PersonRef;
  filedBy?: PersonRef;
  /** Filed by an Open311 partner (12345 hotline, city platform): its number for the order, whom to call back. */
  partner?: { code: string; name: string; ref?: string; contact?: { name?: string; phone?: string; email?: string } };
  /** How it was routed: the stable `reasonCode` and its words, `reason` (from the vocabulary). */
  route?: { reasonCode?: RouteReasonCode; reason: string; manual: boolean };
  reopenCount?: number;
  followers?: number;
  emittedLevels?: string[];
  /** Staff views of open requests: share of the working time used and its level. */
  due?: { progress: number; level: DueLevel };
}

export interface DuplicateView {
  id: string;
  description: string;
  distance: number;
  status: RequestStatus;
  createdAt: string;
  /** The caller's own report. */
  mine: boolean;
}

export interface SlotView {
  slotId: string;
  start: string;
  end: string;
  remaining: number;
  capacity: number;
  worker: PersonRef;
}

export interface BuildingView {
  code: string;
  name: string;
  grid: string;
  gridName: string;
  community: string;
  point?: LatLng;
}

export interface RequestsOutput {
  create: RequestView;
  duplicates: { candidates: DuplicateView[] };
  follow: RequestView;
  mine: { items: RequestView[] };
  get: RequestView;
  photos: { photos: { fileId: string; url: string }[] };
  mediaChecked: { hidden: boolean };
  cancel: RequestView;
  rate: RequestView;
  urge: RequestView;
  options: {
    reportCategories: ReportCategory[];
    buildings: BuildingView[];
    communities: { code: string; name: string }[];
    visit: { visitMinutes: number; bufferMinutes: number; noticeMinutes: number; cutoffMinutes: number };
  };
}

export interface BookingOutput {
  slots: { slots: SlotView[] };
  reschedule: RequestView;
  cancel: RequestView;
}

export interface WorkOutput {
  inbox: { items: RequestView[] };
  accept: RequestView;
  transfer: RequestView;
  escalate: RequestView;
  resolve: RequestView;
  note: RequestView;
  returnFromDepartment: RequestView;
  visits: { date: string; items: RequestView[] };
  directory: {
    workers: { openid: string; name: string; level: 'A' | 'B'; grids: string[]; onLeave: boolean }[];
    departments: { code: string; name: string; categories: string[] }[];
  };
}

export interface WorkerView {
  openid: string;
  name: string;
  phone?: string;
  level: 'A' | 'B';
  skills: string[];
  grids: string[];
  community: string;
  onLeave: boolean;
  leave: { start: string; end: string }[];
  onDuty: boolean;
  workingPlan?: WorkingPlan;
  backup?: string;
  capacity: number;
  /** Open requests assigned (workers.list). */
  open?: number;
}

export interface GridView {
  code: string;
  name: string;
  community: string;
  worker: string;
  backup?: string;
  geometry: GridGeometry;
}

export interface AdminOutput {
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

/** 回访 task: opened when a rating reopens a request; the community admin calls the resident. */
export interface FollowupView {
  id: string;
  requestId: string;
  /** The request's title (kind · matter or category). */
  title: string;
  community?: string;
  status: FollowupStatus;
  createdAt: string;
  resident: PersonRef & { phone?: string };
  rating: { score: number; comment?: string; outcome: RatingOutcome; at: string };
  /** Who the request went back to (the first responder). */
  assignee: PersonRef;
  /** Set once recorded. */
  reached?: boolean;
  result?: string;
  note?: string;
  recordedAt?: string;
  recordedBy?: PersonRef;
}

export interface TimerOutput {
  /** closed: resolved requests closed as unrated after 7 days. */
  tick: { checked: number; emitted: number; delivered: number; closed: number };
}
