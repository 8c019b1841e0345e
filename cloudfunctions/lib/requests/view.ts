import { allowedEvents, OPEN_STATUSES, residentTimeline } from '@qgt/shared/domain/requestState';
import { dueLevel, progress } from '@qgt/shared/domain/deadlines';
import type { PersonRef, RequestView, TimelineItem } from '@qgt/shared/requests/views';
import type { Context } from '../runtime/context';
import { maskPhone, maskText } from '@qgt/shared/privacy/mask';
import { coarsenPoint } from '@qgt/shared/privacy/location';
import { CHANGE_CUTOFF_MINUTES, TZ } from './config';
import { visiblePhotos } from '../moderation/images';
import { isStaff } from './access';
import type { RequestDoc } from './store';
import { routeReasonText } from '@qgt/shared/vocabulary/routing';
import { loadCommunity, loadWorkers, type CommunityState } from '../community/store';
import { USERS, type Viewer } from '../runtime/caller';

/**
 * The contract's request shape. Residents get the resident timeline (no internal notes, no staff
 * detail) and no routing or owner details; staff get everything. Names come from `users`.
 */

export type Names = ReadonlyMap<string, string>;

export async function loadNames(ctx: Context, openids: Iterable<string | undefined>): Promise<Names> {
  const ids = [...new Set([...openids].filter((x): x is string => !!x))];
  if (!ids.length) return new Map();
  const users = await ctx.store.collection(USERS).find({ _id: { $in: ids } }, { limit: ids.length });
  return new Map(users.map((u) => [u._id, u.name ?? '']));
}

