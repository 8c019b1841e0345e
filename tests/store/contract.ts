/**
 * The store contract: what every adapter of the port must do, run against each of them
 * (embedded.test.ts, cloudbase.test.ts). Handlers rely on exactly this, so a backend passes all of
 * it or it is not a backend.
 */
import { type Collection, type Doc, type Filter, type Store, DuplicateKeyError, MAX_LIMIT } from '../../cloudfunctions/lib/store/port';

type Item = Doc & Record<string, unknown>;

const SEED: Item[] = [
  { _id: 'i1', n: 1, kind: 'a', profile: { city: 'sh', age: 30 }, at: '2026-01-01T08:00:00.000Z', flag: true, tags: ['x', 'y'] },
  { _id: 'i2', n: 2, kind: 'b', profile: { city: 'bj', age: 40 }, at: '2026-01-02T08:00:00.000Z', flag: null, tags: ['y'] },
  { _id: 'i3', n: 3, kind: 'a', profile: { city: 'sh' }, at: '2026-01-03T08:00:00.000Z' },
  { _id: 'i4', n: 4, kind: 'c', at: '2026-01-04T08:00:00.000Z', flag: false, tags: [] },
  { _id: 'i5', n: 5, kind: 'b', profile: { city: 'gz', age: 25 }, at: '2026-01-05T08:00:00.000Z', flag: true },
];

/** [title, filter, ids it matches in SEED] */
const FILTERS: Array<[string, Filter, string[]]> = [
  ['empty filter', {}, ['i1', 'i2', 'i3', 'i4', 'i5']],
  ['equality', { kind: 'a' }, ['i1', 'i3']],
  ['equality on a dot path', { 'profile.city': 'sh' }, ['i1', 'i3']],
  ['equality of two fields', { kind: 'b', 'profile.city': 'gz' }, ['i5']],
  ['equality to a boolean', { flag: true }, ['i1', 'i5']],
  ['equality to null matches an explicit null only', { flag: null }, ['i2']],
  ['equality with an element of an array field', { tags: 'y' }, ['i1', 'i2']],
  ['$eq', { n: { $eq: 2 } }, ['i2']],
  ['$ne', { kind: { $ne: 'a' } }, ['i2', 'i4', 'i5']],
  ['$ne null keeps documents without the field', { flag: { $ne: null } }, ['i1', 'i3', 'i4', 'i5']],
  // Each field's `$ne: null` is an $or on CloudBase: two of them must both hold, not merge into one.
  ['$ne null on two fields, both hold', { flag: { $ne: null }, 'profile.age': { $ne: null } }, ['i1', 'i3', 'i4', 'i5']],
  ['$ne null on two fields, the other order', { 'profile.age': { $ne: null }, flag: { $ne: null } }, ['i1', 'i3', 'i4', 'i5']],
  ['$ne null beside an $or', { flag: { $ne: null }, $or: [{ kind: 'b' }, { kind: 'c' }] }, ['i4', 'i5']],
  ['$gt', { n: { $gt: 3 } }, ['i4', 'i5']],
  ['$gte', { n: { $gte: 3 } }, ['i3', 'i4', 'i5']],
  ['$lt', { n: { $lt: 2 } }, ['i1']],
  ['$lte', { n: { $lte: 2 } }, ['i1', 'i2']],
  ['a range on one field', { n: { $gt: 1, $lt: 4 } }, ['i2', 'i3']],
  ['a range of ISO timestamps', { at: { $gte: '2026-01-02T08:00:00.000Z', $lt: '2026-01-04T00:00:00.000Z' } }, ['i2', 'i3']],
  ['a comparison skips documents without the field', { 'profile.age': { $gte: 30 } }, ['i1', 'i2']],
  ['$in', { kind: { $in: ['a', 'c'] } }, ['i1', 'i3', 'i4']],
  ['$in on an array field', { tags: { $in: ['x', 'z'] } }, ['i1']],
  ['$nin', { kind: { $nin: ['a', 'c'] } }, ['i2', 'i5']],
  ['$exists true on a dot path', { 'profile.age': { $exists: true } }, ['i1', 'i2', 'i5']],
  ['$exists false', { 'profile.age': { $exists: false } }, ['i3', 'i4']],
  ['$exists true counts an explicit null', { flag: { $exists: true } }, ['i1', 'i2', 'i4', 'i5']],
  ['$or', { $or: [{ kind: 'c' }, { 'profile.age': { $lt: 30 } }] }, ['i4', 'i5']],
  ['$or next to fields', { kind: 'a', $or: [{ n: 1 }, { n: { $gt: 2 } }] }, ['i1', 'i3']],
  ['nested $or', { $or: [{ kind: 'a', n: { $gt: 1 } }, { $or: [{ n: 5 }, { flag: false }] }] }, ['i3', 'i4', 'i5']],
  ['_id with $in', { _id: { $in: ['i2', 'i4', 'nope'] } }, ['i2', 'i4']],
  ['$or of nothing matches nothing', { $or: [] }, []],
  ['$in of nothing matches nothing', { kind: { $in: [] } }, []],
];

