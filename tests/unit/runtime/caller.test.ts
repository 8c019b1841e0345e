import * as z from 'zod/mini';
import { AppError } from '@qgt/shared/errors';
import { createContext } from '../../../cloudfunctions/lib/runtime/context';
import { action, checkAccess, dispatch, type HandlerTable } from '../../../cloudfunctions/lib/runtime/handler';
import { SYSTEM_CALLER, USERS, type StaffUserDoc } from '../../../cloudfunctions/lib/runtime/caller';
import { openEmbeddedStore } from '../../../cloudfunctions/lib/store/embedded';
import { localPlatform } from '../../../cloudfunctions/lib/platform/local';
import { COMMUNITIES, SUBDISTRICTS } from '../../../cloudfunctions/lib/community/store';
import type { Store } from '../../../cloudfunctions/lib/store/port';

const log = { info() {}, warn() {}, error() {} };
const NOW = new Date('2026-12-07T08:00:00Z');
const none = z.object({});
type Loose = { _id: string } & Record<string, unknown>;

/** Each action hands back the caller dispatch resolved for it. */
const table = {
  open: action({ input: none, access: 'anyone', rate: null, run: async ({ caller }) => caller }),
  mine: action({ input: none, access: 'signedIn', rate: null, run: async ({ caller }) => caller }),
  staff: action({ input: none, access: ['worker', 'admin'], rate: null, run: async ({ caller }) => caller }),
  admin: action({ input: none, access: ['admin'], rate: null, run: async ({ caller }) => caller }),
  push: action({ input: none, access: 'system', rate: null, run: async ({ caller }) => caller }),
} satisfies HandlerTable;

async function world(): Promise<{ store: Store; userReads: () => number }> {
  const store = openEmbeddedStore(null);
  await store.collection<Loose>(SUBDISTRICTS).put({ _id: 'st', code: 'st', name: '和平街道', admins: ['street-admin'], reportCategories: [] });
  for (const code of ['c1', 'c2']) await store.collection<Loose>(COMMUNITIES).put({ _id: code, code, name: code, subdistrict: 'st', admins: [] });
  const users = store.collection<StaffUserDoc>(USERS);
  await users.put({ _id: 'c1-admin', role: 'admin', name: '社区管理员', communities: ['c1'], createdAt: NOW.toISOString() });
  await users.put({ _id: 'street-admin', role: 'admin', name: '街道管理员', communities: [], createdAt: NOW.toISOString() });
  await users.put({ _id: 'idle-admin', role: 'admin', communities: [], createdAt: NOW.toISOString() });
  await users.put({ _id: 'dept', role: 'worker', name: '城管', communities: ['c1'], department: 'urban', createdAt: NOW.toISOString() });
  let reads = 0;
  const collection = store.collection.bind(store);
  const counted = new Proxy(store, {
    get(target, key) {
      if (key !== 'collection') return Reflect.get(target, key);
      return (name: string) => {
        const coll = collection(name);
        if (name !== USERS) return coll;
        return new Proxy(coll, { get: (c, k) => (k === 'get' ? (...args: unknown[]) => ((reads += 1), (c.get as (...a: unknown[]) => unknown)(...args)) : Reflect.get(c, k)) });
      };
    },
  }) as Store;
  return { store: counted, userReads: () => reads };
}

const call = (store: Store, name: keyof typeof table, openid: string | null) =>
  dispatch(table, 'test', { action: name, data: {} }, createContext({ store, now: NOW, log, platform: localPlatform(() => 'http://x'), openid }));

describe('dispatch resolves the caller from the action’s access', () => {
  it('anyone: the plain caller; signedIn: a viewer; a resident’s viewer needs no reads beyond identify', async () => {
    const { store, userReads } = await world();
    expect(await call(store, 'open', null)).toEqual({ openid: null, role: null });
    expect(await call(store, 'mine', 'resident-1')).toMatchObject({ openid: 'resident-1', role: 'resident', communities: [], grids: [] });
    expect(userReads()).toBe(1);
  });

  it('an admin gets the admin scope, a 街道 admin widened to every community of the 街道', async () => {
    const { store } = await world();
    expect(await call(store, 'admin', 'c1-admin')).toMatchObject({ openid: 'c1-admin', role: 'admin', level: 'community', communities: ['c1'], subdistricts: [] });
    expect(await call(store, 'staff', 'street-admin')).toMatchObject({ role: 'admin', level: 'subdistrict', communities: ['c1', 'c2'], subdistricts: ['st'] });
    await expect(call(store, 'admin', 'idle-admin')).rejects.toMatchObject({ code: 'FORBIDDEN', message: '您尚未负责任何社区' });
  });

  it('staff get a viewer with their department, from one read of their user record', async () => {
    const { store, userReads } = await world();
    const viewer = await call(store, 'staff', 'dept');
    expect(viewer).toMatchObject({ openid: 'dept', role: 'worker', communities: ['c1'], department: 'urban' });
    expect(viewer).not.toHaveProperty('level');
    expect(userReads()).toBe(1);
  });

  it("'system' access: only the system caller, which no person's role reaches", async () => {
    const { store } = await world();
    const ctx = createContext({ store, now: NOW, log, platform: localPlatform(() => 'http://x'), openid: SYSTEM_CALLER.openid });
    expect(await dispatch(table, 'test', { action: 'push', data: {} }, { ...ctx, identify: async () => SYSTEM_CALLER })).toEqual(SYSTEM_CALLER);
    await expect(call(store, 'push', 'c1-admin')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(call(store, 'push', null)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    // The system reaches no staff action unless the action lists it.
    expect(() => checkAccess(['admin'], SYSTEM_CALLER)).toThrow(AppError);
    expect(() => checkAccess(['admin', 'system'], SYSTEM_CALLER)).not.toThrow();
  });
});
