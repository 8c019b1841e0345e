import area from '@turf/area';
import difference from '@turf/difference';
import intersect from '@turf/intersect';
import kinks from '@turf/kinks';
import { feature, featureCollection } from '@turf/helpers';
import type { GridGeometry } from './communityData';
import { STORED_DATUM, toStoredLngLat, type Datum } from './datum';

export { DATUMS, STORED_DATUM, toStoredLatLng, toStoredLngLat, type Datum } from './datum';

/**
 * Geometry rules for grids and community boundaries, checked before anything is written
 * (turf for the polygon operations, gcoord for datums; no hand-written formulas).
 * Areas are geodesic square metres; a shared border has zero area, so neighbours touch freely.
 */

/** Intersections smaller than this are rounding along a shared border, not an overlap. */
export const OVERLAP_TOLERANCE_M2 = 1;
/** A grid is a few hundred households; anything this large is a "whole world" polygon by mistake. */
export const MAX_GRID_AREA_M2 = 25_000_000;
/** A community boundary: far more than any 社区, far less than the world. */
export const MAX_BOUNDARY_AREA_M2 = 200_000_000;

type Geo = GridGeometry;
const asFeature = (g: Geo) => feature(g as never) as never;

/** Why a polygon is unusable as a grid or boundary (in Chinese), or null. Rings are closed by the schema. */
export function polygonProblem(g: Geo, maxAreaM2: number): string | null {
  if (kinks(g as never).features.length > 0) return '多边形自相交（边线交叉），请检查顶点顺序';
  const m2 = area(g as never);
  if (!(m2 > 0)) return '多边形面积为零';
  if (m2 > maxAreaM2) return `多边形面积过大（约${Math.round(m2 / 1e6)}平方公里），不像一个${maxAreaM2 === MAX_GRID_AREA_M2 ? '网格' : '社区'}`;
  return null;
}

/** The area two polygons share, in m² (0 when they only touch). */
export function overlapM2(a: Geo, b: Geo): number {
  const shared = intersect(featureCollection([asFeature(a), asFeature(b)]));
  return shared ? area(shared) : 0;
}

export const overlaps = (a: Geo, b: Geo) => overlapM2(a, b) > OVERLAP_TOLERANCE_M2;

/** Whether `inner` lies inside `outer` (up to the tolerance along the border). */
export function within(inner: Geo, outer: Geo): boolean {
  const outside = difference(featureCollection([asFeature(inner), asFeature(outer)]));
  return !outside || area(outside) <= OVERLAP_TOLERANCE_M2;
}

// ---- Datums (conversions of single points: ./datum.ts, which the client imports too) ----

/** A polygon or multipolygon with every position converted (rings stay closed: both ends convert alike). */
export function toStoredGeometry<G extends Geo>(g: G, datum: Datum): G {
  if (datum === STORED_DATUM) return g;
  const ring = (r: number[][]) => r.map((p) => toStoredLngLat(p, datum));
  if (g.type === 'Polygon') return { ...g, coordinates: g.coordinates.map(ring) };
  return { ...g, coordinates: g.coordinates.map((poly) => poly.map(ring)) } as G;
}
