import type { Effect } from '@qgt/shared/domain/requestState';
import type { Context } from '../runtime/context';
import { enqueueClaimed, sendClaimed, type NewOutboxEntry, type Template } from '../outbox/outbox';
import { senderFor } from '../outbox/sender';
import { loadCommunity } from '../community/store';
import { follows, type RequestDoc } from './store';
import { releaseSlot } from './slots';
import { openFollowup } from './followups';

/** Placeholder owners nobody can receive: desk walk-ins without an openid (see lib/desk), Open311 partners (lib/partners). */
const UNREACHABLE_OWNERS = ['walkin:', 'partner:'];

/** The 请评价 message has its own template; on CloudBase it is sent only when TEMPLATE_RATE_REMINDER is set. */
export function rateReminderEnabled(ctx: Pick<Context, 'platform'>, env: NodeJS.ProcessEnv = process.env): boolean {
  return ctx.platform.name !== 'cloudbase' || !!env.TEMPLATE_RATE_REMINDER;
}

/**
 * Runs a transition's effects: notifications become outbox entries (ids derived from the request
 * version, so a replayed effect writes nothing new) and are sent at once; a freed slot is released
 * (once per version, so a replay gives nothing back twice).
 * Runs after the transition is stored; a failure here is logged, never undoes the transition
 * (lib/requests/effects keeps the effects with the transition until they are in the outbox).
 */

export function entry(doc: RequestDoc, to: string, template: Template, message: string, at: Date, suffix = `v${doc.version}`): NewOutboxEntry {
  return { _id: `${doc._id}:${suffix}:${to}`, to, template, data: { requestId: doc._id, title: doc.title, message, at: at.toISOString(), status: doc.status } };
}

/**
 * Writes the entries claimed and sends them now; whatever is not sent is retried by the timer's
 * sweep. False when the entries could not be written to the outbox (nothing will retry them).
 */
export async function notify(ctx: Context, all: readonly NewOutboxEntry[]): Promise<boolean> {
  // A walk-in filed at the desk without the resident's openid has a placeholder owner nobody can receive.
  const entries = all.filter((e) => !UNREACHABLE_OWNERS.some((p) => e.to.startsWith(p)));
  if (!entries.length) return true;
  let claimed: Awaited<ReturnType<typeof enqueueClaimed>>;
  try {
    claimed = await enqueueClaimed(ctx.store, entries, ctx.now);
  } catch (e) {
    ctx.log.error({ err: e instanceof Error ? e.message : String(e) }, 'notify failed');
    return false;
  }
  try {
    if (!claimed.length) return true;
    const sender = await senderFor(ctx.platform, ctx.store, () => ctx.now);
    for (const entry of claimed) await sendClaimed(ctx.store, sender, entry, ctx.now, ctx.log);
  } catch (e) {
    ctx.log.error({ err: e instanceof Error ? e.message : String(e) }, 'notify failed');
  }
  return true;
}

/** The owner's updates also go to everyone following the request (我也遇到). */
async function ownerAndFollowers(ctx: Context, doc: RequestDoc): Promise<string[]> {
  const followers = await follows(ctx.store).find({ request: doc._id }, { limit: 200 });
  return [doc.owner, ...followers.map((f) => f.openid)];
}

/** Runs the effects; true when every notice is in the outbox (sent or to be retried by its sweep). */
export async function runEffects(ctx: Context, doc: RequestDoc, effects: readonly Effect[]): Promise<boolean> {
  const entries: NewOutboxEntry[] = [];
  try {
    for (const effect of effects) {
      if (effect.type === 'releaseSlot') await releaseSlot(ctx, doc._id, effect.slotId, `${doc._id}_v${doc.version}`);
      else if (effect.type === 'followup') {
        const notice = await openFollowup(ctx, doc);
        if (notice) entries.push(notice);
      }
      else if (effect.type === 'notify' && effect.template === 'rateReminder') {
        // Without its template on CloudBase the resident still hears of the resolution as an ordinary update.
        entries.push(entry(doc, effect.to, rateReminderEnabled(ctx) ? 'rateReminder' : 'requestUpdate', effect.message, ctx.now));
        for (const to of await ownerAndFollowers(ctx, doc)) if (to !== effect.to) entries.push(entry(doc, to, 'requestUpdate', '您关注的诉求已办结', ctx.now));
      } else if (effect.type === 'notify') {
        if (effect.to === doc.owner) for (const to of await ownerAndFollowers(ctx, doc)) entries.push(entry(doc, to, 'requestUpdate', effect.message, ctx.now));
        else entries.push(entry(doc, effect.to, 'taskNotice', effect.message, ctx.now));
      } else {
        const department = (await loadCommunity(ctx.store)).departments.find((d) => d.code === effect.department);
        for (const to of department?.staff ?? []) entries.push(entry(doc, to, 'taskNotice', effect.message, ctx.now));
      }
    }
  } catch (e) {
    ctx.log.error({ request: doc._id, err: e instanceof Error ? e.message : String(e) }, 'effects failed');
    // What was built still goes out; the rest waits for the timer (the ids make the replay exact).
    await notify(ctx, entries);
    return false;
  }
  return notify(ctx, entries);
}
