import { AppError } from '@qgt/shared/errors';
import type { Building, Subdistrict } from '@qgt/shared/domain/community';
import type { RequestsInput, RequestsOutput } from '@qgt/shared/requests/api';
import type * as z from 'zod/mini';
import type { Context } from '../runtime/context';
import { BUILDINGS, communitiesOf, communityAt, loadCommunity, stripId, subdistrictOf, type CommunityState, type WithId } from '../community/store';
import type { Viewer } from '../runtime/caller';
import { requests } from './store';
import { CHANGE_CUTOFF_MINUTES, SLOT_PARAMS } from './config';

type OptionsInput = z.infer<(typeof RequestsInput)['options']>;

/**
 * The 街道 whose options a caller gets: the one at the place they name (a point, a community, a
 * 街道), else their own (staff: their communities'; a resident: where they last filed), else the
 * first. One environment may serve a whole 区, and each 街道 has its own categories.
 */
async function streetFor(ctx: Context, state: CommunityState, viewer: Viewer, input: OptionsInput): Promise<Subdistrict | undefined> {
  if (input.subdistrict) {
    const street = state.subdistricts.find((s) => s.code === input.subdistrict);
    if (!street) throw new AppError('NOT_FOUND', `找不到街道：${input.subdistrict}`, { field: 'data.subdistrict' });
    return street;
  }
  if (input.community) {
    if (!state.communities.some((c) => c.code === input.community)) throw new AppError('NOT_FOUND', `找不到社区：${input.community}`, { field: 'data.community' });
    return subdistrictOf(state, input.community);
  }
  const here = input.location && communityAt(state, input.location);
  if (here) return subdistrictOf(state, here);
  if (state.subdistricts.length <= 1) return state.subdistrict;
  const own = viewer.communities[0] ?? (await requests(ctx.store).find({ owner: viewer.openid }, { sort: { createdAt: -1 }, limit: 1 }))[0]?.community;
  return subdistrictOf(state, own);
}

export async function requestOptions(ctx: Context, viewer: Viewer, input: OptionsInput): Promise<RequestsOutput['options']> {
  const state = await loadCommunity(ctx.store);
  const street = await streetFor(ctx, state, viewer, input);
  const communities = street ? communitiesOf(state, street.code) : state.communities;
  const inStreet = new Set(communities.map((c) => c.code));
  const grids = new Map(state.grids.filter((g) => inStreet.has(g.community)).map((g) => [g.code, g]));
  const buildings = (await ctx.store.collection<WithId<Building>>(BUILDINGS).find({}, { sort: { _id: 1 } })).map((b) => stripId<Building>(b));
  const categories = (street && state.categoriesBySubdistrict.get(street.code)) || state.reportCategories;
  return {
    ...(street && { subdistrict: { code: street.code, name: street.name } }),
    subdistricts: state.subdistricts.map((s) => ({ code: s.code, name: s.name })),
    reportCategories: categories.filter((c) => !c.retired),
    buildings: buildings
      .filter((b) => grids.has(b.grid))
      .map((b) => ({ code: b.code, name: b.name, grid: b.grid, gridName: grids.get(b.grid)!.name, community: grids.get(b.grid)!.community, ...(b.point && { point: b.point }) })),
    communities: communities.map((c) => ({ code: c.code, name: c.name })),
    visit: { visitMinutes: SLOT_PARAMS.visitMinutes, bufferMinutes: SLOT_PARAMS.bufferMinutes, noticeMinutes: SLOT_PARAMS.noticeMinutes, cutoffMinutes: CHANGE_CUTOFF_MINUTES },
  };
}
