import type * as z from 'zod/mini';
import { AppError } from '@qgt/shared/errors';
import type { Community } from '@qgt/shared/domain/community';
import type { ConsoleInput, ConsoleOutput } from '@qgt/shared/admin/api';
import type { RoleView } from '@qgt/shared/admin/views';
import type { Context } from '../runtime/context';
import { isSubdistrictAdmin, ownCommunity as own, type AdminScope } from './scope';
import { COMMUNITIES, bumpCommunityVersion, type CommunityState, type WithId } from './store';
import { MAX_LIMIT } from '../store/port';
import { USERS, type StaffUserDoc } from '../runtime/caller';

type In<K extends keyof typeof ConsoleInput> = z.output<(typeof ConsoleInput)[K]>;

/** Staff roles in the admin console: who is a worker or admin of which of the caller's communities. */

export function roleView(u: StaffUserDoc, state: CommunityState): RoleView {
  return {
    openid: u._id,
    role: u.role,
    ...(u.name && { name: u.name }),
    communities: u.communities ?? [],
    communityNames: (u.communities ?? []).map((c) => state.communities.find((x) => x.code === c)?.name ?? c),
    subdistrictAdmin: isSubdistrictAdmin(state, u._id),
  };
}

export async function setRole(ctx: Context, admin: AdminScope, input: In<'roles.set'>): Promise<ConsoleOutput['roles.set']> {
  if (input.openid === admin.openid) throw new AppError('FORBIDDEN', '不能修改自己的角色', { field: 'data.openid' });
  if (input.role === 'admin' && admin.level === 'community') throw new AppError('FORBIDDEN', '只有街道管理员可以任命社区管理员', { field: 'data.role' });
  input.communities.forEach((c, i) => {
    if (!admin.state.communities.some((x) => x.code === c)) throw new AppError('NOT_FOUND', `未知社区：${c}`, { field: `data.communities.${i}` });
    own(admin, c, `data.communities.${i}`);
  });
  if (input.role !== 'resident' && !input.communities.length) throw new AppError('BAD_REQUEST', '请至少选择一个社区', { field: 'data.communities' });
  const users = ctx.store.collection(USERS);
  const user = await users.get(input.openid);
  const theirs = user?.communities ?? [];
  if (user?.role === 'admin' && admin.level === 'community') throw new AppError('FORBIDDEN', '只有街道管理员可以变更管理员的角色', { field: 'data.openid' });
  if (isSubdistrictAdmin(admin.state, input.openid)) throw new AppError('FORBIDDEN', '街道管理员的角色不能在此变更', { field: 'data.openid' });
  if (user && user.role !== 'resident' && theirs.length && !theirs.some((c) => admin.communities.includes(c)))
    throw new AppError('FORBIDDEN', '无权管理其他社区的人员', { field: 'data.openid' });
  if (input.role === 'resident' && admin.state.grids.some((g) => g.worker === input.openid || g.backup === input.openid))
    throw new AppError('CONFLICT', '该人员仍是网格员或B角，请先在网格中替换', { field: 'data.role' });
  // Communities outside the caller's reach stay as they were; inside it, the input decides. So
  // "resident" from an admin of one of several communities someone serves only lets them go
  // from that admin's communities: they keep their role for the others.
  const kept = theirs.filter((c) => !admin.communities.includes(c));
  const released = input.role === 'resident' && user !== null && user.role !== 'resident' && kept.length > 0;
  const role = released ? user.role : input.role;
  const communities = input.role === 'resident' ? kept : [...new Set([...kept, ...input.communities])];
  const doc: StaffUserDoc = {
    ...user,
    _id: input.openid,
    role,
    ...((input.name ?? user?.name) && { name: input.name ?? user?.name }),
    communities,
    createdAt: user?.createdAt ?? ctx.now.toISOString(),
  };
  await users.put(doc);
  await syncCommunityAdmins(ctx, admin.state, admin.communities, input.openid, role === 'admin' ? communities : []);
  return roleView(doc, admin.state);
}

export async function listRoles(ctx: Context, admin: AdminScope): Promise<ConsoleOutput['roles.list']> {
  const users = await ctx.store.collection(USERS).find({ role: { $in: ['admin', 'worker'] } }, { sort: { _id: 1 }, limit: MAX_LIMIT });
  // Department staff belong to no community: a 街道 admin (who runs the departments) sees those of their 街道.
  const first = admin.state.subdistrict?.code;
  const departments = new Set(admin.state.departments.filter((d) => admin.subdistricts.includes(d.subdistrict ?? first ?? '')).map((d) => d.code));
  const mine = (u: StaffUserDoc) => (u.communities ?? []).some((c) => admin.communities.includes(c)) || (!!u.department && departments.has(u.department));
  return { items: users.filter(mine).map((u) => roleView(u, admin.state)) };
}

/**
 * Keeps each community's `admins` (dispatcher first, 督办 recipients) in step with the roles:
 * a new admin is appended (the dispatcher stays), a former one removed — within `reach` (the
 * communities the change may touch).
 */
export async function syncCommunityAdmins(ctx: Context, state: CommunityState, reach: readonly string[], openid: string, adminOf: string[]): Promise<void> {
  const coll = ctx.store.collection<WithId<Community>>(COMMUNITIES);
  let changed = false;
  for (const c of state.communities.filter((x) => reach.includes(x.code))) {
    const has = c.admins.includes(openid);
    const should = adminOf.includes(c.code);
    if (has === should) continue;
    await coll.put({ ...c, _id: c.code, admins: should ? [...c.admins, openid] : c.admins.filter((a) => a !== openid) });
    changed = true;
  }
  if (changed) await bumpCommunityVersion(ctx.store);
}

