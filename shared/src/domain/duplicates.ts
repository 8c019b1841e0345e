import type { LatLng } from './community';
import type { RequestStatus } from './requestState';

/**
 * "Same problem?" before a resident files a report: reports of the same category within a short
 * distance and a recent window are offered as candidates to follow instead of filing again.
 */

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in metres (haversine; accurate to well under a metre at this scale). */
export function haversineMeters(a: LatLng, b: LatLng): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface DuplicateCandidate {
  id: string;
  distanceMeters: number;
}

export const DUPLICATE_DEFAULTS = { radiusMeters: 50, days: 7 } as const;

/**
 * Existing reports of the same category within `radiusMeters` created in the `days` before `now`,
 * nearest first (then id). Cancelled reports and those without a location are ignored; resolved
 * ones are kept, since a recurring problem is worth seeing.
 */
export function findDuplicates(
  report: { category: string; location: LatLng },
  existing: readonly { id: string; kind?: string; category?: string; location?: LatLng; createdAt: string; status: RequestStatus }[],
  now: string,
  opts: { radiusMeters?: number; days?: number } = {},
): DuplicateCandidate[] {
  const radius = opts.radiusMeters ?? DUPLICATE_DEFAULTS.radiusMeters;
  const t = Date.parse(now);
  const since = t - (opts.days ?? DUPLICATE_DEFAULTS.days) * 86_400_000;
  return existing
    .filter((r) => r.category === report.category && r.status !== 'cancelled' && r.location && (r.kind ?? 'report') === 'report')
    .filter((r) => since <= Date.parse(r.createdAt) && Date.parse(r.createdAt) <= t)
    .map((r) => ({ id: r.id, distanceMeters: haversineMeters(report.location, r.location!) }))
    .filter((c) => c.distanceMeters <= radius)
    .sort((a, b) => a.distanceMeters - b.distanceMeters || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
