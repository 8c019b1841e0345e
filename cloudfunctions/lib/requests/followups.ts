import { AppError } from '@qgt/shared/errors';
import type { FollowupStatus, RatingOutcome } from '@qgt/shared/domain/satisfaction';
import { deriveOutcome } from '@qgt/shared/domain/satisfaction';
import type * as z from 'zod/mini';
import type { AdminInput } from '@qgt/shared/admin/api';
import type { AdminOutput } from '@qgt/shared/admin/api';
import type { FollowupView } from '@qgt/shared/admin/views';
import type { Context } from '../runtime/context';
import { dispatcherOf, loadCommunity } from '../community/store';
import type { NewOutboxEntry } from '../outbox/outbox';
import { LIST_LIMIT } from './config';
import { loadRequest, requests, saveTransition, type RequestDoc } from './store';
import { transition } from '@qgt/shared/domain/requestState';
import { loadNames } from './view';
import { USERS, type AdminScope, type Viewer } from '../runtime/caller';

/**
 * 回访 tasks: a rating that reopens a request (score ≤ 2 or 未解决) opens one for the community's
 * admin, who calls the resident and records the result. One task per reopening
 * (`<requestId>-<reopenCount>`, insert-if-absent), so a replayed effect opens nothing new.
 */
export const FOLLOWUPS = 'followups';

export interface FollowupDoc {
  _id: string;
  requestId: string;
  title: string;
  community?: string;
  status: FollowupStatus;
  createdAt: string;
  resident: string;
  rating: { score: number; comment?: string; outcome: RatingOutcome; at: string };
  assignee: string;
  reached?: boolean;
  result?: string;
  note?: string;
  recordedAt?: string;
  recordedBy?: string;
}

export const followups = (ctx: Pick<Context, 'store'>) => ctx.store.collection(FOLLOWUPS);

/**
 * Opens the task (once) and returns the admin's notice. The notice's id is fixed per task, so an
 * effect replayed after a crash (lib/requests/effects) queues it if it was lost, never twice.
 */
export async function openFollowup(ctx: Context, doc: RequestDoc): Promise<NewOutboxEntry | undefined> {
  if (!doc.rating) return undefined;
  const at = ctx.now.toISOString();
  const { score, comment, at: ratedAt } = doc.rating;
  const task: FollowupDoc = {
    _id: `${doc._id}-${doc.reopenCount}`,
    requestId: doc._id,
    title: doc.title,
    ...(doc.community && { community: doc.community }),
    status: 'open',
    createdAt: at,
    resident: doc.owner,
    rating: { score, ...(comment && { comment }), outcome: doc.rating.outcome ?? deriveOutcome(score), at: ratedAt },
    assignee: doc.assignee,
  };
  await followups(ctx).insertIfAbsent(task);
  const admin = dispatcherOf(await loadCommunity(ctx.store), doc.community);
  if (!admin) return undefined;
  return {
    _id: `${task._id}:followup:${admin}`,
    to: admin,
    template: 'taskNotice',
    data: { requestId: doc._id, title: doc.title, message: `回访任务：居民评价${score}星，请电话回访`, at },
  };
}

export async function followupViews(ctx: Context, docs: readonly FollowupDoc[]): Promise<FollowupView[]> {
  const ids = [...new Set(docs.flatMap((d) => [d.resident, d.assignee, d.recordedBy]).filter((x): x is string => !!x))];
  const names = await loadNames(ctx, ids);
  const users = ids.length ? await ctx.store.collection(USERS).find({ _id: { $in: ids } }, { limit: ids.length }) : [];
  const phones = new Map(users.filter((u) => u.phone).map((u) => [u._id, u.phone!]));
  // The number the resident left on the request comes first (as in the CSV export), else their account's.
  const requestIds = [...new Set(docs.map((d) => d.requestId))];
  const filed = requestIds.length ? await requests(ctx.store).find({ _id: { $in: requestIds } }, { limit: requestIds.length }) : [];
  const contact = new Map(filed.filter((r) => r.contactPhone).map((r) => [r._id, r.contactPhone!]));
  const phoneOf = (d: FollowupDoc) => contact.get(d.requestId) ?? phones.get(d.resident);
  const person = (openid: string, fallback: string) => ({ openid, name: names.get(openid) || fallback });
  return docs.map((d) => ({
    id: d._id,
    requestId: d.requestId,
    title: d.title,
    ...(d.community && { community: d.community }),
    status: d.status,
    createdAt: d.createdAt,
    resident: { ...person(d.resident, '居民'), ...(phoneOf(d) && { phone: phoneOf(d) }) },
    rating: d.rating,
    assignee: person(d.assignee, '工作人员'),
    ...(d.reached !== undefined && { reached: d.reached }),
    ...(d.result && { result: d.result }),
    ...(d.note && { note: d.note }),
    ...(d.recordedAt && { recordedAt: d.recordedAt }),
    ...(d.recordedBy && { recordedBy: person(d.recordedBy, '管理员') }),
  }));
}

