import { AppError } from '../errors';
import { addDays, startOfDate } from '../domain/calendar';
import { RequestId } from '../requests/schemas';
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

/**
 * `YYYY-MM-DD` (a local day) or a W3C date-time, which must carry its zone (Z or ±HH:MM). Any
 * number of fractional digits: Python's `isoformat()` writes six; beyond milliseconds they are cut.
 */
const W3C = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;
const toMillis = (s: string) => Date.parse(s.replace(/(\.\d{3})\d+/, '$1'));

const bad = (field: string, message: string) => new AppError('BAD_REQUEST', message, { field });

/**
 * A query argument as one string: repeated parameters are joined like a comma list. An empty
 * argument (`status=`, which clients send for "any") counts as absent.
 */
function text(raw: unknown): string | undefined {
  if (raw === undefined) return undefined;
  const parts = (Array.isArray(raw) ? raw : [raw]).map(String).filter((x) => x.trim() !== '');
  return parts.length ? parts.join(',') : undefined;
}

/**
 * A comma list. Items that cannot name anything we hold (a malformed id or service code) match
 * nothing rather than failing the call, as an unknown one does: `[]` then means "no match".
 */
function list(raw: unknown, valid: (s: string) => boolean): string[] | undefined {
  const s = text(raw);
  if (s === undefined) return undefined;
  return [...new Set(s.split(',').map((x) => x.trim()).filter((x) => x !== '' && valid(x)))];
}

/** A positive integer; above `max` it is clamped (a client asking for more gets the most we give). */
function positiveInt(raw: unknown, field: string, fallback: number, max: number): number {
  const s = text(raw);
  if (s === undefined) return fallback;
  if (!/^\d{1,12}$/.test(s) || Number(s) < 1) throw bad(field, `${field} 应为不小于 1 的整数`);
  return Math.min(Number(s), max);
}

/** 2026-02-30 parses as March 2nd almost everywhere; refuse it instead. */
const realDate = (date: string) => addDays(date, 0) === date;

/** A date means the local day: its start for start_date, its last millisecond for end_date. */
function instant(raw: unknown, field: 'start_date' | 'end_date', tz: string): number | undefined {
  const s = text(raw);
  if (s === undefined) return undefined;
  const ms = W3C.test(s) && realDate(s.slice(0, 10)) ? (s.length === 10 ? startOfDate(field === 'start_date' ? s : addDays(s, 1), tz) - (field === 'end_date' ? 1 : 0) : toMillis(s)) : NaN;
  if (Number.isNaN(ms)) throw bad(field, `${field} 应为 W3C 日期时间（如 2026-10-09T08:00:00+08:00 或 2026-10-09）`);
  return ms;
}

/**
 * The `start_date`/`end_date` window, both ends inclusive. A span over 90 days is cut to the 90
 * days from its start (the spec lets a server limit it), so a client paging forward loses nothing.
 */
export function parseWindow(raw: Record<string, unknown>, now: Date, tz: string): { from: string; to: string } {
  const start = instant(raw.start_date, 'start_date', tz);
  const end = instant(raw.end_date, 'end_date', tz);
  const span = MAX_SPAN_DAYS * DAY_MS;
  const from = start ?? (end ?? now.getTime()) - span;
  const to = Math.min(end ?? (start !== undefined ? start + span : now.getTime()), from + span);
  if (from > to) throw bad('end_date', 'end_date 不能早于 start_date');
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}

export function parseRequestsQuery(raw: Record<string, unknown>, now: Date, tz: string): RequestsQuery {
  const page = positiveInt(raw.page, 'page', 1, 100_000);
  const pageSize = positiveInt(raw.page_size, 'page_size', MAX_PAGE_SIZE, MAX_PAGE_SIZE);
  const ids = list(raw.service_request_id, (x) => RequestId.safeParse(x).success);
  if (ids) return { ids: ids.slice(0, MAX_IDS), from: new Date(0).toISOString(), to: now.toISOString(), page: 1, pageSize: MAX_PAGE_SIZE };
  const serviceCodes = list(raw.service_code, (x) => SERVICE_CODE.test(x));
  const statusText = text(raw.status);
  const statuses = statusText?.split(',').map((x) => x.trim()).filter((x) => x !== '');
  const wrong = statuses?.find((x) => x !== 'open' && x !== 'closed');
  if (wrong !== undefined) throw bad('status', `status 含有无效的状态（应为 open 或 closed）：「${wrong.slice(0, 40)}」`);
  return { serviceCodes, statuses: statuses && ([...new Set(statuses)] as Open311Status[]), ...parseWindow(raw, now, tz), page, pageSize };
}
