import tcb from '@cloudbase/node-sdk';
import type { Caller, HandlerTable } from '../runtime/handler';
import { dispatch } from '../runtime/handler';
import { createContext } from '../runtime/context';
import { toEnvelope } from '../runtime/envelope';
import { jsonLogger } from '../runtime/logger';
import { openCloudbaseStore } from '../store/cloudbase';
import { cloudbasePlatform } from './cloudbase';
import type { Platform } from './platform';
import type { Store } from '../store/port';

/** Who runs a timer trigger's action: the system, with admin rights for that one action. */
export const SYSTEM_CALLER: Caller = { openid: 'system:timer', role: 'admin', name: '定时任务' };

/** A timer trigger's event (`{Type: 'Timer', TriggerName, Time}`); never what a mini-program sends, which carries an OPENID. */
export function isTimerEvent(event: unknown, openid: string | undefined): boolean {
  return !openid && typeof event === 'object' && event !== null && (event as { Type?: unknown }).Type === 'Timer';
}

/**
 * The CloudBase entry of a function: `exports.main = async (event, context)`.
 * The caller's OPENID comes from the platform context (WX_OPENID), never from the event.
 * With `timerAction`, a timer trigger's event runs that action as the system caller.
 */
export function cloudbaseMain(fn: string, table: HandlerTable, opts: { timerAction?: string } = {}) {
  const log = jsonLogger({ fn });
  // One SDK app, store and platform per warm instance, so per-store caches survive between calls.
  let runtime: { store: Store; platform: Platform } | undefined;
  return async (event: unknown, context: unknown) => {
    if (!runtime) {
      const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
      runtime = { store: openCloudbaseStore(app), platform: cloudbasePlatform(app, process.env.PUBLIC_URL ?? '', log) };
    }
    const { WX_OPENID } = tcb.getCloudbaseContext(context as never) as { WX_OPENID?: string };
    let ctx = createContext({ ...runtime, now: new Date(), log, openid: WX_OPENID || null });
    if (opts.timerAction && isTimerEvent(event, WX_OPENID)) {
      event = { action: opts.timerAction, data: {} };
      ctx = { ...ctx, openid: SYSTEM_CALLER.openid, identify: async () => SYSTEM_CALLER };
    }
    const action = typeof event === 'object' && event !== null ? String((event as { action?: unknown }).action ?? '') : '';
    return (await toEnvelope(log, { fn, action }, () => dispatch(table, fn, event, ctx))).body;
  };
}
