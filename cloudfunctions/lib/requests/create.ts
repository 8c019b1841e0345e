import type * as z from 'zod/mini';
import { AppError } from '@qgt/shared/errors';
import { maskText } from '@qgt/shared/privacy/mask';
import { computeDueAt, workingDaysFor } from '@qgt/shared/domain/deadlines';
import { createRequest } from '@qgt/shared/domain/requestState';
import type { Catalog, Matter } from '@qgt/shared/catalog/schema';
import type { ReportCategory } from '@qgt/shared/domain/community';
import type { RequestsInput } from '@qgt/shared/requests/api';
import type { RequestView } from '@qgt/shared/requests/views';
import type { Context } from '../runtime/context';
import { loadCatalog } from '../catalog/published';
import { calendarOf } from '@qgt/shared/domain/streetSettings';
import { communityAt, subdistrictOf, departmentsServing, getBuilding, loadCommunity, loadWorkers, type CommunityState } from '../community/store';
import { departmentsFor, type Building, type LatLng, type Worker } from '@qgt/shared/domain/community';
import type { RouteResult } from '@qgt/shared/domain/routing';
import { KIND_LABELS } from '@qgt/shared/vocabulary/requests';
import { ROUTE_REASONS, type RouteReasonCode } from '@qgt/shared/vocabulary/routing';
import type { NewOutboxEntry } from '../outbox/outbox';
import { STORED_DATUM } from '@qgt/shared/domain/datums';
import { enqueue } from '../outbox/outbox';
import type { Viewer } from '../runtime/caller';
import { MAX_OPEN_VISITS, TZ } from './config';
import { OPEN_STATUSES } from '@qgt/shared/domain/requestState';
import { followFlow } from './follow';
import { entry, notify } from './notify';
import { creationNotice, urgentNotices } from './creation-notice';
import { routeNew } from './route';
import { releaseSlot, takeSlot, visitDayEnd, visitReminder } from './slots';
import { IDEMPOTENCY, newRequestId, requests, type IdempotencyDoc, type RequestDoc } from './store';
import { viewOne } from './view';
import { ownsFile } from '../files/files';
import { assertCleanText } from '../moderation/text';
import { submitPhotoChecks } from '../moderation/images';
import type { PartnerRef } from '../partners/partners';

type CreateInput = z.output<typeof RequestsInput.create>;

/** A category of the catalog (service matters) or of the deployment (随手拍 problems). */
export function categoryName(catalog: Catalog, state: CommunityState, code: string): string | undefined {
  return catalog.categories.find((c) => c.code === code)?.name ?? state.reportCategories.find((c) => c.code === code)?.name;
}

function checkKind(input: CreateInput): void {
  const need = (ok: boolean, field: string, message: string) => {
    if (!ok) throw new AppError('BAD_REQUEST', message, { field: `data.${field}` });
  };
  if (input.kind === 'report') {
    need(!!(input.category || input.matterCode), 'category', '随手拍需选择问题分类（category）或事项（matterCode）');
    need(!!input.description, 'description', '请描述遇到的问题');
  } else if (input.kind === 'visit') {
    need(!!input.slotId, 'slotId', '预约上门需选择时段（slotId）');
    need(!!(input.matterCode || input.description), 'description', '预约上门需选择事项或填写需求描述');
    // The worker needs somewhere to go and someone to call.
    need(!!input.contactPhone, 'contactPhone', '预约上门需留联系电话（contactPhone）');
    need(!!(input.buildingCode || input.address), 'buildingCode', '预约上门需选择楼栋（buildingCode）或填写上门地址（address）');
  } else need(!!input.description, 'description', '请填写咨询内容');
  need(input.kind === 'visit' || !input.slotId, 'slotId', '只有预约上门（visit）可以选择时段');
}

/** Hours an urgent category gives when the deployment names none. */
export const URGENT_DEFAULT_HOURS = 4;

/** The deployment's urgent report category of a report, if it is one. */
export function urgentCategory(state: CommunityState, input: Pick<CreateInput, 'kind' | 'category'>): ReportCategory | undefined {
  if (input.kind !== 'report' || !input.category) return undefined;
  const category = state.reportCategories.find((c) => c.code === input.category);
  return category?.urgent ? category : undefined;
}

/**
 * Due: an urgent category's hours (round the clock, 燃气 does not wait for Monday); else the
 * matter's time limit, else the category's (3 working days by default); a visit not before its day ends.
 */
