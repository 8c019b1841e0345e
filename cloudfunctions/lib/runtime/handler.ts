import * as z from 'zod/mini';
import type { Access, Role } from '@qgt/shared/roles';
import { AppError } from '@qgt/shared/errors';
import type { Context } from './context';
import { parseInput } from './parse';
import { RATE_RULES, type RateName } from './rate-policy';
import { spendRate } from './rate-limit';
import { recordAudit } from '../audit/audit';
import { isSystem, loadAdminScope, loadViewer, type AdminScope, type Caller, type Identity, type SystemCaller, type Viewer } from './caller';

/**
 * The caller an access kind hands `run`, resolved once by `dispatch` (as tRPC's authedProcedure):
 * `'anyone'` the plain caller; `'signedIn'` a viewer; a role list a viewer of each listed role,
 * except an admin, who gets the admin scope (403 when they run no community); `'system'` (alone
 * or listed) the system caller. A role list's caller narrows on `role`.
 */
export type CallerFor<A extends Access> = A extends 'anyone'
  ? Caller
  : A extends 'system'
    ? SystemCaller
    : A extends 'signedIn'
      ? Viewer
      : A extends readonly (infer R)[]
        ? ListedCaller<R>
        : never;

type ListedCaller<R> =
  | ('admin' extends R ? AdminScope : never)
  | ([Exclude<R, 'admin' | 'system'>] extends [never] ? never : Viewer & { role: Exclude<R, 'admin' | 'system'> })
  | ('system' extends R ? SystemCaller : never);

export interface ActionArgs<I, C = Caller> {
  ctx: Context;
  caller: C;
  input: I;
}

/**
 * An action that changes something declares `audit`: each success then leaves an audit record
 * (who, when, `<function>.<action>`, which object, phone or PC). `true` names the object from the
 * input's `id`/`openid`/`code` or the output's `id`; `target` says otherwise. Staff callers only,
 * unless `residents` (account deletion), whose records never carry the resident's OPENID.
 */
export type AuditSpec<I = any, O = any> = true | { target?(input: I, output: O): string | null | undefined; residents?: true };

/**
 * One action of a function: its input schema, who may call it (which decides the caller `run`
 * gets), the rate budget it spends (`null`: none — reads, and the system's own actions; required,
 * so a new write cannot ship unlimited by omission), and what it does.
 */
export interface Action<S extends z.ZodMiniType = z.ZodMiniType, O = unknown, A extends Access = Access> {
  input: S;
  access: A;
  rate: RateName | null;
  run(args: ActionArgs<z.output<S>, CallerFor<A>>): Promise<O>;
  audit?: AuditSpec<z.output<S>, O>;
}

export type HandlerTable = Record<string, Action>;

/** Declares an action with its input type inferred from the schema and its caller from `access`. */
export function action<S extends z.ZodMiniType, O, const A extends Access>(def: Action<S, O, A>): Action<S, O, A> {
  return def;
}

const lists = (access: Access, who: Role | 'system') => typeof access !== 'string' && access.includes(who);

/** 401 for anonymous callers of a non-public action, 403 for a role (or the system) it does not list. */
export function checkAccess(access: Access, caller: { openid: string | null; role: Role | 'system' | null }): void {
  if (access === 'anyone') return;
  if (caller.role === 'system') {
    if (access === 'system' || lists(access, 'system')) return;
    throw new AppError('FORBIDDEN');
  }
  if (!caller.openid || !caller.role) throw new AppError('UNAUTHENTICATED');
  if (access === 'signedIn') return;
  if (access === 'system' || !lists(access, caller.role)) throw new AppError('FORBIDDEN');
}

/** The caller `access` hands `run` (see CallerFor): the staff user record was read once, by identify. */
async function resolveCaller(ctx: Context, access: Access, who: Identity): Promise<Caller | Viewer | AdminScope | SystemCaller> {
  if (isSystem(who)) return who;
  if (access === 'anyone') {
    const { user: _user, ...caller } = who;
    return caller;
  }
  const viewer = await loadViewer(ctx.store, who);
  return viewer.role === 'admin' && lists(access, 'admin') ? loadAdminScope(ctx.store, viewer) : viewer;
}

