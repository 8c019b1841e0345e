import { localDate, localHourMinute } from '@qgt/shared/domain/calendar';
import { TZ } from './config';

/** Wall-clock parts of an instant in the deployment's zone, for messages (never for arithmetic). */
export function localClock(iso: string, tz = TZ): { date: string; time: string; month: number; day: number } {
  const date = localDate(iso, tz);
  return { date, time: localHourMinute(iso, tz), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}
