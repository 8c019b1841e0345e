import { nanoid } from 'nanoid';
import { AppError } from '@qgt/shared/errors';
import { eraseOwner } from '@qgt/shared/domain/erasure';
import { OPEN_STATUSES } from '@qgt/shared/domain/requestState';
import { maskPhone, maskText } from '@qgt/shared/privacy/mask';
import type { AccountOutput } from '@qgt/shared/account/api';
import type { Context } from '../runtime/context';
import { RATE_LIMITS } from '../runtime/rate-limit';
import { RATE_RULES } from '../runtime/rate-policy';
import { files } from '../files/files';
import { NOTIFICATIONS, OUTBOX } from '../outbox/outbox';
import { SUBSCRIPTIONS } from '../outbox/grants';
import { walkins } from '../desk/store';
import { FOLLOWUPS, type FollowupDoc } from '../requests/followups';
import { cancelFlow } from '../requests/cancel';
import { follows, IDEMPOTENCY, requests, saveTransition, type RequestDoc } from '../requests/store';
import { USERS, type Viewer } from '../runtime/caller';

const PAGE = 500;

/**
 * account.delete for a resident (PIPL): withdraws what is still open, keeps the handling records
 * the community must keep but cuts them loose from the person (see eraseOwner), and deletes
 * everything else that is theirs: photos, follows, messages, budgets and the account itself.
 * Staff accounts belong to the community and are removed by an admin instead.
 */
export async function eraseResident(ctx: Context, caller: Viewer): Promise<AccountOutput['delete']> {
  if (caller.role !== 'resident' || !caller.openid) throw new AppError('FORBIDDEN', '工作人员账号请联系社区管理员注销');
  const openid = caller.openid;
  const pseudonym = `erased:${nanoid(16)}`;
  const { store } = ctx;

  let cancelled = 0;
  const open = await requests(store).find({ owner: openid, status: { $in: [...OPEN_STATUSES] } }, { limit: PAGE });
  for (const doc of open) {
    try {
      await cancelFlow(ctx, caller, doc._id, '居民注销账号，诉求撤回');
      cancelled++;
    } catch (e) {
      // A visit inside the change cut-off stays with its worker; it is still cut loose below.
      if (!(e instanceof AppError)) throw e;
    }
  }

  const photos = new Set<string>();
  const requestIds: string[] = [];
  for (;;) {
    const page = await requests(store).find({ owner: openid }, { limit: PAGE });
    if (!page.length) break;
    for (const doc of page) {
      doc.photos.forEach((p) => photos.add(p));
      requestIds.push(doc._id);
      await anonymize(ctx, doc, openid, pseudonym);
    }
  }

  let followups = 0;
  for (const doc of await store.collection<FollowupDoc>(FOLLOWUPS).find({ resident: openid }, { limit: PAGE })) {
    const rating = { ...doc.rating, ...(doc.rating.comment !== undefined && { comment: maskText(doc.rating.comment) }) };
    if (await store.collection<FollowupDoc>(FOLLOWUPS).updateById(doc._id, { $set: { resident: pseudonym, rating } })) followups++;
  }
  const erasedWalkins = await walkins(store).updateMany({ 'resident.openid': openid }, { $unset: { 'resident.openid': true } });

  for (const doc of await files(store).find({ owner: openid }, { limit: PAGE })) photos.add(doc._id);
  await ctx.platform.deleteFiles([...photos]);
  await files(store).removeMany({ owner: openid });
  for (let i = 0; i < requestIds.length; i += 100) await store.collection(IDEMPOTENCY).removeMany({ requestId: { $in: requestIds.slice(i, i + 100) } });
  const followsRemoved = await follows(store).removeMany({ openid });
  const messages = (await store.collection(OUTBOX).removeMany({ to: openid })) + (await store.collection(NOTIFICATIONS).removeMany({ to: openid }));
  await store.collection(RATE_LIMITS).removeMany({ key: { $in: Object.values(RATE_RULES).map((r) => `${r.name}:${openid}`) } });
  await store.collection(SUBSCRIPTIONS).removeById(openid); // subscribe grants and the badge's read mark
  const account = await store.collection(USERS).removeById(openid);

  ctx.log.info({ requests: requestIds.length, cancelled, photos: photos.size }, 'account erased');
  return {
    cancelled,
    anonymized: { requests: requestIds.length, followups, walkins: erasedWalkins },
    deleted: { account, photos: photos.size, follows: followsRemoved, messages },
  };
}

/** Saves the erased request with the usual compare-and-set, re-reading when a transition raced it. */
async function anonymize(ctx: Context, first: RequestDoc, openid: string, pseudonym: string): Promise<void> {
  let doc: RequestDoc | null = first;
  for (let attempt = 0; doc && doc.owner === openid; attempt++) {
    try {
      // The title may be cut from their words (a consult without a matter): masked like them. A visit's
      // contact phone is masked and its home address cleared, like its home location.
      const contact = { ...(doc.contactPhone && { contactPhone: maskPhone(doc.contactPhone) }), ...(doc.address && { address: '' }) };
      const saved = await saveTransition(ctx.store, doc, { ...eraseOwner(doc, openid, pseudonym), version: doc.version + 1 }, { title: maskText(doc.title), ...contact });
      // Effects a crash left pending would message the erased account after its messages were deleted.
      if (saved.pendingSince) await requests(ctx.store).updateById(doc._id, { $unset: { pendingEffects: true, pendingSince: true } }, { version: saved.version });
      return;
    } catch (e) {
      if (!(e instanceof AppError && e.code === 'CONFLICT') || attempt >= 5) throw e;
      doc = await requests(ctx.store).get(doc._id);
    }
  }
}
