import { AppError } from '@qgt/shared/errors';
import { canView } from '@qgt/shared/domain/requestState';
import type { Context } from '../runtime/context';
import type { Viewer } from '../runtime/caller';
import { followId, follows, type RequestDoc } from './store';

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
