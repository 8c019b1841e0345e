import {
  type Building,
  type Community,
  type CommunityData,
  type Department,
  type Grid,
  type ReportCategory,
  type Station,
  type Subdistrict,
  type Worker,
} from '@qgt/shared/domain/community';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { LatLng } from '@qgt/shared/domain/community';
import { buildGridIndex, locateGrid, type GridIndex } from '@qgt/shared/domain/routing';
import type { Store } from '../store/port';
import { metaDocs } from '../catalog/published';
import { STATIONS } from './stations';

/**
 * The community model in the store: one collection per kind, keyed by code (workers by OPENID),
 * plus two `meta` documents: `deployment` (the 街道 and its report categories) and `community`
 * (a version bumped on every change to grids, communities, departments or workers, so warm
 * instances rebuild their grid index and re-read the workers only when something changed).
 */
export const COMMUNITIES = 'communities';
export const GRIDS = 'grids';
export const BUILDINGS = 'buildings';
export { STATIONS };
export const DEPARTMENTS = 'departments';
export const WORKERS = 'workers';
/** One document per 街道 (an environment may serve a whole 区): the 街道, its categories, the file version applied. */
export const SUBDISTRICTS = 'subdistricts';
const VERSION_ID = 'community';
/** The first 街道 seeded, as stores held it before there could be several (still read and kept). */
const DEPLOYMENT_ID = 'deployment';
/** The 区 (district) and its admins, who see every 街道 of the environment. */
const DISTRICT_ID = 'district';

export type WithId<T> = T & { _id: string };
export interface DeploymentDoc {
  _id: string;
  subdistrict: Subdistrict;
  reportCategories: ReportCategory[];
}
export interface SubdistrictDoc extends Subdistrict {
  _id: string;
  reportCategories: ReportCategory[];
  /** The deployment file version applied last (re-seeding applies only a newer one). */
  version?: number;
  /** When that file was applied. */
  appliedAt?: string;
  /** The codes that file named (seed/deployment.ts: a newer file removes only those it drops). */
  applied?: { grids: string[]; buildings: string[]; stations: string[]; workers: string[]; departments: string[]; households: string[] };
}
/** The community model's version, bumped on every change (`meta/community`). */
export interface CommunityVersionDoc {
  _id: string;
  version: number;
}
export interface DistrictDoc {
  _id: string;
  code: string;
  name: string;
  admins: string[];
}

export function stripId<T>(doc: WithId<T>): T {
  const { _id: _omit, ...rest } = doc;
  return rest as unknown as T;
}

/** Marks the community data changed (after the change is written). */
export async function bumpCommunityVersion(store: Store): Promise<void> {
  const meta = metaDocs(store, 'communityVersion');
  await meta.insertIfAbsent({ _id: VERSION_ID, version: 0 });
  await meta.updateById(VERSION_ID, { $inc: { version: 1 } });
}

/** What rarely changes, cached per store and version: the 街道, communities, grids (indexed) and departments. */
export interface CommunityState {
  version: number;
  /** The first 街道 (the only one in most environments). */
  subdistrict?: Subdistrict;
  /** Every 街道 of the environment. */
  subdistricts: Subdistrict[];
  /** 区 admins: every 街道 is theirs. */
  districtAdmins: string[];
  /** The report categories of every 街道 (by code, the first 街道's wording first). */
  reportCategories: ReportCategory[];
  /** Each 街道's own report categories (requests.options and the Open311 feed serve one 街道's). */
  categoriesBySubdistrict: ReadonlyMap<string, ReportCategory[]>;
  communities: Community[];
  grids: Grid[];
  gridIndex: GridIndex;
  departments: Department[];
}

const cache = new WeakMap<Store, CommunityState>();

