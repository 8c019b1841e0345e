import type { Effect } from '@qgt/shared/domain/requestState';
import { createContext, type Context, type Logger } from '../runtime/context';
import type { Platform } from '../platform/platform';
import type { Store } from '../store/port';
import { RECOVERY_GRACE_MS } from './config';
import { runEffects } from './notify';
import { pendingKey, pendingPath, requests, type RequestDoc } from './store';

/**
 * A transition's effects survive a crash between storing the transition and queueing its notices:
 * the durable ones go into the request in the same write as the transition (saveTransition's
 * `pending`), and leave it once they are in the outbox. Whatever a crash left behind, the timer
 * runs again after a grace minute; outbox ids derive from the request version, 回访 tasks from
 * the reopening and a slot's release is marked with the version, so a replay queues only what is
 * missing, sends nothing twice and frees no seat twice.
 */

/** Runs a stored transition's effects, then removes the pending ones of that version if they all got to the outbox. */
export async function settleEffects(ctx: Context, doc: RequestDoc, effects: readonly Effect[]): Promise<void> {
  if (!(await runEffects(ctx, doc, effects))) return;
  if (doc.pendingEffects?.[pendingKey(doc.version)]) await clearPending(ctx.store, doc, doc.version);
}

/** Drops a version's pending effects; `pendingSince` too when none are left and no later transition came meanwhile. */
async function clearPending(store: Store, doc: RequestDoc, version: number): Promise<void> {
  const path = pendingPath(version);
  const others = Object.keys(doc.pendingEffects ?? {}).filter((k) => k !== pendingKey(version));
  if (!others.length && (await requests(store).updateById(doc._id, { $unset: { [path]: true, pendingSince: true } }, { version: doc.version }))) return;
  await requests(store).updateById(doc._id, { $unset: { [path]: true } });
}

const BATCH = 200;

/** The timer's part: finishes effects left pending for longer than the grace minute. Returns how many versions it settled. */
export async function recoverPendingEffects(deps: { store: Store; now: Date; log: Logger; platform: Platform }): Promise<number> {
  const ctx = createContext({ ...deps, openid: null });
  const stale = await requests(deps.store).find({ pendingSince: { $lte: new Date(deps.now.getTime() - RECOVERY_GRACE_MS).toISOString() } }, { limit: BATCH });
  let settled = 0;
  for (const doc of stale) {
    let left = 0;
    for (const [key, effects] of Object.entries(doc.pendingEffects ?? {})) {
      const version = Number(key.slice(1)); // `v<version>`
      // The notices are those of the version that decided them (their ids carry it).
      if (await runEffects(ctx, { ...doc, version }, effects)) {
        await requests(deps.store).updateById(doc._id, { $unset: { [pendingPath(version)]: true } });
        settled++;
      } else left++;
    }
    // A transition stored meanwhile has effects of its own pending: its pendingSince stays.
    if (!left) await requests(deps.store).updateById(doc._id, { $unset: { pendingSince: true } }, { version: doc.version });
  }
  return settled;
}
