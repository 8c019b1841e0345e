import gcoord from 'gcoord';

import { STORED_DATUM, type Datum } from './datums';

export { DATUMS, STORED_DATUM, type Datum } from './datums';

/**
 * Conversion to the stored datum (see datums.ts) with gcoord, a kept library, not hand-written
 * formulas. Cloud functions load this lazily: the mini-program already reports in GCJ-02.
 */

const CRS = { gcj02: gcoord.GCJ02, wgs84: gcoord.WGS84, cgcs2000: gcoord.WGS84, bd09: gcoord.BD09 } as const;

/** [lng, lat] from `datum` to the stored datum (GCJ-02). Outside China gcoord leaves points as they are. */
export function toStoredLngLat([lng, lat]: readonly number[], datum: Datum): [number, number] {
  if (CRS[datum] === CRS[STORED_DATUM]) return [lng, lat];
  const [x, y] = gcoord.transform([lng, lat] as [number, number], CRS[datum], CRS[STORED_DATUM]);
  return [x, y];
}

export function toStoredLatLng(p: { lat: number; lng: number }, datum: Datum): { lat: number; lng: number } {
  const [lng, lat] = toStoredLngLat([p.lng, p.lat], datum);
  return { lat, lng };
}
