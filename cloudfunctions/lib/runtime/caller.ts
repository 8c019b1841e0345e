import { AppError } from '@qgt/shared/errors';
import { ROLES, type Role } from '@qgt/shared/roles';
import type { Actor } from '@qgt/shared/domain/requestState';
import { adminLevelOf, communitiesRunBy, subdistrictsRunBy, type AdminLevel } from '@qgt/shared/domain/adminScope';
import type { Store } from '../store/port';
import { getWorker, loadCommunity, type CommunityState } from '../community/store';

/**
 * Who is calling, one type per level, each resolved once per call by `dispatch` from the action's
 * `access` (lib/runtime/handler.ts):
 * - `Caller`: the plain identity (`'anyone'` actions; OPENID null when anonymous);
 * - `Viewer`: a signed-in person with the communities, grids and department they serve;
 * - `AdminScope`: an admin's viewer with their level and the communities they run (never empty);
 * - `SystemCaller`: the platform itself (timer trigger, WeChat's pushes), for `'system'` access.
 */

export const USERS = 'users';

/** A person's record in `users` (keyed by OPENID); anyone without one is a resident. */
export interface UserDoc {
  _id: string; // OPENID
  role: Role;
  name?: string;
  phone?: string;
  /** Communities an admin or worker belongs to. */
  communities?: string[];
  createdAt: string;
}

export type StaffUserDoc = UserDoc & { department?: string };

/** The caller as the platform and the store know them. */
export interface Caller {
  openid: string | null;
  role: Role | null;
  name?: string;
  /** Department staff's department, from the same read of their user record. */
  department?: string;
}

/**
 * A signed-in caller as the requests pipeline sees them: role from the store, plus the communities
 * an admin runs (widened once to every community of a 街道 they run), the grids a worker covers
 * (their own list and every grid naming them as worker or B角) and the department of department staff.
 */
export interface Viewer extends Actor {
  openid: string;
  role: Role;
  name?: string;
  communities: string[];
  grids: string[];
}

/**
 * The admin scope: an admin's viewer with the communities they run (a 街道 admin widened to every
 * community of the 街道, a 区 admin to every 街道; sorted, never empty: an admin who runs nothing
 * gets 403), their level and the community state it was read from.
 */
export interface AdminScope extends Viewer {
  role: 'admin';
  level: AdminLevel;
  /** The 街道 they run as a whole (empty for a community admin). */
  subdistricts: string[];
  state: CommunityState;
}

/** The platform calling on its own (a timer trigger, WeChat's image-check push). */
export interface SystemCaller {
  openid: 'system';
  role: 'system';
  name: string;
}

/** The one spelling of "the system": its OPENID is what documents and the audit trail record. */
export const SYSTEM_CALLER: SystemCaller = { openid: 'system', role: 'system', name: '定时任务' };

/** Whether an OPENID is the system's (records written before it had one name carry `system:…`). */
export const isSystemOpenid = (openid: string): boolean => openid === SYSTEM_CALLER.openid || openid.startsWith(`${SYSTEM_CALLER.openid}:`);

export const isSystem = (who: { role: string | null }): who is SystemCaller => who.role === 'system';

/** What `identify` reads: the caller and, for staff, their user record (read once per call). */
export type Identity = (Caller & { user?: StaffUserDoc | null }) | SystemCaller;

/** Anyone the platform identifies but the store does not know is a resident. */
export async function identify(store: Store, openid: string | null): Promise<Identity> {
  if (!openid) return { openid: null, role: null };
  const user = await store.collection(USERS).get(openid);
  const role = user && (ROLES as readonly string[]).includes(user.role) ? user.role : 'resident';
  return { openid, role, name: user?.name, ...(user?.department && { department: user.department }), user };
}

/** The viewer of a signed-in caller, from the user record `identify` read (no second read). */
export async function loadViewer(store: Store, caller: Identity): Promise<Viewer> {
  if (!caller.openid || !caller.role || isSystem(caller)) throw new AppError('UNAUTHENTICATED');
  const openid = caller.openid;
  const base: Viewer = { openid, role: caller.role, ...(caller.name !== undefined && { name: caller.name }), communities: [], grids: [] };
  if (caller.role === 'resident') return base;
  const user = caller.user;
  const viewer: Viewer = { ...base, communities: user?.communities ?? [], ...(user?.department && { department: user.department }) };
  // An admin's reach is widened once, here: a 街道 admin runs every community of the 街道 (see adminScope.ts).
  if (caller.role === 'admin') viewer.communities = communitiesRunBy(await loadCommunity(store), openid, viewer.communities);
  if (caller.role === 'worker') {
    const [worker, state] = await Promise.all([getWorker(store, openid), loadCommunity(store)]);
    const covered = state.grids.filter((g) => g.worker === openid || g.backup === openid).map((g) => g.code);
    viewer.grids = [...new Set([...(worker?.grids ?? []), ...covered])];
    if (worker) viewer.communities = [...new Set([...viewer.communities, worker.community])];
  }
  return viewer;
}

/** The admin scope of a viewer: 403 unless they are an admin who runs at least one community. */
export async function loadAdminScope(store: Store, viewer: Viewer): Promise<AdminScope> {
  const state = await loadCommunity(store);
  if (viewer.role !== 'admin' || !viewer.communities.length) throw new AppError('FORBIDDEN', '您尚未负责任何社区');
  return { ...viewer, role: 'admin', level: adminLevelOf(state, viewer.openid), subdistricts: subdistrictsRunBy(state, viewer.openid), state };
}

/** This area's collection, typed by name (see CollectionDocs in lib/store/port). */
declare module '../store/port' {
  interface CollectionDocs {
    users: StaffUserDoc;
  }
}

/**
 * The communities an admin scope reads: every one it runs (sorted), or the one `community` names
 * if it runs it (403 otherwise). The one community filter of admin reads: metrics, the requests
 * list, the exports.
 */
export function readableCommunities(scope: Pick<AdminScope, 'communities'>, community?: string, field = 'data.community'): string[] {
  if (community === undefined) return [...scope.communities].sort();
  if (!scope.communities.includes(community)) throw new AppError('FORBIDDEN', '无权查看该社区的数据', { field });
  return [community];
}
