import type { Effect } from '@qgt/shared/domain/requestState';
import type { Context } from '../runtime/context';
import { deliver, enqueue, type NewOutboxEntry, type Template } from '../outbox/outbox';
import { senderFor } from '../outbox/sender';
import { loadCommunity } from '../community/store';
import { follows, type RequestDoc } from './store';
import { releaseSlot } from './slots';

/**
 * Runs a transition's effects: notifications become outbox entries (ids derived from the request
 * version, so a replayed effect writes nothing new) and are sent at once; a freed slot is released.
 * Runs after the transition is stored; a failure here is logged, never undoes the transition.
 */

export function entry(doc: RequestDoc, to: string, template: Template, message: string, at: Date, suffix = `v${doc.version}`): NewOutboxEntry {
  return { _id: `${doc._id}:${suffix}:${to}`, to, template, data: { requestId: doc._id, title: doc.title, message, at: at.toISOString() } };
}

/** Enqueues and sends now; whatever is not sent is retried by the timer's sweep. */
export async function notify(ctx: Context, entries: readonly NewOutboxEntry[]): Promise<void> {
  if (!entries.length) return;
  try {
    const ids = await enqueue(ctx.store, entries, ctx.now);
    await deliver(ctx.store, await senderFor(ctx.platform, ctx.store, () => ctx.now), ctx.now, ctx.log, ids);
  } catch (e) {
    ctx.log.error({ err: e instanceof Error ? e.message : String(e) }, 'notify failed');
  }
}

/** The owner's updates also go to everyone following the request (我也遇到). */
async function ownerAndFollowers(ctx: Context, doc: RequestDoc): Promise<string[]> {
  const followers = await follows(ctx.store).find({ request: doc._id }, { limit: 200 });
  return [doc.owner, ...followers.map((f) => f.openid)];
}

export async function runEffects(ctx: Context, doc: RequestDoc, effects: readonly Effect[]): Promise<void> {
  const entries: NewOutboxEntry[] = [];
  try {
    for (const effect of effects) {
      if (effect.type === 'releaseSlot') await releaseSlot(ctx, doc._id, effect.slotId);
      else if (effect.type === 'notify') {
        if (effect.to === doc.owner) for (const to of await ownerAndFollowers(ctx, doc)) entries.push(entry(doc, to, 'requestUpdate', effect.message, ctx.now));
        else entries.push(entry(doc, effect.to, 'taskNotice', effect.message, ctx.now));
      } else {
        const department = (await loadCommunity(ctx.store)).departments.find((d) => d.code === effect.department);
        for (const to of department?.staff ?? []) entries.push(entry(doc, to, 'taskNotice', effect.message, ctx.now));
      }
    }
  } catch (e) {
    ctx.log.error({ request: doc._id, err: e instanceof Error ? e.message : String(e) }, 'effects failed');
  }
  await notify(ctx, entries);
}
