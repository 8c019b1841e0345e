import type { RequestEvent, RequestInput, ServiceRequest, TimelineEntry } from './requestSchema';
import { EVENT_TYPES, OPEN_STATUSES, REQUEST_STATUSES, type EventType, type RequestStatus } from './requestCodes';
import { STATUS_LABELS } from '../vocabulary/requests';
import { judgeRating, RATING_OUTCOME_LABELS, REOPEN_SCORE } from './satisfaction';

/**
 * The request (诉求/工单) state machine as data. `transition()` is pure: it checks who may do what
 * in which status, and returns the next request, the effects for the caller to run, and the
 * timeline entry it appended. The handler stores `next` with a compare-and-set on `version`.
 *
 *   assigned ─accept→ accepted ─escalate→ escalated ─returnFromDepartment→ accepted
 *   accepted ─resolve→ resolved ─close / rate ≥ 3 (not "unresolved")→ closed
 *   resolved ─reopen / rate ≤ 2 / rate "unresolved"→ accepted, assignee = the first responder again;  assigned|accepted ─transfer→ assigned (new assignee)
 *   assigned|accepted|escalated ─cancel→ cancelled;  addNote: any status, no change
 *   assigned|accepted ─reschedule→ same status, new slot (doorstep visits)
 */

export { EVENT_TYPES, OPEN_STATUSES, REQUEST_KINDS, REQUEST_STATUSES } from './requestCodes';
export type { EventType, RequestKind, RequestStatus } from './requestCodes';
export { STATUS_LABELS } from '../vocabulary/requests';

export type { RequestEvent, RequestEventInput, RequestInput, ServiceRequest, TimelineEntry } from './requestSchema';

/** Who is acting. Role comes from the store; `department` is set for department staff. */
export interface Actor {
  openid: string;
  role: 'resident' | 'worker' | 'admin' | 'system';
  department?: string;
  /** Grids the actor covers (workers), for `canView`. */
  grids?: readonly string[];
}

/** The actor's relations to one request; rules are written against these, never against names. */
export const RELATIONS = ['owner', 'assignee', 'firstResponder', 'department', 'admin', 'system'] as const;
export type Relation = (typeof RELATIONS)[number];

/**
 * Every field a stored request may have, as the diff of a transition walks them. The `satisfies`
 * keeps it exactly ServiceRequest's keys; a test checks it against RequestSchema too.
 */
export const REQUEST_FIELDS = Object.keys({
  id: true,
  kind: true,
  status: true,
  owner: true,
  matterCode: true,
  category: true,
  description: true,
  location: true,
  photos: true,
  slotId: true,
  gridCode: true,
  community: true,
  assignee: true,
  firstResponder: true,
  department: true,
  dueAt: true,
  createdAt: true,
  acceptedAt: true,
  resolvedAt: true,
  closedAt: true,
  cancelledAt: true,
  rating: true,
  unrated: true,
  reopenCount: true,
  version: true,
  timeline: true,
} satisfies Record<keyof ServiceRequest, true>) as (keyof ServiceRequest)[];

export type Effect =
  /** `rateReminder`: the 请评价 subscribe message (to the owner only). */
  | { type: 'notify'; to: string; message: string; template?: 'rateReminder' }
  /** A rating reopened the request: open a 回访 task for the community admin. */
  | { type: 'followup' }
  | { type: 'notifyDepartment'; department: string; message: string }
  | { type: 'releaseSlot'; slotId: string };

export type TransitionResult =
  | { ok: true; next: ServiceRequest; effects: Effect[]; timeline: TimelineEntry }
  | { ok: false; code: 'FORBIDDEN' | 'CONFLICT'; reason: TransitionRefusal; message: string };

/** Stable names of the refusals (the AppError `reason` the caller sees). */
export type TransitionRefusal = 'notAllowed' | 'wrongStatus' | 'alreadyAssignee' | 'transferToOwner' | 'noSlot' | 'sameSlot';

/** Who may fire each event, and from which statuses. FORBIDDEN is checked before CONFLICT. */
export const RULES: Record<EventType, { from: readonly RequestStatus[]; by: readonly Relation[] }> = {
  accept: { from: ['assigned'], by: ['assignee'] },
  transfer: { from: ['assigned', 'accepted'], by: ['assignee', 'admin'] },
  escalate: { from: ['accepted'], by: ['assignee', 'admin'] },
  returnFromDepartment: { from: ['escalated'], by: ['department', 'admin'] },
  resolve: { from: ['accepted'], by: ['assignee'] },
  close: { from: ['resolved'], by: ['owner', 'admin', 'system'] },
  cancel: { from: OPEN_STATUSES, by: ['owner', 'admin'] },
  reopen: { from: ['resolved'], by: ['owner', 'admin'] },
  addNote: { from: REQUEST_STATUSES, by: ['assignee', 'firstResponder', 'department', 'admin'] },
  rate: { from: ['resolved'], by: ['owner'] },
  reschedule: { from: ['assigned', 'accepted'], by: ['owner', 'admin'] },
};

