import * as z from 'zod/mini';
import type { Access, Role } from '@qgt/shared/roles';
import { AppError } from '@qgt/shared/errors';
import type { Context } from './context';
import { parseInput } from './parse';
import { ruleFor } from './rate-policy';
import { spendRate } from './rate-limit';
import { recordAudit } from '../audit/audit';

/** The caller as the handler sees it: identity from the platform, role from the store. */
export interface Caller {
  openid: string | null;
  role: Role | null;
  name?: string;
}

export interface ActionArgs<I> {
  ctx: Context;
  caller: Caller;
  input: I;
}

/**
 * An action that changes something declares `audit`: each success then leaves an audit record
 * (who, when, `<function>.<action>`, which object, phone or PC). `true` names the object from the
 * input's `id`/`openid`/`code` or the output's `id`; `target` says otherwise. Staff callers only,
 * unless `residents` (account deletion), whose records never carry the resident's OPENID.
 */
export type AuditSpec<I = any, O = any> = true | { target?(input: I, output: O): string | null | undefined; residents?: true };

/** One action of a function: its input schema, who may call it, and what it does. */
export interface Action<S extends z.ZodMiniType = z.ZodMiniType, O = unknown> {
  input: S;
  access: Access;
  run(args: ActionArgs<z.output<S>>): Promise<O>;
  audit?: AuditSpec<z.output<S>, O>;
}

export type HandlerTable = Record<string, Action>;

/** Declares an action with its input type inferred from the schema. */
export function action<S extends z.ZodMiniType, O>(def: Action<S, O>): Action<S, O> {
  return def;
}

export function checkAccess(access: Access, caller: Caller): void {
  if (access === 'anyone') return;
  if (!caller.openid || !caller.role) throw new AppError('UNAUTHENTICATED');
  if (access === 'signedIn') return;
  if (!access.includes(caller.role)) throw new AppError('FORBIDDEN');
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
  const caller = await ctx.identify();
  checkAccess(act.access, caller);
  const input = parseInput(act.input, data ?? {}, 'data');
  // Spent after parsing and given back when the action refuses the call: a budget counts what
  // a caller gets done (and attempts in flight), not their typing mistakes. The window runs on the
  // call's clock, so a dev `x-now` moves it too (tests replaying days of work); production refuses
  // x-now, so there the clock is the platform's.
  // Anonymous callers carry no identity: their budget is their address's (the guide's QR codes
  // are the costly anonymous call). Where no address is known (CloudBase), they have none.
  const budgetOf = caller.openid ?? (ctx.address ? `addr:${ctx.address}` : null);
  const rule = budgetOf ? ruleFor(fn, name) : null;
  const refund = rule ? await spendRate(ctx.store, budgetOf!, rule, ctx.now) : undefined;
  let output: unknown;
  try {
    output = await act.run({ ctx, caller, input });
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
async function audit(spec: AuditSpec, action: string, ctx: Context, caller: Caller, input: unknown, output: unknown): Promise<void> {
  const custom = spec === true ? undefined : spec;
  if (caller.role === 'resident' && !custom?.residents) return;
  const target = custom?.target ? custom.target(input, output) : field(input, 'id') ?? field(input, 'openid') ?? field(input, 'code') ?? field(output, 'id');
  try {
    await recordAudit(ctx, caller, { action, target });
  } catch (e) {
    ctx.log.error({ action, err: e instanceof Error ? e.message : String(e) }, 'audit record not written');
  }
}
