import { AppError } from '@qgt/shared/errors';
import { maskPhone } from '@qgt/shared/privacy/mask';
import { addDays, localDate } from '@qgt/shared/domain/calendar';
import type { Worker } from '@qgt/shared/domain/community';
import {
  VISIT_TARGETS,
  coveringRange,
  daysBetween,
  householdsDue,
  monthOf,
  monthTally,
  weekStart,
  weekTally,
  workerTargets,
  type VisitFact,
} from '@qgt/shared/domain/visits';
import type * as z from 'zod/mini';
import type { VisitsInput, HouseholdView, VisitView, VisitsOutput } from '@qgt/shared/visits/api';
import type { Context } from '../runtime/context';
import type { AdminScope, Viewer } from '../runtime/caller';
import { getBuilding, getWorker, loadCommunity, loadWorkers } from '../community/store';
import { visibility } from '../requests/access';
import { requests } from '../requests/store';
import { TZ } from '../requests/config';
import { MAX_LIMIT, type Filter } from '../store/port';
import { gridVisits, keyHouseholds, newVisitId, type GridVisitDoc, type KeyHouseholdDoc } from './store';

/** 下沉网格's service: visit logs, 包保 key households and the model's targets (the visits function's table calls it). */

const bad = (field: string, message: string) => new AppError('BAD_REQUEST', message, { field });
const today = (ctx: Context) => localDate(ctx.now.getTime(), TZ);

/** Who is asking, in visit terms: a grid worker (their own record) or an admin (their communities). */
type Scope = ({ role: 'worker'; worker: Worker } | { role: 'admin' }) & { openid: string; communities: string[]; viewer: Viewer };

/** A worker or the admin scope, as the visits table's access hands them (an admin always comes as their scope). */
type VisitCaller = AdminScope | Viewer;
type In<K extends keyof typeof VisitsInput> = z.output<(typeof VisitsInput)[K]>;

async function scopeOf(ctx: Context, viewer: VisitCaller): Promise<Scope> {
  if (viewer.role === 'admin') return { role: 'admin', openid: viewer.openid, communities: viewer.communities, viewer };
  const worker = await getWorker(ctx.store, viewer.openid);
  if (!worker) throw new AppError('FORBIDDEN', '您不是网格员，无法使用下沉网格');
  return { role: 'worker', openid: viewer.openid, worker, communities: [worker.community], viewer };
}

/** The workers the scope may look at: a worker only themselves; an admin those of their communities (or one of them). */
async function workersInScope(ctx: Context, scope: Scope, only?: string): Promise<Worker[]> {
  if (scope.role === 'worker') {
    if (only && only !== scope.openid) throw new AppError('FORBIDDEN', '只能查看本人的走访', { field: 'data.worker' });
    return [scope.worker];
  }
  const all = (await loadWorkers(ctx.store)).filter((w) => scope.communities.includes(w.community));
  if (!only) return all;
  const one = all.find((w) => w.openid === only);
  if (!one) throw new AppError('FORBIDDEN', `无权查看该网格员：${only}`, { field: 'data.worker' });
  return [one];
}

function range(ctx: Context, from: string | undefined, to: string | undefined, defaultFrom: (to: string) => string, maxDays: number) {
  const end = to ?? today(ctx);
  const start = from ?? defaultFrom(end);
  if (start > end) throw bad('data.from', '开始日期不能晚于结束日期');
  if (daysBetween(start, end) > maxDays) throw bad('data.from', `查询范围不能超过${maxDays}天`);
  return { from: start, to: end };
}

/** Every document matching, paged past the store's 1000-per-read cap. */
async function findAll(ctx: Context, filter: Filter, sort: Record<string, 1 | -1>): Promise<GridVisitDoc[]> {
  const out: GridVisitDoc[] = [];
  for (;;) {
    const page = await gridVisits(ctx.store).find(filter, { sort, skip: out.length, limit: MAX_LIMIT });
    out.push(...page);
    if (page.length < MAX_LIMIT) return out;
  }
}

function visitView(doc: GridVisitDoc, names: Map<string, string>, households: Map<string, string>): VisitView {
  const { _id, ...rest } = doc;
  return {
    id: _id,
    ...rest,
    ...(names.has(doc.worker) && { workerName: names.get(doc.worker) }),
    ...(households.has(doc.household) && { householdName: households.get(doc.household) }),
  };
}

