import { startTestServer, type TestServer } from '../helpers/server';
import type { Community } from '@qgt/shared/domain/community';
import { COMMUNITIES, bumpCommunityVersion, type WithId } from '../../cloudfunctions/lib/community/store';
import { USERS, type UserDoc } from '../../cloudfunctions/lib/runtime/caller';

/**
 * The security suite's world: the demo 街道 plus a second community (翠湖社区 `c2`) with its own
 * admin, worker and grid, the eight callers of the authorization matrix, and a clock that moves
 * on a little with every call so the per-OPENID rate limits never trip on the fixtures.
 */

export const ROLES = ['anonymous', 'residentA', 'residentB', 'gridWorker', 'otherGridWorker', 'departmentStaff', 'admin', 'otherAdmin'] as const;
export type RoleName = (typeof ROLES)[number];

/** Who plays each role (G1's worker is demo-worker-1; demo-worker-3 neither covers G1 nor backs it up). */
export const OPENID: Record<RoleName, string | null> = {
  anonymous: null,
  residentA: 'demo-resident',
  residentB: 'demo-resident-2',
  gridWorker: 'demo-worker-1',
  otherGridWorker: 'demo-worker-3',
  departmentStaff: 'demo-dept-gas',
  admin: 'demo-admin',
  otherAdmin: 'c2-admin',
};

export const C1 = 'demo-community';
export const C2 = 'c2';
export const C2_WORKER = 'c2-worker';
export const C2_RESIDENT = 'c2-resident';
export const C2_WORKER_PHONE = '13800000009';
/** A point inside C2's only grid, far from every C1 grid. */
export const C2_POINT = { lat: 31.015, lng: 103.645 };
const C2_GRID = {
  type: 'Feature',
  geometry: { type: 'Polygon', coordinates: [[[103.64, 31.01], [103.65, 31.01], [103.65, 31.02], [103.64, 31.02], [103.64, 31.01]]] },
  properties: { code: 'C2G1', name: '翠湖一区', community: C2, worker: C2_WORKER },
};

/** Friday 2026-10-09 08:00 in Shanghai, a working day; each call is 3.5 s later (20 creates a minute stay under the budget). */
const START = Date.parse('2026-10-09T08:00:00+08:00');
const STEP_MS = 3_500;

export interface Reply {
  status: number;
  body: any;
}

export interface World {
  server: TestServer;
  /** The clock of the next call (ISO); advances on every call. */
  tick(): string;
  headers(who: RoleName | string | null): Record<string, string>;
  call(who: RoleName | string | null, fn: string, action: string, data?: unknown): Promise<Reply>;
  /** A call that must succeed; its data. */
  ok<T = any>(who: RoleName | string | null, fn: string, action: string, data?: unknown): Promise<T>;
}

const openidOf = (who: RoleName | string | null) => (who !== null && (ROLES as readonly string[]).includes(who) ? OPENID[who as RoleName] : who);

export function worldOf(server: TestServer): World {
  let calls = 0;
  const world: World = {
    server,
    tick: () => new Date(START + calls++ * STEP_MS).toISOString(),
    headers(who) {
      const openid = openidOf(who);
      return { ...(openid && { 'x-openid': openid }), 'x-now': world.tick() };
    },
    call: (who, fn, action, data) => server.call(fn, action, data, world.headers(who)),
    async ok(who, fn, action, data) {
      const res = await world.call(who, fn, action, data);
      if (res.status !== 200) throw new Error(`${fn}.${action} as ${String(who)}: expected 200, got ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.data;
    },
  };
  return world;
}

/**
 * The second community. Communities come from a deployment's data (there is no API to found one),
 * so the community and its admin are written to the store; everything else goes through the
 * admin API as that admin, the way a real community would be set up.
 */
export async function seedSecondCommunity(w: World): Promise<void> {
  const { store } = w.server;
  await store.collection<WithId<Community>>(COMMUNITIES).put({ _id: C2, code: C2, name: '翠湖社区', subdistrict: 'demo-street', admins: [OPENID.otherAdmin!] });
  await store.collection<UserDoc>(USERS).put({ _id: OPENID.otherAdmin!, role: 'admin', name: '钱主任', communities: [C2], createdAt: '2026-10-01T00:00:00.000Z' });
  await bumpCommunityVersion(store);
  await w.ok('otherAdmin', 'admin', 'workers.upsert', { openid: C2_WORKER, name: '孙网格', level: 'A', phone: C2_WORKER_PHONE });
  await w.ok('otherAdmin', 'admin', 'grids.import', { type: 'FeatureCollection', features: [C2_GRID] });
  await w.ok('otherAdmin', 'admin', 'workers.upsert', { openid: C2_WORKER, name: '孙网格', level: 'A', grids: ['C2G1'] });
  await w.ok('otherAdmin', 'admin', 'buildings.upsert', { code: 'C2G1-1', name: '翠湖一区1栋', grid: 'C2G1', point: C2_POINT });
  await w.ok('otherAdmin', 'admin', 'stations.upsert', { code: 'cuihu-window', name: '翠湖社区综合窗口', kind: 'window' });
}

export async function startWorld(): Promise<World> {
  const w = worldOf(await startTestServer());
  await seedSecondCommunity(w);
  return w;
}
