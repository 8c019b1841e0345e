/**
 * The request's codes (statuses, kinds, events), zod-free and apart from the schemas
 * (requestSchema.ts) and the machine (requestState.ts), which both build on them.
 */

export const REQUEST_STATUSES = ['assigned', 'accepted', 'escalated', 'resolved', 'closed', 'cancelled'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const REQUEST_KINDS = ['report', 'visit', 'consult'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];
export const OPEN_STATUSES: readonly RequestStatus[] = ['assigned', 'accepted', 'escalated'];

/** Every event of the machine, in the order of its RULES; requestSchema.ts checks it against the event schemas. */
export const EVENT_TYPES = ['accept', 'transfer', 'escalate', 'returnFromDepartment', 'resolve', 'close', 'cancel', 'reopen', 'addNote', 'rate', 'reschedule'] as const;
/** An event's name (`accept`, `transfer`…). */
export type EventType = (typeof EVENT_TYPES)[number];
