import { AppError } from '@qgt/shared/errors';
import { isSubdistrictAdmin } from '@qgt/shared/domain/adminScope';
import type { AdminScope } from '../runtime/caller';

export { isSubdistrictAdmin };
export type { AdminScope };

/*
 * Guards on the admin scope, which dispatch resolves once per call for admin actions
 * (lib/runtime/caller.ts): `requireSubdistrictAdmin` guards what only a 街道 admin may change.
 */

/** 403 unless the scope is a 街道 (or 区) admin's. */
export function requireSubdistrictAdmin(scope: AdminScope, what: string): void {
  if (scope.level === 'community') throw new AppError('FORBIDDEN', `只有街道管理员可以${what}`);
}

/** 403 unless the community is one the scope runs. */
export function ownCommunity(scope: Pick<AdminScope, 'communities'>, community: string | undefined, field: string): void {
  if (!community || !scope.communities.includes(community)) throw new AppError('FORBIDDEN', `无权管理社区：${community ?? '未知'}`, { field });
}
