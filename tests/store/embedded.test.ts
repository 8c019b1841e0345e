import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Datastore from '@seald-io/nedb';
import { openEmbeddedStore } from '../../cloudfunctions/lib/store/embedded';
import type { Doc } from '../../cloudfunctions/lib/store/port';
import { describeStoreContract } from './contract';

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'qgt-store-'));

describeStoreContract(
  'embedded, in memory',
  async () => {
    const store = openEmbeddedStore(null);
    return { store, close: () => store.close() };
  },
);

describeStoreContract(
  'embedded, in a directory',
  async () => {
    const dir = tempDir();
    const store = openEmbeddedStore(dir);
    return {
      store,
      close: async () => {
        await store.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  },
);

// A query is answered from the index giving the fewest candidates, then filtered: with every queried field indexed, no answer may change.
describeStoreContract(
  'embedded, in a directory, every queried field indexed',
  async () => {
    const dir = tempDir();
    const store = openEmbeddedStore(dir, {
      indexes: { contract_items: ['tags', 'profile.city', 'kind', 'flag', 'n', 'at', 'profile.age', 'status'], contract_slots: ['taken', 'by'] },
    });
    return {
      store,
      close: async () => {
        await store.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  },
);

type Thing = Doc & Record<string, unknown>;
const lines = (file: string) => fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);

describe('embedded store in a directory', () => {
  let dir: string;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('keeps its data across close and reopen', async () => {
    const first = openEmbeddedStore(dir);
    const things = first.collection<Doc & Record<string, unknown>>('things');
    await things.insert({ _id: 'a', n: 1, at: '2026-01-01T00:00:00.000Z' });
    await things.insert({ _id: 'b', n: 5 });
    await things.updateById('a', { $inc: { n: 1 }, $push: { log: 'x' } });
    await things.removeById('b');
    await first.collection<Doc & { v: boolean }>('others').put({ _id: 'o', v: true });
    await first.close();

    const second = openEmbeddedStore(dir);
    expect(await second.collection('things').find()).toEqual([{ _id: 'a', n: 2, at: '2026-01-01T00:00:00.000Z', log: ['x'] }]);
    expect(await second.collection('others').get('o')).toEqual({ _id: 'o', v: true });
    await expect(second.collection('things').insert({ _id: 'a' })).rejects.toThrow('duplicate _id a');
    await second.close();
  });
});

describe('embedded datafiles', () => {
  let dir: string;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('has every acknowledged write in the datafile before the operation resolves (nothing waits for close)', async () => {
    const writer = openEmbeddedStore(dir);
    const things = writer.collection<Thing>('things');
    await Promise.all(Array.from({ length: 30 }, (_, i) => things.insert({ _id: `t${i}`, n: i })));
    await things.updateById('t1', { $set: { n: 100 } });
    await things.removeById('t2');

    // A second reader of the same files sees exactly what the first one acknowledged.
    const reader = openEmbeddedStore(dir);
    const seen = await reader.collection<Thing>('things').find({}, { sort: { _id: 1 } });
    expect(seen).toHaveLength(29);
    expect(seen.find((d) => d._id === 't1')?.n).toBe(100);
    expect(seen.some((d) => d._id === 't2')).toBe(false);
    await reader.close();
    await writer.close();
  });

  it('opens a datafile whose last line was torn, dropping only that line', async () => {
    const first = openEmbeddedStore(dir);
    await first.collection<Thing>('things').insert({ _id: 'kept', n: 1 });
    await first.close();
    // One whole document and half a line: 50 % unreadable, over the 10 % at which a datafile is not opened.
    const file = path.join(dir, 'things.db');
    fs.appendFileSync(file, '{"_id":"torn","n":');

    const second = openEmbeddedStore(dir);
    const things = second.collection<Thing>('things');
    expect(await things.find()).toEqual([{ _id: 'kept', n: 1 }]);
    await things.insert({ _id: 'after', n: 2 });
    expect(lines(file).map((l) => JSON.parse(l)._id)).toEqual(['kept', 'after']);
    await second.close();

    const third = openEmbeddedStore(dir);
    expect(await third.collection<Thing>('things').find({}, { sort: { _id: 1 } })).toEqual([
      { _id: 'after', n: 2 },
      { _id: 'kept', n: 1 },
    ]);
    await third.close();
  });

  it('refuses a datafile that is mostly corrupt with an error on every operation, instead of hanging or dropping data', async () => {
    fs.writeFileSync(path.join(dir, 'things.db'), '{"_id":"a","n":1}\nnot json\n{broken\n');
    const store = openEmbeddedStore(dir);
    await expect(store.collection<Thing>('things').find()).rejects.toThrow(/cannot open .*things\.db.*corrupt/);
    await expect(store.collection<Thing>('things').insert({ _id: 'b' })).rejects.toThrow(/cannot open/);
    await store.close();
    expect(fs.readFileSync(path.join(dir, 'things.db'), 'utf8')).toContain('not json');
  });

  it('compacts a datafile that has grown past its live size in the background, and appends to the new file after', async () => {
    const minBytes = 16 * 1024;
    const store = openEmbeddedStore(dir, { compactMinBytes: minBytes });
    const things = store.collection<Thing>('things');
    const file = path.join(dir, 'things.db');
    await things.insert({ _id: 'a', n: 0, pad: 'x'.repeat(200) });
    let shrank = false;
    let n = 0;
    // Writes arrive over time, as requests do, until the file has been rewritten to the live
    // document at least once (the rewrite runs on the thread pool: on a busy machine it takes a
    // while, so the loop is bounded by time, not by a count) and then 100 more.
    const deadline = Date.now() + 20_000;
    for (let before = 0, after = 0; after < 100 && Date.now() < deadline; ) {
      await things.updateById('a', { $set: { n: ++n } });
      const size = fs.statSync(file).size;
      if (shrank) after++;
      shrank ||= size < before;
      before = size;
      await new Promise((r) => setTimeout(r, 1));
    }
    expect(shrank).toBe(true);
    expect(n).toBeGreaterThan(minBytes / 230); // it had grown past the threshold first
    // …and the updates after that went to the new file, not to the one it replaced.
    const reader = openEmbeddedStore(dir);
    expect((await reader.collection<Thing>('things').get('a'))?.n).toBe(n);
    await reader.close();
    await store.close();
  });

  it('never rewrites a datafile that only grew (nothing superseded), at work or on close', async () => {
    const store = openEmbeddedStore(dir, { compactMinBytes: 1024 });
    const things = store.collection<Thing>('things');
    const file = path.join(dir, 'things.db');
    await things.insert({ _id: 'first', n: 0 });
    const inode = fs.statSync(file).ino;
    for (let n = 1; n <= 200; n++) {
      await things.insert({ _id: `t${n}`, n, pad: 'x'.repeat(200) });
      if (n % 20 === 0) await new Promise((r) => setImmediate(r));
    }
    expect(fs.statSync(file).ino).toBe(inode);
    await store.close();
    // Still the file it appended to: 40 KB of live lines were never copied for nothing.
    expect(fs.statSync(file).ino).toBe(inode);
    expect(lines(file)).toHaveLength(201);
  });

  it('rewrites on close once superseded lines exist, keeping only the live ones', async () => {
    const store = openEmbeddedStore(dir);
    const things = store.collection<Thing>('things');
    await things.insert({ _id: 'a', n: 1 });
    await things.insert({ _id: 'b', n: 1 });
    await things.updateById('a', { $set: { n: 2 } });
    await things.removeById('b');
    const file = path.join(dir, 'things.db');
    expect(lines(file)).toHaveLength(4);
    await store.close();
    expect(lines(file).map((l) => JSON.parse(l))).toEqual([{ _id: 'a', n: 2 }]);
  });

  it('reads and writes NeDB\'s own format, dates included', async () => {
    const file = path.join(dir, 'things.db');
    const at = new Date('2026-03-01T08:00:00.000Z');
    const plain = new Datastore({ filename: file });
    await plain.loadDatabaseAsync();
    await plain.insertAsync({ _id: 'old', at, nested: { list: [at] } });

    const store = openEmbeddedStore(dir);
    const things = store.collection<Thing>('things');
    expect(await things.get('old')).toEqual({ _id: 'old', at, nested: { list: [at] } });
    await things.insert({ _id: 'new', at, n: 2 });
    await things.updateById('old', { $set: { n: 1 } });
    expect(lines(file).slice(-2).map((l) => JSON.parse(l))).toEqual([
      { _id: 'new', at: { $$date: at.getTime() }, n: 2 },
      { _id: 'old', at: { $$date: at.getTime() }, nested: { list: [{ $$date: at.getTime() }] }, n: 1 },
    ]);

    const again = new Datastore({ filename: file });
    await again.loadDatabaseAsync();
    expect(await again.findAsync({}).sort({ _id: 1 })).toEqual([
      { _id: 'new', at, n: 2 },
      { _id: 'old', at, nested: { list: [at] }, n: 1 },
    ]);
    await store.close();
  });
});
