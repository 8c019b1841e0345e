import * as z from 'zod/mini';
import { CategoryCode, MatterCode } from '../catalog/codeSchemas';
import { Code, Instant, LatLngSchema, Openid, RecordedIdentity } from './community';
import { EVENT_TYPES, REQUEST_KINDS, REQUEST_STATUSES, type EventType } from './requestCodes';
import { RATING_OUTCOMES } from './satisfaction';
import { text } from '../textFields';

/**
 * Schemas of a request and of the events of its state machine (requestState.ts has the machine):
 * the types come from here, and the tests check the machine against them. The functions build
 * none of them at run time: handlers parse their own inputs, and a stored request is one we wrote.
 */

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
  z.object({
    type: z.literal('reschedule'),
    slotId: z.string().check(z.minLength(1), z.maxLength(200)),
    start: Instant,
    reason: z.optional(z.string().check(z.trim(), z.maxLength(200))),
    /** The move as people read it (10月12日 09:00 → 10月13日 14:00), made by the caller in the local zone. */
    change: z.optional(z.string().check(z.maxLength(60))),
  }),
]);
export type RequestEvent = z.infer<typeof RequestEventSchema>;
export type RequestEventInput = z.input<typeof RequestEventSchema>;
/** Compile-time: the event schemas name exactly the codes of EVENT_TYPES. */
const eventCodesMatch: [RequestEvent['type']] extends [EventType] ? ([EventType] extends [RequestEvent['type']] ? true : never) : never = true;
void eventCodesMatch;

export const TimelineEntrySchema = z.object({
  at: Instant,
  type: z.union([z.literal('create'), z.enum(EVENT_TYPES)]),
  by: RecordedIdentity,
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
  owner: RecordedIdentity,
  matterCode: z.optional(MatterCode),
  category: z.optional(CategoryCode),
  description: z.string().check(z.maxLength(1000)),
  location: z.optional(LatLngSchema),
  photos: z._default(z.array(z.string()), []),
  slotId: z.optional(z.string()),
  gridCode: z.optional(Code),
  community: z.optional(Code),
  assignee: RecordedIdentity,
  /** Set once (first accept, or the desk worker filing for the resident); never changes. */
  firstResponder: z.optional(RecordedIdentity),
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
export type RequestInput = z.input<typeof RequestSchema>;
