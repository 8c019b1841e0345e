import { COLLECTIONS } from '../../cloudfunctions/lib/store/collections';
import { openEmbeddedStore } from '../../cloudfunctions/lib/store/embedded';
import type { Collection, CollectionDocs } from '../../cloudfunctions/lib/store/port';
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
  metric_rollups: true,
};

/**
 * Still typed per call (`collection<T>(name)`): `meta` holds several kinds of document; `users`,
 * `rate_limits` and `audit` belong to lib/runtime and lib/audit, being reshaped at the same time.
 */
const UNTYPED = ['audit', 'meta', 'rate_limits', 'users'];

it('declares only collections the deployment lists, and every one but the few typed per call', () => {
  expect(Object.keys(DECLARED).filter((name) => !(name in COLLECTIONS))).toEqual([]);
  expect([...Object.keys(DECLARED), ...UNTYPED].sort()).toEqual(Object.keys(COLLECTIONS).sort());
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
