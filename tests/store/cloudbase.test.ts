import tcb from '@cloudbase/node-sdk';
import { openCloudbaseStore } from '../../cloudfunctions/lib/store/cloudbase';
import { DuplicateKeyError, type Doc } from '../../cloudfunctions/lib/store/port';
import { AGGREGATE_CAP, type FakeCloudbase, type FakeCloudbaseOptions, startFakeCloudbase } from '../fakes/cloudbase-server';
import { describeStoreContract } from './contract';

/**
 * The CloudBase adapter through the real @cloudbase/node-sdk: always against the fake server, and
 * against a real environment when TCB_ENV, TCB_SECRET_ID and TCB_SECRET_KEY are set.
 */

/** `serviceUrl` replaces the API address (node-sdk dist/utils/tcbapiendpoint.js); dummy keys still get signed. */
const fakeApp = (fake: FakeCloudbase) => tcb.init({ env: 'test-env', secretId: 'x', secretKey: 'y', serviceUrl: `${fake.url}/admin` });

/**
 * Outside Tencent Cloud the SDK probes the metadata service (metadata.tencentyun.com) before every
 * request; TENCENTCLOUD=true skips that (dist/utils/cloudplatform.js). Only for the fake: it also
 * makes the SDK pick internal endpoints, which serviceUrl overrides.
 */
function skipMetadataProbe() {
  const previous = process.env.TENCENTCLOUD;
  beforeAll(() => {
    process.env.TENCENTCLOUD = 'true';
  });
  afterAll(() => {
    if (previous === undefined) delete process.env.TENCENTCLOUD;
    else process.env.TENCENTCLOUD = previous;
  });
}

function openOnFake(options: FakeCloudbaseOptions = {}) {
  return async () => {
    const fake = await startFakeCloudbase(options);
    return { store: openCloudbaseStore(fakeApp(fake)), close: () => fake.close() };
  };
}

