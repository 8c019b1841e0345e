import { OPEN_STATUSES } from '@qgt/shared/domain/requestState';
import { routeRequest, type RouteInput, type RouteResult } from '@qgt/shared/domain/routing';
import type { Worker } from '@qgt/shared/domain/community';
import type { Context } from '../runtime/context';
import { communityAt, defaultCommunity, fallbackAdmin, getBuilding, type CommunityState } from '../community/store';
import { requests } from './store';

/**
 * Routing with the store's data: the cached grid index, the workers as they are now, the
 * communities' dispatchers. Open-request counts are only needed when routing falls through to the
 * community pool, so they are counted only then (routing is pure: the earlier steps do not use them).
 */
export async function routeNew(ctx: Context, state: CommunityState, workers: readonly Worker[], input: RouteInput): Promise<RouteResult | null> {
  const fallback = fallbackAdmin(state);
  if (!fallback) return null;
  const building = input.buildingCode ? await getBuilding(ctx.store, input.buildingCode) : null;
  const base = {
    gridIndex: state.gridIndex,
    buildings: building ? [building] : [],
    workers,
    openCounts: {} as Record<string, number>,
    communityAdmins: Object.fromEntries(state.communities.filter((c) => c.admins.length).map((c) => [c.code, c.admins[0]])),
    fallbackAdmin: fallback,
    now: ctx.now.toISOString(),
  };
  // A point in no grid still belongs to the community whose boundary holds it (its admin dispatches).
  const routeInput = { ...input, community: input.community ?? (input.location && communityAt(state, input.location)) ?? defaultCommunity(state) };
  const first = routeRequest(routeInput, base);
  if (!first.steps.some((s) => s.step === 'pool' && s.chosen)) return first;
  const pool = workers.filter((w) => w.community === first.community);
  const counts = await Promise.all(pool.map((w) => requests(ctx.store).count({ assignee: w.openid, status: { $in: [...OPEN_STATUSES] } })));
  return routeRequest(routeInput, { ...base, openCounts: Object.fromEntries(pool.map((w, i) => [w.openid, counts[i]])) });
}
