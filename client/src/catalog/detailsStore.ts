/**
 * A bounded cache of guide details on the device (a matter's materials and steps, a life event's
 * plan), so what was opened once opens again offline. WeChat allows 10 MB per mini-program and
 * 1 MB per key: each entry is its own key, kept well under that (DETAIL_MAX_BYTES), and the whole
 * cache under a budget of entries and bytes; the least recently opened entries go first.
 * Written against a small storage port so the bounds are tested without a device.
 */
export interface KeyValueStorage {
  get(key: string): unknown;
  set(key: string, value: unknown): boolean;
  remove(key: string): void;
}

export interface DetailsLimits {
  /** Entries kept at most. */
  entries: number;
  /** UTF-8 bytes of all entries together. */
  bytes: number;
  /** UTF-8 bytes of one entry (larger ones are not kept). */
  entryBytes: number;
}

export const DETAILS_LIMITS: DetailsLimits = { entries: 40, bytes: 400_000, entryBytes: 64_000 };

/** The list of kept entries, most recently used first, with their sizes. */
export const DETAILS_INDEX_KEY = 'qgt.details';
export const detailKey = (key: string) => `qgt.detail.${key}`;

interface IndexRow {
  k: string;
  b: number;
}
export interface StoredDetail<T> {
  /** The details version it was fetched at (guide.get's `detailsVersion`). */
  v: string;
  data: T;
}

/** UTF-8 length of a string, without TextEncoder (not on every WeChat base library). */
export function utf8Bytes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) (n += 4), i++;
    else n += 3;
  }
  return n;
}

/**
 * The index after `key` (of `bytes`) is put first, and the keys that fall out: the oldest ones,
 * until both the entry count and the byte budget hold. Pure.
 */
export function admit(index: readonly IndexRow[], key: string, bytes: number, limits: DetailsLimits): { index: IndexRow[]; evicted: string[] } {
  const next = [{ k: key, b: bytes }, ...index.filter((r) => r.k !== key)];
  const evicted: string[] = [];
  let total = next.reduce((s, r) => s + r.b, 0);
  while (next.length > 1 && (next.length > limits.entries || total > limits.bytes)) {
    const out = next.pop()!;
    total -= out.b;
    evicted.push(out.k);
  }
  return { index: next, evicted };
}

export function createDetailsStore(storage: KeyValueStorage, limits: DetailsLimits = DETAILS_LIMITS) {
  const readIndex = (): IndexRow[] => {
    const v = storage.get(DETAILS_INDEX_KEY);
    return Array.isArray(v) ? v.filter((r): r is IndexRow => !!r && typeof r.k === 'string' && typeof r.b === 'number') : [];
  };

  return {
    /** The kept entry, which becomes the most recently used. */
    read<T>(key: string): StoredDetail<T> | undefined {
      const v = storage.get(detailKey(key)) as StoredDetail<T> | undefined;
      if (!v || typeof v !== 'object' || typeof v.v !== 'string' || !('data' in v)) return undefined;
      const index = readIndex();
      const row = index.find((r) => r.k === key);
      if (row && index[0] !== row) storage.set(DETAILS_INDEX_KEY, [row, ...index.filter((r) => r !== row)]);
      return v;
    },

    /** Keeps `data` under `key`; false when it is too large to keep or the storage refused it. */
    write<T>(key: string, version: string, data: T): boolean {
      const entry: StoredDetail<T> = { v: version, data };
      const bytes = utf8Bytes(JSON.stringify(entry));
      if (bytes > limits.entryBytes) return false;
      const { index, evicted } = admit(readIndex(), key, bytes, limits);
      // Room first, then the entry, then the index that names it.
      for (const k of evicted) storage.remove(detailKey(k));
      if (!storage.set(detailKey(key), entry)) {
        storage.set(DETAILS_INDEX_KEY, index.filter((r) => r.k !== key));
        return false;
      }
      storage.set(DETAILS_INDEX_KEY, index);
      return true;
    },

    /** Keys kept, most recently used first. */
    keys(): string[] {
      return readIndex().map((r) => r.k);
    },
  };
}