export async function loadCommunity(store: Store): Promise<CommunityState> {
  const version = await communityVersion(store);
  const cached = cache.get(store);
  if (cached && cached.version === version) return cached;
  const [deployment, district, subdistrictDocs, communities, grids, departments] = await Promise.all([
    metaDocs(store, 'deployment').get(DEPLOYMENT_ID),
    metaDocs(store, 'district').get(DISTRICT_ID),
    store.collection<SubdistrictDoc>(SUBDISTRICTS).find({}, { sort: { _id: 1 } }),
    store.collection<WithId<Community>>(COMMUNITIES).find({}, { sort: { _id: 1 } }),
    store.collection<WithId<Grid>>(GRIDS).find({}, { sort: { _id: 1 } }),
    store.collection<WithId<Department>>(DEPARTMENTS).find({}, { sort: { _id: 1 } }),
  ]);
  const gridList = grids.map((g) => stripId<Grid>(g));
  // The first 街道 seeded leads (its doc in `meta` predates the collection); the others follow by code.
  const docs = [...subdistrictDocs].sort((a, b) => Number(b._id === deployment?.subdistrict?.code) - Number(a._id === deployment?.subdistrict?.code));
  if (deployment?.subdistrict && !docs.some((d) => d._id === deployment.subdistrict!.code))
    docs.unshift({ _id: deployment.subdistrict.code, ...deployment.subdistrict, reportCategories: deployment.reportCategories ?? [] });
  const subdistricts = docs.map(({ _id, reportCategories: _r, version: _v, appliedAt: _a, applied: _p, ...sd }) => sd as Subdistrict);
  const reportCategories = new Map<string, ReportCategory>();
  for (const d of docs) for (const c of d.reportCategories) if (!reportCategories.has(c.code)) reportCategories.set(c.code, c);
  const state: CommunityState = {
    version,
    subdistrict: subdistricts[0],
    subdistricts,
    districtAdmins: district?.admins ?? [],
    reportCategories: [...reportCategories.values()],
    categoriesBySubdistrict: new Map(docs.map((d) => [d._id, d.reportCategories])),
    communities: communities.map((c) => stripId<Community>(c)),
    grids: gridList,
    gridIndex: buildGridIndex(gridList),
    departments: departments.map((d) => stripId<Department>(d)),
  };
  cache.set(store, state);
  return state;
}

const workersCache = new WeakMap<Store, { version: number; workers: readonly Worker[] }>();

/**
 * Every worker, cached per store under the community version (every worker write bumps it): a
 * create used to copy all of them on every call. The version is read first, so a write landing
 * between the two reads is cached under the old version and re-read on the next call. A caller
 * holding a CommunityState passes its version, read the same way, and saves a read.
 * Shared between calls: frozen, never to be changed in place.
 */
export async function loadWorkers(store: Store, knownVersion?: number): Promise<readonly Worker[]> {
  const version = knownVersion ?? (await communityVersion(store));
  const cached = workersCache.get(store);
  if (cached && cached.version === version) return cached.workers;
  const docs = await store.collection<WithId<Worker>>(WORKERS).find({}, { sort: { _id: 1 } });
  const workers = Object.freeze(docs.map((w) => Object.freeze(stripId<Worker>(w))));
  workersCache.set(store, { version, workers });
  return workers;
}

export async function communityVersion(store: Store): Promise<number> {
  return (await metaDocs(store, 'communityVersion').get(VERSION_ID))?.version ?? 0;
}

export async function getWorker(store: Store, openid: string): Promise<Worker | null> {
  const doc = await store.collection<WithId<Worker>>(WORKERS).get(openid);
  return doc ? stripId<Worker>(doc) : null;
}

export async function getBuilding(store: Store, code: string): Promise<Building | null> {
  const doc = await store.collection<WithId<Building>>(BUILDINGS).get(code);
  return doc ? stripId<Building>(doc) : null;
}

/** The community a request without a place belongs to: the only one, if there is only one. */
export function defaultCommunity(state: CommunityState): string | undefined {
  return state.communities.length === 1 ? state.communities[0].code : undefined;
}

/** The 街道 a community belongs to (communities stored before there could be several: the first). */
export function subdistrictOf(state: CommunityState, community: string | undefined): Subdistrict | undefined {
  const code = state.communities.find((c) => c.code === community)?.subdistrict;
  return (code && state.subdistricts.find((s) => s.code === code)) || state.subdistrict;
}

