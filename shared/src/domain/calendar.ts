import chineseDays from 'chinese-days/dist/chinese-days.json';
import { WEEKDAYS, type Weekday } from './fields';

/**
 * Working days and local dates. Dates are `YYYY-MM-DD` strings in the deployment's time zone;
 * instants are ISO strings. Date arithmetic on the strings is done in UTC so the host's own
 * time zone never matters.
 */

export const DEFAULT_TZ = 'Asia/Shanghai';

/**
 * UTC offsets (minutes) of the zones deployments run in. Asia/Shanghai has been UTC+8 all year
 * since 1991 (no daylight saving), so local wall time is plain arithmetic on the offset: the same
 * on every host, and far cheaper than a time-zone database lookup on the request path.
 * A zone with daylight saving cannot be listed here.
 */
const FIXED_OFFSET_MINUTES: Readonly<Record<string, number>> = { 'Asia/Shanghai': 480 };

function offsetMs(tz: string): number {
  const minutes = FIXED_OFFSET_MINUTES[tz];
  if (minutes === undefined) throw new Error(`unsupported time zone ${tz}: only ${Object.keys(FIXED_OFFSET_MINUTES).join(', ')}`);
  return minutes * 60_000;
}

const DAY_MS = 86_400_000;

/** Milliseconds since the epoch, shifted so that UTC arithmetic on them gives local wall time in `tz`. */
function wallMs(instant: string | number, tz: string): number {
  const t = typeof instant === 'number' ? instant : Date.parse(instant);
  if (Number.isNaN(t)) throw new RangeError(`invalid instant ${instant}`);
  return t + offsetMs(tz);
}

/**
 * Dates as day numbers (days since 1970-01-01) and back, by arithmetic: the request path and the
 * timer walk many days per call, and a Date object and an ISO string per step cost ten times more.
 */
function dayNumber(date: string): number {
  const [y, m, d] = date.split('-');
  return Date.UTC(+y, +m - 1, +d) / DAY_MS;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/** `YYYY-MM-DD` of a day number (the civil-from-days algorithm of H. Hinnant's date library). */
function dateOfDay(days: number): string {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** Which local dates are working days (holidays off, 调休 weekend days on). */
export interface WorkCalendar {
  isWorkday(date: string): boolean;
}

/**
 * The first year of chinese-days' schedule we use: the product's records start in 2025, so older
 * years are never asked for. Earlier dates count as plain Mon–Fri everywhere, and the cloud
 * function bundles leave those years' data out (scripts/chinese-days-plugin.ts: ~40 KB a bundle).
 */
export const CHINA_CALENDAR_FIRST_YEAR = 2024;

/** The entries of a chinese-days table from CHINA_CALENDAR_FIRST_YEAR on (keys are `YYYY-MM-DD`). */
export function fromFirstYear(table: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(table).filter(([date]) => Number(date.slice(0, 4)) >= CHINA_CALENDAR_FIRST_YEAR));
}

/**
 * chinese-days' official schedule, read from its data tables rather than its `isWorkday()`: that
 * function formats dates with the host's local getters and its own tables shift by a day on hosts
 * west of UTC. Weekdays are computed here in UTC from the date string, so any host agrees.
 */
const CN_HOLIDAYS: Readonly<Record<string, string>> = fromFirstYear(chineseDays.holidays);
const CN_WORKDAYS: Readonly<Record<string, string>> = fromFirstYear(chineseDays.workdays);

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
  return dateOfDay(Math.floor(wallMs(instant, tz) / DAY_MS));
}

/** The local wall time `HH:mm` of an instant. */
export function localHourMinute(instant: string | number, tz: string): string {
  const minutes = Math.floor((((wallMs(instant, tz) % DAY_MS) + DAY_MS) % DAY_MS) / 60_000);
  return `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
}

/** The date `n` days after `date`. */
export function addDays(date: string, n: number): string {
  return dateOfDay(dayNumber(date) + n);
}

export function weekdayOf(date: string): Weekday {
  // 1970-01-01 was a Thursday.
  return WEEKDAYS[(((dayNumber(date) + 4) % 7) + 7) % 7];
}

/** The instant (epoch ms) of local wall time `HH:mm` on `date`; `24:00` is the next day's 00:00. */
export function localTime(date: string, hhmm: string, tz: string): number {
  const [hh, mm] = hhmm.split(':');
  return dayNumber(date) * DAY_MS + (+hh * 60 + +mm) * 60_000 - offsetMs(tz);
}

/** The instant a local date starts (00:00). */
export function startOfDate(date: string, tz: string): number {
  return localTime(date, '00:00', tz);
}

export function isWeekend(date: string): boolean {
  const w = weekdayOf(date);
  return w === 'sat' || w === 'sun';
}
