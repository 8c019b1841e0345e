import type * as z from 'zod/mini';
import { AppError } from '@qgt/shared/errors';
import type { Building, Station } from '@qgt/shared/domain/community';
import { stationScene } from '@qgt/shared/guide/scene';
import type { ConsoleInput, ConsoleOutput } from '@qgt/shared/admin/api';
import type { BuildingAdminView, StationView } from '@qgt/shared/admin/views';
import type { Context } from '../runtime/context';
import { ownCommunity as own, type AdminScope } from './scope';
import { BUILDINGS, STATIONS, type CommunityState, type WithId } from './store';
import { MAX_LIMIT } from '../store/port';

type In<K extends keyof typeof ConsoleInput> = z.output<(typeof ConsoleInput)[K]>;

/** Buildings and stations (综合窗口, 驿站…) in the admin console: an admin changes only their own communities'. */

export function buildingView(b: Building, state: CommunityState): BuildingAdminView {
  const grid = state.grids.find((g) => g.code === b.grid);
  return { code: b.code, name: b.name, grid: b.grid, gridName: grid?.name ?? b.grid, community: grid?.community ?? '', ...(b.point && { point: b.point }) };
}

export function stationView(s: Station): StationView {
  return { ...s, scene: stationScene(s.code), qr: `/qr/station/${s.code}.png` };
}

export async function upsertBuilding(ctx: Context, admin: AdminScope, input: In<'buildings.upsert'>): Promise<ConsoleOutput['buildings.upsert']> {
  const grid = admin.state.grids.find((g) => g.code === input.grid);
  if (!grid) throw new AppError('NOT_FOUND', `找不到网格：${input.grid}`, { field: 'data.grid' });
  own(admin, grid.community, 'data.grid');
  const coll = ctx.store.collection<WithId<Building>>(BUILDINGS);
  const existing = await coll.get(input.code);
  if (existing) own(admin, admin.state.grids.find((g) => g.code === existing.grid)?.community, 'data.code');
  const point = input.point ?? existing?.point;
  const building: Building = { code: input.code, name: input.name, grid: input.grid, ...(point && { point }) };
  await coll.put({ ...building, _id: building.code });
  return buildingView(building, admin.state);
}

export async function listBuildings(ctx: Context, admin: AdminScope, input: In<'buildings.list'>): Promise<ConsoleOutput['buildings.list']> {
  const grids = admin.state.grids.filter((g) => admin.communities.includes(g.community)).map((g) => g.code);
  if (input.grid && !grids.includes(input.grid)) throw new AppError('FORBIDDEN', `无权查看网格：${input.grid}`, { field: 'data.grid' });
  const docs = await ctx.store.collection<WithId<Building>>(BUILDINGS).find({ grid: { $in: input.grid ? [input.grid] : grids } }, { sort: { _id: 1 }, limit: MAX_LIMIT });
  return { items: docs.map(({ _id, ...b }) => buildingView(b, admin.state)) };
}

export async function upsertStation(ctx: Context, admin: AdminScope, input: In<'stations.upsert'>): Promise<ConsoleOutput['stations.upsert']> {
  const coll = ctx.store.collection<WithId<Station>>(STATIONS);
  const existing = await coll.get(input.code);
  if (existing) own(admin, existing.community, 'data.code');
  const community = input.community ?? existing?.community ?? admin.communities[0];
  if (!admin.state.communities.some((c) => c.code === community)) throw new AppError('NOT_FOUND', `未知社区：${community}`, { field: 'data.community' });
  own(admin, community, 'data.community');
  const address = input.address ?? existing?.address;
  const point = input.point ?? existing?.point;
  const hours = input.hours ?? existing?.hours;
  const phone = input.phone ?? existing?.phone;
  const matters = input.matters ?? existing?.matters;
  const station: Station = {
    code: input.code,
    name: input.name,
    kind: input.kind,
    community,
    ...(address && { address }),
    ...(point && { point }),
    ...(hours && { hours }),
    ...(phone && { phone }),
    ...(matters && { matters }),
  };
  await coll.put({ ...station, _id: station.code });
  return stationView(station);
}

export async function listStations(ctx: Context, admin: AdminScope): Promise<ConsoleOutput['stations.list']> {
  const docs = await ctx.store.collection<WithId<Station>>(STATIONS).find({ community: { $in: admin.communities } }, { sort: { _id: 1 }, limit: MAX_LIMIT });
  return { items: docs.map(({ _id, ...s }) => stationView(s)) };
}

