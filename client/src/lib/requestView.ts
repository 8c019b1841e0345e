import type { RequestStatus } from '@qgt/shared/domain/requestState';
import type { RequestView } from '@qgt/shared/requests/views';
import { localDateKey } from './time';

/** Small views over a RequestView for the pages (no zod: shared's runtime values stay on the server). */

export const OPEN: readonly RequestStatus[] = ['assigned', 'accepted', 'escalated'];

/** Default 2 h before the visit (requests.options.visit.cutoffMinutes says the real one). */
export const DEFAULT_CUTOFF_MINUTES = 120;

export function isOpen(r: Pick<RequestView, 'status'>): boolean {
  return OPEN.includes(r.status);
}

/** Names the view knows, for the timeline's "by". */
export function namesOf(r: RequestView): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of [r.owner, r.filedBy, r.firstResponder, r.assignee]) if (p) out[p.openid] = p.name;
  return out;
}

/** Whether a resident may still reschedule or cancel the booked visit (the server decides anyway). */
export function beforeCutoff(r: Pick<RequestView, 'slot'>, cutoffMinutes = DEFAULT_CUTOFF_MINUTES, now = Date.now()): boolean {
  if (!r.slot) return true;
  return Date.parse(r.slot.start) - now >= cutoffMinutes * 60_000;
}

export function can(r: Pick<RequestView, 'actions'>, action: RequestView['actions'][number]): boolean {
  return r.actions.includes(action);
}

/** Open and past its deadline (已超期), as the dashboard's overdue figure counts it. */
export function isOverdue(r: Pick<RequestView, 'status' | 'dueAt'>, now = Date.now()): boolean {
  return isOpen(r) && Date.parse(r.dueAt) < now;
}

/** A doorstep visit whose time has passed while it is still open (上门已过时未办结). */
export function isMissedVisit(r: Pick<RequestView, 'status' | 'kind' | 'slot'>, now = Date.now()): boolean {
  return r.kind === 'visit' && !!r.slot && isOpen(r) && Date.parse(r.slot.end) < now;
}

/** 催办 is once a local day: whether the resident already urged it today. */
export function urgedToday(r: Pick<RequestView, 'urgedAt'>, now = Date.now()): boolean {
  return !!r.urgedAt && localDateKey(r.urgedAt) === localDateKey(now);
}