const ids = (docs: Doc[]) => docs.map((d) => d._id);
const sorted = (values: string[]) => [...values].sort();

export function describeStoreContract(
  name: string,
  open: () => Promise<{ store: Store; close(): Promise<void> }>,
): void {

  describe(`store contract: ${name}`, () => {
    let opened: { store: Store; close(): Promise<void> };
    let items: Collection<Item>;
    let slots: Collection<Item>;

    beforeAll(async () => {
      opened = await open();
      items = opened.store.collection<Item>('contract_items');
      slots = opened.store.collection<Item>('contract_slots');
    });
    afterAll(() => opened?.close());
    beforeEach(async () => {
      await Promise.all([items.removeMany({}), slots.removeMany({})]);
    });

    it('hands back GeoJSON exactly as stored (a grid polygon, a point), by get and by find', async () => {
      const geo = opened.store.collection<Doc & Record<string, unknown>>('contract_geo');
      await geo.removeMany({});
      const polygon = { type: 'Polygon', coordinates: [[[103.62, 30.98], [103.63, 30.98], [103.63, 30.99], [103.62, 30.98]]] };
      const doc = { _id: 'g1', code: 'G1', geometry: polygon, point: { type: 'Point', coordinates: [103.626, 30.99] }, nested: [{ shape: polygon }] };
      await geo.insert(doc);
      expect(await geo.get('g1')).toEqual(doc);
      expect(await geo.find({ code: 'G1' })).toEqual([doc]);
    });

    describe('reading', () => {
      beforeEach(async () => {
        await Promise.all(SEED.map((d) => items.insert(d)));
      });

      for (const [title, filter, expected] of FILTERS) {
        test(`find and count: ${title}`, async () => {
          expect(sorted(ids(await items.find(filter)))).toEqual(expected);
          expect(await items.count(filter)).toBe(expected.length);
        });
      }

      test('get returns the document as stored, with _id and nothing added', async () => {
        expect(await items.get('i1')).toEqual(SEED[0]);
        expect(await items.find({ _id: 'i4' })).toEqual([SEED[3]]);
      });

      test('get of an unknown id is null', async () => {
        expect(await items.get('nope')).toBeNull();
      });

      test('returned documents are copies', async () => {
        const doc = (await items.get('i1'))!;
        (doc.profile as Record<string, unknown>).city = 'changed';
        expect(await items.get('i1')).toEqual(SEED[0]);
      });

      test('sort ascending and descending', async () => {
        expect(ids(await items.find({}, { sort: { n: 1 } }))).toEqual(['i1', 'i2', 'i3', 'i4', 'i5']);
        expect(ids(await items.find({}, { sort: { at: -1 } }))).toEqual(['i5', 'i4', 'i3', 'i2', 'i1']);
      });

      test('sort by two keys, the first one first', async () => {
        expect(ids(await items.find({}, { sort: { kind: 1, n: -1 } }))).toEqual(['i3', 'i1', 'i5', 'i2', 'i4']);
      });

      test('sort on a dot path puts documents without it first', async () => {
        expect(ids(await items.find({}, { sort: { 'profile.city': 1, n: 1 } }))).toEqual(['i4', 'i2', 'i5', 'i1', 'i3']);
      });

      test('skip and limit apply after the filter and the sort', async () => {
        expect(ids(await items.find({ n: { $gt: 1 } }, { sort: { n: -1 }, skip: 1, limit: 2 }))).toEqual(['i4', 'i3']);
        expect(ids(await items.find({}, { sort: { n: 1 }, skip: 4 }))).toEqual(['i5']);
        expect(await items.find({}, { skip: 10 })).toEqual([]);
      });
    });

    test(`find returns at most ${MAX_LIMIT} documents`, async () => {
      const many = Array.from({ length: MAX_LIMIT + 5 }, (_, i) => ({ _id: `m${String(i).padStart(4, '0')}`, n: i }));
      for (let i = 0; i < many.length; i += 100) await Promise.all(many.slice(i, i + 100).map((d) => items.insert(d)));
      expect(await items.count()).toBe(MAX_LIMIT + 5);
      expect(await items.find({}, { limit: 5000 })).toHaveLength(MAX_LIMIT);
      expect(await items.find()).toHaveLength(MAX_LIMIT);
      expect(ids(await items.find({}, { sort: { n: -1 }, skip: 1000 }))).toEqual(['m0004', 'm0003', 'm0002', 'm0001', 'm0000']);
    }, 30_000);

    describe('inserting', () => {
      test('insert returns the document and stores it', async () => {
        const doc = { _id: 'a', title: '低保', n: 1, nested: { list: [1, { x: 'y' }] } };
        expect(await items.insert(doc)).toEqual(doc);
        expect(await items.get('a')).toEqual(doc);
      });

      test('a Date survives the round trip', async () => {
        const at = new Date('2026-03-01T02:03:04.005Z');
        await items.insert({ _id: 'd', at });
        const stored = await items.get('d');
        // Not toBeInstanceOf: a store may hand back a Date made in another realm (structuredClone).
        expect(Object.prototype.toString.call(stored?.at)).toBe('[object Date]');
        expect((stored?.at as Date).toISOString()).toBe(at.toISOString());
        expect(ids(await items.find({ at: { $gte: new Date('2026-03-01T00:00:00Z') } }))).toEqual(['d']);
      });

      test('insert of an existing _id throws DuplicateKeyError and keeps the stored document', async () => {
        await items.insert({ _id: 'a', v: 1 });
        const error = await items.insert({ _id: 'a', v: 2 }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(DuplicateKeyError);
        expect(error).toMatchObject({ collection: 'contract_items', id: 'a' });
        expect(await items.get('a')).toEqual({ _id: 'a', v: 1 });
        expect(await items.count()).toBe(1);
      });

      test('insertIfAbsent inserts a new document', async () => {
        expect(await items.insertIfAbsent({ _id: 'k', v: 1 })).toEqual({ inserted: true, doc: { _id: 'k', v: 1 } });
        expect(await items.get('k')).toEqual({ _id: 'k', v: 1 });
      });

      test('insertIfAbsent returns the stored document when the _id exists', async () => {
        await items.insert({ _id: 'k', v: 1 });
        expect(await items.insertIfAbsent({ _id: 'k', v: 2 })).toEqual({ inserted: false, doc: { _id: 'k', v: 1 } });
        expect(await items.get('k')).toEqual({ _id: 'k', v: 1 });
      });
    });

    describe('updating', () => {
      const base = { _id: 'u', status: 'open', n: 1, tags: ['a'], profile: { city: 'sh', age: 30 } };
      beforeEach(async () => {
        await items.insert(base);
      });

      test('updateById applies $set and reports the match', async () => {
        expect(await items.updateById('u', { $set: { status: 'done', 'profile.age': 31 } })).toBe(true);
        expect(await items.get('u')).toEqual({ ...base, status: 'done', profile: { city: 'sh', age: 31 } });
      });

      test('updateById of an unknown id is false', async () => {
        expect(await items.updateById('nope', { $set: { status: 'done' } })).toBe(false);
        expect(await items.count()).toBe(1);
      });

      test('updateById with a condition that holds updates', async () => {
        expect(await items.updateById('u', { $set: { status: 'taken' } }, { status: 'open', n: { $lt: 2 } })).toBe(true);
        expect((await items.get('u'))?.status).toBe('taken');
      });

      test('updateById with a condition that fails changes nothing', async () => {
        expect(await items.updateById('u', { $set: { status: 'taken' } }, { status: 'closed' })).toBe(false);
        expect(await items.updateById('u', { $inc: { n: 1 } }, { n: { $gte: 5 } })).toBe(false);
        expect(await items.updateById('u', { $unset: { status: true } }, { $or: [{ n: 0 }, { status: 'x' }] })).toBe(false);
        expect(await items.get('u')).toEqual(base);
      });

      test('updateById that changes nothing still reports the match', async () => {
        expect(await items.updateById('u', { $set: { status: 'open', profile: { city: 'sh', age: 30 } } })).toBe(true);
        expect(await items.updateById('u', { $unset: { missing: true } }, { status: 'open' })).toBe(true);
        expect(await items.updateById('u', { $set: { status: 'open' } }, { status: 'closed' })).toBe(false);
        expect(await items.get('u')).toEqual(base);
      });

      test('$inc adds to a number and creates a missing field', async () => {
        expect(await items.updateById('u', { $inc: { n: 2, fresh: -3, 'profile.age': 1 } })).toBe(true);
        expect(await items.get('u')).toEqual({ ...base, n: 3, fresh: -3, profile: { city: 'sh', age: 31 } });
      });

      test('$push appends exactly one element, creating the array if absent', async () => {
        await items.updateById('u', { $push: { tags: 'b', fresh: { each: 1 } } });
        await items.updateById('u', { $push: { tags: ['c', 'd'] } });
        expect(await items.get('u')).toEqual({ ...base, tags: ['a', 'b', ['c', 'd']], fresh: [{ each: 1 }] });
      });

      test('$unset removes fields, also on a dot path', async () => {
        await items.updateById('u', { $unset: { status: true, 'profile.age': true } });
        const { status: _status, ...rest } = base;
        expect(await items.get('u')).toEqual({ ...rest, profile: { city: 'sh' } });
      });

      test('$set of an object replaces it instead of merging', async () => {
        await items.updateById('u', { $set: { profile: { district: 'pd' }, extra: { a: { b: 1 } } } });
        expect(await items.get('u')).toEqual({ ...base, profile: { district: 'pd' }, extra: { a: { b: 1 } } });
      });

      test('$set of arrays, null and a dot path into a missing object', async () => {
        await items.updateById('u', { $set: { tags: [{ k: 1 }, 2], status: null, 'meta.source': 'qr' } });
        expect(await items.get('u')).toEqual({ ...base, tags: [{ k: 1 }, 2], status: null, meta: { source: 'qr' } });
      });

      test('several operators in one update apply together', async () => {
        expect(await items.updateById('u', { $set: { status: 'done' }, $inc: { n: 1 }, $push: { tags: 'z' }, $unset: { profile: true } })).toBe(true);
        expect(await items.get('u')).toEqual({ _id: 'u', status: 'done', n: 2, tags: ['a', 'z'] });
      });

      test('an update that marks itself done on a dot path applies once', async () => {
        // How a slot's release is made replayable: the condition is the mark's absence.
        const once = () => items.updateById('u', { $inc: { n: -1 }, $set: { 'done.r1_v3': true } }, { n: { $gt: 0 }, 'done.r1_v3': { $exists: false } });
        expect(await once()).toBe(true);
        expect(await once()).toBe(false);
        expect(await items.get('u')).toEqual({ ...base, n: 0, done: { r1_v3: true } });
      });

      test('an empty update is refused', async () => {
        await expect(items.updateById('u', {})).rejects.toThrow();
        expect(await items.get('u')).toEqual(base);
      });

      test('updateMany counts every matched document, changed or not', async () => {
        await Promise.all([
          items.insert({ _id: 'v1', status: 'open', flag: true }),
          items.insert({ _id: 'v2', status: 'open' }),
          items.insert({ _id: 'v3', status: 'closed' }),
        ]);
        expect(await items.updateMany({ status: 'open' }, { $set: { flag: true } })).toBe(3);
        expect(await items.updateMany({ status: 'open' }, { $set: { flag: true } })).toBe(3);
        expect(await items.count({ flag: true })).toBe(3);
        expect(await items.get('v3')).toEqual({ _id: 'v3', status: 'closed' });
        expect(await items.updateMany({ status: 'open' }, { $inc: { seen: 1 } })).toBe(3);
        expect(await items.updateMany({ $or: [{ _id: 'v3' }, { _id: 'u' }] }, { $unset: { status: true } })).toBe(2);
        expect(await items.count({ status: { $exists: false } })).toBe(2);
      });

      test('updateMany that changes the filtered field counts each document once', async () => {
        await items.insert({ _id: 'v1', status: 'open' });
        expect(await items.updateMany({ status: 'open' }, { $set: { status: 'closed' } })).toBe(2);
        expect(await items.count({ status: 'closed' })).toBe(2);
      });

      test('updateMany with no match is 0', async () => {
        expect(await items.updateMany({ status: 'nope' }, { $set: { x: 1 } })).toBe(0);
        expect(await items.updateMany({ status: 'nope' }, { $inc: { n: 1 } })).toBe(0);
        expect(await items.get('u')).toEqual(base);
      });
    });

    describe('put and remove', () => {
      test('put creates a missing document', async () => {
        await items.put({ _id: 'p', a: 1 });
        expect(await items.get('p')).toEqual({ _id: 'p', a: 1 });
      });

      test('put replaces the whole document', async () => {
        await items.insert({ _id: 'p', a: 1, b: { c: 2 } });
        await items.put({ _id: 'p', b: { d: 3 } });
        expect(await items.get('p')).toEqual({ _id: 'p', b: { d: 3 } });
        expect(await items.count()).toBe(1);
      });

      test('removeById reports whether it removed', async () => {
        await items.insert({ _id: 'r' });
        expect(await items.removeById('r')).toBe(true);
        expect(await items.removeById('r')).toBe(false);
        expect(await items.get('r')).toBeNull();
      });

      test('removeMany removes the matches and counts them', async () => {
        await Promise.all(SEED.map((d) => items.insert(d)));
        expect(await items.removeMany({ kind: { $in: ['a', 'c'] } })).toBe(3);
        expect(sorted(ids(await items.find()))).toEqual(['i2', 'i5']);
        expect(await items.removeMany({ kind: 'zzz' })).toBe(0);
        expect(await items.removeMany({})).toBe(2);
        expect(await items.count()).toBe(0);
      });
    });

    describe('grouping', () => {
      beforeEach(async () => {
        await Promise.all(SEED.map((d) => items.insert(d)));
      });

      for (const [title, filter, expected] of FILTERS) {
        test(`group filters as find does: ${title}`, async () => {
          const rows = await items.group(filter, { by: ['_id'] });
          expect(sorted(rows.map((r) => String(r.key._id)))).toEqual(sorted(expected));
        });
      }

      test('counts per value of one field, largest first', async () => {
        const rows = await items.group({}, { by: ['kind'] });
        expect(rows.map((r) => [r.key.kind, r.count])).toEqual([['a', 2], ['b', 2], ['c', 1]]);
        expect(rows[0].sums).toEqual({});
      });

      test('groups by dot paths; a missing value is a null key', async () => {
        const rows = await items.group({}, { by: ['profile.city', 'kind'] });
        expect(rows.map((r) => [r.key['profile.city'], r.key.kind, r.count])).toEqual([
          ['sh', 'a', 2],
          ['bj', 'b', 1],
          ['gz', 'b', 1],
          [null, 'c', 1],
        ]);
      });

      test('sums numeric fields; missing and non-numeric values add 0', async () => {
        const rows = await items.group({}, { by: ['kind'], sum: ['n', 'profile.age', 'flag'] });
        const byKind = Object.fromEntries(rows.map((r) => [String(r.key.kind), r.sums]));
        expect(byKind).toEqual({
          a: { n: 4, 'profile.age': 30, flag: 0 },
          b: { n: 7, 'profile.age': 65, flag: 0 },
          c: { n: 4, 'profile.age': 0, flag: 0 },
        });
      });

      test('groups only the documents matching the filter', async () => {
        const rows = await items.group({ at: { $gte: '2026-01-02T00:00:00.000Z' }, kind: { $in: ['a', 'b'] } }, { by: ['kind'], sum: ['n'] });
        expect(rows.map((r) => [r.key.kind, r.count, r.sums.n])).toEqual([['b', 2, 7], ['a', 1, 3]]);
        expect(await items.group({ kind: 'zzz' }, { by: ['kind'] })).toEqual([]);
      });

      test('an empty key list makes one group of everything', async () => {
        expect(await items.group({}, { by: [], sum: ['n'] })).toEqual([{ key: {}, count: 5, sums: { n: 15 } }]);
      });

      test('limit keeps the largest groups', async () => {
        const rows = await items.group({}, { by: ['_id'], limit: 2 });
        expect(rows).toHaveLength(2);
        expect((await items.group({}, { by: ['kind'], limit: 1 })).map((r) => r.count)).toEqual([2]);
      });

      test('a collection nobody wrote to groups to nothing', async () => {
        expect(await opened.store.collection<Item>('contract_never').group({}, { by: ['kind'] })).toEqual([]);
        expect(await opened.store.collection<Item>('contract_never').groupMany({}, { a: { by: ['kind'] }, b: { by: [], where: { n: 1 } } })).toEqual({ a: [], b: [] });
      });

      test('distinct counts the distinct values per group, null and missing not counted', async () => {
        const rows = await items.group({}, { by: ['kind'], distinct: ['profile.city', 'flag'] });
        expect(rows.map((r) => [r.key.kind, r.count, r.distinct])).toEqual([
          ['a', 2, { 'profile.city': 1, flag: 1 }],
          ['b', 2, { 'profile.city': 2, flag: 1 }],
          ['c', 1, { 'profile.city': 0, flag: 1 }],
        ]);
      });

      test('a missing and a null key are one group, its distinct values counted once; ties: null after booleans', async () => {
        const rows = await items.group({}, { by: ['flag'], distinct: ['kind'], sum: ['n'] });
        expect(rows.map((r) => [r.key.flag, r.count, r.sums.n, r.distinct?.kind])).toEqual([
          [true, 2, 6, 2],
          [null, 2, 5, 2],
          [false, 1, 4, 1],
        ]);
      });

      test('groupMany answers each grouping as group would, narrowed by its own where', async () => {
        const filter: Filter = { n: { $gte: 2 } };
        const many = await items.groupMany(filter, {
          byKind: { by: ['kind'], sum: ['n'] },
          cities: { by: ['profile.city'], where: { kind: 'b' } },
          below5: { by: [], distinct: ['kind'], where: { n: { $lt: 5 } } },
          none: { by: ['kind'], where: { kind: 'zzz' } },
        });
        expect(many.byKind.map((r) => [r.key.kind, r.count, r.sums.n])).toEqual([['b', 2, 7], ['a', 1, 3], ['c', 1, 4]]);
        expect(many.cities.map((r) => [r.key['profile.city'], r.count])).toEqual([['bj', 1], ['gz', 1]]);
        expect(many.below5).toEqual([{ key: {}, count: 3, sums: {}, distinct: { kind: 3 } }]);
        expect(many.none).toEqual([]);
        expect(many.byKind).toEqual(await items.group(filter, { by: ['kind'], sum: ['n'] }));
        expect(many.below5).toEqual(await items.group({ n: { $gte: 2, $lt: 5 } }, { by: [], distinct: ['kind'] }));
      });
    });

    describe('concurrency', () => {
      test('50 parallel conditional increments: exactly 3 succeed', async () => {
        await slots.insert({ _id: 'slot', taken: 0 });
        const results = await Promise.all(
          Array.from({ length: 50 }, () => slots.updateById('slot', { $inc: { taken: 1 } }, { taken: { $lt: 3 } })),
        );
        expect(results.filter(Boolean)).toHaveLength(3);
        expect(await slots.get('slot')).toEqual({ _id: 'slot', taken: 3 });
      });

      test('20 parallel insertIfAbsent of one _id: one inserts, all see its document', async () => {
        const results = await Promise.all(Array.from({ length: 20 }, (_, i) => slots.insertIfAbsent({ _id: 'once', by: i })));
        const winners = results.filter((r) => r.inserted);
        expect(winners).toHaveLength(1);
        const stored = await slots.get('once');
        expect(stored).toEqual(winners[0].doc);
        for (const r of results) expect(r.doc).toEqual(stored);
      });
    });
  });
}
