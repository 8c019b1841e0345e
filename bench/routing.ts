import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { Grid } from '@qgt/shared/domain/community';
import { buildGridIndex, locateGrid } from '@qgt/shared/domain/routing';
import { percentile, timeEach, type Row } from './stats';

/** A district of `n` small square grids (≈ 150 m) in a lattice, each with a few extra vertices. */
export function latticeGrids(n: number): Grid[] {
  const side = Math.ceil(Math.sqrt(n));
  const step = 0.0015;
  return Array.from({ length: n }, (_, i) => {
    const x = 103.5 + (i % side) * step;
    const y = 30.9 + Math.floor(i / side) * step;
    const ring = [
      [x, y], [x + step / 2, y], [x + step, y], [x + step, y + step / 2],
      [x + step, y + step], [x + step / 2, y + step], [x, y + step], [x, y + step / 2], [x, y],
    ];
    return { code: `G${i}`, name: `网格${i}`, community: `c${Math.floor(i / 10)}`, geometry: { type: 'Polygon', coordinates: [ring] }, worker: `w${i}` } as Grid;
  });
}

/** The baseline: test the point against every grid's polygon. */
function linearLocate(grids: Grid[], lat: number, lng: number): Grid | undefined {
  return grids.find((g) => booleanPointInPolygon([lng, lat], g.geometry));
}

export function benchRouting(): Row[] {
  const grids = latticeGrids(20_000);
  const side = Math.ceil(Math.sqrt(grids.length));
  const built = performance.now();
  const index = buildGridIndex(grids);
  const buildMs = performance.now() - built;
  // Deterministic pseudo-random points over the district (a few fall outside every grid).
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const points = Array.from({ length: 400 }, () => ({ lat: 30.9 + rnd() * side * 0.0015 * 1.02, lng: 103.5 + rnd() * side * 0.0015 * 1.02 }));
  for (const p of points) if (locateGrid(index, p)?.code !== linearLocate(grids, p.lat, p.lng)?.code) throw new Error('index and linear scan disagree');
  const indexed = timeEach(points, 5, (p) => locateGrid(index, p));
  const linear = timeEach(points.slice(0, 100), 1, (p) => linearLocate(grids, p.lat, p.lng));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return [
    { metric: 'routing: locate grid, 20,000 grids', value: `${(mean(indexed) * 1000).toFixed(1)} µs`, note: `p95 ${(percentile(indexed, 95) * 1000).toFixed(1)} µs; index built in ${buildMs.toFixed(0)} ms` },
    { metric: 'routing: linear scan, 20,000 grids', value: `${(mean(linear) * 1000).toFixed(1)} µs` },
    { metric: 'routing: index speed-up (mean)', value: `${(mean(linear) / mean(indexed)).toFixed(0)}×`, goal: '≥ 50×' },
  ];
}
