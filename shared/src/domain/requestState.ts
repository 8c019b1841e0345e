import * as z from 'zod/mini';
import { CategoryCode, MatterCode } from '../catalog/schema';
import { Code, Instant, LatLngSchema, Openid } from './community';
import { judgeRating, RATING_OUTCOMES, RATING_OUTCOME_LABELS, REOPEN_SCORE } from './satisfaction';

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

export const REQUEST_STATUSES = ['assigned', 'accepted', 'escalated', 'resolved', 'closed', 'cancelled'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const REQUEST_KINDS = ['report', 'visit', 'consult'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];
export const OPEN_STATUSES: readonly RequestStatus[] = ['assigned', 'accepted', 'escalated'];

const text = (max: number, what: string) => z.string().check(z.trim(), z.minLength(1, `请填写${what}`), z.maxLength(max, `${what}不能超过${max}个字`));

/** Events, as parsed from a handler's input (plus `type`). */
export const RequestEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('accept') }),
  /** 业务转接单: to whom, why, what has been done, what is still pending. */
  z.object({
    type: z.literal('transfer'),
    to: Openid,
    reason: text(200, '转交原因'),
    done: z._default(z.string().check(z.trim(), z.maxLength(500)), ''),
    pending: text(500, '待办事项'),
  }),
  /** 吹哨报到: a department is called in; the worker stays the assignee. */
  z.object({ type: z.literal('escalate'), department: Code, reason: text(200, '报请原因') }),
  z.object({ type: z.literal('returnFromDepartment'), note: text(500, '部门答复') }),
  z.object({ type: z.literal('resolve'), note: text(500, '办理结果') }),
  z.object({ type: z.literal('close'), note: z.optional(z.string().check(z.trim(), z.maxLength(200))) }),
  z.object({ type: z.literal('cancel'), reason: z.optional(z.string().check(z.trim(), z.maxLength(200))) }),
  z.object({ type: z.literal('reopen'), reason: text(200, '重新办理原因') }),
  z.object({ type: z.literal('addNote'), note: text(500, '备注') }),
  z.object({
    type: z.literal('rate'),
    score: z.number().check(z.int(), z.gte(1, '评分为1–5'), z.lte(5, '评分为1–5')),
    comment: z.optional(z.string().check(z.trim(), z.maxLength(200))),
    /** 问题解决了吗; absent = derived from the score. */
    outcome: z.optional(z.enum(RATING_OUTCOMES)),
  }),
  /** 改约: a doorstep visit moves to another slot (already taken by the handler). */
  z.object({ type: z.literal('reschedule'), slotId: z.string().check(z.minLength(1), z.maxLength(200)), start: Instant, reason: text(200, '改约原因') }),
]);
export type RequestEvent = z.infer<typeof RequestEventSchema>;
export type RequestEventInput = z.input<typeof RequestEventSchema>;
export type EventType = RequestEvent['type'];
export const EVENT_TYPES = RequestEventSchema.def.options.map((o) => o.shape.type.def.values[0]) as EventType[];

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

export const TimelineEntrySchema = z.object({
  at: Instant,
  type: z.union([z.literal('create'), z.enum(EVENT_TYPES as [EventType, ...EventType[]])]),
  by: Openid,
  /** Internal entries (notes, and staff detail) are never shown to the resident. */
  visibility: z.enum(['resident', 'internal']),
  /** Resident-facing text for resident entries; the note itself for internal ones. */
  note: z.optional(z.string()),
  /** Staff-only data (handoff sheet, department, reasons); stripped from the resident's view. */
  detail: z.optional(z.record(z.string(), z.unknown())),
});
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;

