import type { Context } from '../runtime/context';
import { requests, type RequestDoc } from '../requests/store';

/**
 * Photos go through WeChat's asynchronous image check (security.mediaCheckAsync) on CloudBase:
 * each photo of a new request is submitted with a trace id, and WeChat later pushes the verdict
 * (a `wxa_media_check` event) to the `requests` function, which runs `mediaChecked` as the system.
 * A risky photo is hidden from the request (`hiddenPhotos`, appended atomically so it cannot race
 * a transition) and deleted from storage. Locally there is no image check (the platform returns no
 * trace id): the keyword filter covers text only.
 */
export const MEDIA_CHECKS = 'media_checks';

export interface MediaCheckDoc {
  _id: string; // WeChat's trace_id
  requestId: string;
  fileId: string;
  submittedAt: string;
  verdict?: 'pass' | 'review' | 'risky';
  decidedAt?: string;
}

/** Submits the request's photos; a failed submission is logged, never fails the request. */
export async function submitPhotoChecks(ctx: Context, doc: Pick<RequestDoc, '_id' | 'photos'>): Promise<number> {
  let submitted = 0;
  for (const fileId of doc.photos) {
    try {
      const traceId = await ctx.platform.submitImageCheck({ fileId, openid: ctx.openid });
      if (!traceId) continue;
      await ctx.store.collection<MediaCheckDoc>(MEDIA_CHECKS).insertIfAbsent({ _id: traceId, requestId: doc._id, fileId, submittedAt: ctx.now.toISOString() });
      submitted++;
    } catch (e) {
      ctx.log.warn({ request: doc._id, err: e instanceof Error ? e.message : String(e) }, 'image check not submitted');
    }
  }
  return submitted;
}

/** Applies WeChat's verdict on one photo; unknown trace ids and repeated pushes change nothing. */
export async function applyImageVerdict(ctx: Context, traceId: string, suggest: string): Promise<{ hidden: boolean }> {
  const checks = ctx.store.collection<MediaCheckDoc>(MEDIA_CHECKS);
  const check = await checks.get(traceId);
  if (!check || check.verdict) return { hidden: false };
  const verdict = suggest === 'risky' ? 'risky' : suggest === 'review' ? 'review' : 'pass';
  // Claim the decision first: a second push of the same verdict finds it decided.
  if (!(await checks.updateById(traceId, { $set: { verdict, decidedAt: ctx.now.toISOString() } }, { verdict: { $exists: false } }))) return { hidden: false };
  if (verdict === 'review') ctx.log.warn({ request: check.requestId }, 'photo flagged for review');
  if (verdict !== 'risky') return { hidden: false };
  await requests(ctx.store).updateById(check.requestId, { $push: { hiddenPhotos: check.fileId } });
  await ctx.platform.deleteFiles([check.fileId]);
  ctx.log.warn({ request: check.requestId }, 'risky photo hidden and deleted');
  return { hidden: true };
}

/** The photos to show and to link: those no verdict has hidden. */
export const visiblePhotos = (doc: Pick<RequestDoc, 'photos' | 'hiddenPhotos'>): string[] =>
  doc.hiddenPhotos?.length ? doc.photos.filter((p) => !doc.hiddenPhotos!.includes(p)) : doc.photos;
