import tcb from '@cloudbase/node-sdk';
import type { HandlerTable } from '../runtime/handler';
import { dispatch } from '../runtime/handler';
import { createContext } from '../runtime/context';
import { toEnvelope } from '../runtime/envelope';
import { jsonLogger } from '../runtime/logger';
import { openCloudbaseStore } from '../store/cloudbase';
import { cloudbasePlatform } from './cloudbase';
import type { Platform } from './platform';
import type { Store } from '../store/port';

/**
 * The CloudBase entry of a function: `exports.main = async (event, context)`.
 * The caller's OPENID comes from the platform context (WX_OPENID), never from the event.
 */
export function cloudbaseMain(fn: string, table: HandlerTable) {
  const log = jsonLogger({ fn });
  // One SDK app, store and platform per warm instance, so per-store caches survive between calls.
  let runtime: { store: Store; platform: Platform } | undefined;
  return async (event: unknown, context: unknown) => {
    if (!runtime) {
      const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
      runtime = { store: openCloudbaseStore(app), platform: cloudbasePlatform(app, process.env.PUBLIC_URL ?? '') };
    }
    const { WX_OPENID } = tcb.getCloudbaseContext(context as never) as { WX_OPENID?: string };
    const ctx = createContext({ ...runtime, now: new Date(), log, openid: WX_OPENID || null });
    const action = typeof event === 'object' && event !== null ? String((event as { action?: unknown }).action ?? '') : '';
    return (await toEnvelope(log, { fn, action }, () => dispatch(table, fn, event, ctx))).body;
  };
}
