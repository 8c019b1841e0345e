import type * as z from 'zod/mini';
import { AppError } from '@qgt/shared/errors';
import { computeDueAt } from '@qgt/shared/domain/deadlines';
import { createRequest, transition } from '@qgt/shared/domain/requestState';
import { localDate } from '@qgt/shared/domain/calendar';
import { buildNoticeSheet, onDutyOn, relatedAdvice, rosterDates } from '@qgt/shared/domain/desk';
import type { DeskInput, DeskOutput, NoticeSheet, RelatedAdvice, RosterDay, WalkinView } from '@qgt/shared/desk/api';
import type { PersonRef } from '@qgt/shared/requests/views';
import type { Context } from '../runtime/context';
import { loadCatalog } from '../catalog/published';
import { localMatter } from '../catalog/local-rules';
import { getWorker, loadCommunity, loadWorkers } from '../community/store';
import { TZ } from '../requests/config';
import { newRequestId, requests, type RequestDoc } from '../requests/store';
import { loadNames, viewOne } from '../requests/view';
import { newNoticeId, newWalkinId, noticeSheet, notices, roster, rosterId, walkins, type NoticeDoc, type RosterDoc, type WalkinDoc } from './store';
import { USERS, type Viewer } from '../runtime/caller';

/**
 * 在岗受理: walk-ins at the community window (首问负责, 一次性告知), related-matter advice and the
 * duty roster. The rules are pure (shared/domain/desk); this file reads and writes the store.
 */

/** Owner of a handoff request filed for a walk-in whose openid is unknown: nobody can act as it. */
export const WALKIN_OWNER_PREFIX = 'walkin:';

/** The desk's community: the caller's (first) one; 403 without any. */
export function deskCommunity(viewer: Viewer, requested?: string): string {
  if (!viewer.communities.length) throw new AppError('FORBIDDEN', '您尚未加入任何社区');
  if (requested === undefined) return viewer.communities[0];
  if (!viewer.communities.includes(requested)) throw new AppError('FORBIDDEN', '只能查看或安排本社区的值守', { field: 'data.community' });
  return requested;
}

const today = (ctx: Context) => localDate(ctx.now.getTime(), TZ);

async function people(ctx: Context, openids: readonly string[]): Promise<PersonRef[]> {
  const names = await loadNames(ctx, openids);
  return openids.map((openid) => ({ openid, name: names.get(openid) || '工作人员' }));
}

function walkinView(doc: WalkinDoc, worker: PersonRef): WalkinView {
  const resident = doc.resident && (doc.resident.name || doc.resident.phone) ? { ...(doc.resident.name && { name: doc.resident.name }), ...(doc.resident.phone && { phone: doc.resident.phone }) } : undefined;
  return {
    id: doc._id,
    at: doc.at,
    date: doc.date,
    community: doc.community,
    matterCode: doc.matterCode,
    matterTitle: doc.matterTitle,
    worker,
    ...(resident && { resident }),
    outcome: doc.outcome,
    missing: doc.missing,
    ...(doc.note && { note: doc.note }),
    ...(doc.requestId && { requestId: doc.requestId }),
    ...(doc.noticeId && { noticeId: doc.noticeId }),
  };
}

async function loadMatters(ctx: Context) {
  return (await loadCatalog(ctx.store)).byCode;
}

export async function relatedFor(ctx: Context, matterCode: string): Promise<RelatedAdvice[]> {
  const byCode = await loadMatters(ctx);
  if (!byCode.has(matterCode)) throw new AppError('NOT_FOUND', `找不到事项：${matterCode}`, { field: 'data.matterCode' });
  return relatedAdvice(byCode, matterCode);
}

type WalkinInput = z.output<typeof DeskInput.walkin>;

/**
 * One walk-in. On the spot: just the record. Handoff (流转): a consult request for the resident with
 * the desk worker as first responder and assignee (already accepted), due from the matter's time
 * limit, and the 一次性告知单.
 */