function dueAtFor(input: CreateInput, matter: Matter | undefined, state: CommunityState, urgent: ReportCategory | undefined, createdAt: string, slotStart?: string, community?: string): string {
  if (urgent) return new Date(Date.parse(createdAt) + (urgent.dueHours ?? URGENT_DEFAULT_HOURS) * 3_600_000).toISOString();
  const byCategory = Object.fromEntries(state.reportCategories.filter((c) => c.workingDays !== undefined).map((c) => [c.code, c.workingDays!]));
  // Working days as the request's 街道 counts them: the official calendar and its own 调休.
  const calendar = calendarOf(subdistrictOf(state, community));
  const due = computeDueAt(createdAt, workingDaysFor({ matter, category: input.category }, { defaultWorkingDays: 3, byCategory }), TZ, calendar);
  if (!slotStart) return due;
  const dayEnd = visitDayEnd(slotStart);
  return dayEnd > due ? dayEnd : due;
}

const tooManyVisits = () => new AppError('CONFLICT', `每位居民最多同时预约${MAX_OPEN_VISITS}次上门服务，请在已有预约办结或取消后再约`, { field: 'data.slotId' });

/** A resident's open doorstep visits, oldest first (ties by id, so every caller ranks them alike). */
function openVisitsOf(ctx: Context, owner: string): Promise<RequestDoc[]> {
  return requests(ctx.store).find({ owner, kind: 'visit', status: { $in: [...OPEN_STATUSES] } }, { sort: { createdAt: 1, _id: 1 }, limit: MAX_OPEN_VISITS + 100 });
}