/** The action an event names, for logs only (never `String()` on untrusted input: `{toString: 1}` throws). */
export function actionName(event: unknown): string {
  const action = typeof event === 'object' && event !== null ? (event as { action?: unknown }).action : undefined;
  return typeof action === 'string' ? action.slice(0, 64) : '';
}

const EventSchema = z.object({
  action: z.string({ error: '缺少 action' }).check(z.minLength(1, '缺少 action'), z.maxLength(64)),
  data: z.optional(z.unknown()),
});

/**
 * The one dispatch path for every function, locally and on CloudBase:
 * parse the event → look up the action → check the caller's role → parse its data →
 * spend the caller's rate budget (an anonymous caller's: their address's) → run
 * (object-level checks, such as ownership, belong to the action).
 */
export async function dispatch(table: HandlerTable, fn: string, event: unknown, ctx: Context): Promise<unknown> {
  const { action: name, data } = parseInput(EventSchema, event, '');
  const act = Object.prototype.hasOwnProperty.call(table, name) ? table[name] : undefined;
  if (!act) throw new AppError('BAD_REQUEST', `未知操作：${fn}.${name}`, { field: 'action' });
  // Role check before the data is parsed: callers without access learn nothing about its shape.
  const who = await ctx.identify();
  checkAccess(act.access, who);
  const input = parseInput(act.input, data ?? {}, 'data');
  const caller = await resolveCaller(ctx, act.access, who);
  // Spent after parsing and given back when the action refuses the call: a budget counts what
  // a caller gets done (and attempts in flight), not their typing mistakes. The window runs on the
  // call's clock, so a dev `x-now` moves it too (tests replaying days of work); production refuses
  // x-now, so there the clock is the platform's.
  // Anonymous callers carry no identity: their budget is their address's (the guide's QR codes
  // are the costly anonymous call). Where no address is known (CloudBase), they have none.
  const budgetOf = caller.openid ?? (ctx.address ? `addr:${ctx.address}` : null);
  const rule = budgetOf && act.rate ? RATE_RULES[act.rate] : null;
  const refund = rule ? await spendRate(ctx.store, budgetOf!, rule, ctx.now) : undefined;
  let output: unknown;
  try {
    output = await act.run({ ctx, caller: caller as never, input });
  } catch (e) {
    // A refusal gives the unit back unless the call already cost a content check (WeChat's quota):
    // 60 creates a minute with a blocked word must not run 60 checks for free.
    if (refund && e instanceof AppError && e.status < 500 && !ctx.reachedContentCheck) await refund().catch(() => undefined);
    throw e;
  }
  if (act.audit) await audit(act.audit, `${fn}.${name}`, ctx, caller, input, output);
  return output;
}

const field = (o: unknown, key: string): string | undefined => {
  const v = typeof o === 'object' && o !== null ? (o as Record<string, unknown>)[key] : undefined;
  return typeof v === 'string' ? v : undefined;
};

/**
 * Written after the change succeeded. A failed write is logged as an error rather than thrown: the
 * change is done, and answering it as failed would make the client repeat it.
 */
async function audit(spec: AuditSpec, action: string, ctx: Context, caller: Caller | SystemCaller, input: unknown, output: unknown): Promise<void> {
  const custom = spec === true ? undefined : spec;
  if (caller.role === 'resident' && !custom?.residents) return;
  const target = custom?.target ? custom.target(input, output) : field(input, 'id') ?? field(input, 'openid') ?? field(input, 'code') ?? field(output, 'id');
  try {
    await recordAudit(ctx, caller, { action, target });
  } catch (e) {
    ctx.log.error({ action, err: e instanceof Error ? e.message : String(e) }, 'audit record not written');
  }
}
