import { randomBytes } from 'node:crypto';
import { maskText } from '@qgt/shared/privacy/mask';
import type { AuditEntry, AuditQuery } from '@qgt/shared/audit/api';
import type { Context } from '../runtime/context';
import type { Caller, SystemCaller } from '../runtime/caller';
import type { Filter } from '../store/port';
import { addDays, startOfDate } from '@qgt/shared/domain/calendar';
import { instant } from '../requests/range';
import { TZ } from '../requests/config';

/**
 * The audit trail (等保 2.0 security audit): who changed what, when, on which object, from the
 * phone or a PC. Append-only: this module is the only code that names the collection, and it only
 * inserts and reads (tests/unit/audit checks both), so no action can edit or delete a record.
 * Records are written by the one dispatch path from each action's `audit` declaration
 * (lib/runtime/handler.ts), and by the export routes.
 */
export const AUDIT = 'audit';

export interface AuditDoc extends AuditEntry {
  _id: string;
}

/** A resident never appears in the trail by OPENID: what they did is kept, not who they are. */
export const MASKED_RESIDENT = '居民（已脱敏）';

export interface AuditEvent {
  /** `"<function>.<action>"`, e.g. `admin.workers.upsert`. */
  action: string;
  /** The object acted on (a request id, an openid, a code…). */
  target?: string | null;
}

let seq = 0;

export async function recordAudit(ctx: Context, caller: Caller | SystemCaller, event: AuditEvent): Promise<void> {
  const resident = caller.role === 'resident' || !caller.role;
  const actor = resident ? MASKED_RESIDENT : caller.openid ?? '';
  let target = event.target == null ? null : maskText(String(event.target)).slice(0, 200);
  if (resident && target === caller.openid) target = MASKED_RESIDENT;
  const at = ctx.now.toISOString();
  const doc: AuditDoc = {
    // The call's time, then the moment written (ties of one clock, in order), then a random tail
    // against two instances writing in the same millisecond: ids sort as the trail does.
    _id: `${at}-${Date.now().toString(36)}${(seq = (seq + 1) % 1296).toString(36).padStart(2, '0')}-${randomBytes(4).toString('hex')}`,
    at,
    actor,
    ...(!resident && caller.name && { actorName: caller.name }),
    action: event.action,
    target,
    via: ctx.via ?? 'phone',
  };
  await ctx.store.collection<AuditDoc>(AUDIT).insert(doc);
}

/** Most records one `admin.audit.list` returns. */
export const AUDIT_LIST_MAX = 500;

export async function listAudit(ctx: Context, query: AuditQuery): Promise<AuditEntry[]> {
  const filter: Filter = {};
  // A date is the whole local day (`to` inclusive); an instant is taken as given.
  const from = query.from && new Date(query.from.length === 10 ? startOfDate(query.from, TZ) : instant(query.from)).toISOString();
  const to = query.to && new Date(query.to.length === 10 ? startOfDate(addDays(query.to, 1), TZ) : instant(query.to) + 1).toISOString();
  if (from || to) filter.at = { ...(from && { $gte: from }), ...(to && { $lt: to }) };
  if (query.actor) filter.actor = query.actor;
  if (query.action) filter.action = query.action;
  const docs = await ctx.store.collection<AuditDoc>(AUDIT).find(filter, { sort: { at: -1, _id: -1 }, limit: query.limit ?? 200 });
  return docs.map(({ _id, ...entry }) => entry);
}
