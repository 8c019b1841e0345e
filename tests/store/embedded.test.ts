import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
