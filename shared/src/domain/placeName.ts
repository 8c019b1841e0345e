import { haversineMeters } from './duplicates';
import type { LatLng } from './community';

/**
 * A located point named from our own data, for people to read (never raw coordinates): the nearest
 * building within NEAR_BUILDING_M with its community; else the grid and community the point lies
 * in (given by a caller who knows it, or — on the client, which has no polygons — those of the
 * nearest building within AREA_M); else PLACE_UNNAMED.
 */
export const NEAR_BUILDING_M = 80;
/** A building this close still tells which compound (grid) and community the point is in. */
export const AREA_M = 400;
export const PLACE_UNNAMED = '已定位（位置已记录）';

export interface NamedBuilding {
  name: string;
  point?: LatLng;
  gridName?: string;
  communityName?: string;
}

export interface KnownArea {
  gridName?: string;
  communityName?: string;
}

function nearest(point: LatLng, buildings: readonly NamedBuilding[]): { building: NamedBuilding; meters: number } | undefined {
  let best: { building: NamedBuilding; meters: number } | undefined;
  for (const building of buildings) {
    if (!building.point) continue;
    const meters = haversineMeters(point, building.point);
    // Ties go to the earlier building, so the name never depends on floating noise in the sort.
    if (!best || meters < best.meters) best = { building, meters };
  }
  return best;
}

function areaName(area: KnownArea): string | undefined {
  const parts = [area.communityName, area.gridName].filter((p): p is string => !!p?.trim());
  return parts.length ? `${parts.join(' ')}一带` : undefined;
}

export function placeName(point: LatLng, buildings: readonly NamedBuilding[], known?: KnownArea): string {
  const near = nearest(point, buildings);
  if (near && near.meters <= NEAR_BUILDING_M) return `${near.building.communityName ? `${near.building.communityName} ` : ''}${near.building.name}附近`;
  const fromKnown = known && areaName(known);
  if (fromKnown) return fromKnown;
  const fromNeighbour = near && near.meters <= AREA_M ? areaName(near.building) : undefined;
  return fromNeighbour ?? PLACE_UNNAMED;
}
