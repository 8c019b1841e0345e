import { allowedEvents, OPEN_STATUSES, residentTimeline } from '@qgt/shared/domain/requestState';
import { dueLevel, progress } from '@qgt/shared/domain/deadlines';
import type { PersonRef, RequestView, TimelineItem } from '@qgt/shared/requests/api';
import type { Context, UserDoc } from '../runtime/context';
import { USERS } from '../runtime/context';
import { maskPhone, maskText } from '@qgt/shared/privacy/mask';
import { TZ } from './config';
import { visiblePhotos } from '../moderation/images';
import { isStaff, type Viewer } from './access';
import type { RequestDoc } from './store';

/**
 * The contract's request shape. Residents get the resident timeline (no internal notes, no staff
 * detail) and no routing or owner details; staff get everything. Names come from `users`.
 */

export type Names = ReadonlyMap<string, string>;

export async function loadNames(ctx: Context, openids: Iterable<string | undefined>): Promise<Names> {
  const ids = [...new Set([...openids].filter((x): x is string => !!x))];
  if (!ids.length) return new Map();
  const users = await ctx.store.collection<UserDoc>(USERS).find({ _id: { $in: ids } }, { limit: ids.length });
  return new Map(users.map((u) => [u._id, u.name ?? '']));
}

function person(names: Names, openid: string, fallback = '工作人员'): PersonRef {
  return { openid, name: names.get(openid) || fallback };
}

export const peopleOf = (doc: RequestDoc) => [doc.assignee, doc.firstResponder, doc.owner, doc.filedBy];

export interface ViewExtra {
  following?: boolean;
  followers?: number;
}

/**
 * Whether the viewer sees the resident's own words as written: the resident, the assignee who
 * handles it, and the admins of its community. Everyone else who may see the request (grid colleagues, a department
 * called in, the first responder after a transfer, neighbours following it) gets phone and ID
 * numbers masked.
 */
function seesPersonalData(doc: RequestDoc, viewer: Viewer): boolean {
  if (viewer.openid === doc.owner || viewer.openid === doc.assignee) return true;
  return viewer.role === 'admin' && doc.community !== undefined && viewer.communities.includes(doc.community);
}

function masked(doc: RequestDoc): RequestDoc {
  return {
    ...doc,
    description: maskText(doc.description),
    ...(doc.contactPhone !== undefined && { contactPhone: maskPhone(doc.contactPhone) }),
    ...(doc.rating?.comment !== undefined && { rating: { ...doc.rating, comment: maskText(doc.rating.comment) } }),
    timeline: doc.timeline.map((e) => (e.note !== undefined ? { ...e, note: maskText(e.note) } : e)),
  };
}

export function toView(original: RequestDoc, viewer: Viewer, names: Names, now: Date, extra: ViewExtra = {}): RequestView {
  const doc = seesPersonalData(original, viewer) ? original : masked(original);
  // A follower sees what a resident sees, whatever their role.
  const staff = isStaff(viewer) && !extra.following;
  const timeline: TimelineItem[] = staff
    ? doc.timeline.map((e) => ({ ...e }))
    : residentTimeline(doc.timeline).map((e) => (extra.following && e.by === doc.owner ? { ...e, by: 'resident' } : e));
  const view: RequestView = {
    id: doc._id,
    title: doc.title,
    kind: doc.kind,
    status: doc.status,
    ...(doc.matterCode && { matterCode: doc.matterCode }),
    ...(doc.category && { category: doc.category }),
    description: doc.description,
    ...(doc.location && { location: doc.location }),
    ...(doc.buildingCode && { buildingCode: doc.buildingCode }),
    ...(doc.buildingName && { buildingName: doc.buildingName }),
    ...(doc.address && { address: doc.address }),
    ...(doc.contactPhone && { contactPhone: doc.contactPhone }),
    ...(doc.urgent && { urgent: true }),
    photos: visiblePhotos(doc),
    assignee: person(names, doc.assignee),
    firstResponder: doc.firstResponder ? person(names, doc.firstResponder) : null,
    ...(doc.gridCode && { gridCode: doc.gridCode }),
    ...(doc.community && { community: doc.community }),
    ...(doc.department && { department: doc.department }),
    dueAt: doc.dueAt,
    createdAt: doc.createdAt,
    ...(doc.acceptedAt && { acceptedAt: doc.acceptedAt }),
    ...(doc.resolvedAt && { resolvedAt: doc.resolvedAt }),
    ...(doc.closedAt && { closedAt: doc.closedAt }),
    ...(doc.cancelledAt && { cancelledAt: doc.cancelledAt }),
    ...(doc.rating && { rating: doc.rating }),
    ...(doc.unrated && { unrated: true }),
    ...(doc.slotId && doc.slotStart && doc.slotEnd && { slot: { slotId: doc.slotId, start: doc.slotStart, end: doc.slotEnd } }),
    timeline,
    actions: extra.following ? [] : allowedEvents(doc, viewer).filter((a) => a !== 'reschedule' || doc.slotId !== undefined),
    ...(extra.following !== undefined && !staff && { following: extra.following }),
  };
  if (!staff) return view;
  const open = OPEN_STATUSES.includes(doc.status);
  const p = open ? progress(doc.createdAt, doc.dueAt, now.toISOString(), TZ) : undefined;
  return {
    ...view,
    owner: person(names, doc.owner, '居民'),
    ...(doc.filedBy && { filedBy: person(names, doc.filedBy) }),
    ...(doc.route && { route: doc.route }),
    reopenCount: doc.reopenCount,
    ...(extra.followers !== undefined && { followers: extra.followers }),
    emittedLevels: doc.emittedLevels ?? [],
    ...(p !== undefined && { due: { progress: Math.round(p * 1000) / 1000, level: dueLevel(p) } }),
  };
}

export async function viewOne(ctx: Context, doc: RequestDoc, viewer: Viewer, extra: ViewExtra = {}): Promise<RequestView> {
  return toView(doc, viewer, await loadNames(ctx, peopleOf(doc)), ctx.now, extra);
}

export async function viewMany(ctx: Context, docs: readonly RequestDoc[], viewer: Viewer, following?: ReadonlySet<string>): Promise<RequestView[]> {
  const names = await loadNames(ctx, docs.flatMap(peopleOf));
  return docs.map((d) => toView(d, viewer, names, ctx.now, following ? { following: following.has(d._id) } : {}));
}
