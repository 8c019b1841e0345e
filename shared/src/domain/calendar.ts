import chineseDays from 'chinese-days/dist/chinese-days.json';
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import { WEEKDAYS, type Weekday } from './community';

// Registering plugins is idempotent configuration of the library, not state that varies.
dayjs.extend(utc);
dayjs.extend(timezone);

/**
 * Working days and local dates. Dates are `YYYY-MM-DD` strings in the deployment's time zone;
 * instants are ISO strings. Date arithmetic on the strings is done in UTC so the host's own
 * time zone never matters.
 */

export const DEFAULT_TZ = 'Asia/Shanghai';

/** Which local dates are working days (holidays off, 调休 weekend days on). */
export interface WorkCalendar {
  isWorkday(date: string): boolean;
}

/**
 * chinese-days' official schedule, read from its data tables rather than its `isWorkday()`: that
 * function formats dates with the host's local getters and its own tables shift by a day on hosts
 * west of UTC. Weekdays are computed here in UTC from the date string, so any host agrees.
 */
const CN_HOLIDAYS: Readonly<Record<string, string>> = chineseDays.holidays;
const CN_WORKDAYS: Readonly<Record<string, string>> = chineseDays.workdays;

/** The last year chinese-days has official data for; later years fall back to plain Mon–Fri. */
export const CHINA_CALENDAR_LAST_YEAR = Math.max(...Object.keys(CN_HOLIDAYS).map((d) => Number(d.slice(0, 4))));

export const chinaCalendar: WorkCalendar = {
  isWorkday(date) {
    if (date in CN_WORKDAYS) return true;
    if (date in CN_HOLIDAYS) return false;
    return !isWeekend(date);
  },
};

/** What chinese-days calls the day (e.g. `National Day,国庆节,3`), for reasons and tests. */
export function chinaDayName(date: string): string | undefined {
  return CN_WORKDAYS[date] ?? CN_HOLIDAYS[date];
}

/** A calendar with local adjustments (e.g. a year not yet in chinese-days, or a 街道's own day off). */
export function withAdjustments(base: WorkCalendar, adj: { holidays?: readonly string[]; workdays?: readonly string[] }): WorkCalendar {
  const off = new Set(adj.holidays ?? []);
  const on = new Set(adj.workdays ?? []);
  return { isWorkday: (date) => on.has(date) || (!off.has(date) && base.isWorkday(date)) };
}

/** The local calendar date of an instant. */
export function localDate(instant: string | number, tz: string): string {
  return dayjs(instant).tz(tz).format('YYYY-MM-DD');
}

/** The date `n` days after `date`. */
export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

export function weekdayOf(date: string): Weekday {
  const [y, m, d] = date.split('-').map(Number);
  return WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
}

/** The instant (epoch ms) of local wall time `HH:mm` on `date`; `24:00` is the next day's 00:00. */
export function localTime(date: string, hhmm: string, tz: string): number {
  if (hhmm === '24:00') return localTime(addDays(date, 1), '00:00', tz);
  return dayjs.tz(`${date} ${hhmm}`, tz).valueOf();
}

/** The instant a local date starts (00:00). */
export function startOfDate(date: string, tz: string): number {
  return localTime(date, '00:00', tz);
}

export function isWeekend(date: string): boolean {
  const w = weekdayOf(date);
  return w === 'sat' || w === 'sun';
}