/** A rating at or below this reopens the request. */
export { REOPEN_SCORE };

export function relationsOf(request: Pick<ServiceRequest, 'owner' | 'assignee' | 'firstResponder' | 'department'>, actor: Actor): Set<Relation> {
  const r = new Set<Relation>();
  if (actor.role === 'system') r.add('system');
  if (actor.role === 'admin') r.add('admin');
  if (actor.openid === request.owner) r.add('owner');
  if (actor.role !== 'resident' && actor.openid === request.assignee) r.add('assignee');
  if (actor.role !== 'resident' && actor.openid === request.firstResponder) r.add('firstResponder');
  if (actor.role !== 'resident' && actor.department !== undefined && actor.department === request.department) r.add('department');
  return r;
}

/** Whether the actor may see the request at all (the first responder keeps seeing it after a transfer). */
export function canView(request: ServiceRequest, actor: Actor): boolean {
  if (relationsOf(request, actor).size > 0) return true;
  return actor.role === 'worker' && request.gridCode !== undefined && (actor.grids ?? []).includes(request.gridCode);
}

/** Events the actor could fire now (for showing buttons); `transition` remains the authority. */
export function allowedEvents(request: ServiceRequest, actor: Actor): EventType[] {
  const rel = relationsOf(request, actor);
  return EVENT_TYPES.filter((t) => RULES[t].from.includes(request.status) && RULES[t].by.some((b) => rel.has(b)));
}

/** The timeline as the resident sees it: resident entries only, without staff detail. */
export function residentTimeline(timeline: readonly TimelineEntry[]): Pick<TimelineEntry, 'at' | 'type' | 'by' | 'note'>[] {
  return timeline.filter((e) => e.visibility === 'resident').map(({ at, type, by, note }) => (note === undefined ? { at, type, by } : { at, type, by, note }));
}

const fail = (code: 'FORBIDDEN' | 'CONFLICT', reason: TransitionRefusal, message: string): TransitionResult => ({ ok: false, code, reason, message });

