import { toStoredLatLng, toStoredLngLat } from '@qgt/shared/domain/datum';
import { MAX_BOUNDARY_AREA_M2, MAX_GRID_AREA_M2, overlapM2, overlaps, polygonProblem, toStoredGeometry, within } from '@qgt/shared/domain/geometry';

/** Grid and boundary geometry checked before anything is written, and datums converted on the way in. */

type Poly = { type: 'Polygon'; coordinates: number[][][] };
const box = (x0: number, y0: number, x1: number, y1: number): Poly => ({ type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] });
// ~0.001° squares near 31° N: ~95 m × 111 m ≈ 10,600 m².
const A = box(103.62, 30.99, 103.621, 30.991);

describe('polygonProblem', () => {
  it('a plain grid is fine', () => expect(polygonProblem(A, MAX_GRID_AREA_M2)).toBeNull());

  it('a bow-tie (self-intersecting) ring is refused', () => {
    const bow: Poly = { type: 'Polygon', coordinates: [[[103.62, 30.99], [103.621, 30.991], [103.621, 30.99], [103.62, 30.991], [103.62, 30.99]]] };
    expect(polygonProblem(bow, MAX_GRID_AREA_M2)).toBe('多边形自相交（边线交叉），请检查顶点顺序');
  });

  it('a ring with no area is refused', () => {
    const line: Poly = { type: 'Polygon', coordinates: [[[103.62, 30.99], [103.621, 30.99], [103.622, 30.99], [103.62, 30.99]]] };
    expect(polygonProblem(line, MAX_GRID_AREA_M2)).toBe('多边形面积为零');
  });

  it('too large: named as a grid or a community, with its size in km²', () => {
    const big = box(103, 30, 104, 31); // ~10,600 km²
    expect(polygonProblem(big, MAX_GRID_AREA_M2)).toMatch(/^多边形面积过大（约\d+平方公里），不像一个网格$/);
    expect(polygonProblem(big, MAX_BOUNDARY_AREA_M2)).toMatch(/不像一个社区$/);
    // Just under the limit passes, just over does not.
    const m2 = 10_000;
    expect(polygonProblem(A, m2)).toMatch(/^多边形面积过大（约0平方公里）/);
    expect(polygonProblem(A, 20_000)).toBeNull();
  });
});

describe('overlaps and within', () => {
  it('neighbours sharing a border do not overlap; a shared area does', () => {
    const right = box(103.621, 30.99, 103.622, 30.991);
    expect(overlapM2(A, right)).toBeLessThanOrEqual(1);
    expect(overlaps(A, right)).toBe(false);
    const half = box(103.6205, 30.99, 103.6215, 30.991);
    expect(overlapM2(A, half)).toBeGreaterThan(4000);
    expect(overlaps(A, half)).toBe(true);
    expect(overlapM2(A, box(104, 31, 104.001, 31.001))).toBe(0);
  });

  it('within: inside, the same polygon, and sticking out', () => {
    const outer = box(103.619, 30.989, 103.622, 30.992);
    expect(within(A, outer)).toBe(true);
    expect(within(A, A)).toBe(true);
    expect(within(outer, A)).toBe(false);
    expect(within(box(103.6215, 30.99, 103.6225, 30.991), outer)).toBe(false);
  });
});

describe('datums', () => {
  const wgs = { lat: 30.9925, lng: 103.6205 };

  it('GCJ-02 is stored as it is; WGS-84 and CGCS2000 convert alike; BD-09 converts the other way', () => {
    expect(toStoredLatLng(wgs, 'gcj02')).toEqual(wgs);
    const fromWgs = toStoredLatLng(wgs, 'wgs84');
    expect(toStoredLatLng(wgs, 'cgcs2000')).toEqual(fromWgs);
    // In Sichuan GCJ-02 lies a few hundred metres east and a little south/north of WGS-84.
    expect(fromWgs.lng - wgs.lng).toBeGreaterThan(0.0015);
    expect(fromWgs.lng - wgs.lng).toBeLessThan(0.004);
    const fromBd = toStoredLatLng(wgs, 'bd09');
    expect(fromBd.lng).toBeLessThan(wgs.lng);
    expect(toStoredLngLat([wgs.lng, wgs.lat], 'wgs84')).toEqual([fromWgs.lng, fromWgs.lat]);
  });

  it('a polygon converts every position and stays closed; a multipolygon too; GCJ-02 is returned untouched', () => {
    const g = toStoredGeometry(A, 'wgs84');
    const ring = g.coordinates[0];
    expect(ring).toHaveLength(5);
    expect(ring[0]).toEqual(ring[4]);
    expect(ring[1]).toEqual(toStoredLngLat(A.coordinates[0][1], 'wgs84'));
    expect(toStoredGeometry(A, 'gcj02')).toBe(A);
    const multi = { type: 'MultiPolygon' as const, coordinates: [A.coordinates, box(103.63, 30.99, 103.631, 30.991).coordinates] };
    const m = toStoredGeometry(multi, 'bd09');
    expect(m.type).toBe('MultiPolygon');
    expect(m.coordinates[1][0][2]).toEqual(toStoredLngLat([103.631, 30.991], 'bd09'));
  });
});
