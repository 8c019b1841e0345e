/**
 * The request's codes (statuses, kinds, events), zod-free and apart from the schemas
 * (requestSchema.ts) and the machine (requestState.ts), which both build on them.
 */

// Statuses and kinds are defined with their words in the vocabulary (zod-free, shared with the client).
import type { RequestStatus } from '../vocabulary/requests';
export { REQUEST_KINDS, REQUEST_STATUSES, type RequestKind, type RequestStatus } from '../vocabulary/requests';
export const OPEN_STATUSES: readonly RequestStatus[] = ['assigned', 'accepted', 'escalated'];

/** Every event of the machine, in the order of its RULES; requestSchema.ts checks it against the event schemas. */
export const EVENT_TYPES = ['accept', 'transfer', 'escalate', 'returnFromDepartment', 'resolve', 'close', 'cancel', 'reopen', 'addNote', 'rate', 'reschedule'] as const;
/** An event's name (`accept`, `transfer`…). */
export type EventType = (typeof EVENT_TYPES)[number];
