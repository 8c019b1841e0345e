import * as z from 'zod/mini';
import { CategoryCode } from '../catalog/codeSchemas';
import { addDays, chinaCalendar, localDate, startOfDate, type WorkCalendar } from './calendar';
import { OPEN_STATUSES, type RequestStatus } from './requestState';

/**
 * 承诺时限 in working days. The day of submission does not count; the request is due at 24:00
 * local time of the N-th working day after it (N = 0: 24:00 of the submission day itself).
 * Progress counts only working-day time, so a holiday neither uses up nor overruns the deadline.
 */

/** Per-deployment defaults for requests without a matter (reports, consultations). */
export const DeadlineConfigSchema = z.object({
  defaultWorkingDays: z._default(z.number().check(z.int(), z.gte(0), z.lte(90)), 3),
  byCategory: z._default(z.record(CategoryCode, z.number().check(z.int(), z.gte(0), z.lte(90))), {}),
});
export type DeadlineConfig = z.infer<typeof DeadlineConfigSchema>;
export const DEFAULT_DEADLINE_CONFIG: DeadlineConfig = { defaultWorkingDays: 3, byCategory: {} };

/** N: the matter's own time limit, else the category's default, else the deployment default. */
export function workingDaysFor(
  req: { matter?: { timeLimit: { workingDays: number } }; category?: string },
  config: DeadlineConfig = DEFAULT_DEADLINE_CONFIG,
): number {
  if (req.matter) return req.matter.timeLimit.workingDays;
  return (req.category !== undefined ? config.byCategory[req.category] : undefined) ?? config.defaultWorkingDays;
}

/** The N-th working day after `date` (N = 0: `date` itself). */
export function nthWorkdayAfter(date: string, n: number, calendar: WorkCalendar = chinaCalendar): string {
  let day = date;
  // Ten years of days without a single working day means a broken calendar, not a long holiday.
  for (let left = n, scanned = 0; left > 0; scanned++) {
    if (scanned > 3660) throw new Error(`工作日历异常：${date} 之后找不到工作日`);
    day = addDays(day, 1);
    if (calendar.isWorkday(day)) left--;
  }
  return day;
}

/**
 * Due dates already worked out, per calendar: every request filed on a day with the same time
 * limit has the same due instant, and the walk over the days was a visible part of a create.
 * A calendar never changes (adjustments make a new one), so entries never go stale; the map is
 * emptied when it grows past DUE_MEMO_MAX (a timer replaying years of days).
 */
const dueMemo = new WeakMap<WorkCalendar, Map<string, string>>();
const DUE_MEMO_MAX = 4096;

/** Due instant (UTC ISO): 24:00 local of the N-th working day after the submission's local date. */
export function computeDueAt(createdAt: string, workingDays: number, tz: string, calendar: WorkCalendar = chinaCalendar): string {
  const date = localDate(createdAt, tz);
  const key = `${date}|${workingDays}|${tz}`;
  let memo = dueMemo.get(calendar);
  if (!memo) dueMemo.set(calendar, (memo = new Map()));
  let due = memo.get(key);
  if (due === undefined) {
    if (memo.size >= DUE_MEMO_MAX) memo.clear();
    due = new Date(startOfDate(addDays(nthWorkdayAfter(date, workingDays, calendar), 1), tz)).toISOString();
    memo.set(key, due);
  }
  return due;
}

/**
 * Time-zone context of one call. Days are memoised per call (never across calls): the timer walks
 * the same few weeks for thousands of requests.
 */
interface Clock {
  /** The local day: the next date, the instant it ends, whether it is worked. */
  day: (date: string) => { next: string; end: number; work: boolean };
  midnight: (date: string) => number;
  dateOf: (instant: number) => string;
}

function clock(tz: string, calendar: WorkCalendar): Clock {
  const days = new Map<string, { next: string; end: number; work: boolean }>();
  const midnight = (date: string) => day(addDays(date, -1)).end;
  const day = (date: string) => {
    let d = days.get(date);
    if (!d) {
      const next = addDays(date, 1);
      days.set(date, (d = { next, end: startOfDate(next, tz), work: calendar.isWorkday(date) }));
    }
    return d;
  };
  return { day, midnight, dateOf: (instant) => localDate(instant, tz) };
}

/** Working ms in [from, to); `date` is from's local date when the caller already knows it. */
function workingMsOn(c: Clock, from: number, to: number, date = c.dateOf(from)): number {
  let total = 0;
  while (from < to) {
    const { next, end, work } = c.day(date);
    if (work) total += Math.min(end, to) - from;
    from = end;
    date = next;
  }
  return Math.max(0, total);
}