describe('CloudBase store through the SDK, on the fake server', () => {
  skipMetadataProbe();

  // The service reports modified documents in `updated`; the adapter must count matches either way.
  describeStoreContract('cloudbase on the fake (updated = modified)', openOnFake());
  describeStoreContract('cloudbase on the fake (updated = matched)', openOnFake({ updatedCounts: 'matched' }));

  it.each(['DATABASE_DUPLICATE_WRITE', 'DATABASE_REQUEST_FAILED'] as const)('reads a duplicate _id reported as %s as a duplicate', async (duplicateCode) => {
    const fake = await startFakeCloudbase({ duplicateCode, autoCreateCollections: true });
    try {
      const items = openCloudbaseStore(fakeApp(fake)).collection<Doc & { n: number }>('dups');
      await items.insert({ _id: 'a', n: 1 });
      await expect(items.insert({ _id: 'a', n: 2 })).rejects.toBeInstanceOf(DuplicateKeyError);
      expect(await items.insertIfAbsent({ _id: 'a', n: 3 })).toEqual({ inserted: false, doc: { _id: 'a', n: 1 } });
    } finally {
      await fake.close();
    }
  });

  it('groups past the service’s aggregation cap: every group, read in pages', async () => {
    const fake = await startFakeCloudbase();
    try {
      const store = openCloudbaseStore(fakeApp(fake));
      await store.collection<Doc>('many').insert({ _id: 'seed' });
      // More distinct groups than one aggregation answer holds (written straight into the fake: fast).
      const docs = fake.collections.get('many')!;
      for (let i = 0; i < AGGREGATE_CAP + 1500; i++) docs.push({ _id: `d${i}`, key: `k${i}`, v: i % 3 === 0 ? 2 : 1 });
      const rows = await store.collection<Doc>('many').group({ key: { $exists: true } }, { by: ['key'] });
      expect(rows).toHaveLength(AGGREGATE_CAP + 1500);
      expect(new Set(rows.map((r) => r.key.key)).size).toBe(AGGREGATE_CAP + 1500);
    } finally {
      await fake.close();
    }
  }, 60_000);

  describe('what goes over the wire', () => {
    let fake: FakeCloudbase;
    let app: ReturnType<typeof tcb.init>;
    beforeAll(async () => {
      fake = await startFakeCloudbase();
      app = fakeApp(fake);
    });
    afterAll(() => fake.close());
    const since = (from: number) => fake.requests.slice(from);

    it('creates a missing collection on the first insert, then retries', async () => {
      const from = fake.requests.length;
      await openCloudbaseStore(app).collection<Doc>('fresh').insert({ _id: 'a' });
      expect(since(from).map((r) => r.action)).toEqual(['database.insertDocument', 'database.addCollection', 'database.insertDocument']);
      expect(since(from)[1].params).toMatchObject({ collectionName: 'fresh', envName: 'test-env' });
    });

    it('reads of a missing collection are empty without creating it', async () => {
      const ghosts = openCloudbaseStore(app).collection('ghosts');
      expect(await ghosts.get('x')).toBeNull();
      expect(await ghosts.find()).toEqual([]);
      expect(await ghosts.count()).toBe(0);
      expect(await ghosts.updateById('x', { $inc: { n: 1 } })).toBe(false);
      expect(await ghosts.removeMany({})).toBe(0);
      expect(fake.collections.has('ghosts')).toBe(false);
    });

    it('a conditional increment is one modifyDocument carrying _id and the condition', async () => {
      const slots = openCloudbaseStore(app).collection<Doc & { taken: number }>('slots');
      await slots.insert({ _id: 's', taken: 0 });
      const from = fake.requests.length;
      expect(await slots.updateById('s', { $inc: { taken: 1 } }, { taken: { $lt: 3 } })).toBe(true);
      expect(since(from)).toHaveLength(1);
      const { action, params } = since(from)[0];
      expect(action).toBe('database.modifyDocument');
      expect(params).toMatchObject({ collectionName: 'slots', multi: true, merge: true, upsert: false });
      expect(JSON.parse(String(params.query))).toEqual({ taken: { $lt: { $numberInt: '3' } }, _id: 's' });
      expect(JSON.parse(String(params.data))).toEqual({ $inc: { taken: { $numberInt: '1' } } });
    });

    it('an update sends $set objects whole, $push with $each of one, $unset', async () => {
      const items = openCloudbaseStore(app).collection<Doc & Record<string, unknown>>('items');
      await items.insert({ _id: 'u' });
      const from = fake.requests.length;
      await items.updateById('u', { $set: { profile: { city: 'sh' }, 'a.b': 1 }, $push: { tags: ['x'] }, $unset: { old: true } });
      expect(JSON.parse(String(since(from)[0].params.data))).toEqual({
        $set: { profile: { city: 'sh' }, 'a.b': { $numberInt: '1' } },
        $push: { tags: { $each: [['x']] } },
        $unset: { old: '' },
      });
    });

    it('find sends order, offset and limit', async () => {
      const items = openCloudbaseStore(app).collection<Doc & Record<string, unknown>>('items');
      const from = fake.requests.length;
      await items.find({ n: { $in: [1, 2] } }, { sort: { n: -1, _id: 1 }, skip: 3, limit: 20 });
      expect(since(from)[0].params).toMatchObject({ action: 'database.getDocument', offset: 3, limit: 20 });
      expect(since(from)[0].params.order).toBe('{"n":{"$numberInt":"-1"},"_id":{"$numberInt":"1"}}');
    });

    it('a duplicate _id is answered with DATABASE_DUPLICATE_WRITE', async () => {
      const coll = app.database().collection('items');
      await coll.add({ _id: 'dup' });
      await expect(coll.add({ _id: 'dup' })).rejects.toMatchObject({ code: 'DATABASE_DUPLICATE_WRITE' });
    });

    it('an action the fake does not implement is an error, not a success', async () => {
      await expect(app.database().collection('items').where({}).updateAndReturn({ n: 1 })).rejects.toMatchObject({ code: 'DATABASE_INVALID_OPERRATOR' });
    });

    it('group is one aggregateDocuments: $match, $group with k0…/count/s0…, $sort by count, $limit', async () => {
      const items = openCloudbaseStore(app).collection<Doc & Record<string, unknown>>('items');
      await items.insert({ _id: 'g1', facts: { day: '2026-01-01', h: 2 } });
      const from = fake.requests.length;
      const rows = await items.group({ _id: { $in: ['g1'] } }, { by: ['facts.day'], sum: ['facts.h'], limit: 5 });
      expect(rows).toEqual([{ key: { 'facts.day': '2026-01-01' }, count: 1, sums: { 'facts.h': 2 } }]);
      expect(since(from)).toHaveLength(1);
      const { action, params } = since(from)[0];
      expect(action).toBe('database.aggregateDocuments');
      const stages = params.stages as Array<{ stageKey: string; stageValue: string }>;
      expect(stages.map((s) => s.stageKey)).toEqual(['$match', '$group', '$sort', '$limit']);
      expect(JSON.parse(stages[0].stageValue)).toEqual({ _id: { $in: ['g1'] } });
      expect(JSON.parse(stages[1].stageValue)).toEqual({
        _id: { k0: { $ifNull: ['$facts.day', null] } },
        count: { $sum: { $numberInt: '1' } },
        s0: { $sum: '$facts.h' },
      });
      expect(JSON.parse(stages[3].stageValue)).toBe(5);
    });

    it('groupMany is one aggregateDocuments per grouping; distinct adds $addToSet and a $project of sizes', async () => {
      const items = openCloudbaseStore(app).collection<Doc & Record<string, unknown>>('items');
      await items.insert({ _id: 'm1', w: 'a', d: '1' });
      const from = fake.requests.length;
      const rows = await items.groupMany({ _id: { $in: ['m1'] } }, { days: { by: ['w'], distinct: ['d'] }, none: { by: [], where: { w: 'b' } } });
      expect(rows).toEqual({ days: [{ key: { w: 'a' }, count: 1, sums: {}, distinct: { d: 1 } }], none: [] });
      expect(since(from).map((r) => r.action)).toEqual(['database.aggregateDocuments', 'database.aggregateDocuments']);
      const stages = since(from).map((r) => (r.params.stages as Array<{ stageKey: string }>).map((s) => s.stageKey));
      expect(stages).toContainEqual(['$match', '$group', '$sort', '$limit', '$project']);
      expect(stages).toContainEqual(['$match', '$group', '$sort', '$limit']);
    });
  });
});

const real = process.env.TCB_ENV && process.env.TCB_SECRET_ID && process.env.TCB_SECRET_KEY;
if (real) jest.setTimeout(120_000);

(real ? describe : describe.skip)(
  `CloudBase store on a real environment${real ? '' : ' (skipped: set TCB_ENV, TCB_SECRET_ID, TCB_SECRET_KEY)'}`,
  () => {
    describeStoreContract('cloudbase, real environment', async () => ({
      store: openCloudbaseStore(tcb.init({ env: process.env.TCB_ENV, secretId: process.env.TCB_SECRET_ID, secretKey: process.env.TCB_SECRET_KEY })),
      close: async () => {},
    }));
  },
);
