import dayjs, { type Dayjs } from 'dayjs';
import isoWeek from 'dayjs/plugin/isoWeek';
import utc from 'dayjs/plugin/utc';
import 'dayjs/locale/zh-cn';

/**
 * The one formatter of dates and times shown to people, in community time (Asia/Shanghai, UTC+8
 * all year: China has no daylight saving — a fixed offset, not Intl, so every WeChat base library
 * and browser shows the same thing). One style everywhere:
 * - a date: `12月7日` within the current year, `2026年12月7日` otherwise;
 * - a moment on screen (whenLabel): `今天 14:00`, `昨天 09:30`, `明天 10:00`, `3天前`, else the
 *   date with its time; printed sheets use the fixed form (dateTimeLabel);
 * - a week of the dashboard: its days, `11月30日–12月6日`.
 * The functions keep their own calendar code (holidays, working days); this is display only.
 * Every function takes `now` so tests use literal times.
 */
dayjs.extend(utc);
dayjs.extend(isoWeek);

const OFFSET_MIN = 8 * 60;
const DATE_KEY = /^\d{4}-\d{2}-\d{2}$/;

type When = string | number;

/** The instant in community time; a bare `YYYY-MM-DD` is that local day. Null when unreadable. */
function local(t: When): Dayjs | null {
  const d = typeof t === 'string' && DATE_KEY.test(t) ? dayjs.utc(t).utcOffset(OFFSET_MIN, true) : dayjs(t).utcOffset(OFFSET_MIN);
  return d.isValid() ? d.locale('zh-cn') : null;
}

/** Whole local days from `now`'s day to `t`'s day (negative: in the past). */
function dayOffset(d: Dayjs, now: When): number {
  const today = local(now)!.format('YYYY-MM-DD');
  return dayjs.utc(d.format('YYYY-MM-DD')).diff(dayjs.utc(today), 'day');
}

const RELATIVE_DAY: Record<number, string> = { [-1]: '昨天', 0: '今天', 1: '明天' };

/** `YYYY-MM-DD` of the local day (a key for grouping and for calls, not for people). */
export function localDateKey(t: When): string {
  return local(t)?.format('YYYY-MM-DD') ?? '';
}

/** The local date `days` after today, `YYYY-MM-DD`. */
export function localDateAfter(days: number, now: When = Date.now()): string {
  return localDateKey(dayjs(now).valueOf() + days * 86_400_000);
}

/** `12月7日`, or `2026年12月7日` outside the current year. */
export function dateLabel(t: When, now: When = Date.now()): string {
  const d = local(t);
  if (!d) return '';
  return d.year() === local(now)!.year() ? d.format('M月D日') : d.format('YYYY年M月D日');
}

/** `14:30`. */
export function timeLabel(t: When): string {
  return local(t)?.format('HH:mm') ?? '';
}

/** `12月7日 14:30`: the fixed form, for printed sheets. */
export function dateTimeLabel(t: When, now: When = Date.now()): string {
  const d = local(t);
  return d ? `${dateLabel(t, now)} ${d.format('HH:mm')}` : '';
}

/** When something happened or will: `今天 14:00`, `昨天 09:30`, `明天 10:00`, `3天前` (within a week), else the fixed form. */
export function whenLabel(t: When, now: When = Date.now()): string {
  const d = local(t);
  if (!d) return '';
  const days = dayOffset(d, now);
  if (RELATIVE_DAY[days]) return `${RELATIVE_DAY[days]} ${d.format('HH:mm')}`;
  if (days < 0 && days > -7) return `${-days}天前`;
  return dateTimeLabel(t, now);
}

/** `12月7日 周一` (slots are chosen by weekday). */
export function dayLabel(t: When, now: When = Date.now()): string {
  const d = local(t);
  return d ? `${dateLabel(t, now)} ${d.format('ddd')}` : '';
}

/** `今天 12月7日 周一` / `明天 …` / the day label, for grouping slots. */
export function relativeDayLabel(t: When, now: When = Date.now()): string {
  const d = local(t);
  if (!d) return '';
  const days = dayOffset(d, now);
  return days === 0 || days === 1 ? `${RELATIVE_DAY[days]} ${dayLabel(t, now)}` : dayLabel(t, now);
}

/** `12月8日 周二 09:00–10:00`. */
export function slotLabel(start: string, end: string, now: When = Date.now()): string {
  return `${dayLabel(start, now)} ${timeLabel(start)}–${timeLabel(end)}`;
}

/**
 * A deadline: `今天 18:00 前`, `12月8日 24:00 前` for a due instant at local midnight (the end of
 * the day before). `fixed` for printed sheets: the date, never 今天/明天.
 */
export function dueLabel(t: When, now: When = Date.now(), fixed = false): string {
  const d = local(t);
  if (!d) return '';
  const midnight = d.hour() === 0 && d.minute() === 0;
  const day = midnight ? d.subtract(1, 'minute') : d;
  const days = dayOffset(day, now);
  const date = !fixed && RELATIVE_DAY[days] ? RELATIVE_DAY[days] : dateLabel(day.valueOf(), now);
  return `${date} ${midnight ? '24:00' : d.format('HH:mm')} 前`;
}

/** A period of local days: `11月1日 至 11月24日`; `至今` when open-ended. */
export function dateRangeLabel(from: string, to: string | undefined, now: When = Date.now()): string {
  return `${dateLabel(from, now)} 至 ${to ? dateLabel(to, now) : '今'}`;
}

/**
 * An ISO week (`2026-W49`, as admin.metrics counts them) as people read it: its Monday to Sunday,
 * `11月30日–12月6日` (the month once when both days share it). Anything else is shown as given.
 */
export function weekLabel(week: string): string {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!m) return week;
  // Week 1 is the week holding 4 January; weeks start on Monday.
  const monday = dayjs.utc(`${m[1]}-01-04`).isoWeekday(1).add(Number(m[2]) - 1, 'week');
  const sunday = monday.add(6, 'day');
  return `${monday.format('M月D日')}–${sunday.month() === monday.month() ? sunday.format('D日') : sunday.format('M月D日')}`;
}
