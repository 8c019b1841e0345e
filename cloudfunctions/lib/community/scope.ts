import { AppError } from '@qgt/shared/errors';
import { adminLevelOf, isSubdistrictAdmin, subdistrictsRunBy, type AdminLevel } from '@qgt/shared/domain/adminScope';
import type { Context } from '../runtime/context';
import type { Caller } from '../runtime/handler';
import { loadViewer, type Viewer } from '../requests/access';
import { loadCommunity, type CommunityState } from './store';

export { isSubdistrictAdmin };

/**
 * The admin scope, resolved once per call: who is calling, the communities they run (a 街道 admin
 * widened to every community of the 街道, a 区 admin to every 街道) and their level. Every admin
 * action starts from it; `requireSubdistrictAdmin` guards what only a 街道 admin may change.
 */
export interface AdminScope {
  openid: string;
  name?: string;
  level: AdminLevel;
  /** Sorted; never empty (an admin who runs nothing gets 403). */
  communities: string[];
  /** The 街道 they run as a whole (empty for a community admin). */
  subdistricts: string[];
  viewer: Viewer;
  state: CommunityState;
}

export async function loadAdminScope(ctx: Context, caller: Caller): Promise<AdminScope> {
  const [viewer, state] = await Promise.all([loadViewer(ctx, caller), loadCommunity(ctx.store)]);
  if (viewer.role !== 'admin' || !viewer.communities.length) throw new AppError('FORBIDDEN', '您尚未负责任何社区');
  return {
    openid: viewer.openid,
    ...(viewer.name && { name: viewer.name }),
    level: adminLevelOf(state, viewer.openid),
    communities: viewer.communities,
    subdistricts: subdistrictsRunBy(state, viewer.openid),
    viewer,
    state,
  };
}

/** 403 unless the scope is a 街道 (or 区) admin's. */
export function requireSubdistrictAdmin(scope: AdminScope, what: string): void {
  if (scope.level === 'community') throw new AppError('FORBIDDEN', `只有街道管理员可以${what}`);
}

/** 403 unless the community is one the scope runs. */
export function ownCommunity(scope: Pick<AdminScope, 'communities'>, community: string | undefined, field: string): void {
  if (!community || !scope.communities.includes(community)) throw new AppError('FORBIDDEN', `无权管理社区：${community ?? '未知'}`, { field });
}