/** The communities of one 街道. */
export function communitiesOf(state: CommunityState, subdistrict: string): Community[] {
  return state.communities.filter((c) => c.subdistrict === subdistrict || (!c.subdistrict && subdistrict === state.subdistrict?.code));
}

/** The community a point lies in: its grid's, else the community whose boundary holds it. */
export function communityAt(state: CommunityState, point: LatLng): string | undefined {
  const grid = locateGrid(state.gridIndex, point);
  if (grid) return grid.community;
  return state.communities.find((c) => c.boundary && booleanPointInPolygon([point.lng, point.lat], c.boundary))?.code;
}

/**
 * The departments serving these communities: those of their 街道 (departments stored before there
 * could be several 街道 carry none and serve the first). No communities: every department.
 */
export function departmentsServing(state: CommunityState, communities: readonly string[]): Department[] {
  if (!communities.length) return state.departments;
  const streets = new Set(state.communities.filter((c) => communities.includes(c.code)).map((c) => c.subdistrict));
  return state.departments.filter((d) => streets.has(d.subdistrict ?? state.subdistrict?.code ?? ''));
}

/** The admin who dispatches by hand in a community (its first admin), else its 街道's. */
export function dispatcherOf(state: CommunityState, community?: string): string | undefined {
  const c = community ? state.communities.find((x) => x.code === community) : undefined;
  return c?.admins[0] ?? state.subdistricts.find((s) => s.code === c?.subdistrict)?.admins[0] ?? fallbackAdmin(state);
}

/** The 街道 admin, else the first admin of any community. */
export function fallbackAdmin(state: CommunityState): string | undefined {
  return state.subdistrict?.admins[0] ?? state.communities.find((c) => c.admins.length > 0)?.admins[0];
}

/** Writes a whole (already validated) deployment: used by the deployment seed and the large demo. */
export async function writeCommunityData(store: Store, data: CommunityData, extra: { version?: number; district?: Omit<DistrictDoc, '_id'> } = {}): Promise<void> {
  const put = async <T extends object>(name: string, items: readonly T[], key: (t: T) => string) => {
    const coll = store.collection<WithId<T>>(name);
    for (const item of items) await coll.put({ ...item, _id: key(item) } as WithId<T>);
  };
  const meta = metaDocs(store, 'deployment');
  const first = await meta.get(DEPLOYMENT_ID);
  if (!first || first.subdistrict.code === data.subdistrict.code)
    await meta.put({ _id: DEPLOYMENT_ID, subdistrict: data.subdistrict, reportCategories: data.reportCategories });
  await store
    .collection<SubdistrictDoc>(SUBDISTRICTS)
    .put({ _id: data.subdistrict.code, ...data.subdistrict, reportCategories: data.reportCategories, ...(extra.version !== undefined && { version: extra.version }) });
  if (extra.district) await metaDocs(store, 'district').put({ _id: DISTRICT_ID, ...extra.district });
  await put<Community>(COMMUNITIES, data.communities, (c) => c.code);
  await put<Grid>(GRIDS, data.grids, (g) => g.code);
  await put<Building>(BUILDINGS, data.buildings, (b) => b.code);
  await put<Station>(STATIONS, data.stations, (s) => s.code);
  await put<Department>(DEPARTMENTS, data.departments, (d) => d.code);
  await put<Worker>(WORKERS, data.workers, (w) => w.openid);
  await bumpCommunityVersion(store);
}

/** This area's collections, typed by name (see CollectionDocs in lib/store/port). */
declare module '../store/port' {
  interface CollectionDocs {
    communities: WithId<Community>;
    grids: WithId<Grid>;
    buildings: WithId<Building>;
    stations: WithId<Station>;
    departments: WithId<Department>;
    workers: WithId<Worker>;
    subdistricts: SubdistrictDoc;
  }
  interface MetaDocs {
    communityVersion: CommunityVersionDoc;
    deployment: DeploymentDoc;
    district: DistrictDoc;
  }
}
