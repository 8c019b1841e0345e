/**
 * The polygon checks and datum conversion an admin's grid or boundary change needs (turf's
 * polygon clipping and gcoord, ~60 KB bundled), in one module that cloud functions load with
 * `await import()` only on that rare path (scripts/build-functions.ts LAZY_CHUNKS).
 */
export { gridGeometryProblems } from './deployment';
export { MAX_BOUNDARY_AREA_M2, polygonProblem, toStoredGeometry, within } from './geometry';
