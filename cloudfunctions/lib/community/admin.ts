import { AppError } from '@qgt/shared/errors';
import { GridFeatureCollectionSchema, WorkerSchema, type ReportCategory, type Community, type Department, type Grid, type GridFeatureCollection, type Worker } from '@qgt/shared/domain/communityData';
import type * as z from 'zod/mini';
import type { AdminInput } from '@qgt/shared/admin/api';
import type { AdminOutput } from '@qgt/shared/admin/api';
import type { WorkerView } from '@qgt/shared/admin/views';
import { OPEN_STATUSES } from '@qgt/shared/domain/requestState';
import { requests } from '../requests/store';
import type { Context } from '../runtime/context';
import type { Store } from '../store/port';
import { loadCatalog } from '../catalog/published';
import { capacityOf } from '../requests/slots';
import { bumpCommunityVersion, SUBDISTRICTS, type SubdistrictDoc, COMMUNITIES, DEPARTMENTS, getWorker, GRIDS, loadCommunity, loadWorkers, WORKERS, type WithId } from './store';
import { requireSubdistrictAdmin, type AdminScope } from './scope';
import { USERS, type StaffUserDoc, type Viewer } from '../runtime/caller';
import { readJsonInput } from '../files/json-input';

/**
 * Admin changes to the community model, checked beyond their schemas: references must exist and
 * lie in the admin's own communities; every error names its field.
 */

/** `admin.grids.import`'s collection: given inline, or read from the JSON file uploaded to storage (past 100 KB). */
export async function gridImportOf(ctx: Context, input: z.output<(typeof AdminInput)['grids.import']>): Promise<GridFeatureCollection> {
  const { fileId, features, ...rest } = input;
  return fileId ? readJsonInput(ctx, fileId, GridFeatureCollectionSchema, '网格文件') : { ...rest, features: features ?? [] };
}

/** Turf and gcoord, loaded only when a grid or boundary is written (a lazy chunk in the cloud bundle). */
const geometryChecks = () => import('@qgt/shared/domain/geometryChecks');

const bad = (field: string, message: string) => new AppError('BAD_REQUEST', message, { field });

function ownCommunity(viewer: Pick<Viewer, 'communities'>, community: string, field: string): void {
  if (!viewer.communities.includes(community)) throw new AppError('FORBIDDEN', `无权管理社区：${community}`, { field });
}

/** Staff who serve only communities the admin does not run are not theirs to change (the rule of roles.set). */
function manageable(viewer: Pick<Viewer, 'communities'>, user: StaffUserDoc | null, field: string): void {
  const theirs = user?.communities ?? [];
  if (user && user.role !== 'resident' && theirs.length && !theirs.some((c) => viewer.communities.includes(c)))
    throw new AppError('FORBIDDEN', '无权管理其他社区的人员', { field });
}

/**
 * Upserts grids by code and invalidates every warm instance's grid index. Everything is checked
 * before anything is written (nothing is half-imported): references, then geometry — usable
 * polygons, inside the community's boundary, no overlap with another community's grid (409 naming
 * both) nor, unless marked `nestedIn`, with another grid of the same community.
 */
export async function importGrids(ctx: Context, viewer: AdminScope, fc: GridFeatureCollection): Promise<number> {
  const state = viewer.state;
  const geo = await geometryChecks();
  const seen = new Set<string>();
  const grids: Grid[] = [];
  for (const [i, f] of fc.features.entries()) {
    const at = (key: string) => `data.features.${i}.properties.${key}`;
    const p = f.properties;
    if (seen.has(p.code)) throw bad(at('code'), `网格编码重复：${p.code}`);
    seen.add(p.code);
    if (!state.communities.some((c) => c.code === p.community)) throw new AppError('NOT_FOUND', `未知社区：${p.community}`, { field: at('community') });
    ownCommunity(viewer, p.community, at('community'));
    const existing = state.grids.find((g) => g.code === p.code);
    if (existing) ownCommunity(viewer, existing.community, at('code'));
    for (const role of ['worker', 'backup'] as const) {
      const openid = p[role];
      if (!openid) continue;
      const w = await getWorker(ctx.store, openid);
      if (!w) throw bad(at(role), `${role === 'worker' ? '网格员' : 'B角'}未登记：${openid}（请先用 workers.upsert 登记）`);
      if (w.community !== p.community) throw bad(at(role), `${w.name}不属于社区 ${p.community}`);
    }
    if (p.backup && p.backup === p.worker) throw bad(at('backup'), 'B角不能是网格员本人');
    if (p.nestedIn && !fc.features.some((x) => x.properties.code === p.nestedIn && x.properties.community === p.community) && !state.grids.some((g) => g.code === p.nestedIn && g.community === p.community))
      throw bad(at('nestedIn'), `本社区没有网格：${p.nestedIn}`);
    grids.push({
      code: p.code,
      name: p.name,
      community: p.community,
      worker: p.worker,
      ...(p.backup && { backup: p.backup }),
      ...(p.nestedIn && { nestedIn: p.nestedIn }),
      geometry: geo.toStoredGeometry(f.geometry, fc.datum),
    });
  }
  const others = state.grids.filter((g) => !seen.has(g.code));
  const boundaries = new Map(state.communities.filter((c) => c.boundary).map((c) => [c.code, c.boundary!]));
  const problems = geo.gridGeometryProblems(grids, others, boundaries);
  const conflict = problems.find((p) => p.conflict);
  if (conflict) throw new AppError('CONFLICT', conflict.message, { field: `data.features.${conflict.index}.geometry` });
  if (problems.length) throw bad(`data.features.${problems[0].index}.geometry`, problems[0].message);
  const coll = ctx.store.collection<WithId<Grid>>(GRIDS);
  for (const g of grids) await coll.put({ ...g, _id: g.code });
  await bumpCommunityVersion(ctx.store);
  return grids.length;
}