/** Key households with their due state, from the visits of the last year (any worker's: a B角's visit counts). */
async function householdViews(ctx: Context, docs: KeyHouseholdDoc[]): Promise<HouseholdView[]> {
  if (!docs.length) return [];
  const now = today(ctx);
  const visits = await findAll(ctx, { household: { $in: docs.map((d) => d.code) }, date: { $gte: addDays(now, -366), $lte: now } }, { date: -1 });
  const byCommunity = new Set(docs.map((d) => `${d.community}:${d.code}`));
  const facts: VisitFact[] = visits.filter((v) => byCommunity.has(`${v.community}:${v.household}`));
  const names = new Map((await loadWorkers(ctx.store)).map((w) => [w.openid, w.name]));
  const codes = [...new Set(docs.flatMap((d) => (d.buildingCode ? [d.buildingCode] : [])))];
  const buildings = new Map((await Promise.all(codes.map((c) => getBuilding(ctx.store, c)))).flatMap((b) => (b ? [[b.code, b.name] as const] : [])));
  return householdsDue(docs, facts, now).map(({ _id, updatedAt: _u, ...h }) => ({
    ...h,
    ...(names.has(h.worker) && { workerName: names.get(h.worker) }),
    ...(h.buildingCode && buildings.has(h.buildingCode) && { buildingName: buildings.get(h.buildingCode) }),
  }));
}

export async function logVisit(ctx: Context, caller: VisitCaller, input: In<'log'>): Promise<VisitsOutput['log']> {
  const scope = await scopeOf(ctx, caller);
  if (scope.role !== 'worker') throw new AppError('FORBIDDEN', '只有网格员可以登记走访');
  const community = scope.worker.community;
  const now = today(ctx);
  const date = input.date ?? now;
  if (date > now) throw bad('data.date', '走访日期不能晚于今天');
  if (daysBetween(date, now) > 31) throw bad('data.date', '只能补登31天内的走访');
  if (input.buildingCode) {
    const building = await getBuilding(ctx.store, input.buildingCode);
    if (!building) throw new AppError('NOT_FOUND', `找不到楼栋：${input.buildingCode}`, { field: 'data.buildingCode' });
    const grid = (await loadCommunity(ctx.store)).grids.find((g) => g.code === building.grid);
    if (grid?.community !== community) throw new AppError('FORBIDDEN', `楼栋不在您的社区：${input.buildingCode}`, { field: 'data.buildingCode' });
  }
  const requestIds = [...new Set(input.requestIds)];
  for (const [i, id] of requestIds.entries()) {
    const doc = await requests(ctx.store).get(id);
    // Another worker's request is "not found" for this worker, as elsewhere.
    if (!doc || !(await visibility(ctx, doc, scope.viewer)).visible) throw new AppError('NOT_FOUND', `找不到工单：${id}`, { field: `data.requestIds.${i}` });
  }
  const household = input.household;
  const key = await keyHouseholds(ctx.store).get(household);
  const doc: GridVisitDoc = {
    _id: newVisitId(),
    worker: scope.openid,
    community,
    date,
    household,
    ...(input.buildingCode && { buildingCode: input.buildingCode }),
    found: input.found,
    requestIds,
    createdAt: ctx.now.toISOString(),
  };
  await gridVisits(ctx.store).insert(doc);
  const names = new Map([[scope.openid, scope.worker.name]]);
  return visitView(doc, names, new Map(key && key.community === community ? [[key.code, key.name]] : []));
}

export async function listVisits(ctx: Context, caller: VisitCaller, input: In<'mine'>): Promise<VisitsOutput['mine']> {
  const scope = await scopeOf(ctx, caller);
  const workers = await workersInScope(ctx, scope, input.worker);
  const { from, to } = range(ctx, input.from, input.to, (end) => addDays(end, -30), 366);
  const filter: Filter = { date: { $gte: from, $lte: to }, community: { $in: scope.communities } };
  if (scope.role === 'worker' || input.worker) filter.worker = workers[0].openid;
  const docs = await findAll(ctx, filter, { date: -1, createdAt: -1 });
  const names = new Map(workers.map((w) => [w.openid, w.name]));
  const codes = [...new Set(docs.map((d) => d.household))];
  const keys = codes.length ? await keyHouseholds(ctx.store).find({ _id: { $in: codes }, community: { $in: scope.communities } }) : [];
  return { from, to, items: docs.map((d) => visitView(d, names, new Map(keys.map((k) => [k.code, k.name])))) };
}

