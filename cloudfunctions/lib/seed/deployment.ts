import { readFileSync } from 'node:fs';
import type { Community, Department, Grid, Worker } from '@qgt/shared/domain/community';
import { DeploymentError, gridGeometryProblems, parseDeployment, type Deployment, type DeploymentUser } from '@qgt/shared/domain/deployment';
import type { Store } from '../store/port';
import { loadCatalog, metaDocs } from '../catalog/published';
import { saveLocalRules, unknownMatters } from '../catalog/local-rules';
import { BUILDINGS, COMMUNITIES, DEPARTMENTS, GRIDS, STATIONS, SUBDISTRICTS, WORKERS, writeCommunityData, type SubdistrictDoc, type WithId } from '../community/store';
import { keyHouseholds } from '../visits/store';
import { releaseRole } from '../community/admin';
import { seedVisits } from './demo-visits';
import { USERS } from '../runtime/caller';

/**
 * Brings a 街道 live from its deployment file (deployments/<code>.json). On a store without it
 * the 街道 is added (beside any other 街道: they share only the catalog); on a store holding an
 * older version of the same file, the difference is applied — grids, buildings, stations, workers,
 * departments and households the older file named and the newer one does not are removed (what
 * admins added in the product stays) — and requests are never touched.
 */

export function readDeploymentFile(file: string): Deployment {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new DeploymentError(file, [`${file}: 无法读取或不是合法的JSON：${e instanceof Error ? e.message : String(e)}`]);
  }
  return parseDeployment(json, file);
}

export type ApplyOutcome = 'added' | 'updated' | 'unchanged';

const RANK = { resident: 0, worker: 1, admin: 2 } as const;

export async function applyDeployment(store: Store, dep: Deployment, now: Date, file = dep.data.subdistrict.code): Promise<ApplyOutcome> {
  const { data } = dep;
  const code = data.subdistrict.code;
  const existing = await store.collection<SubdistrictDoc>(SUBDISTRICTS).get(code);
  if (existing && (existing.version ?? 0) >= dep.version) return 'unchanged';

  // What other 街道 hold: codes are unique across the environment, grids may not overlap theirs.
  const [communities, grids, departments, workers] = await Promise.all([
    store.collection<WithId<Community>>(COMMUNITIES).find({}),
    store.collection<WithId<Grid>>(GRIDS).find({}),
    store.collection<WithId<Department>>(DEPARTMENTS).find({}),
    store.collection<WithId<Worker>>(WORKERS).find({}),
  ]);
  const streetOf = new Map(communities.map((c) => [c.code, c.subdistrict]));
  const mine = (community: string) => streetOf.get(community) === code;
  const problems: string[] = [];
  const taken = (what: string, ours: readonly string[], theirs: readonly { code: string; owner?: string }[]) => {
    for (const c of ours) {
      const other = theirs.find((t) => t.code === c && t.owner !== code);
      if (other) problems.push(`${file}: ${what} ${c} 已属于另一个街道（${other.owner ?? '未知'}）`);
    }
  };
  taken('社区', data.communities.map((c) => c.code), communities.map((c) => ({ code: c.code, owner: c.subdistrict })));
  taken('网格', data.grids.map((g) => g.code), grids.map((g) => ({ code: g.code, owner: streetOf.get(g.community) })));
  taken('部门', data.departments.map((d) => d.code), departments.map((d) => ({ code: d.code, owner: d.subdistrict ?? communities[0]?.subdistrict })));
  taken('网格员', data.workers.map((w) => w.openid), workers.map((w) => ({ code: w.openid, owner: streetOf.get(w.community) })));
  const others = grids.filter((g) => !mine(g.community) && !data.grids.some((x) => x.code === g.code));
  for (const p of gridGeometryProblems(data.grids, others, new Map())) if (p.conflict) problems.push(`${file}: grids ${data.grids[p.index].code}: ${p.message}`);
  // Local rules name matters of the catalog published before the seed (none yet: nothing to check against).
  const known = await loadCatalog(store).then((c) => new Set(c.catalog.matters.map((m) => m.code)), () => null);
  if (known) problems.push(...unknownMatters(dep.localRules, known).map((p) => `${file}: ${p}`));
  if (problems.length) throw new DeploymentError(file, problems);

  const released = existing ? await removeDropped(store, dep, existing.applied, departments) : [];
  await writeCommunityData(store, data, { version: dep.version, ...(dep.district && { district: dep.district }) });
  await store.collection<SubdistrictDoc>(SUBDISTRICTS).updateById(code, { $set: { appliedAt: now.toISOString(), applied: appliedCodes(dep) } });
  await saveLocalRules(store, code, dep.localRules, now);
  await grantUsers(store, dep.users, now);
  // Once the new grids are written: a grid that named them as B角 may have been all that held the role.
  for (const openid of released) await releaseRole(store, openid);
  await seedVisits(store, dep, now);
  return existing ? 'updated' : 'added';
}