export function workerView(w: Worker, open?: number): WorkerView {
  return { ...w, capacity: capacityOf(w), ...(open !== undefined && { open }) };
}

type WorkerUpsert = z.output<(typeof AdminInput)['workers.upsert']>;

/** Creates or updates a worker (fields not given keep their value) and makes them a worker in `users`. */
export async function upsertWorker(ctx: Context, viewer: Viewer, input: WorkerUpsert): Promise<WorkerView> {
  const users = ctx.store.collection(USERS);
  const [existing, user] = await Promise.all([getWorker(ctx.store, input.openid), users.get(input.openid)]);
  if (existing) ownCommunity(viewer, existing.community, 'data.openid');
  manageable(viewer, user, 'data.openid');
  const community = input.community ?? existing?.community ?? viewer.communities[0];
  if (!community) throw new AppError('FORBIDDEN', '您尚未负责任何社区', { field: 'data.community' });
  ownCommunity(viewer, community, 'data.community');
  const [{ byCode }, state] = await Promise.all([loadCatalog(ctx.store), loadCommunity(ctx.store)]);
  input.skills?.forEach((s, i) => {
    if (!byCode.has(s)) throw bad(`data.skills.${i}`, `未知事项：${s}`);
  });
  input.grids?.forEach((g, i) => {
    if (!state.grids.some((x) => x.code === g && x.community === community)) throw bad(`data.grids.${i}`, `本社区没有网格：${g}`);
  });
  if (input.backup) {
    if (input.backup === input.openid) throw bad('data.backup', 'B角不能是本人');
    const backup = await getWorker(ctx.store, input.backup);
    if (!backup) throw bad('data.backup', `B角未登记：${input.backup}`);
    if (backup.community !== community) throw bad('data.backup', `${backup.name}不属于社区 ${community}`);
  }
  const { workingPlan, backup, community: _c, ...given } = input;
  const merged: Record<string, unknown> = { ...existing, ...Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)), community };
  if (workingPlan !== undefined) merged.workingPlan = workingPlan ?? undefined;
  if (backup !== undefined) merged.backup = backup ?? undefined;
  const parsed = WorkerSchema.safeParse(merged);
  if (!parsed.success) throw bad(`data.${parsed.error.issues[0].path.join('.')}`, `参数错误：${parsed.error.issues[0].message}`);
  const worker = parsed.data;
  await ctx.store.collection<WithId<Worker>>(WORKERS).put({ ...worker, _id: worker.openid });
  await bumpCommunityVersion(ctx.store);
  // An admin's communities are the ones they run: working somewhere as well grants no admin rights there.
  const isAdmin = user?.role === 'admin';
  await users.put({
    ...user,
    _id: worker.openid,
    role: isAdmin ? 'admin' : 'worker',
    name: worker.name,
    ...(worker.phone && { phone: worker.phone }),
    communities: isAdmin ? (user.communities ?? []) : [...new Set([...(user?.communities ?? []), community])],
    createdAt: user?.createdAt ?? ctx.now.toISOString(),
  });
  return workerView(worker);
}

type DepartmentUpsert = z.output<(typeof AdminInput)['departments.upsert']>;

/**
 * Creates or updates a department of the 街道 (only its 街道 admins keep departments); its staff
 * become workers attached to it (they answer 吹哨). Leaving takes back the worker role the
 * department granted, unless another grant (a worker record, a grid, another department) holds.
 */