/** Applies one event. `now` is an ISO instant; it is stored as UTC. */
export function transition(request: ServiceRequest, event: RequestEvent, actor: Actor, now: string): TransitionResult {
  const rule = RULES[event.type];
  const rel = relationsOf(request, actor);
  if (!rule.by.some((b) => rel.has(b))) return fail('FORBIDDEN', 'notAllowed', '没有权限进行此操作');
  if (!rule.from.includes(request.status)) return fail('CONFLICT', 'wrongStatus', `工单当前状态为「${STATUS_LABELS[request.status]}」，不能进行此操作`);

  const at = new Date(now).toISOString();
  const entry = (visibility: TimelineEntry['visibility'], note?: string, detail?: Record<string, unknown>): TimelineEntry => ({
    at,
    type: event.type,
    by: actor.openid,
    visibility,
    ...(note !== undefined && { note }),
    ...(detail && { detail }),
  });
  const done = (changes: Partial<ServiceRequest>, timeline: TimelineEntry, effects: Effect[] = []): TransitionResult => ({
    ok: true,
    next: { ...request, ...changes, version: request.version + 1, timeline: [...request.timeline, timeline] },
    effects,
    timeline,
  });
  const notifyOwner = (message: string): Effect[] => (actor.openid === request.owner ? [] : [{ type: 'notify', to: request.owner, message }]);
  const notifyAssignee = (message: string): Effect[] => (actor.openid === request.assignee ? [] : [{ type: 'notify', to: request.assignee, message }]);
  // 首问负责: a reopened request goes back to its first responder, whoever had it last.
  const backTo = request.firstResponder ?? request.assignee;
  const reopened = (): Partial<ServiceRequest> => ({ status: 'accepted', assignee: backTo, resolvedAt: undefined, reopenCount: request.reopenCount + 1 });
  const notifyBackTo = (message: string): Effect[] => (actor.openid === backTo ? [] : [{ type: 'notify', to: backTo, message }]);

  switch (event.type) {
    case 'accept':
      return done(
        { status: 'accepted', acceptedAt: request.acceptedAt ?? at, firstResponder: request.firstResponder ?? actor.openid },
        entry('resident', '工作人员已接单'),
        notifyOwner('您的诉求已受理，正在办理'),
      );
    case 'transfer': {
      if (event.to === request.assignee) return fail('CONFLICT', 'alreadyAssignee', '该人员已是当前处理人');
      if (event.to === request.owner) return fail('CONFLICT', 'transferToOwner', '不能转交给诉求人本人');
      const { to, reason, done: handled, pending } = event;
      return done(
        { status: 'assigned', assignee: to },
        entry('resident', '已转交其他工作人员继续办理', { from: request.assignee, to, reason, done: handled, pending }),
        [{ type: 'notify', to, message: `收到转交工单：${reason}` }],
      );
    }
    case 'escalate':
      return done(
        { status: 'escalated', department: event.department },
        entry('resident', '已报请相关部门协同处理', { department: event.department, reason: event.reason }),
        [{ type: 'notifyDepartment', department: event.department, message: `吹哨报到：${event.reason}` }],
      );
    case 'returnFromDepartment':
      return done(
        { status: 'accepted' },
        entry('resident', '相关部门已答复，继续办理', { department: request.department, answer: event.note }),
        notifyAssignee('部门已答复，请继续办理'),
      );
    case 'resolve':
      return done(
        { status: 'resolved', resolvedAt: at },
        entry('resident', event.note),
        actor.openid === request.owner ? [] : [{ type: 'notify', to: request.owner, message: '您的诉求已办结，请评价', template: 'rateReminder' }],
      );
    case 'close': {
      const unrated = actor.role === 'system' && request.rating === undefined;
      return done({ status: 'closed', closedAt: at, ...(unrated && { unrated: true }) }, entry('resident', event.note ?? (unrated ? '超时未评价，自动关闭' : '已关闭')));
    }
    case 'cancel': {
      const effects: Effect[] = [...notifyAssignee('诉求已取消')];
      if (request.status === 'escalated' && request.department) effects.push({ type: 'notifyDepartment', department: request.department, message: '诉求已取消，无需继续协办' });
      if (request.slotId) effects.push({ type: 'releaseSlot', slotId: request.slotId });
      return done({ status: 'cancelled', cancelledAt: at }, entry('resident', event.reason ?? '已取消'), effects);
    }
    case 'reopen':
      return done(reopened(), entry('resident', event.reason, { from: request.assignee, to: backTo }), notifyBackTo(`诉求被退回重办：${event.reason}`));
    case 'addNote':
      return done({}, entry('internal', event.note));
    case 'rate': {
      const judged = judgeRating(event);
      const rating = { score: event.score, at, ...(event.comment !== undefined && { comment: event.comment }), outcome: judged.outcome, satisfied: judged.satisfied, reopened: judged.reopen };
      const note = `评价${event.score}星（${RATING_OUTCOME_LABELS[judged.outcome]}）${event.comment ? `：${event.comment}` : ''}`;
      if (judged.reopen) {
        const message = backTo === request.firstResponder ? '您首问的诉求被退回重办，请跟进' : '居民评价不满意，工单已退回重办';
        return done({ ...reopened(), rating }, entry('resident', `${note}（重新办理）`, { from: request.assignee, to: backTo }), [...notifyBackTo(message), { type: 'followup' }]);
      }
      return done({ status: 'closed', closedAt: at, rating }, entry('resident', note));
    }
    case 'reschedule': {
      if (!request.slotId) return fail('CONFLICT', 'noSlot', '该诉求没有预约时段，不能改约');
      if (event.slotId === request.slotId) return fail('CONFLICT', 'sameSlot', '新时段与原时段相同');
      // The entry shows the old and the new time; the reason is the resident's to give or not.
      const what = [event.change, event.reason && (event.change ? `（${event.reason}）` : event.reason)].filter(Boolean).join('');
      const note = what ? `预约已改期：${what}` : '预约已改期';
      return done(
        { slotId: event.slotId },
        entry('resident', note, { from: request.slotId, to: event.slotId, start: event.start }),
        [{ type: 'releaseSlot', slotId: request.slotId }, ...notifyAssignee(`上门${note}`)],
      );
    }
  }
}

/**
 * Creates a request in `assigned` from input the handler already parsed (no second parse: it was a
 * tenth of a create's cost; the types hold the shape, the tests hold the values).
 * The first responder (首问负责) is the desk worker filing for a resident, else the worker routing
 * reached (`firstResponder`); with manual dispatch it stays unset until the first accept.
 */
export function createRequest(
  input: Omit<RequestInput, 'status' | 'createdAt' | 'timeline' | 'version' | 'reopenCount'> & {
    /** The desk (综合窗口) worker who files on the resident's behalf, if any. */
    filedBy?: string;
    /** The routing reason's code (vocabulary/routing) and steps, kept as staff detail. */
    route?: { reasonCode: string; steps: unknown[] };
  },
  now: string,
): ServiceRequest {
  const { filedBy, route, firstResponder, photos = [], ...fields } = input;
  const at = new Date(now).toISOString();
  const created: TimelineEntry = {
    at,
    type: 'create',
    by: filedBy ?? input.owner,
    visibility: 'resident',
    note: filedBy ? '工作人员代为登记' : '诉求已提交',
    ...(route && { detail: { routeCode: route.reasonCode, steps: route.steps } }),
  };
  return { ...fields, photos, status: 'assigned', createdAt: at, firstResponder: filedBy ?? firstResponder, version: 0, reopenCount: 0, timeline: [created] };
}
