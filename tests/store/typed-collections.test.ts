import { COLLECTIONS } from '../../cloudfunctions/lib/store/collections';
import { openEmbeddedStore } from '../../cloudfunctions/lib/store/embedded';
import type { Collection, CollectionDocs, MetaDocs } from '../../cloudfunctions/lib/store/port';
import { metaDocs } from '../../cloudfunctions/lib/catalog/published';
import type { StaffUserDoc } from '../../cloudfunctions/lib/runtime/caller';
import type { FollowDoc, RequestDoc } from '../../cloudfunctions/lib/requests/store';

/**
 * Collections typed by name: each area declares its collections in CollectionDocs (lib/store/port).
 * `DECLARED` must name exactly CollectionDocs' keys (the compiler refuses a missing or extra one),
 * and every declared name must be a collection of lib/store/collections.ts.
 */
const DECLARED: Record<keyof CollectionDocs, true> = {
  requests: true,
  follows: true,
  idempotency: true,
  slots: true,
  followups: true,
  outbox: true,
  walkins: true,
  notices: true,
  roster: true,
  gridVisits: true,
  keyHouseholds: true,
  partners: true,
  sessions: true,
  web_logins: true,
  invites: true,
  media_checks: true,
  communities: true,
  grids: true,
  buildings: true,
  stations: true,
  departments: true,
  workers: true,
  subdistricts: true,
  catalogs: true,
  catalogHistory: true,
  catalogReports: true,
  files: true,
  subscriptions: true,
  notifications: true,
  users: true,
  rate_limits: true,
  audit: true,
  meta: true,
  metric_rollups: true,
};

/** `meta`'s purposes (MetaDocs): the compiler refuses a missing or extra one here too. */
const META_PURPOSES: Record<keyof MetaDocs, true> = {
  catalogPointer: true,
  localRules: true,
  communityVersion: true,
  deployment: true,
  district: true,
  seed: true,
};

it('declares exactly the collections the deployment lists: none is typed per call', () => {
  expect(Object.keys(DECLARED).sort()).toEqual(Object.keys(COLLECTIONS).sort());
});

it('meta is read one purpose at a time, each with its own document type', async () => {
  const store = openEmbeddedStore(null);
  // @ts-expect-error the seed marker needs mode and at
  const wrongShape = () => metaDocs(store, 'seed').insert({ _id: 'seed' });
  expect(typeof wrongShape).toBe('function');
  // @ts-expect-error not a purpose of meta
  const unknownPurpose = () => metaDocs(store, 'nothing');
  expect(typeof unknownPurpose).toBe('function');
  const users: Collection<StaffUserDoc> = store.collection('users');
  await users.put({ _id: 'u1', role: 'worker', department: 'ranqi', createdAt: '2026-12-07T00:00:00.000Z' });
  await metaDocs(store, 'seed').put({ _id: 'seed', mode: 'demo', at: '2026-12-07T00:00:00.000Z' });
  await metaDocs(store, 'catalogPointer').put({ _id: 'catalog', version: '2026.1.0' });
  expect((await metaDocs(store, 'catalogPointer').get('catalog'))?.version).toBe('2026.1.0');
  expect((await metaDocs(store, 'seed').get('seed'))?.mode).toBe('demo');
  expect(await store.collection('meta').count()).toBe(2);
  expect((await store.collection('users').get('u1'))?.department).toBe('ranqi');
  expect(Object.keys(META_PURPOSES)).toHaveLength(6);
  await store.close();
});

it('a collection named without a type argument carries its document type', async () => {
  const store = openEmbeddedStore(null);
  // Compile-time: a document of the wrong shape is refused (were the name untyped, the
  // expect-error would be unused and type-checking would fail).
  // @ts-expect-error a follow needs request, openid and at
  const wrongShape = () => store.collection('follows').insert({ _id: 'f0' });
  expect(typeof wrongShape).toBe('function');
  const requests: Collection<RequestDoc> = store.collection('requests');
  const follows: Collection<FollowDoc> = store.collection('follows');
  await store.collection('follows').insert({ _id: 'f1', request: 'R1', openid: 'u1', at: '2026-12-07T00:00:00.000Z' });
  expect((await follows.get('f1'))?.request).toBe('R1');
  expect(await requests.count()).toBe(0);
  await store.close();
});
