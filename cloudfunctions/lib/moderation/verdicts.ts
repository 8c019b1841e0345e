import type { Context } from '../runtime/context';
import { requests } from '../requests/store';
import { MEDIA_CHECKS, type MediaCheckDoc } from './media-checks';

/**
 * WeChat's image-check verdicts (see ./images): applied once per photo, a risky photo hidden from
 * its request and deleted from storage.
 */

type Verdict = NonNullable<MediaCheckDoc['verdict']>;
const verdictOf = (suggest: string): Verdict => (suggest === 'risky' ? 'risky' : suggest === 'review' ? 'review' : 'pass');

/**
 * Applies WeChat's verdict on one photo; repeated pushes change nothing, and neither does a
 * verdict for another person's trace (`openid`, the push's). A verdict whose record is not written
 * yet (WeChat answered before the request was stored) is kept and applied when the record comes.
 */
export async function applyImageVerdict(ctx: Context, traceId: string, suggest: string, openid?: string): Promise<{ hidden: boolean }> {
  const checks = ctx.store.collection(MEDIA_CHECKS);
  const verdict = verdictOf(suggest);
  let check = await checks.get(traceId);
  if (!check) {
    const early: MediaCheckDoc = { _id: traceId, verdict, decidedAt: ctx.now.toISOString(), ...(openid && { verdictFor: openid }) };
    const { inserted, doc } = await checks.insertIfAbsent(early);
    if (inserted) {
      ctx.log.info({ trace: traceId }, 'image verdict before its record: kept');
      return { hidden: false };
    }
    check = doc; // the record came in between
  }
  if (check.verdict || !check.requestId || !check.fileId) return { hidden: false };
  if (openid && check.openid && openid !== check.openid) return { hidden: false };
  // Claim the decision first: a second push of the same verdict finds it decided.
  if (!(await checks.updateById(traceId, { $set: { verdict, decidedAt: ctx.now.toISOString() } }, { verdict: { $exists: false } }))) return { hidden: false };
  return enforce(ctx, check.requestId, check.fileId, verdict);
}

/** The record of a photo whose verdict came first: attach it (once), then enforce the verdict. */
export async function applyEarlyVerdict(ctx: Context, early: MediaCheckDoc, record: Required<Pick<MediaCheckDoc, 'requestId' | 'fileId'>> & MediaCheckDoc): Promise<void> {
  if (early.verdictFor && record.openid && early.verdictFor !== record.openid) {
    // Not this person's verdict: drop it and wait for WeChat's own.
    await ctx.store.collection(MEDIA_CHECKS).put({ ...record });
    return;
  }
  const attached = await ctx.store.collection(MEDIA_CHECKS).updateById(
    early._id,
    { $set: { requestId: record.requestId, fileId: record.fileId, submittedAt: record.submittedAt!, ...(record.openid && { openid: record.openid }) } },
    { requestId: { $exists: false } },
  );
  if (attached) await enforce(ctx, record.requestId, record.fileId, early.verdict!);
}

async function enforce(ctx: Context, requestId: string, fileId: string, verdict: Verdict): Promise<{ hidden: boolean }> {
  if (verdict === 'review') ctx.log.warn({ request: requestId }, 'photo flagged for review');
  if (verdict !== 'risky') return { hidden: false };
  await requests(ctx.store).updateById(requestId, { $push: { hiddenPhotos: fileId } });
  await ctx.platform.deleteFiles([fileId]);
  ctx.log.warn({ request: requestId }, 'risky photo hidden and deleted');
  return { hidden: true };
}

