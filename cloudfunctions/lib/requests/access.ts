import { AppError } from '@qgt/shared/errors';
import type { Role } from '@qgt/shared/roles';
import { canView, type Actor } from '@qgt/shared/domain/requestState';
import { communitiesRunBy } from '@qgt/shared/domain/adminScope';
import type { Context, UserDoc } from '../runtime/context';
import { USERS } from '../runtime/context';
import type { Caller } from '../runtime/handler';
import { getWorker, loadCommunity } from '../community/store';
import { followId, follows, type RequestDoc } from './store';

/**
 * The caller as the requests pipeline sees them: role from the store, plus the communities an
 * admin runs (widened to every community of a 街道 they run), the grids a worker covers (their own list and every grid naming them as worker or
 * B角) and the department of department staff.
 */
export interface Viewer extends Actor {
  role: Role;
  name?: string;
  communities: string[];
  grids: string[];
}

export type StaffUserDoc = UserDoc & { department?: string };

export async function loadViewer(ctx: Context, caller: Caller): Promise<Viewer> {
  if (!caller.openid || !caller.role) throw new AppError('UNAUTHENTICATED');
  const openid = caller.openid;
  const base: Viewer = { openid, role: caller.role, name: caller.name, communities: [], grids: [] };
  if (caller.role === 'resident') return base;
  const user = await ctx.store.collection<StaffUserDoc>(USERS).get(openid);
  const viewer: Viewer = { ...base, communities: user?.communities ?? [], ...(user?.department && { department: user.department }) };
  // An admin's reach is widened once, here: a 街道 admin runs every community of the 街道 (see adminScope.ts).
  if (caller.role === 'admin') viewer.communities = communitiesRunBy(await loadCommunity(ctx.store), openid, viewer.communities);
  if (caller.role === 'worker') {
    const [worker, state] = await Promise.all([getWorker(ctx.store, openid), loadCommunity(ctx.store)]);
    const covered = state.grids.filter((g) => g.worker === openid || g.backup === openid).map((g) => g.code);
    viewer.grids = [...new Set([...(worker?.grids ?? []), ...covered])];
    if (worker) viewer.communities = [...new Set([...viewer.communities, worker.community])];
  }
  return viewer;
}

export const isStaff = (viewer: Viewer) => viewer.role !== 'resident';

/**
 * Whether the viewer may see the request: residents their own and those they follow; workers
 * those assigned to them, first-responded by them, called in to their department or in their
 * grids; admins those of their communities (and any they are assignee of).
 */
export async function visibility(ctx: Context, doc: RequestDoc, viewer: Viewer): Promise<{ visible: boolean; following: boolean }> {
  if (viewer.role === 'resident') {
    if (doc.owner === viewer.openid) return { visible: true, following: false };
    const following = (await follows(ctx.store).get(followId(doc._id, viewer.openid))) !== null;
    return { visible: following, following };
  }
  if (viewer.role === 'admin') {
    const mine = doc.assignee === viewer.openid || doc.firstResponder === viewer.openid || doc.owner === viewer.openid;
    return { visible: mine || (doc.community !== undefined && viewer.communities.includes(doc.community)), following: false };
  }
  return { visible: canView(doc, viewer), following: false };
}

/** Throws FORBIDDEN when the viewer may not see the request; returns whether they only follow it. */
export async function authorizeView(ctx: Context, doc: RequestDoc, viewer: Viewer): Promise<{ following: boolean }> {
  const { visible, following } = await visibility(ctx, doc, viewer);
  if (!visible) throw new AppError('FORBIDDEN', '无权查看该工单');
  return { following };
}
