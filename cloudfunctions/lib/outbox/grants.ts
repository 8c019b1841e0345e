import type { Store } from '../store/port';
import { NoGrantError, OUTBOX, type OutboxEntry, type Sender, type Template, TEMPLATES } from './outbox';
import { SUBSCRIBE_TEMPLATES, templateIds } from './templates';

/**
 * One-time subscribe grants, counted per person and template. Each template a person accepts in
 * `wx.requestSubscribeMessage` lets us push ONE message with it; a push without a grant fails
 * (43101). The client reports what was accepted (`account.subscribed`); the sender takes a grant
 * before each push. When a person's grants for a template run short (one left), only important
 * messages are pushed: the last grant is kept for them. A message not pushed is `held`: it stays
 * in the person's in-app message list (`account.messages`), counted in the badge — never dropped
 * silently.
 */
export const SUBSCRIPTIONS = 'subscriptions';

export interface SubscriptionDoc {
  _id: string; // openid
  grants: Partial<Record<Template, number>>;
  /** When the person last opened their message list (the badge counts messages after it). */
  seenAt?: string;
  updatedAt: string;
}

const subscriptions = (store: Store) => store.collection<SubscriptionDoc>(SUBSCRIPTIONS);

/** Our templates named by the ids the client reports; unknown ids are ignored. */
export function templatesOf(ids: readonly string[], env: NodeJS.ProcessEnv = process.env): Template[] {
  const byId = new Map(Object.entries(templateIds(env)).map(([name, id]) => [id, name as Template]));
  return [...new Set(ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : [])))];
}

async function ensure(store: Store, openid: string, now: Date): Promise<void> {
  await subscriptions(store).insertIfAbsent({ _id: openid, grants: {}, updatedAt: now.toISOString() });
}

/** One more grant for each accepted template; returns the person's grants after. */
export async function recordGrants(store: Store, openid: string, accepted: readonly Template[], now: Date): Promise<Partial<Record<Template, number>>> {
  await ensure(store, openid, now);
  if (accepted.length) {
    const inc = Object.fromEntries(accepted.map((t) => [`grants.${t}`, 1]));
    await subscriptions(store).updateById(openid, { $inc: inc, $set: { updatedAt: now.toISOString() } });
  }
  return grantsOf(store, openid);
}

export async function grantsOf(store: Store, openid: string): Promise<Partial<Record<Template, number>>> {
  const doc = await subscriptions(store).get(openid);
  return Object.fromEntries(TEMPLATES.map((t) => [t, Math.max(0, doc?.grants[t] ?? 0)]));
}

/** Takes one grant for a push; an unimportant message leaves the last one for an important one. */
export function takeGrant(store: Store, openid: string, template: Template): Promise<boolean> {
  const need = SUBSCRIBE_TEMPLATES[template].important ? 1 : 2;
  return subscriptions(store).updateById(openid, { $inc: { [`grants.${template}`]: -1 } }, { [`grants.${template}`]: { $gte: need } });
}

async function refundGrant(store: Store, openid: string, template: Template): Promise<void> {
  await subscriptions(store).updateById(openid, { $inc: { [`grants.${template}`]: 1 } });
}

/** WeChat says there is no grant (43101) where we counted one: our count is wrong, start again from none. */
async function dropGrants(store: Store, openid: string, template: Template): Promise<void> {
  await subscriptions(store).updateById(openid, { $set: { [`grants.${template}`]: 0 } });
}

/** WeChat's errcode of a failed push, when the error carries one. */
export const NO_GRANT_ERRCODE = 43101;

/** Wraps a push sender: a grant is taken before each push, refunded when the push fails for another reason. */
export function grantedSender(store: Store, push: Sender): Sender {
  return {
    name: push.name,
    async send(entry: OutboxEntry) {
      if (!(await takeGrant(store, entry.to, entry.template))) throw new NoGrantError(`无可用订阅（${entry.template}）：已放入消息列表`);
      try {
        await push.send(entry);
      } catch (e) {
        if ((e as { errcode?: number }).errcode === NO_GRANT_ERRCODE) {
          await dropGrants(store, entry.to, entry.template);
          throw new NoGrantError(`用户未订阅（43101）：已放入消息列表`);
        }
        await refundGrant(store, entry.to, entry.template);
        throw e;
      }
    },
  };
}

/** Messages the person may read in the app: newest first, with whether WeChat delivered them. */
export async function messagesOf(store: Store, openid: string, now: Date, limit = 50) {
  const entries = await store
    .collection<OutboxEntry>(OUTBOX)
    .find({ to: openid, status: { $in: ['sent', 'held', 'failed', 'pending', 'sending'] }, notBefore: { $lte: now.toISOString() } }, { sort: { createdAt: -1 }, limit });
  const seenAt = (await subscriptions(store).get(openid))?.seenAt ?? '';
  return {
    items: entries.map((e) => ({ id: e._id, template: e.template, requestId: e.data.requestId, title: e.data.title, message: e.data.message, at: e.createdAt, pushed: e.status === 'sent', unread: e.createdAt > seenAt })),
    unread: entries.filter((e) => e.createdAt > seenAt).length,
  };
}

/** The badge: messages since the person last opened the list. */
export async function unreadCount(store: Store, openid: string, now: Date): Promise<number> {
  const seenAt = (await subscriptions(store).get(openid))?.seenAt ?? '';
  return store.collection<OutboxEntry>(OUTBOX).count({ to: openid, status: { $in: ['sent', 'held', 'failed', 'pending', 'sending'] }, createdAt: { $gt: seenAt }, notBefore: { $lte: now.toISOString() } });
}

export async function markSeen(store: Store, openid: string, now: Date): Promise<void> {
  await ensure(store, openid, now);
  await subscriptions(store).updateById(openid, { $set: { seenAt: now.toISOString(), updatedAt: now.toISOString() } });
}

/** This area's collections, typed by name (see CollectionDocs in lib/store/port). */
declare module '../store/port' {
  interface CollectionDocs {
    subscriptions: SubscriptionDoc;
  }
}