export const RequestSchema = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(64)),
  kind: z.enum(REQUEST_KINDS),
  status: z.enum(REQUEST_STATUSES),
  /** The resident the request belongs to. */
  owner: Openid,
  matterCode: z.optional(MatterCode),
  category: z.optional(CategoryCode),
  description: z.string().check(z.maxLength(1000)),
  location: z.optional(LatLngSchema),
  photos: z._default(z.array(z.string()), []),
  slotId: z.optional(z.string()),
  gridCode: z.optional(Code),
  community: z.optional(Code),
  assignee: Openid,
  /** Set once (first accept, or the desk worker filing for the resident); never changes. */
  firstResponder: z.optional(Openid),
  /** The department last called in by 吹哨报到 (kept after it answers, for the record). */
  department: z.optional(Code),
  dueAt: Instant,
  createdAt: Instant,
  acceptedAt: z.optional(Instant),
  resolvedAt: z.optional(Instant),
  closedAt: z.optional(Instant),
  cancelledAt: z.optional(Instant),
  rating: z.optional(
    z.object({
      score: z.number().check(z.int(), z.gte(1), z.lte(5)),
      comment: z.optional(z.string()),
      at: Instant,
      outcome: z.optional(z.enum(RATING_OUTCOMES)),
      /** score ≥ 4 */
      satisfied: z.optional(z.boolean()),
      /** The rating sent the request back (score ≤ 2 or unresolved). */
      reopened: z.optional(z.boolean()),
    }),
  ),
  /** Closed by the timer 7 days after resolution without a rating: counts as unrated, never satisfied. */
  unrated: z.optional(z.boolean()),
  reopenCount: z._default(z.number().check(z.int(), z.gte(0)), 0),
  /** Bumped on every transition; the store updates only if it still holds `version - 1`. */
  version: z._default(z.number().check(z.int(), z.gte(0)), 0),
  timeline: z._default(z.array(TimelineEntrySchema), []),
});
export type ServiceRequest = z.infer<typeof RequestSchema>;

export type Effect =
  /** `rateReminder`: the 请评价 subscribe message (to the owner only). */
  | { type: 'notify'; to: string; message: string; template?: 'rateReminder' }
  /** A rating reopened the request: open a 回访 task for the community admin. */
  | { type: 'followup' }
  | { type: 'notifyDepartment'; department: string; message: string }
  | { type: 'releaseSlot'; slotId: string };

export type TransitionResult =
  | { ok: true; next: ServiceRequest; effects: Effect[]; timeline: TimelineEntry }
  | { ok: false; code: 'FORBIDDEN' | 'CONFLICT'; message: string };

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

/** What a status means, in words (for messages and outside systems). */
export const STATUS_LABELS: Record<RequestStatus, string> = {
  assigned: '待接单',
  accepted: '办理中',
  escalated: '部门协办中',
  resolved: '已办结待评价',
  closed: '已关闭',
  cancelled: '已取消',
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

const fail = (code: 'FORBIDDEN' | 'CONFLICT', message: string): TransitionResult => ({ ok: false, code, message });

/** Applies one event. `now` is an ISO instant; it is stored as UTC. */
export function transition(request: ServiceRequest, event: RequestEvent, actor: Actor, now: string): TransitionResult {
  const rule = RULES[event.type];
  const rel = relationsOf(request, actor);
  if (!rule.by.some((b) => rel.has(b))) return fail('FORBIDDEN', '没有权限进行此操作');
  if (!rule.from.includes(request.status)) return fail('CONFLICT', `工单当前状态为「${STATUS_LABELS[request.status]}」，不能进行此操作`);

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
      if (event.to === request.assignee) return fail('CONFLICT', '该人员已是当前处理人');
      if (event.to === request.owner) return fail('CONFLICT', '不能转交给诉求人本人');
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
      if (!request.slotId) return fail('CONFLICT', '该诉求没有预约时段，不能改约');
      if (event.slotId === request.slotId) return fail('CONFLICT', '新时段与原时段相同');
      return done(
        { slotId: event.slotId },
        entry('resident', `预约已改期：${event.reason}`, { from: request.slotId, to: event.slotId, start: event.start }),
        [{ type: 'releaseSlot', slotId: request.slotId }, ...notifyAssignee(`上门预约已改期：${event.reason}`)],
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
  input: Omit<z.input<typeof RequestSchema>, 'status' | 'createdAt' | 'timeline' | 'version' | 'reopenCount'> & {
    /** The desk (综合窗口) worker who files on the resident's behalf, if any. */
    filedBy?: string;
    /** The routing reason and steps, kept as staff detail. */
    route?: { reason: string; steps: unknown[] };
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
    ...(route && { detail: { route: route.reason, steps: route.steps } }),
  };
  return { ...fields, photos, status: 'assigned', createdAt: at, firstResponder: filedBy ?? firstResponder, version: 0, reopenCount: 0, timeline: [created] };
}
