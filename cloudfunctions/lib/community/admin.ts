import { AppError } from '@qgt/shared/errors';
import { WorkerSchema, type Department, type Grid, type GridFeatureCollection, type Worker } from '@qgt/shared/domain/communityData';
import type * as z from 'zod/mini';
import type { AdminInput } from '@qgt/shared/requests/adminInput';
import type { WorkerView } from '@qgt/shared/requests/api';
import type { Context } from '../runtime/context';
import { USERS } from '../runtime/context';
import { loadCatalog } from '../catalog/published';
import type { Viewer, StaffUserDoc } from '../requests/access';
import { capacityOf } from '../requests/slots';
import { bumpCommunityVersion, DEPARTMENTS, getWorker, GRIDS, loadCommunity, WORKERS, type WithId } from './store';

/**
 * Admin changes to the community model, checked beyond their schemas: references must exist and
 * lie in the admin's own communities; every error names its field.
 */

const bad = (field: string, message: string) => new AppError('BAD_REQUEST', message, { field });

function ownCommunity(viewer: Viewer, community: string, field: string): void {
  if (!viewer.communities.includes(community)) throw new AppError('FORBIDDEN', `无权管理社区：${community}`, { field });
}

/** Staff who serve only communities the admin does not run are not theirs to change (the rule of roles.set). */
function manageable(viewer: Viewer, user: StaffUserDoc | null, field: string): void {
  const theirs = user?.communities ?? [];
  if (user && user.role !== 'resident' && theirs.length && !theirs.some((c) => viewer.communities.includes(c)))
    throw new AppError('FORBIDDEN', '无权管理其他社区的人员', { field });
}

/** Upserts grids by code and invalidates every warm instance's grid index. */
export async function importGrids(ctx: Context, viewer: Viewer, fc: GridFeatureCollection): Promise<number> {
  const state = await loadCommunity(ctx.store);
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
    grids.push({ code: p.code, name: p.name, community: p.community, worker: p.worker, ...(p.backup && { backup: p.backup }), geometry: f.geometry });
  }
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
  const users = ctx.store.collection<StaffUserDoc>(USERS);
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
 * Creates or updates a department (the 街道's, kept by any of its admins); its staff become workers
 * attached to it (they answer 吹哨). Staff of other communities are neither added nor removed.
 */
export async function upsertDepartment(ctx: Context, viewer: Viewer, input: DepartmentUpsert): Promise<Department> {
  const [{ catalog }, state] = await Promise.all([loadCatalog(ctx.store), loadCommunity(ctx.store)]);
  input.categories.forEach((c, i) => {
    if (!catalog.categories.some((x) => x.code === c) && !state.reportCategories.some((x) => x.code === c)) throw bad(`data.categories.${i}`, `未知问题分类：${c}`);
  });
  const existing = state.departments.find((d) => d.code === input.code);
  const department: Department = { code: input.code, name: input.name, categories: input.categories, staff: input.staff ?? existing?.staff ?? [] };
  const users = ctx.store.collection<StaffUserDoc>(USERS);
  const staff = await Promise.all(department.staff.map((openid) => users.get(openid)));
  staff.forEach((user, i) => manageable(viewer, user, `data.staff.${i}`));
  for (const openid of (existing?.staff ?? []).filter((o) => !department.staff.includes(o))) manageable(viewer, await users.get(openid), 'data.staff');
  for (const [i, openid] of department.staff.entries()) {
    const user = staff[i];
    await users.put({ ...user, _id: openid, role: user?.role === 'admin' ? 'admin' : 'worker', department: department.code, createdAt: user?.createdAt ?? ctx.now.toISOString() });
  }
  await users.updateMany({ department: department.code, _id: { $nin: department.staff } }, { $unset: { department: true } });
  await ctx.store.collection<WithId<Department>>(DEPARTMENTS).put({ ...department, _id: department.code });
  await bumpCommunityVersion(ctx.store);
  return department;
}