/** The admin's communities' tasks, open first, newest first. */
export async function listFollowups(ctx: Context, viewer: Viewer, status?: FollowupStatus): Promise<FollowupView[]> {
  const docs = await followups(ctx).find(
    { community: { $in: viewer.communities }, ...(status && { status }) },
    { sort: { createdAt: -1 }, limit: LIST_LIMIT },
  );
  const ordered = [...docs.filter((d) => d.status === 'open'), ...docs.filter((d) => d.status !== 'open')];
  return followupViews(ctx, ordered);
}

/** Records the call once (a second record → 409); only an admin of the task's community. */
export async function recordFollowup(
  ctx: Context,
  viewer: Viewer,
  input: { id: string; result: string; reached: boolean; note?: string },
): Promise<FollowupView> {
  const doc = await followups(ctx).get(input.id);
  if (!doc) throw new AppError('NOT_FOUND', `找不到回访任务：${input.id}`, { field: 'data.id' });
  if (!doc.community || !viewer.communities.includes(doc.community)) throw new AppError('FORBIDDEN', '只能回访本社区的诉求');
  if (doc.status !== 'open') throw new AppError('CONFLICT', '该回访任务已记录结果');
  const $set = {
    status: 'done' as const,
    reached: input.reached,
    result: input.result,
    ...(input.note && { note: input.note }),
    recordedAt: ctx.now.toISOString(),
    recordedBy: viewer.openid,
  };
  if (!(await followups(ctx).updateById(doc._id, { $set }, { status: 'open' }))) throw new AppError('CONFLICT', '该回访任务已记录结果');
  return (await followupViews(ctx, [{ ...doc, ...$set }]))[0];
}

/**
 * An internal note on a request (the 回访 outcome), stored with the usual compare-and-set and
 * re-read on a race. A note has no effects, so nothing is sent (and the admin bundle carries no sender).
 */
export async function noteOnRequest(ctx: Context, viewer: Viewer, requestId: string, note: string): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const doc = await loadRequest(ctx.store, requestId);
    const result = transition(doc, { type: 'addNote', note }, viewer, ctx.now.toISOString());
    if (!result.ok) return;
    try {
      await saveTransition(ctx.store, doc, result.next);
      return;
    } catch (e) {
      if (!(e instanceof AppError && e.code === 'CONFLICT')) throw e;
    }
  }
}

/** `admin.followups.record`: the call's result on the task, and as a staff note on the request. */
export async function recordFollowupCall(ctx: Context, viewer: AdminScope, input: z.output<(typeof AdminInput)['followups.record']>): Promise<AdminOutput['followups.record']> {
  const task = await recordFollowup(ctx, viewer, input);
  // The worker the request went back to reads the call's outcome on its timeline (staff only).
  const note = `回访${input.reached ? '已联系上居民' : '未联系上居民'}：${input.result}`.slice(0, 500);
  await noteOnRequest(ctx, viewer, task.requestId, note).catch((e: unknown) =>
    ctx.log.error({ request: task.requestId, err: e instanceof Error ? e.message : String(e) }, 'followup note not added'),
  );
  return task;
}

/** This area's collections, typed by name (see CollectionDocs in lib/store/port). */
declare module '../store/port' {
  interface CollectionDocs {
    followups: FollowupDoc;
  }
}