/** The codes a file named, kept with its 街道: a newer file removes only what the older one brought. */
export interface AppliedCodes {
  grids: string[];
  buildings: string[];
  stations: string[];
  workers: string[];
  departments: string[];
  households: string[];
}

function appliedCodes(dep: Deployment): AppliedCodes {
  const { data } = dep;
  return {
    grids: data.grids.map((g) => g.code),
    buildings: data.buildings.map((b) => b.code),
    stations: data.stations.map((x) => x.code),
    workers: data.workers.map((w) => w.openid),
    departments: data.departments.map((d) => d.code),
    households: dep.households.map((h) => h.code),
  };
}

/**
 * What the previous file named and the newer one does not goes — never what admins added in the
 * product meanwhile, never a request. Returns the people whose roles it may have held.
 */
async function removeDropped(store: Store, dep: Deployment, previous: AppliedCodes | undefined, departments: readonly WithId<Department>[]): Promise<string[]> {
  if (!previous) return [];
  const now = appliedCodes(dep);
  const dropped = (key: keyof AppliedCodes) => previous[key].filter((c) => !now[key].includes(c));
  const ids = (key: keyof AppliedCodes) => ({ _id: { $in: dropped(key) } });
  await store.collection(GRIDS).removeMany(ids('grids'));
  await store.collection(BUILDINGS).removeMany(ids('buildings'));
  await store.collection(STATIONS).removeMany(ids('stations'));
  await keyHouseholds(store).removeMany(ids('households'));
  await store.collection(WORKERS).removeMany(ids('workers'));
  await store.collection(DEPARTMENTS).removeMany(ids('departments'));
  const droppedWorkers = dropped('workers');
  const droppedDepts = departments.filter((d) => dropped('departments').includes(d.code));
  const granted = new Set(dep.users.map((u) => u.openid));
  return [...new Set([...droppedWorkers, ...droppedDepts.flatMap((d) => d.staff)])].filter((openid) => !granted.has(openid));
}

/** Grants the file's roles without taking any away: a role only rises, communities add up. */
async function grantUsers(store: Store, granted: readonly DeploymentUser[], now: Date): Promise<void> {
  const users = store.collection(USERS);
  for (const g of granted) {
    const user = await users.get(g.openid);
    const role = user && RANK[user.role] > RANK[g.role] ? user.role : g.role;
    const communities = [...new Set([...(user?.communities ?? []), ...g.communities])];
    const name = g.name ?? user?.name;
    const phone = g.phone ?? user?.phone;
    const department = g.department ?? user?.department;
    await users.put({
      ...user,
      _id: g.openid,
      role,
      ...(name && { name }),
      ...(phone && { phone }),
      ...(communities.length && { communities }),
      ...(department && { department }),
      createdAt: user?.createdAt ?? now.toISOString(),
    });
  }
}

/** `meta/seed`: which seed ran first, and when. */
export interface SeedMarkerDoc {
  _id: string;
  mode: string;
  at: string;
}

/** The seed marker: written once, when the first 街道 (or the bare catalog) is seeded. */
export async function markSeeded(store: Store, mode: string, now: Date): Promise<boolean> {
  const { inserted } = await metaDocs(store, 'seed').insertIfAbsent({ _id: 'seed', mode, at: now.toISOString() });
  return inserted;
}

/** This area's `meta` purpose, typed by name (see MetaDocs in lib/store/port). */
declare module '../store/port' {
  interface MetaDocs {
    seed: SeedMarkerDoc;
  }
}