/** The routing decision as staff see it: the stored code and its words (older documents carry only the words). */
function routeView(route: NonNullable<RequestDoc['route']>): NonNullable<RequestView['route']> {
  if (!route.reasonCode) return { reason: route.reason ?? '', manual: route.manual };
  return { reasonCode: route.reasonCode, reason: routeReasonText(route.reasonCode), manual: route.manual };
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

/** The exact point a request was filed at: its resident and staff; anyone else gets it rounded to ~100 m. */
export const seesExactPlace = (doc: Pick<RequestDoc, 'owner'>, viewer: Viewer) => viewer.openid === doc.owner || isStaff(viewer);

function masked(doc: RequestDoc): RequestDoc {
  return {
    ...doc,
    // Titles of requests stored before titles were cut from masked text may hold the resident's words.
    title: maskText(doc.title),
    description: maskText(doc.description),
    ...(doc.contactPhone !== undefined && { contactPhone: maskPhone(doc.contactPhone) }),
    ...(doc.rating?.comment !== undefined && { rating: { ...doc.rating, comment: maskText(doc.rating.comment) } }),
    timeline: doc.timeline.map((e) => (e.note !== undefined ? { ...e, note: maskText(e.note) } : e)),
    // A partner's caller is a resident too: the same masking of their number, no e-mail.
    ...(doc.partner?.contact && { partner: { ...doc.partner, contact: { ...(doc.partner.contact.name && { name: doc.partner.contact.name }), ...(doc.partner.contact.phone && { phone: maskText(doc.partner.contact.phone) }) } } }),
  };
}

/** Names of the places and things a request points at by code (people read names, never codes). */
export interface Labels {
  grid: ReadonlyMap<string, string>;
  community: ReadonlyMap<string, string>;
  department: ReadonlyMap<string, string>;
  category: ReadonlyMap<string, string>;
  /** Work phones of the workers, for the resident of an open visit inside the change cut-off (请直接联系上门工作人员). */
  workerPhone: ReadonlyMap<string, string>;
}

export async function loadLabels(ctx: Context, docs: readonly RequestDoc[], known?: CommunityState): Promise<Labels> {
  const state = known ?? (await loadCommunity(ctx.store));
  const visits = docs.some((d) => d.kind === 'visit' && OPEN_STATUSES.includes(d.status));
  const workers = visits ? await loadWorkers(ctx.store, state.version) : [];
  return {
    grid: new Map(state.grids.map((g) => [g.code, g.name])),
    community: new Map(state.communities.map((c) => [c.code, c.name])),
    department: new Map(state.departments.map((d) => [d.code, d.name])),
    category: new Map(state.reportCategories.map((c) => [c.code, c.name])),
    workerPhone: new Map(workers.filter((w) => w.phone).map((w) => [w.openid, w.phone!])),
  };
}

/** The names beside the codes of a view; the worker's phone for the resident of an open visit. */
function labelled(view: RequestView, doc: RequestDoc, viewer: Viewer, labels: Labels, now: Date): RequestView {
  const name = (map: ReadonlyMap<string, string>, code?: string) => (code ? map.get(code) : undefined);
  const gridName = name(labels.grid, doc.gridCode);
  const communityName = name(labels.community, doc.community);
  const departmentName = name(labels.department, doc.department);
  const categoryName = name(labels.category, doc.category);
  // Inside the change cut-off the resident can no longer reschedule online: they call the worker.
  const insideCutoff = doc.slotStart !== undefined && Date.parse(doc.slotStart) - now.getTime() <= CHANGE_CUTOFF_MINUTES * 60_000;
  const phone = doc.kind === 'visit' && insideCutoff && OPEN_STATUSES.includes(doc.status) && viewer.openid === doc.owner ? labels.workerPhone.get(doc.assignee) : undefined;
  return {
    ...view,
    ...(gridName && { gridName }),
    ...(communityName && { communityName }),
    ...(departmentName && { departmentName }),
    ...(categoryName && { categoryName }),
    ...(phone && { assignee: { ...view.assignee, phone } }),
  };
}

export function toView(original: RequestDoc, viewer: Viewer, names: Names, now: Date, extra: ViewExtra = {}, labels?: Labels): RequestView {
  const view = baseView(original, viewer, names, now, extra);
  return labels ? labelled(view, original, viewer, labels, now) : view;
}

function baseView(original: RequestDoc, viewer: Viewer, names: Names, now: Date, extra: ViewExtra): RequestView {
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
    // A neighbour following a report learns the block, as the public feed does, never the door.
    ...(doc.location && { location: seesExactPlace(doc, viewer) ? doc.location : coarsenPoint(doc.location) }),
    ...(doc.buildingCode && { buildingCode: doc.buildingCode }),
    ...(doc.buildingName && { buildingName: doc.buildingName }),
    ...(doc.address && { address: doc.address }),
    ...(doc.contactPhone && { contactPhone: doc.contactPhone }),
    ...(doc.urgent && { urgent: true }),
    // A visit whose time has passed while still open: flagged to the resident, the worker and the admin.
    ...(doc.kind === 'visit' && doc.slotEnd && OPEN_STATUSES.includes(doc.status) && doc.slotEnd < now.toISOString() && { missed: true }),
    ...(doc.urgedAt && !extra.following && { urgedAt: doc.urgedAt }),
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
    ...(doc.partner && { partner: doc.partner }),
    ...(doc.route && { route: routeView(doc.route) }),
    reopenCount: doc.reopenCount,
    ...(extra.followers !== undefined && { followers: extra.followers }),
    emittedLevels: doc.emittedLevels ?? [],
    ...(p !== undefined && { due: { progress: Math.round(p * 1000) / 1000, level: dueLevel(p) } }),
  };
}

export async function viewOne(ctx: Context, doc: RequestDoc, viewer: Viewer, extra: ViewExtra = {}, state?: CommunityState): Promise<RequestView> {
  const [names, labels] = await Promise.all([loadNames(ctx, peopleOf(doc)), loadLabels(ctx, [doc], state)]);
  return toView(doc, viewer, names, ctx.now, extra, labels);
}

export async function viewMany(ctx: Context, docs: readonly RequestDoc[], viewer: Viewer, following?: ReadonlySet<string>): Promise<RequestView[]> {
  const [names, labels] = await Promise.all([loadNames(ctx, docs.flatMap(peopleOf)), loadLabels(ctx, docs)]);
  return docs.map((d) => toView(d, viewer, names, ctx.now, following ? { following: following.has(d._id) } : {}, labels));
}
