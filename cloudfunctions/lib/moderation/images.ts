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
  /** Absent on a verdict that arrived before its record (kept until the record comes). */
  requestId?: string;
  fileId?: string;
  /** Whose photo it is: the OPENID WeChat's push carries for it. */
  openid?: string;
  submittedAt?: string;
  verdict?: 'pass' | 'review' | 'risky';
  decidedAt?: string;
  /** The OPENID of a verdict that came early, checked against the record's when it comes. */
  verdictFor?: string;
}

type Verdict = NonNullable<MediaCheckDoc['verdict']>;
const verdictOf = (suggest: string): Verdict => (suggest === 'risky' ? 'risky' : suggest === 'review' ? 'review' : 'pass');

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
      if (!inserted && stored.verdict && !stored.requestId) await applyEarlyVerdict(ctx, stored, record);
      submitted++;
    } catch (e) {
      ctx.log.warn({ request: doc._id, err: e instanceof Error ? e.message : String(e) }, 'image check not submitted');
    }
  }
  return submitted;
}

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
async function applyEarlyVerdict(ctx: Context, early: MediaCheckDoc, record: Required<Pick<MediaCheckDoc, 'requestId' | 'fileId'>> & MediaCheckDoc): Promise<void> {
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

/** The photos to show and to link: those no verdict has hidden. */
export const visiblePhotos = (doc: Pick<RequestDoc, 'photos' | 'hiddenPhotos'>): string[] =>
  doc.hiddenPhotos?.length ? doc.photos.filter((p) => !doc.hiddenPhotos!.includes(p)) : doc.photos;

/** This area's collections, typed by name (see CollectionDocs in lib/store/port). */
declare module '../store/port' {
  interface CollectionDocs {
    media_checks: MediaCheckDoc;
  }
}
