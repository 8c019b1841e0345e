import { randomBytes } from 'node:crypto';
import { maskText } from '@qgt/shared/privacy/mask';
import type { AuditEntry } from '@qgt/shared/admin/views';
import type { AuditQuery } from '@qgt/shared/admin/api';
import type { Context } from '../runtime/context';
import { isSystem, USERS, type Caller, type SystemCaller } from '../runtime/caller';
import type { Filter } from '../store/port';
import { addDays, startOfDate } from '@qgt/shared/domain/calendar';
import { instant } from '../requests/range';
import { TZ } from '../requests/config';
import type { AdminScope } from '../community/scope';

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
  /**
   * The 街道 the actor works in when the record was written (from their communities), so a 街道
   * admin of a 区 environment reads only their own 街道's trail. Empty for a resident; absent on
   * records written before the field existed (read by 区 admins, and in a one-街道 environment).
   */
  subdistricts?: string[];
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
  const subdistricts = resident || isSystem(caller) ? [] : await subdistrictsOf(ctx, caller);
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
    subdistricts,
  };
  await ctx.store.collection(AUDIT).insert(doc);
}

/**
 * The 街道 a staff member works in: of their communities (a worker's too), of the 街道 they run, of
 * their department. Read directly rather than through the community state, which would bring the
 * grid index into every function bundle (each one writes audit records).
 */
async function subdistrictsOf(ctx: Context, caller: Caller): Promise<string[]> {
  const openid = caller.openid!;
  type Placed = { _id: string; subdistrict?: string; community?: string; admins?: string[] };
  const user = await ctx.store.collection(USERS).get(openid);
  // Collection names as lib/community/store declares them.
  const [worker, runs, department] = await Promise.all([
    caller.role === 'worker' ? ctx.store.collection<Placed>('workers').get(openid) : null,
    caller.role === 'admin' ? ctx.store.collection<Placed>('subdistricts').find({ admins: openid }) : [],
    user?.department ? ctx.store.collection<Placed>('departments').get(user.department) : null,
  ]);
  const codes = [...new Set([...(user?.communities ?? []), ...(worker?.community ? [worker.community] : [])])];
  const communities = codes.length ? await ctx.store.collection<Placed>('communities').find({ _id: { $in: codes } }) : [];
  const streets = new Set([...communities.map((c) => c.subdistrict), ...runs.map((s) => s._id), department?.subdistrict]);
  streets.delete(undefined);
  return ([...streets] as string[]).sort();
}

/** Whose trail an admin reads: null = everything (a 区 admin, or an environment of one 街道), else these 街道. */
export function auditReach(scope: Pick<AdminScope, 'level' | 'subdistricts' | 'state'>): string[] | null {
  if (scope.level === 'district' || scope.state.subdistricts.length <= 1) return null;
  return scope.subdistricts;
}

/** Most records one `admin.audit.list` returns. */
export const AUDIT_LIST_MAX = 500;

/** A page of the trail; `next` (the last record's id, which sorts as the trail does) opens the following one. */
export async function listAudit(ctx: Context, query: AuditQuery, reach: string[] | null): Promise<{ items: AuditEntry[]; next?: string }> {
  const filter: Filter = {};
  // An array field matches `$in` when any element does: a record of someone working in two 街道 shows in both.
  if (reach) filter.subdistricts = { $in: reach };
  // A date is the whole local day (`to` inclusive); an instant is taken as given.
  const from = query.from && new Date(query.from.length === 10 ? startOfDate(query.from, TZ) : instant(query.from)).toISOString();
  const to = query.to && new Date(query.to.length === 10 ? startOfDate(addDays(query.to, 1), TZ) : instant(query.to) + 1).toISOString();
  if (from || to) filter.at = { ...(from && { $gte: from }), ...(to && { $lt: to }) };
  if (query.actor) filter.actor = query.actor;
  if (query.action) filter.action = query.action;
  if (query.target) filter.target = query.target;
  if (query.before) filter._id = { $lt: query.before };
  const limit = query.limit ?? 200;
  // One more than the page tells whether there is a next page.
  const docs = await ctx.store.collection(AUDIT).find(filter, { sort: { at: -1, _id: -1 }, limit: limit + 1 });
  const page = docs.slice(0, limit);
  const items = page.map(({ _id, subdistricts: _s, ...entry }) => entry);
  return docs.length > limit ? { items, next: page[page.length - 1]._id } : { items };
}

/** This area's collection, typed by name (see CollectionDocs in lib/store/port). */
declare module '../store/port' {
  interface CollectionDocs {
    audit: AuditDoc;
  }
}
