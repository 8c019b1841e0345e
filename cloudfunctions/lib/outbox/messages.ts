import { DEFAULT_TZ, localDate, localHourMinute } from '@qgt/shared/domain/calendar';

/**
 * Times as people read them in messages, notices and timelines, in the deployment's zone (never
 * for arithmetic: the functions' calendar code in shared/domain/calendar does that).
 */

/** Wall-clock parts of an instant. */
export function localClock(iso: string, tz = DEFAULT_TZ): { date: string; time: string; month: number; day: number } {
  const date = localDate(iso, tz);
  return { date, time: localHourMinute(iso, tz), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

/** `10月12日 09:00`. */
export function monthDayTime(iso: string, tz = DEFAULT_TZ): string {
  const { month, day, time } = localClock(iso, tz);
  return `${month}月${day}日 ${time}`;
}

/** `2026年10月12日 09:00` (subscribe messages' time fields). */
export function fullDateTime(iso: string, tz = DEFAULT_TZ): string {
  const { date, month, day, time } = localClock(iso, tz);
  return `${Number(date.slice(0, 4))}年${month}月${day}日 ${time}`;
}