export async function upsertDepartment(ctx: Context, viewer: AdminScope, input: DepartmentUpsert): Promise<Department> {
  requireSubdistrictAdmin(viewer, '管理职能部门');
  const [{ catalog }, state] = await Promise.all([loadCatalog(ctx.store), loadCommunity(ctx.store)]);
  input.categories.forEach((c, i) => {
    if (!catalog.categories.some((x) => x.code === c) && !state.reportCategories.some((x) => x.code === c)) throw bad(`data.categories.${i}`, `未知问题分类：${c}`);
  });
  const existing = state.departments.find((d) => d.code === input.code);
  const subdistrict = existing?.subdistrict ?? viewer.subdistricts[0];
  if (existing?.subdistrict && !viewer.subdistricts.includes(existing.subdistrict)) throw new AppError('FORBIDDEN', '无权管理其他街道的部门', { field: 'data.code' });
  const department: Department = {
    code: input.code,
    name: input.name,
    categories: input.categories,
    staff: input.staff ?? existing?.staff ?? [],
    ...(subdistrict && { subdistrict }),
  };
  const users = ctx.store.collection(USERS);
  const staff = await Promise.all(department.staff.map((openid) => users.get(openid)));
  staff.forEach((user, i) => manageable(viewer, user, `data.staff.${i}`));
  for (const openid of (existing?.staff ?? []).filter((o) => !department.staff.includes(o))) manageable(viewer, await users.get(openid), 'data.staff');
  for (const [i, openid] of department.staff.entries()) {
    const user = staff[i];
    await users.put({ ...user, _id: openid, role: user?.role === 'admin' ? 'admin' : 'worker', department: department.code, createdAt: user?.createdAt ?? ctx.now.toISOString() });
  }
  const leaving = await users.find({ department: department.code, _id: { $nin: department.staff } });
  await ctx.store.collection<WithId<Department>>(DEPARTMENTS).put({ ...department, _id: department.code });
  for (const openid of new Set([...leaving.map((u) => u._id), ...(existing?.staff ?? []).filter((o) => !department.staff.includes(o))])) await releaseRole(ctx.store, openid);
  await bumpCommunityVersion(ctx.store);
  return department;
}

/**
 * Takes back what a department or a worker record granted when it no longer does: the user's
 * department moves to another department still naming them (or goes), and a worker whom nothing
 * grants the role any more (no worker record, no grid, no department) is a resident again.
 * Admins keep their role: their communities say what they run.
 */
export async function releaseRole(store: Store, openid: string): Promise<void> {
  const users = store.collection(USERS);
  const user = await users.get(openid);
  if (!user) return;
  const [worker, departments, grids] = await Promise.all([
    store.collection<WithId<Worker>>(WORKERS).get(openid),
    store.collection<WithId<Department>>(DEPARTMENTS).find({ staff: openid }, { sort: { _id: 1 }, limit: 1 }),
    store.collection<WithId<Grid>>(GRIDS).find({ $or: [{ worker: openid }, { backup: openid }] }, { limit: 1 }),
  ]);
  const department = departments[0]?.code;
  const { department: _d, ...rest } = user;
  const stillWorker = user.role !== 'worker' || worker !== null || grids.length > 0 || department !== undefined;
  if (stillWorker && department === user.department) return;
  await users.put({ ...rest, ...(department && { department }), ...(!stillWorker && { role: 'resident', communities: [] }) });
}

type CategoryUpsert = z.output<(typeof AdminInput)['categories.upsert']>;

/** 街道 admins: adds a report category to their 街道, or renames / retires / brings back one. */
export async function upsertCategory(ctx: Context, scope: AdminScope, input: CategoryUpsert): Promise<ReportCategory> {
  requireSubdistrictAdmin(scope, '管理问题分类');
  const subdistrict = input.subdistrict ?? (scope.subdistricts.length === 1 ? scope.subdistricts[0] : undefined);
  if (!subdistrict) throw bad('data.subdistrict', '请指定分类所属的街道');
  if (!scope.subdistricts.includes(subdistrict)) throw new AppError('FORBIDDEN', `无权管理街道：${subdistrict}`, { field: 'data.subdistrict' });
  const coll = ctx.store.collection<SubdistrictDoc>(SUBDISTRICTS);
  const street = scope.state.subdistricts.find((s) => s.code === subdistrict)!;
  const doc = (await coll.get(subdistrict)) ?? { _id: subdistrict, ...street, reportCategories: subdistrict === scope.state.subdistrict?.code ? scope.state.reportCategories : [] };
  const existing = doc.reportCategories.find((c) => c.code === input.code);
  // A new code may not shadow a guide category's (requests name either by the same field).
  if (!existing && (await loadCatalog(ctx.store)).catalog.categories.some((c) => c.code === input.code))
    throw new AppError('CONFLICT', `编码已被办事指南分类使用：${input.code}`, { field: 'data.code' });
  const { subdistrict: _s, ...given } = input;
  const category: ReportCategory = { ...existing, ...Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) } as ReportCategory;
  if (category.retired === false) delete category.retired;
  const reportCategories = existing ? doc.reportCategories.map((c) => (c.code === input.code ? category : c)) : [...doc.reportCategories, category];
  await coll.put({ ...doc, reportCategories });
  await bumpCommunityVersion(ctx.store);
  return category;
}

