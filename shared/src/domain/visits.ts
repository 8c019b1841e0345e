import { addDays, weekdayOf } from './calendar';

/**
 * 下沉网格 (grid visits), pure: key households' due dates from their visit frequency and last
 * visit, the overdue list, and the model's targets — at least 3 days a week in the grid and at
 * least 50 households a month per worker. Dates are local (Asia/Shanghai) `YYYY-MM-DD`; the caller
 * turns "now" into today's local date. Weeks start on Monday.
 */

/** 包保 tags: elderly living alone, 低保, disabled, veterans, and the usual others. */
export const KEY_HOUSEHOLD_TAGS = ['独居老人', '空巢老人', '低保', '特困', '残疾', '退役军人', '留守儿童', '重病', '其他'] as const;
export type KeyHouseholdTag = (typeof KEY_HOUSEHOLD_TAGS)[number];

/** Common frequencies, in days. */
export const VISIT_FREQUENCIES = { weekly: 7, biweekly: 14, monthly: 30 } as const;

export const VISIT_TARGETS = { daysPerWeek: 3, householdsPerMonth: 50 } as const;

/** What the due-date rules need of a visit. */
export interface VisitFact {
  worker: string;
  date: string;
  household: string;
}

export interface KeyHouseholdFact {
  code: string;
  frequencyDays: number;
}

export interface HouseholdDue {
  lastVisit: string | null;
  /** Never visited: due today. */
  dueDate: string;
  overdue: boolean;
  overdueDays: number;
}

/** Whole days from `a` to `b` (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** The latest visit date per household, ignoring visits after `today`. */
export function lastVisits(visits: readonly Pick<VisitFact, 'date' | 'household'>[], today: string): Map<string, string> {
  const last = new Map<string, string>();
  for (const v of visits) {
    if (v.date > today) continue;
    const prev = last.get(v.household);
    if (!prev || v.date > prev) last.set(v.household, v.date);
  }
  return last;
}

/** Due = last visit + frequency; overdue once today is past the due date. */
export function householdDue(h: KeyHouseholdFact, lastVisit: string | null, today: string): HouseholdDue {
  const dueDate = lastVisit ? addDays(lastVisit, h.frequencyDays) : today;
  const overdueDays = Math.max(0, daysBetween(dueDate, today));
  return { lastVisit, dueDate, overdue: overdueDays > 0, overdueDays };
}

/** Households with their due state, overdue first (most overdue first), then by due date and code. */
export function householdsDue<H extends KeyHouseholdFact>(households: readonly H[], visits: readonly VisitFact[], today: string): (H & HouseholdDue)[] {
  const last = lastVisits(visits, today);
  return households
    .map((h) => ({ ...h, ...householdDue(h, last.get(h.code) ?? null, today) }))
    .sort((a, b) => b.overdueDays - a.overdueDays || a.dueDate.localeCompare(b.dueDate) || a.code.localeCompare(b.code));
}

/** Only the overdue ones (never-visited households are due today, not overdue). */
export function overdueHouseholds<H extends KeyHouseholdFact>(households: readonly H[], visits: readonly VisitFact[], today: string): (H & HouseholdDue)[] {
  return householdsDue(households, visits, today).filter((h) => h.overdue);
}

/** Monday of the week containing `date`. */
export function weekStart(date: string): string {
  const back = { mon: 0, tue: 1, wed: 2, thu: 3, fri: 4, sat: 5, sun: 6 }[weekdayOf(date)];
  return addDays(date, -back);
}

export function monthOf(date: string): string {
  return date.slice(0, 7);
}

export interface WeekTally {
  week: string;
  days: number;
  target: number;
  met: boolean;
}
export interface MonthTally {
  month: string;
  households: number;
  target: number;
  met: boolean;
}

/** Distinct days with a visit in the week starting `monday`. */
export function weekTally(visits: readonly Pick<VisitFact, 'date'>[], monday: string, target: number = VISIT_TARGETS.daysPerWeek): WeekTally {
  const end = addDays(monday, 6);
  const days = new Set(visits.filter((v) => v.date >= monday && v.date <= end).map((v) => v.date)).size;
  return { week: monday, days, target, met: days >= target };
}

/** Distinct households visited in the month `YYYY-MM`. */
export function monthTally(visits: readonly Pick<VisitFact, 'date' | 'household'>[], month: string, target: number = VISIT_TARGETS.householdsPerMonth): MonthTally {
  const households = new Set(visits.filter((v) => monthOf(v.date) === month).map((v) => v.household.trim())).size;
  return { month, households, target, met: households >= target };
}

/** Every Monday of a week touching [from, to], and every month touching it. */
export function periodsIn(from: string, to: string): { weeks: string[]; months: string[] } {
  const weeks: string[] = [];
  for (let w = weekStart(from); w <= to; w = addDays(w, 7)) weeks.push(w);
  const months: string[] = [];
  for (let m = monthOf(from); m <= monthOf(to); m = nextMonth(m)) months.push(m);
  return { weeks, months };
}

/** The first and last dates of every whole week and month touching [from, to]. */
export function coveringRange(from: string, to: string): { start: string; end: string } {
  const monthStart = `${monthOf(from)}-01`;
  const monthEnd = addDays(`${nextMonth(monthOf(to))}-01`, -1);
  const weekEnd = addDays(weekStart(to), 6);
  return { start: weekStart(from) < monthStart ? weekStart(from) : monthStart, end: weekEnd > monthEnd ? weekEnd : monthEnd };
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** One worker's targets over the weeks and months touching [from, to]. */
export function workerTargets(visits: readonly VisitFact[], from: string, to: string): { weeks: WeekTally[]; months: MonthTally[] } {
  const { weeks, months } = periodsIn(from, to);
  return { weeks: weeks.map((w) => weekTally(visits, w)), months: months.map((m) => monthTally(visits, m)) };
}
