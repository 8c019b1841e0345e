import { AppError } from '@qgt/shared/errors';
import { addDays, localTime, startOfDate } from '@qgt/shared/domain/calendar';
import { MAX_SLOT_RANGE_DAYS, TZ } from './config';

const DAY_MS = 86_400_000;
const isDate = (s: string) => s.length === 10;

/** An ISO time; without an offset it is wall time in the deployment's zone. */
export function instant(s: string): number {
  if (/Z|[+-]\d{2}:\d{2}$/.test(s)) return Date.parse(s);
  const [date, time] = s.split('T');
  const [hh, mm, sec = '0'] = time.split(':');
  return localTime(date, `${hh}:${mm}`, TZ) + Math.round(Number(sec) * 1000);
}

/**
 * A window [from, to) as UTC ISO instants. A date means the whole local day, so a date `to` is
 * inclusive (from=to=2026-10-09 is that one day). At most MAX_SLOT_RANGE_DAYS long.
 */
export function slotRange(fromInput: string, toInput: string): { from: string; to: string } {
  const from = isDate(fromInput) ? startOfDate(fromInput, TZ) : instant(fromInput);
  const to = isDate(toInput) ? startOfDate(addDays(toInput, 1), TZ) : instant(toInput);
  if (!(to > from)) throw new AppError('BAD_REQUEST', '结束时间应晚于开始时间', { field: 'data.to' });
  if (to - from > MAX_SLOT_RANGE_DAYS * DAY_MS) throw new AppError('BAD_REQUEST', `查询范围不能超过${MAX_SLOT_RANGE_DAYS}天`, { field: 'data.to' });
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}
