import gcoord from 'gcoord';

/**
 * The datums coordinates arrive in: WeChat (weapp) and Chinese maps give GCJ-02, browsers and GPS
 * WGS-84 (CGCS2000 differs from it by centimetres), Baidu BD-09. Everything is stored in GCJ-02,
 * the datum the mini-program reports in (converted with gcoord, a kept library, not hand-written formulas).
 */
export const DATUMS = ['gcj02', 'wgs84', 'cgcs2000', 'bd09'] as const;
export type Datum = (typeof DATUMS)[number];
export const STORED_DATUM: Datum = 'gcj02';

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