type CommunityUpsert = z.output<(typeof AdminInput)['communities.upsert']>;

/**
 * 街道 admins: creates or updates a community of a 街道 they run. A boundary must be a usable
 * polygon holding every grid the community already has; the admins listed become its admins
 * (those dropped from the list stop running it).
 */
export async function upsertCommunity(ctx: Context, scope: AdminScope, input: CommunityUpsert): Promise<Community> {
  requireSubdistrictAdmin(scope, '管理社区');
  const state = await loadCommunity(ctx.store);
  const existing = state.communities.find((c) => c.code === input.code);
  const subdistrict = existing?.subdistrict ?? input.subdistrict ?? (scope.subdistricts.length === 1 ? scope.subdistricts[0] : undefined);
  if (!subdistrict) throw bad('data.subdistrict', '请指定社区所属的街道');
  if (!state.subdistricts.some((s) => s.code === subdistrict)) throw new AppError('NOT_FOUND', `未知街道：${subdistrict}`, { field: 'data.subdistrict' });
  if (!scope.subdistricts.includes(subdistrict)) throw new AppError('FORBIDDEN', `无权管理街道：${subdistrict}`, { field: existing ? 'data.code' : 'data.subdistrict' });
  let boundary = existing?.boundary;
  if (input.boundary === null) boundary = undefined;
  else if (input.boundary) {
    const geo = await geometryChecks();
    boundary = geo.toStoredGeometry(input.boundary, input.datum);
    const problem = geo.polygonProblem(boundary, geo.MAX_BOUNDARY_AREA_M2);
    if (problem) throw bad('data.boundary', problem);
    const outside = state.grids.find((g) => g.community === input.code && !geo.within(g.geometry, boundary!));
    if (outside) throw new AppError('CONFLICT', `网格 ${outside.code} 不在新的社区边界内，请先调整网格`, { field: 'data.boundary' });
  }
  const admins = input.admins ?? existing?.admins ?? [];
  const community: Community = { code: input.code, name: input.name, subdistrict, admins, ...(boundary && { boundary }) };
  const users = ctx.store.collection(USERS);
  for (const openid of admins) {
    const user = await users.get(openid);
    const communities = [...new Set([...(user?.communities ?? []), community.code])];
    await users.put({ ...user, _id: openid, role: 'admin', communities, createdAt: user?.createdAt ?? ctx.now.toISOString() });
  }
  for (const openid of (existing?.admins ?? []).filter((a) => !admins.includes(a))) {
    const user = await users.get(openid);
    if (user?.role === 'admin') await users.put({ ...user, communities: (user.communities ?? []).filter((c) => c !== community.code) });
  }
  await ctx.store.collection<WithId<Community>>(COMMUNITIES).put({ ...community, _id: community.code });
  await bumpCommunityVersion(ctx.store);
  return community;
}

/** `admin.communities.list`: the communities and 街道 the admin runs, and their level. */
export function listCommunities(scope: AdminScope): AdminOutput['communities.list'] {
  return { items: scope.state.communities.filter((c) => scope.communities.includes(c.code)), level: scope.level, subdistricts: scope.state.subdistricts.filter((s) => scope.subdistricts.includes(s.code)) };
}

/** `admin.grids.list`: the grids of the admin's communities. */
export async function listGrids(ctx: Context, viewer: AdminScope): Promise<AdminOutput['grids.list']> {
  const [state, workers] = await Promise.all([loadCommunity(ctx.store), loadWorkers(ctx.store)]);
  // Names beside the OPENIDs: the page shows people, not account ids.
  const names = new Map(workers.map((w) => [w.openid, w.name]));
  return {
    items: state.grids
      .filter((g) => viewer.communities.includes(g.community))
      .map((g) => ({ ...g, ...(names.get(g.worker) && { workerName: names.get(g.worker) }), ...(g.backup && names.get(g.backup) && { backupName: names.get(g.backup) }) })),
  };
}

/** `admin.workers.list`: the workers of the admin's communities, with their open requests. */
export async function listWorkers(ctx: Context, viewer: AdminScope): Promise<AdminOutput['workers.list']> {
  const workers = (await loadWorkers(ctx.store)).filter((w) => viewer.communities.includes(w.community));
  const open = await Promise.all(workers.map((w) => requests(ctx.store).count({ assignee: w.openid, status: { $in: [...OPEN_STATUSES] } })));
  const gridName = new Map(viewer.state.grids.map((g) => [g.code, g.name]));
  return { items: workers.map((w, i) => ({ ...workerView(w, open[i]), gridNames: w.grids.map((g) => gridName.get(g) ?? g) })) };
}