/** A retry with the same key: the first request, waiting briefly while it is still being written. */
async function replay(ctx: Context, viewer: Viewer, claim: IdempotencyDoc): Promise<RequestView> {
  const idem = ctx.store.collection<IdempotencyDoc>(IDEMPOTENCY);
  for (let i = 0; i < 60; i++) {
    const doc = await requests(ctx.store).get(claim.requestId);
    if (doc) return viewOne(ctx, doc, viewer);
    if (!(await idem.get(claim._id))) throw new AppError('CONFLICT', '相同的提交未能完成，请重新提交', { field: 'data.idempotencyKey' });
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new AppError('CONFLICT', '相同的提交仍在处理中，请稍后刷新', { field: 'data.idempotencyKey' });
}

/**
 * Category → owning department, the routing step after the grid: a report in a category a
 * department of the community's 街道 owns (权属) is made known to that department's staff, so the
 * owner hears of it at once rather than only when the worker calls them in (吹哨).
 */
function ownerNotices(state: CommunityState, doc: RequestDoc): NewOutboxEntry[] {
  if (doc.kind !== 'report' || !doc.category) return [];
  const owners = owningDepartments(state, doc.community, doc.category);
  const staff = [...new Set(owners.flatMap((d) => d.staff))].filter((openid) => openid !== doc.assignee);
  return staff.map((openid) => entry(doc, openid, 'taskNotice', `权属部门知悉：${doc.title}（由网格员先行处置，需要时将报请协办）`, new Date(doc.createdAt), 'owner'));
}

/** The departments of the place's 街道 that own a report category (权属). */
function owningDepartments(state: CommunityState, community: string | undefined, category: string) {
  return departmentsFor(departmentsServing(state, community ? [community] : []), category);
}

/**
 * Staff file on a resident's behalf only inside their own communities (a department's staff: the
 * communities of the 街道 it serves): a building or a point in another community is 403. A point
 * in no community at all goes to manual dispatch as any report does.
 */
function onBehalfInScope(state: CommunityState, viewer: Viewer, building: Building | null, location: LatLng | undefined): void {
  const department = viewer.department ? state.departments.find((d) => d.code === viewer.department) : undefined;
  const street = department && (department.subdistrict ?? state.subdistrict?.code);
  const mine = new Set([...viewer.communities, ...state.communities.filter((c) => street && c.subdistrict === street).map((c) => c.code)]);
  const places: [string, string | undefined][] = [];
  if (building) places.push(['data.buildingCode', state.grids.find((g) => g.code === building.grid)?.community]);
  if (location) places.push(['data.location', communityAt(state, location)]);
  for (const [field, community] of places)
    if (community && !mine.has(community)) throw new AppError('FORBIDDEN', '只能为本社区的居民代为登记', { field });
}

/**
 * A doorstep visit is booked with a worker who serves the place: when the building (or point)
 * lies in a grid, the slot's worker must be that grid's worker, its B角, another worker of that
 * grid, or whoever routing chose (the pool when both are away) — booking.slots offers no one else.
 * 409 naming the slot, so the page shows the place's slots again.
 */
function assertServesPlace(state: CommunityState, workers: readonly Worker[], route: RouteResult, worker: Worker): void {
  const grid = route.gridCode ? state.grids.find((g) => g.code === route.gridCode) : undefined;
  if (!grid) return;
  const gridWorker = workers.find((w) => w.openid === grid.worker);
  const serving = new Set([grid.worker, grid.backup ?? gridWorker?.backup, route.manual ? undefined : route.assignee]);
  if (serving.has(worker.openid) || worker.grids.includes(grid.code)) return;
  throw new AppError('CONFLICT', '所选时段的工作人员不负责您所在的地方，请按楼栋重新选择时段', { field: 'data.slotId' });
}

/**
 * requests.create: validate → (idempotency claim) → take the slot of a visit → route → deadline →
 * insert → tell the assignee. Anything failing after the claim or the slot gives them back.
 */
export async function createFlow(ctx: Context, viewer: Viewer, given: CreateInput, origin: { partner?: PartnerRef } = {}): Promise<RequestView> {
  // Stored in one datum: a browser's WGS-84 position is converted before anything reads it.
  const { datum, ...rest } = given;
  // The converter (gcoord) is loaded only for another datum: the mini-program reports in the stored one.
  const input: CreateInput =
    rest.location && datum && datum !== STORED_DATUM ? { ...rest, location: (await import('@qgt/shared/domain/datum')).toStoredLatLng(rest.location, datum) } : rest;
  if (input.onBehalfOf && viewer.role === 'resident') throw new AppError('FORBIDDEN', '只有工作人员可以代居民登记', { field: 'data.onBehalfOf' });
  if (input.followDuplicate) return followFlow(ctx, viewer, input.followDuplicate, 'data.followDuplicate');
  checkKind(input);
  const { catalog, byCode } = await loadCatalog(ctx.store);
  const matter = input.matterCode ? byCode.get(input.matterCode) : undefined;
  if (input.matterCode && !matter) throw new AppError('NOT_FOUND', `找不到事项：${input.matterCode}`, { field: 'data.matterCode' });
  const state = await loadCommunity(ctx.store);
  const catName = input.category ? categoryName(catalog, state, input.category) : undefined;
  if (input.category && !catName) throw new AppError('NOT_FOUND', `找不到问题分类：${input.category}`, { field: 'data.category' });
  if (input.category && state.reportCategories.some((c) => c.code === input.category && c.retired))
    throw new AppError('BAD_REQUEST', `问题分类“${catName}”已停用，请选择其他分类`, { field: 'data.category' });
  // Only photos the filer uploaded may be attached (a staff member filing for a resident attaches their own).
  for (const [i, fileId] of input.photos.entries())
    if (!(await ownsFile(ctx.store, fileId, viewer.openid))) throw new AppError('FORBIDDEN', '只能附上自己上传的图片', { field: `data.photos.${i}` });
  const building = input.buildingCode ? await getBuilding(ctx.store, input.buildingCode) : null;
  if (input.buildingCode && !building) throw new AppError('NOT_FOUND', `找不到楼栋：${input.buildingCode}`, { field: 'data.buildingCode' });
  if (input.onBehalfOf) onBehalfInScope(state, viewer, building, input.location);
  // The content check (WeChat's msgSecCheck, with a quota) last: a call refused for an unknown matter,
  // category or building gets its rate unit back and costs no check.
  await assertCleanText(ctx, [{ field: 'data.description', text: input.description, scene: 'report' }]);

  const now = ctx.now.toISOString();
  const id = newRequestId();
  const idem = ctx.store.collection<IdempotencyDoc>(IDEMPOTENCY);
  const claimId = input.idempotencyKey ? `${viewer.openid}:${input.idempotencyKey}` : undefined;
  if (claimId) {
    const { inserted, doc } = await idem.insertIfAbsent({ _id: claimId, requestId: id, at: now });
    if (!inserted) return replay(ctx, viewer, doc);
  }

  const owner = input.onBehalfOf ?? viewer.openid;
  let booked: Awaited<ReturnType<typeof takeSlot>> | undefined;
  let inserted = false;
  let doc: RequestDoc;
  try {
    if (input.kind === 'visit') {
      if ((await openVisitsOf(ctx, owner)).length >= MAX_OPEN_VISITS) throw tooManyVisits();
      booked = await takeSlot(ctx, input.slotId!, input.matterCode);
    }
    const workers = await loadWorkers(ctx.store, state.version);
    const route = await routeNew(ctx, state, workers, {
      location: input.location,
      buildingCode: input.buildingCode,
      matterCode: input.matterCode,
      category: input.category,
    });
    if (!route) throw new AppError('CONFLICT', '本街道尚未配置社区管理员，暂不能受理诉求');
    const urgent = urgentCategory(state, input);
    if (booked) assertServesPlace(state, workers, route, booked.worker);
    const worker = booked?.worker;
    const assignee = worker?.openid ?? route.assignee;
    const reasonCode: RouteReasonCode = worker ? 'slot' : route.reasonCode;
    const steps = worker ? [...route.steps.map((s) => ({ ...s, chosen: false })), { step: 'slot', reason: ROUTE_REASONS.slot, openid: assignee, chosen: true }] : route.steps;
    const request = createRequest(
      {
        id,
        kind: input.kind,
        owner,
        matterCode: input.matterCode,
        category: input.category,
        description: input.description,
        location: input.location,
        photos: input.photos,
        slotId: booked?.slot.slotId,
        gridCode: route.gridCode ?? worker?.grids[0],
        community: worker?.community ?? route.community,
        assignee,
        dueAt: dueAtFor(input, matter, state, urgent, now, booked?.slot.start, worker?.community ?? route.community),
        ...(input.onBehalfOf && { filedBy: viewer.openid }),
        ...(!route.manual || worker ? { firstResponder: assignee } : {}),
        route: { reasonCode, steps },
      },
      now,
    );
    // The owning department (of the 街道 the place belongs to) is called in from the start of an
    // urgent report: it sees and answers it.
    const owningDepartment = urgent ? owningDepartments(state, request.community, urgent.code)[0]?.code : undefined;
    doc = {
      ...request,
      ...(owningDepartment && { department: owningDepartment }),
      _id: id,
      // Without a matter or category the title is cut from the resident's words: cut from their masked form, so the
      // label that travels to notifications, inboxes and exports never carries a phone number (nor part of one).
      title: `${KIND_LABELS[input.kind]}·${matter?.title ?? catName ?? (maskText(input.description).slice(0, 12) || '诉求')}`,
      ...(building && { buildingCode: building.code, buildingName: building.name }),
      ...(input.kind === 'visit' && input.address && { address: input.address }),
      ...(input.kind === 'visit' && input.contactPhone && { contactPhone: input.contactPhone }),
      ...(urgent && { urgent: true }),
      ...(input.onBehalfOf && { filedBy: viewer.openid }),
      ...(origin.partner && { partner: origin.partner }),
      ...(booked && { slotStart: booked.slot.start, slotEnd: booked.slot.end }),
      route: { reasonCode, manual: route.manual && !worker },
      emittedLevels: [],
    };
    await requests(ctx.store).insert(doc);
    inserted = true;
    // Parallel bookings all pass the count above: each checks again with itself stored, and those
    // ranked after the first MAX_OPEN_VISITS (oldest first) withdraw, so exactly that many stay.
    if (input.kind === 'visit') {
      const rank = (await openVisitsOf(ctx, owner)).findIndex((d) => d._id === id);
      if (rank >= MAX_OPEN_VISITS) throw tooManyVisits();
    }
  } catch (e) {
    if (inserted) await requests(ctx.store).removeById(id).catch(() => undefined);
    if (booked) await releaseSlot(ctx, id, booked.slot.slotId).catch(() => undefined);
    if (claimId) await idem.removeById(claimId).catch(() => undefined);
    throw e;
  }

  if (doc.photos.length) await submitPhotoChecks(ctx, doc);
  const reminder = visitReminder(doc, ctx.now);
  if (reminder) await enqueue(ctx.store, [reminder], ctx.now).catch((e: unknown) => ctx.log.error({ err: String(e) }, 'reminder not queued'));
  // An urgent report tells its department (called in from the start) and the admins at once; any
  // other report in a department-owned category tells the owning department for its information.
  await notify(ctx, [creationNotice(doc), ...(doc.urgent ? urgentNotices(doc, state) : ownerNotices(state, doc))]);
  return viewOne(ctx, doc, viewer, {}, state);
}
