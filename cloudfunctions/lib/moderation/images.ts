import type { Context } from '../runtime/context';
import type { RequestDoc } from '../requests/store';
import { MEDIA_CHECKS } from './media-checks';

/**
 * Photos go through WeChat's asynchronous image check (security.mediaCheckAsync) on CloudBase:
 * each photo of a new request is submitted with a trace id, and WeChat later pushes the verdict
 * (a `wxa_media_check` event) to the `requests` function, which runs `mediaChecked` as the system
 * (./verdicts, a lazy chunk: a verdict is one call in many).
 * A risky photo is hidden from the request (`hiddenPhotos`, appended atomically so it cannot race
 * a transition) and deleted from storage. Locally there is no image check (the platform returns no
 * trace id): the keyword filter covers text only.
 */
/** Submits the request's photos; a failed submission is logged, never fails the request. */
export async function submitPhotoChecks(ctx: Context, doc: Pick<RequestDoc, '_id' | 'photos'>): Promise<number> {
  let submitted = 0;
  for (const fileId of doc.photos) {
    try {
      const traceId = await ctx.platform.submitImageCheck({ fileId, openid: ctx.openid });
      if (!traceId) continue;
      const record = { _id: traceId, requestId: doc._id, fileId, submittedAt: ctx.now.toISOString(), ...(ctx.openid && { openid: ctx.openid }) };
      const { inserted, doc: stored } = await ctx.store.collection(MEDIA_CHECKS).insertIfAbsent(record);
      // WeChat was faster than us: its verdict is waiting for this record.
      if (!inserted && stored.verdict && !stored.requestId) await (await import('./verdicts')).applyEarlyVerdict(ctx, stored, record);
      submitted++;
    } catch (e) {
      ctx.log.warn({ request: doc._id, err: e instanceof Error ? e.message : String(e) }, 'image check not submitted');
    }
  }
  return submitted;
}

/** The photos to show and to link: those no verdict has hidden. */
export const visiblePhotos = (doc: Pick<RequestDoc, 'photos' | 'hiddenPhotos'>): string[] =>
  doc.hiddenPhotos?.length ? doc.photos.filter((p) => !doc.hiddenPhotos!.includes(p)) : doc.photos;
