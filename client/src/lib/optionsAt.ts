import type { LatLng } from '@qgt/shared/domain/community';

/** ~100 m: a position that moves less than this asks nothing again (GPS jitter, a re-locate). */
const STEP = 1000;

/**
 * The `requests.options` input for the place a page has: its point, so a 区 environment answers
 * the 街道 there (its categories and buildings), not the caller's default one; `key` changes only
 * when the point moves ~100 m (a hook dependency).
 */
export function optionsAt(point: LatLng | undefined): { key: string; input: { location?: LatLng } } {
  if (!point) return { key: '', input: {} };
  return { key: `${Math.round(point.lat * STEP)}_${Math.round(point.lng * STEP)}`, input: { location: point } };
}