export async function recordWalkin(ctx: Context, viewer: Viewer, input: WalkinInput): Promise<DeskOutput['walkin']> {
  const community = deskCommunity(viewer);
  const byCode = await loadMatters(ctx);
  const national = byCode.get(input.matterCode);
  if (!national) throw new AppError('NOT_FOUND', `找不到事项：${input.matterCode}`, { field: 'data.matterCode' });
  const now = ctx.now.toISOString();
  const id = newWalkinId();
  const [user, worker, state] = await Promise.all([ctx.store.collection(USERS).get(viewer.openid), getWorker(ctx.store, viewer.openid), loadCommunity(ctx.store)]);
  // The window's 街道 rules (本地规定): its materials on the sheet, its promise as the deadline.
  const matter = await localMatter(ctx.store, national, state.communities.find((c) => c.code === community)?.subdistrict);
  const me: PersonRef = { openid: viewer.openid, name: worker?.name ?? user?.name ?? viewer.name ?? '工作人员' };
  const related = relatedAdvice(byCode, matter.code);

  // Validate the materials whatever the outcome (a bad name is a 400 naming the entry).
  const draft = buildNoticeSheet({
    id: '',
    walkinId: id,
    issuedAt: now,
    issuedBy: me,
    matter,
    selection: { missing: input.missing, have: input.have },
    contact: { name: me.name },
    related,
  });
  if (!draft.ok) throw new AppError('BAD_REQUEST', `「${draft.name}」不是该事项的申请材料`, { field: `data.${draft.field}.${draft.index}` });
  const missing = draft.sheet.missing.map((m) => m.name);

  const resident = input.resident && { ...(input.resident.name && { name: input.resident.name }), ...(input.resident.phone && { phone: input.resident.phone }), ...(input.resident.openid && { openid: input.resident.openid }) };
  const walkin: WalkinDoc = {
    _id: id,
    at: now,
    date: localDate(ctx.now.getTime(), TZ),
    community,
    matterCode: matter.code,
    matterTitle: matter.title,
    worker: viewer.openid,
    ...(resident && Object.keys(resident).length && { resident }),
    outcome: input.outcome,
    missing,
    ...(input.note && { note: input.note }),
  };

  if (input.outcome === 'onTheSpot') {
    await walkins(ctx.store).insert(walkin);
    return walkinView(walkin, me);
  }

  // 流转: the request, accepted by the desk worker at once (首问负责).
  const requestId = newRequestId();
  const who = [input.resident?.name, input.resident?.phone].filter(Boolean).join(' ');
  const description = [`窗口受理，流转${matter.backOffice ?? '后台'}办理`, who && `来访居民：${who}`, missing.length ? `待补材料：${missing.join('、')}` : '', input.note ?? '']
    .filter(Boolean)
    .join('；')
    .slice(0, 1000);
  const created = createRequest(
    {
      id: requestId,
      kind: 'consult',
      owner: input.resident?.openid ?? `${WALKIN_OWNER_PREFIX}${id}`,
      matterCode: matter.code,
      description,
      community,
      assignee: viewer.openid,
      dueAt: computeDueAt(now, Math.max(1, matter.timeLimit.workingDays), TZ),
      filedBy: viewer.openid,
    },
    now,
  );
  const accepted = transition(created, { type: 'accept' }, viewer, now);
  if (!accepted.ok) throw new AppError('INTERNAL', accepted.message);
  const doc: RequestDoc = {
    ...accepted.next,
    _id: requestId,
    title: `窗口流转·${matter.title}`,
    filedBy: viewer.openid,
    route: { reasonCode: 'desk', manual: false },
    emittedLevels: [],
  };

  const noticeId = newNoticeId();
  const communityName = state.communities.find((c) => c.code === community)?.name;
  const phone = worker?.phone ?? user?.phone;
  const built = buildNoticeSheet({
    id: noticeId,
    walkinId: id,
    requestId,
    issuedAt: now,
    issuedBy: me,
    ...(input.resident?.name && { resident: { name: input.resident.name } }),
    matter,
    selection: { missing: input.missing, have: input.have },
    dueAt: doc.dueAt,
    contact: { name: me.name, ...(phone && { phone }), ...(communityName && { community: communityName }) },
    related,
  });
  if (!built.ok) throw new AppError('INTERNAL');
  const { id: _noticeId, ...sheet } = built.sheet;
  const notice: NoticeDoc = { ...sheet, _id: noticeId, community };

  await requests(ctx.store).insert(doc);
  await notices(ctx.store).insert(notice);
  const record: WalkinDoc = { ...walkin, requestId, noticeId };
  await walkins(ctx.store).insert(record);
  return { ...walkinView(record, me), request: await viewOne(ctx, doc, viewer), notice: noticeSheet(notice) };
}

