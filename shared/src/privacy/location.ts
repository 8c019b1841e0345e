import type { LatLng } from '../domain/community';

/**
 * Decimal places a published point keeps: 3 is about 110 m north–south and 95 m east–west in
 * Sichuan, a block rather than a door. Enough to send a crew to a broken street light.
 */
export const PUBLIC_DECIMALS = 3;

const round = (x: number, decimals: number) => {
  const f = 10 ** decimals;
  // +0 turns -0 (a point just west of 0° rounding to 0) into 0.
  return Math.round(x * f) / f + 0;
};

/** A point coarsened so that a resident's home cannot be found from it. */
export function coarsenPoint(point: LatLng, decimals = PUBLIC_DECIMALS): LatLng {
  return { lat: round(point.lat, decimals), lng: round(point.lng, decimals) };
}
