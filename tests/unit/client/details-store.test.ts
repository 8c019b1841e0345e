import { admit, createDetailsStore, DETAILS_INDEX_KEY, detailKey, utf8Bytes, type KeyValueStorage } from '../../../client/src/catalog/detailsStore';

/** The device's bounded cache of matter details: entry count, byte budget, per-key size, LRU order. */
function memoryStorage(refuse?: (key: string) => boolean): KeyValueStorage & { map: Map<string, unknown> } {
  const map = new Map<string, unknown>();
  return {
    map,
    get: (k) => map.get(k),
    set: (k, v) => {
      if (refuse?.(k)) return false;
      map.set(k, JSON.parse(JSON.stringify(v)));
      return true;
    },
    remove: (k) => void map.delete(k),
  };
}
const matter = (code: string, chars = 100) => ({ code, title: `事项${code}`, steps: ['办'.repeat(chars)] });

describe('details store', () => {
  it('counts UTF-8 bytes as WeChat stores them (汉字 3, ASCII 1, astral 4)', () => {
    expect(utf8Bytes('ab')).toBe(2);
    expect(utf8Bytes('低保')).toBe(6);
    expect(utf8Bytes('é')).toBe(2);
    expect(utf8Bytes('𠀀')).toBe(4);
  });

  it('admits to the front and evicts the least recently used past the entry count', () => {
    const limits = { entries: 2, bytes: 1000, entryBytes: 500 };
    const one = admit([], 'a', 10, limits);
    const two = admit(one.index, 'b', 10, limits);
    const three = admit(two.index, 'c', 10, limits);
    expect(three.index.map((r) => r.k)).toEqual(['c', 'b']);
    expect(three.evicted).toEqual(['a']);
    // Re-admitting a kept key moves it first without evicting anything.
    expect(admit(three.index, 'b', 12, limits)).toEqual({ index: [{ k: 'b', b: 12 }, { k: 'c', b: 10 }], evicted: [] });
  });

  it('evicts by the byte budget, oldest first, but always keeps the newest entry', () => {
    const limits = { entries: 10, bytes: 100, entryBytes: 100 };
    const { index, evicted } = admit([{ k: 'b', b: 40 }, { k: 'a', b: 40 }], 'c', 50, limits);
    expect(index.map((r) => r.k)).toEqual(['c', 'b']);
    expect(evicted).toEqual(['a']);
  });

  it('keeps entries under their own keys, removes the evicted ones from storage, and reads move an entry first', () => {
    const storage = memoryStorage();
    const store = createDetailsStore(storage, { entries: 2, bytes: 100_000, entryBytes: 10_000 });
    expect(store.write('m.a', 'v1', matter('a'))).toBe(true);
    expect(store.write('m.b', 'v1', matter('b'))).toBe(true);
    expect(store.read('m.a')).toEqual({ v: 'v1', data: matter('a') });
    expect(store.keys()).toEqual(['m.a', 'm.b']);
    store.write('m.c', 'v1', matter('c'));
    // b was used least recently (a was read after it).
    expect(store.keys()).toEqual(['m.c', 'm.a']);
    expect(storage.map.has(detailKey('m.b'))).toBe(false);
    expect(store.read('m.b')).toBeUndefined();
    expect(storage.map.has(detailKey('m.a'))).toBe(true);
  });

  it('stays within the byte budget across many matters, each key well under 1 MB', () => {
    const storage = memoryStorage();
    const limits = { entries: 1000, bytes: 20_000, entryBytes: 5_000 };
    const store = createDetailsStore(storage, limits);
    for (let i = 0; i < 50; i++) store.write(`m.${i}`, 'v1', matter(String(i), 1000));
    const kept = [...storage.map].filter(([k]) => k !== DETAILS_INDEX_KEY);
    const bytes = kept.reduce((s, [, v]) => s + utf8Bytes(JSON.stringify(v)), 0);
    expect(bytes).toBeLessThanOrEqual(limits.bytes);
    expect(kept.length).toBe(store.keys().length);
    expect(store.keys()[0]).toBe('m.49');
  });

  it('does not keep an entry larger than a key’s share, nor list one the storage refused', () => {
    const storage = memoryStorage((k) => k === detailKey('m.full'));
    const store = createDetailsStore(storage, { entries: 10, bytes: 100_000, entryBytes: 1_000 });
    expect(store.write('m.big', 'v1', matter('big', 1000))).toBe(false);
    expect(store.write('m.full', 'v1', matter('full'))).toBe(false);
    expect(store.keys()).toEqual([]);
    expect(storage.map.has(detailKey('m.big'))).toBe(false);
  });

  it('ignores what is not an entry (an older layout)', () => {
    const storage = memoryStorage();
    storage.map.set(detailKey('m.x'), { code: 'x' });
    storage.map.set(DETAILS_INDEX_KEY, 'garbage');
    const store = createDetailsStore(storage);
    expect(store.read('m.x')).toBeUndefined();
    expect(store.keys()).toEqual([]);
  });
});
