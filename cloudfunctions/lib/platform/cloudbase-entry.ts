import tcb from '@cloudbase/node-sdk';
import type { HandlerTable } from '../runtime/handler';
import { actionName, dispatch } from '../runtime/handler';
import { createContext } from '../runtime/context';
import { toEnvelope } from '../runtime/envelope';
import { jsonLogger } from '../runtime/logger';
import { openCloudbaseStore } from '../store/cloudbase';
import { cloudbasePlatform } from './cloudbase';
import type { Platform } from './platform';
import type { Store } from '../store/port';
import { SYSTEM_CALLER } from '../runtime/caller';
import type { AnswerHttpAccess } from '../http/serve';

/** Who runs a timer trigger's or a platform push's action: the system (actions with `'system'` access). */
export { SYSTEM_CALLER };

/**
 * A timer trigger's call: the platform says so (`TRIGGER_SRC=timer`, read through
 * getCloudbaseContext, which a caller cannot set), never the event's shape — anyone without an
 * OPENID could send `{Type: 'Timer'}`.
 */
export function isTimerTrigger(triggerSrc: string | undefined, openid: string | undefined): boolean {
  return triggerSrc === 'timer' && !openid;
}

/**
 * WeChat's pushed image-check verdict (消息推送 to this function: `{ToUserName, FromUserName,
 * MsgType: 'event', Event: 'wxa_media_check', trace_id, result: {suggest}}`), as the action's
 * data; null for anything else. Recognised by its message fields: the push arrives with the
 * OPENID of the user whose photo was checked set (FromUserName). A user could send the same shape,
 * so the verdict is applied only for an unguessable trace id submitted for that same OPENID
 * (lib/moderation/images).
 */
export function mediaCheckData(event: unknown, openid: string | undefined): { traceId: unknown; suggest: unknown; openid?: string } | null {
  if (typeof event !== 'object' || event === null) return null;
  const e = event as { MsgType?: unknown; Event?: unknown; trace_id?: unknown; result?: { suggest?: unknown } };
  if (e.MsgType !== 'event' || e.Event !== 'wxa_media_check') return null;
  return { traceId: e.trace_id, suggest: e.result?.suggest, ...(openid && { openid }) };
}

/**
 * An integration request of the HTTP access service (`{path, httpMethod, headers, …}`), not a
 * function call. Anyone may send this shape with callFunction too: it gets exactly what the same
 * HTTP request gets, since the routes read who is calling from the bearer token or partner key,
 * never from the platform's OPENID.
 */
export function isHttpAccessEvent(event: unknown): boolean {
  return typeof event === 'object' && event !== null && !('action' in event) && typeof (event as { httpMethod?: unknown }).httpMethod === 'string' && typeof (event as { path?: unknown }).path === 'string';
}

/**
 * The CloudBase entry of a function: `exports.main = async (event, context)`.
 * The caller's OPENID comes from the platform context (WX_OPENID), never from the event.
 * With `timerAction`, a timer trigger's event runs that action as the system caller; with
 * `mediaCheckAction`, so does WeChat's image-check push. With `http` (its lazy lib/http/*-access
 * chunk), an HTTP access event is answered by the routes under the function's prefixes.
 */
export function cloudbaseMain(fn: string, table: HandlerTable, opts: { timerAction?: string; mediaCheckAction?: string; http?: () => Promise<{ answerHttpAccess: AnswerHttpAccess }> } = {}) {
  const log = jsonLogger({ fn });
  // One SDK app, store and platform per warm instance, so per-store caches survive between calls.
  let runtime: { store: Store; platform: Platform } | undefined;
  return async (event: unknown, context: unknown) => {
    if (!runtime) {
      const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
      runtime = { store: openCloudbaseStore(app), platform: cloudbasePlatform(app, process.env.PUBLIC_URL ?? '', log) };
    }
    const { WX_OPENID, TRIGGER_SRC, TCB_CUSTOM_USER_ID, WX_API_TOKEN } = tcb.getCloudbaseContext(context as never) as { WX_OPENID?: string; TRIGGER_SRC?: string; TCB_CUSTOM_USER_ID?: string; WX_API_TOKEN?: string };
    if (opts.http && isHttpAccessEvent(event)) return (await opts.http()).answerHttpAccess(fn, event, { ...runtime, log, cloudCall: !!WX_API_TOKEN });
    // The web console signed in with a custom-login ticket (lib/platform/custom-login): the ticket's
    // uid is the staff member's OPENID, set by the platform like WX_OPENID, never by the caller.
    const pc = !WX_OPENID && !!TCB_CUSTOM_USER_ID;
    let ctx = createContext({ ...runtime, now: new Date(), log, openid: WX_OPENID || TCB_CUSTOM_USER_ID || null, ...(pc && { via: 'pc' as const }) });
    const pushed = opts.mediaCheckAction ? mediaCheckData(event, WX_OPENID) : null;
    const systemAction = opts.timerAction && isTimerTrigger(TRIGGER_SRC, WX_OPENID || TCB_CUSTOM_USER_ID) ? { action: opts.timerAction, data: {} } : pushed && { action: opts.mediaCheckAction, data: pushed };
    if (systemAction) {
      event = systemAction;
      ctx = { ...ctx, openid: SYSTEM_CALLER.openid, identify: async () => SYSTEM_CALLER };
    }
    const action = actionName(event);
    return (await toEnvelope(log, { fn, action }, () => dispatch(table, fn, event, ctx))).body;
  };
}