function progressOn(c: Clock, createdAt: string, dueAt: string, now: string): number {
  const created = Date.parse(createdAt);
  const due = Date.parse(dueAt);
  const t = Date.parse(now);
  const firstDay = addDays(c.dateOf(created), 1);
  const clockStart = c.midnight(firstDay);
  const budget = due > clockStart ? workingMsOn(c, clockStart, due, firstDay) : 0;
  if (budget === 0) return Math.max(0, t - created) / Math.max(1, due - created);
  return workingMsOn(c, clockStart, t, firstDay) / budget;
}

/** Milliseconds of [from, to) (epoch ms) that fall on local working days. */
export function workingMs(from: number, to: number, tz: string, calendar: WorkCalendar = chinaCalendar): number {
  return workingMsOn(clock(tz, calendar), from, to);
}

/**
 * Fraction of the working time used: 0 until the day after submission, 1 at the due instant,
 * 1.5 half-way through the budget again. With N = 0 (due the same day) there is no working-day
 * budget, so wall-clock time from submission to 24:00 is the budget instead.
 */
export function progress(createdAt: string, dueAt: string, now: string, tz: string, calendar: WorkCalendar = chinaCalendar): number {
  return progressOn(clock(tz, calendar), createdAt, dueAt, now);
}

export const DUE_LEVELS = ['ok', 'remind', 'overdue', 'escalate'] as const;
export type DueLevel = (typeof DUE_LEVELS)[number];
/** remind the assignee at 80%; 督办 to the community admin at 100%; escalate to the 街道 at 150%. */
export const DUE_THRESHOLDS = { remind: 0.8, overdue: 1, escalate: 1.5 } as const;

export function dueLevel(p: number): DueLevel {
  if (p >= DUE_THRESHOLDS.escalate) return 'escalate';
  if (p >= DUE_THRESHOLDS.overdue) return 'overdue';
  if (p >= DUE_THRESHOLDS.remind) return 'remind';
  return 'ok';
}

/** What the timer needs from a request. `emittedLevels` is stored on the request. */
export interface TimedRequest {
  id: string;
  status: RequestStatus;
  createdAt: string;
  dueAt: string;
  assignee: string;
  community?: string;
  emittedLevels: readonly Exclude<DueLevel, 'ok'>[];
}

export interface TimerDecision {
  /** `${requestId}:${level}`; the handler adds `level` to the request's emittedLevels once sent. */
  key: string;
  requestId: string;
  level: Exclude<DueLevel, 'ok'>;
  /** Who gets it: the assignee (remind), the community admin (督办), the 街道 (escalate). */
  audience: 'assignee' | 'communityAdmin' | 'subdistrict';
  /** The assignee's openid for `assignee`, the community code for `communityAdmin`. */
  to?: string;
  message: string;
}

export const NOTICES = {
  remind: { audience: 'assignee', message: '工单即将到期，请抓紧办理' },
  overdue: { audience: 'communityAdmin', message: '工单已超期，请督办' },
  escalate: { audience: 'subdistrict', message: '工单严重超期（超过时限50%），报街道督办' },
} as const;

/**
 * Notifications due at `now` for open requests. Every level reached and not yet emitted is
 * returned, lowest first (a request found late gets all of them, since each goes to a different
 * audience); levels already in `emittedLevels` never come back, so reruns are harmless.
 */
export function timerDecisions(requests: readonly TimedRequest[], now: string, tz: string, calendar: WorkCalendar = chinaCalendar): TimerDecision[] {
  const out: TimerDecision[] = [];
  const c = clock(tz, calendar);
  for (const r of requests) {
    if (!OPEN_STATUSES.includes(r.status)) continue;
    const reached = DUE_LEVELS.indexOf(dueLevel(progressOn(c, r.createdAt, r.dueAt, now)));
    for (const level of (['remind', 'overdue', 'escalate'] as const).slice(0, Math.max(0, reached))) {
      if (r.emittedLevels.includes(level)) continue;
      const { audience, message } = NOTICES[level];
      const to = audience === 'assignee' ? r.assignee : audience === 'communityAdmin' ? r.community : undefined;
      out.push({ key: `${r.id}:${level}`, requestId: r.id, level, audience, ...(to !== undefined && { to }), message });
    }
  }
  return out;
}