export async function upsertHousehold(ctx: Context, caller: VisitCaller, input: In<'households.upsert'>): Promise<VisitsOutput['households.upsert']> {
  const scope = await scopeOf(ctx, caller);
  const coll = keyHouseholds(ctx.store);
  const existing = await coll.get(input.code);
  if (existing && !scope.communities.includes(existing.community)) throw new AppError('FORBIDDEN', `无权管理该户：${input.code}`, { field: 'data.code' });
  const worker = await getWorker(ctx.store, input.worker);
  if (!worker) throw bad('data.worker', `网格员未登记：${input.worker}`);
  if (!scope.communities.includes(worker.community)) throw new AppError('FORBIDDEN', `无权管理社区：${worker.community}`, { field: 'data.worker' });
  if (input.buildingCode) {
    const building = await getBuilding(ctx.store, input.buildingCode);
    if (!building) throw new AppError('NOT_FOUND', `找不到楼栋：${input.buildingCode}`, { field: 'data.buildingCode' });
    const grid = (await loadCommunity(ctx.store)).grids.find((g) => g.code === building.grid);
    if (grid?.community !== worker.community) throw bad('data.buildingCode', `楼栋不在${worker.name}所在社区：${input.buildingCode}`);
  }
  const phone = input.phone ? maskPhone(input.phone) : existing?.phone;
  const address = input.address ?? existing?.address;
  const buildingCode = input.buildingCode ?? existing?.buildingCode;
  const note = input.note ?? existing?.note;
  const doc: KeyHouseholdDoc = {
    _id: input.code,
    code: input.code,
    name: input.name,
    ...(phone && { phone }),
    ...(address && { address }),
    ...(buildingCode && { buildingCode }),
    tags: [...new Set(input.tags)],
    worker: worker.openid,
    community: worker.community,
    frequencyDays: input.frequencyDays,
    ...(note && { note }),
    updatedAt: ctx.now.toISOString(),
  };
  await coll.put(doc);
  return (await householdViews(ctx, [doc]))[0];
}

export async function listHouseholds(ctx: Context, caller: VisitCaller, input: In<'households.list'>): Promise<VisitsOutput['households.list']> {
  const scope = await scopeOf(ctx, caller);
  const workers = await workersInScope(ctx, scope, input.worker);
  const filter: Filter = { community: { $in: scope.communities } };
  if (scope.role === 'worker' || input.worker) filter.worker = workers[0].openid;
  const docs = await keyHouseholds(ctx.store).find(filter, { sort: { _id: 1 }, limit: MAX_LIMIT });
  return { items: await householdViews(ctx, docs) };
}

export async function visitsHome(ctx: Context, caller: VisitCaller): Promise<VisitsOutput['home']> {
  const scope = await scopeOf(ctx, caller);
  const now = today(ctx);
  const mine = await keyHouseholds(ctx.store).find({ worker: scope.openid, community: { $in: scope.communities } }, { sort: { _id: 1 }, limit: MAX_LIMIT });
  const all = await householdViews(ctx, mine);
  const monday = weekStart(now);
  const visits = await findAll(ctx, { worker: scope.openid, date: { $gte: coveringRange(now, now).start, $lte: now } }, { date: 1 });
  return {
    today: now,
    overdue: all.filter((h) => h.overdue),
    dueSoon: all.filter((h) => !h.overdue && daysBetween(now, h.dueDate) <= 3),
    week: weekTally(visits, monday, VISIT_TARGETS.daysPerWeek),
    month: monthTally(visits, monthOf(now), VISIT_TARGETS.householdsPerMonth),
  };
}

export async function visitTargets(ctx: Context, caller: VisitCaller, input: In<'targets'>): Promise<VisitsOutput['targets']> {
  const scope = await scopeOf(ctx, caller);
  const workers = await workersInScope(ctx, scope, input.worker);
  const { from, to } = range(ctx, input.from, input.to, (end) => `${monthOf(end)}-01`, 92);
  // Whole weeks and months touching the range.
  const { start, end } = coveringRange(from, to);
  const items = await Promise.all(
    workers.map(async (w) => {
      const visits = await findAll(ctx, { worker: w.openid, community: w.community, date: { $gte: start, $lte: end } }, { date: 1 });
      return { worker: { openid: w.openid, name: w.name }, ...workerTargets(visits, from, to), visits: visits.filter((v) => v.date >= from && v.date <= to).length };
    }),
  );
  return { from, to, items };
}