/** The sheet for staff of its community (or whoever issued it). */
export async function noticeFor(ctx: Context, viewer: Viewer, id: string): Promise<NoticeSheet> {
  const doc = await notices(ctx.store).get(id);
  if (!doc) throw new AppError('NOT_FOUND', `找不到告知单：${id}`, { field: 'data.id' });
  if (doc.issuedBy.openid !== viewer.openid && !viewer.communities.includes(doc.community)) throw new AppError('FORBIDDEN', '无权查看该告知单');
  return noticeSheet(doc);
}

/** By link (the printable page): anyone holding the id. */
export async function noticeById(ctx: Pick<Context, 'store'>, id: string): Promise<NoticeSheet | null> {
  const doc = await notices(ctx.store).get(id);
  return doc ? noticeSheet(doc) : null;
}

export async function todayAtDesk(ctx: Context, viewer: Viewer, matterCode?: string): Promise<DeskOutput['today']> {
  deskCommunity(viewer);
  const date = today(ctx);
  const [days, mine] = await Promise.all([
    roster(ctx.store).find({ date, community: { $in: viewer.communities } }, { sort: { _id: 1 } }),
    walkins(ctx.store).find({ worker: viewer.openid, date }, { sort: { at: 1 }, limit: 500 }),
  ]);
  const onDuty = await people(ctx, onDutyOn(days, date, viewer.communities));
  const me = (await people(ctx, [viewer.openid]))[0];
  return {
    date,
    onDuty,
    meOnDuty: onDuty.some((p) => p.openid === viewer.openid),
    walkins: mine.map((w) => walkinView(w, me)),
    ...(matterCode && { related: await relatedFor(ctx, matterCode) }),
  };
}

async function rosterView(ctx: Context, docs: readonly RosterDoc[]): Promise<RosterDay[]> {
  const names = await loadNames(ctx, docs.flatMap((d) => d.openids));
  return docs.map((d) => ({ date: d.date, community: d.community, people: d.openids.map((openid) => ({ openid, name: names.get(openid) || '工作人员' })), setBy: d.setBy, setAt: d.setAt }));
}

/** Replaces one day's roster; everyone on it must be a worker or an admin of that community. */
export async function setRoster(ctx: Context, viewer: Viewer, input: z.output<(typeof DeskInput)['roster.set']>): Promise<RosterDay> {
  const community = deskCommunity(viewer, input.community);
  const [workers, state] = await Promise.all([loadWorkers(ctx.store), loadCommunity(ctx.store)]);
  const admins = state.communities.find((c) => c.code === community)?.admins ?? [];
  const openids = [...new Set(input.openids)];
  input.openids.forEach((openid, i) => {
    const ok = admins.includes(openid) || workers.some((w) => w.openid === openid && w.community === community);
    if (!ok) throw new AppError('BAD_REQUEST', `${openid} 不是本社区的工作人员`, { field: `data.openids.${i}` });
  });
  const doc: RosterDoc = { _id: rosterId(community, input.date), date: input.date, community, openids, setBy: viewer.openid, setAt: ctx.now.toISOString() };
  await roster(ctx.store).put(doc);
  return (await rosterView(ctx, [doc]))[0];
}

export async function getRoster(ctx: Context, viewer: Viewer, input: z.output<(typeof DeskInput)['roster.get']>): Promise<DeskOutput['roster.get']> {
  const communities = input.community ? [deskCommunity(viewer, input.community)] : (deskCommunity(viewer), viewer.communities);
  if (!rosterDates(input.from, input.to)) throw new AppError('BAD_REQUEST', '结束日期应不早于开始日期，且最多查询62天', { field: 'data.to' });
  const docs = await roster(ctx.store).find({ community: { $in: communities }, date: { $gte: input.from, $lte: input.to } }, { sort: { date: 1, community: 1 }, limit: 1000 });
  return { items: await rosterView(ctx, docs.filter((d) => d.openids.length)) };
}
