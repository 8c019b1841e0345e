import { AppError } from '../errors';
import { addDays, startOfDate } from '../domain/calendar';
import { RequestId } from '../requests/api';
import { SERVICE_CODE, type Open311Status } from './georeport';

/**
 * The arguments of GeoReport v2 `GET requests`, checked. Every list argument is comma-delimited
 * (a repeated parameter counts as one more item). Defaults are the spec's: the last 90 days and
 * at most 1000 requests. `page`/`page_size` are the widely implemented pagination extension.
 */
export interface RequestsQuery {
  /** When given, every other argument is ignored (the spec's rule). */
  ids?: string[];
  serviceCodes?: string[];
  statuses?: Open311Status[];
  /** requested_datetime window, both ends inclusive, as UTC ISO instants. */
  from: string;
  to: string;
  page: number;
  pageSize: number;
}

export const MAX_SPAN_DAYS = 90;
export const MAX_PAGE_SIZE = 1000;
const MAX_IDS = 200;
const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` (a local day) or a W3C date-time, which must carry its zone (Z or ±HH:MM). */
const W3C = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;

const bad = (field: string, message: string) => new AppError('BAD_REQUEST', message, { field });

/** A query argument as one string: repeated parameters are joined like a comma list. */
function text(raw: unknown): string | undefined {
  if (raw === undefined) return undefined;
  return (Array.isArray(raw) ? raw : [raw]).map(String).join(',');
}

function list(raw: unknown, field: string, valid: (s: string) => boolean, what: string): string[] | undefined {
  const s = text(raw);
  if (s === undefined) return undefined;
  const items = s.split(',').map((x) => x.trim());
  const wrong = items.find((x) => !valid(x));
  if (wrong !== undefined) throw bad(field, `${field} 含有无效的${what}：「${wrong.slice(0, 40)}」`);
  return [...new Set(items)];
}

function positiveInt(raw: unknown, field: string, fallback: number, max: number): number {
  const s = text(raw);
  if (s === undefined) return fallback;
  if (!/^\d{1,7}$/.test(s) || Number(s) < 1 || Number(s) > max) throw bad(field, `${field} 应为 1–${max} 的整数`);
  return Number(s);
}

/** 2026-02-30 parses as March 2nd almost everywhere; refuse it instead. */
const realDate = (date: string) => addDays(date, 0) === date;

/** A date means the local day: its start for start_date, its last millisecond for end_date. */
function instant(raw: unknown, field: 'start_date' | 'end_date', tz: string): number | undefined {
  const s = text(raw);
  if (s === undefined) return undefined;
  const ms = W3C.test(s) && realDate(s.slice(0, 10)) ? (s.length === 10 ? startOfDate(field === 'start_date' ? s : addDays(s, 1), tz) - (field === 'end_date' ? 1 : 0) : Date.parse(s)) : NaN;
  if (Number.isNaN(ms)) throw bad(field, `${field} 应为 W3C 日期时间（如 2026-10-09T08:00:00+08:00 或 2026-10-09）`);
  return ms;
}

export function parseRequestsQuery(raw: Record<string, unknown>, now: Date, tz: string): RequestsQuery {
  const page = positiveInt(raw.page, 'page', 1, 100_000);
  const pageSize = positiveInt(raw.page_size, 'page_size', MAX_PAGE_SIZE, MAX_PAGE_SIZE);
  const ids = list(raw.service_request_id, 'service_request_id', (x) => RequestId.safeParse(x).success, '工单编号');
  if (ids) {
    if (ids.length > MAX_IDS) throw bad('service_request_id', `service_request_id 一次最多${MAX_IDS}个`);
    return { ids, from: new Date(0).toISOString(), to: now.toISOString(), page: 1, pageSize: MAX_PAGE_SIZE };
  }
  const serviceCodes = list(raw.service_code, 'service_code', (x) => SERVICE_CODE.test(x), ' service_code');
  const statuses = list(raw.status, 'status', (x) => x === 'open' || x === 'closed', '状态（应为 open 或 closed）') as Open311Status[] | undefined;

  const start = instant(raw.start_date, 'start_date', tz);
  const end = instant(raw.end_date, 'end_date', tz);
  const span = MAX_SPAN_DAYS * DAY_MS;
  const to = end ?? (start !== undefined ? start + span : now.getTime());
  const from = start ?? to - span;
  if (from > to) throw bad('end_date', 'end_date 不能早于 start_date');
  if (to - from > span) throw bad('end_date', `start_date 到 end_date 不能超过${MAX_SPAN_DAYS}天`);
  return { serviceCodes, statuses, from: new Date(from).toISOString(), to: new Date(to).toISOString(), page, pageSize };
}
