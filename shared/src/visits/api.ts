import * as z from 'zod/mini';
import { Code, Openid } from '../domain/community';
import { LocalDate, RequestId } from '../requests/schemas';
import { KEY_HOUSEHOLD_TAGS, type KeyHouseholdTag } from '../domain/visits';
import { optionalText, text } from '../textFields';

/**
 * 下沉网格 (grid visits): input schemas and output types of the `visits` function.
 * Workers see and log only their own visits and households; admins see their communities;
 * residents 403, anonymous 401. Objects are non-strict; every string and array has a limit.
 */

export { KEY_HOUSEHOLD_TAGS, type KeyHouseholdTag };

/** A phone number; stored masked (138****0001), never whole. */
const Phone = z.string().check(z.trim(), z.regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, '电话号码格式不正确'));

export const VisitsInput = {
  /**
   * Log one visit. `household` is a key household's code (then the visit counts for its due
   * date) or free text such as "3栋2单元501"; `date` defaults to today (Asia/Shanghai) and may
   * not lie in the future; `requestIds` are requests filed on the household's behalf (must exist).
   */
  log: z.object({
    household: text(50, '走访对象'),
    buildingCode: z.optional(Code),
    date: z.optional(LocalDate),
    found: text(500, '走访情况'),
    requestIds: z._default(z.array(RequestId).check(z.maxLength(20, '最多关联20个工单')), []),
  }),
  /** Own visits, newest first; default: the last 31 days; at most 366 days. Admins: their communities' visits (or one worker's). */
  mine: z.object({ from: z.optional(LocalDate), to: z.optional(LocalDate), worker: z.optional(Openid) }),
  /** 包保 key household (admin). Fields not given keep their value on update. */
  'households.upsert': z.object({
    code: Code,
    name: text(20, '户主姓名'),
    phone: z.optional(Phone),
    address: optionalText(80, '地址'),
    buildingCode: z.optional(Code),
    tags: z.array(z.enum(KEY_HOUSEHOLD_TAGS, { error: `标签应为：${KEY_HOUSEHOLD_TAGS.join('、')}` })).check(z.minLength(1, '至少选择一个标签'), z.maxLength(10)),
    worker: Openid,
    frequencyDays: z.number({ error: '走访周期应为天数' }).check(z.int('走访周期应为整数天'), z.gte(1, '走访周期至少1天'), z.lte(92, '走访周期最多92天')),
    note: optionalText(200, '备注'),
  }),
  /** Admin: their communities (optionally one worker's); worker: their own. */
  'households.list': z.object({ worker: z.optional(Openid) }),
  /** The worker's home card: overdue key households and this week's / month's targets. */
  home: z.object({}),
  /** Targets per worker over the weeks and months touching [from, to] (default: this month; at most 92 days). Workers: their own. */
  targets: z.object({ from: z.optional(LocalDate), to: z.optional(LocalDate), worker: z.optional(Openid) }),
} as const;

export interface VisitView {
  id: string;
  worker: string;
  workerName?: string;
  community: string;
  /** YYYY-MM-DD (Asia/Shanghai). */
  date: string;
  household: string;
  /** Name of the key household when `household` is one's code. */
  householdName?: string;
  buildingCode?: string;
  found: string;
  requestIds: string[];
  createdAt: string;
}

export interface HouseholdView {
  code: string;
  name: string;
  /** Masked: 138****0001. */
  phone?: string;
  address?: string;
  buildingCode?: string;
  /** The building's name, for people to read (the code is for machines). */
  buildingName?: string;
  tags: KeyHouseholdTag[];
  worker: string;
  workerName?: string;
  community: string;
  frequencyDays: number;
  note?: string;
  /** Last visit date, null when never visited. */
  lastVisit: string | null;
  /** Next due date YYYY-MM-DD (today when never visited). */
  dueDate: string;
  overdue: boolean;
  /** Days past due (0 when not overdue). */
  overdueDays: number;
}

export interface WeekTarget {
  /** Monday of the week, YYYY-MM-DD. */
  week: string;
  /** Distinct days with at least one visit. */
  days: number;
  target: number;
  met: boolean;
}

export interface MonthTarget {
  /** YYYY-MM. */
  month: string;
  /** Distinct households visited. */
  households: number;
  target: number;
  met: boolean;
}

export interface WorkerTargets {
  worker: { openid: string; name: string };
  weeks: WeekTarget[];
  months: MonthTarget[];
  visits: number;
}

export interface VisitsOutput {
  log: VisitView;
  mine: { from: string; to: string; items: VisitView[] };
  'households.upsert': HouseholdView;
  'households.list': { items: HouseholdView[] };
  home: {
    today: string;
    overdue: HouseholdView[];
    /** Key households due within the next 3 days (not yet overdue). */
    dueSoon: HouseholdView[];
    week: WeekTarget;
    month: MonthTarget;
  };
  targets: { from: string; to: string; items: WorkerTargets[] };
}
