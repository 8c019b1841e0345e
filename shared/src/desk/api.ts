import * as z from 'zod/mini';
import { MatterCode } from '../catalog/codeSchemas';
import { SOURCE_FIELDS, type SourceField } from '../catalog/codes';
import { Code, Openid } from '../domain/community';
import { LocalDate } from '../requests/schemas';
import type { PersonRef, RequestView } from '../requests/views';
import { optionalText } from '../textFields';

/**
 * 在岗受理 (window desk): input schemas and output types of the `desk` function. Workers and
 * admins only (residents 403, anonymous 401). Objects are non-strict; every string and array
 * has a limit. The client imports the types from here.
 */

export const WALKIN_OUTCOMES = ['onTheSpot', 'handoff'] as const;
export type WalkinOutcome = (typeof WALKIN_OUTCOMES)[number];

/** A walk-in or notice id as the server makes them. */
export const DeskId = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, '编号格式不正确'));

export const ResidentPhone = z.string().check(z.trim(), z.regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, '电话号码格式不正确'));
const MaterialName = z.string().check(z.trim(), z.minLength(1, '材料名称不能为空'), z.maxLength(60, '材料名称不能超过60个字'));

export const DeskInput = {
  /**
   * 首问负责: record one walk-in. `onTheSpot` = closed at the window; `handoff` = 流转 to the back
   * office: a request is filed for the resident (desk worker = first responder and assignee,
   * due from the matter's time limit) and a 一次性告知单 is issued. `missing` names materials of
   * the matter the resident still lacks (names as in the catalog); `have` is the alternative:
   * what the resident brought (missing = the required ones not in it).
   */
  walkin: z.object({
    matterCode: MatterCode,
    resident: z.optional(
      z.object({
        name: optionalText(20, '姓名'),
        phone: z.optional(ResidentPhone),
        /** The resident's openid when known (e.g. scanned from their mini-program); the request is theirs. */
        openid: z.optional(Openid),
      }),
    ),
    outcome: z.enum(WALKIN_OUTCOMES, { error: 'outcome 应为 onTheSpot 或 handoff' }),
    missing: z.optional(z.array(MaterialName).check(z.maxLength(30, '缺少的材料最多30项'))),
    have: z.optional(z.array(MaterialName).check(z.maxLength(30, '已带材料最多30项'))),
    note: optionalText(500, '备注'),
  }),
  /** The 一次性告知单 (also GET /desk/notice/<id> as printable HTML, locally). */
  notice: z.object({ id: DeskId }),
  /** Who is on the window today (x-now decides today), the caller's walk-ins today, and related advice when a matter is given. */
  today: z.object({ matterCode: z.optional(MatterCode) }),
  /** Related-matter advice (新生儿医保 → 育儿补贴) from the catalog's `related`. */
  related: z.object({ matterCode: MatterCode }),
  /** 值守轮班: admins set who is on the window that day (replaces the day; [] clears it). */
  'roster.set': z.object({
    date: LocalDate,
    openids: z.array(Openid).check(z.maxLength(20, '每天最多20人值守')),
    /** Defaults to the admin's (first) community. */
    community: z.optional(Code),
  }),
  /** Days with a roster in [from, to] (inclusive, ≤ 62 days), of the caller's communities. */
  'roster.get': z.object({ from: LocalDate, to: LocalDate, community: z.optional(Code) }),
  /** 报告错误: window staff flag a wrong or outdated line of a matter; it lands in the admins' review list. */
  reportError: z.object({
    matterCode: MatterCode,
    field: z.optional(z.enum(SOURCE_FIELDS)),
    note: z.string().check(z.trim(), z.minLength(4, '请说明哪里有误（至少4个字）'), z.maxLength(300, '说明不能超过300个字')),
  }),
} as const;

// ---- Outputs ----

export interface CatalogReportView {
  id: string;
  at: string;
  matterCode: string;
  matterTitle: string;
  field?: SourceField;
  note: string;
  by: PersonRef;
  status: 'open' | 'closed';
  closedBy?: PersonRef;
  closedAt?: string;
  closeNote?: string;
}

export interface WalkinView {
  id: string;
  at: string;
  /** Local date (Asia/Shanghai) of the walk-in. */
  date: string;
  community: string;
  matterCode: string;
  matterTitle: string;
  worker: PersonRef;
  resident?: { name?: string; phone?: string };
  outcome: WalkinOutcome;
  missing: string[];
  note?: string;
  /** handoff: the request filed for the back office. */
  requestId?: string;
  /** handoff: the 一次性告知单. */
  noticeId?: string;
}

export interface NoticeMaterial {
  name: string;
  form: string;
  copies: number;
  required: boolean;
  note?: string;
  /** False when the resident still has to bring it. */
  have: boolean;
}

/** 一次性告知单: everything the resident needs, in one sheet. */
export interface NoticeSheet {
  id: string;
  walkinId: string;
  requestId?: string;
  issuedAt: string;
  issuedBy: PersonRef;
  resident?: { name?: string };
  matterCode: string;
  title: string;
  summary: string;
  /** 依据 */
  basis: string;
  /** Materials still missing (names and how to bring them). */
  missing: NoticeMaterial[];
  /** Every material of the matter, with `have`. */
  materials: NoticeMaterial[];
  steps: string[];
  /** `promised`: the text is the local promise (else the law's figure or 以当地承诺为准). */
  timeLimit: { workingDays: number; note?: string; text: string; promised?: boolean };
  /** 本页于…核对 (sheets issued before reviews existed have none). */
  review?: { reviewedAt: string | null; status: 'draft' | 'reviewed' | 'stale'; line: string };
  /** The documents behind the sheet (title and 文号, or a link when no 文号 is certain). */
  sources?: { title: string; docNo?: string; url?: string }[];
  /** The request's due time, for a handoff. */
  dueAt?: string;
  where: string;
  fee: string;
  online: string[];
  backOffice?: string;
  tips: string[];
  /** 联系人: the desk worker (name, phone) and the community. */
  contact: { name: string; phone?: string; community?: string };
  /** Related matters worth doing at the same time. */
  related: RelatedAdvice[];
  /** Local printable page (H5). */
  printPath: string;
}

export interface RelatedAdvice {
  code: string;
  title: string;
  summary: string;
  onTheSpot: boolean;
}

export interface RosterDay {
  date: string;
  community: string;
  people: PersonRef[];
  setBy?: string;
  setAt?: string;
}

export interface DeskOutput {
  reportError: CatalogReportView;
  walkin: WalkinView & { request?: RequestView; notice?: NoticeSheet };
  notice: NoticeSheet;
  today: {
    date: string;
    /** Who is on the window today, per community of the caller. */
    onDuty: PersonRef[];
    /** True when the caller is on today's roster. */
    meOnDuty: boolean;
    walkins: WalkinView[];
    /** Present when `matterCode` was given. */
    related?: RelatedAdvice[];
  };
  related: { matterCode: string; items: RelatedAdvice[] };
  'roster.set': RosterDay;
  'roster.get': { items: RosterDay[] };
}
