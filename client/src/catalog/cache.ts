import type { CatalogSummary, MatterSummary } from '@qgt/shared/catalog/summary';
import { isPackedSearchIndex, unpackSearchIndex } from '@qgt/shared/search/pack';
import type { SearchIndex } from '@qgt/shared/search/types';
import { callFunction } from '../api/call';
import { errorMessage, withHint } from '../api/errors';
import { readStorage, writeStorage } from '../lib/storage';

/**
 * The guide's summary cached on the device, so home, lists and search work offline. On launch the
 * app asks `guide.catalog {version, summary: true}`; an unchanged version keeps the cached copy,
 * a new one replaces it. A matter's details come on demand (catalog/matter.ts, kept in
 * catalog/details.ts). The summary and the search index are kept under two keys (a WeChat key
 * holds at most 1 MB); the index is stored packed (shared/search/pack.ts) and unpacked in memory.
 */
export interface CachedCatalog {
  version: string;
  catalog: CatalogSummary;
  index: SearchIndex;
  /** guide.get's version as last told by the server: kept details of another one are refetched when online. */
  detailsVersion?: string;
}

export type CatalogState =
  | { status: 'loading' }
  | { status: 'ready'; data: CachedCatalog; /** confirmed with the server this session */ fresh: boolean }
  | { status: 'error'; message: string };

export const CATALOG_KEY = 'qgt.catalog';
export const INDEX_KEY = 'qgt.searchIndex';

type StoredCatalog = Pick<CachedCatalog, 'version' | 'catalog' | 'detailsVersion'>;

function isStoredCatalog(v: unknown): v is StoredCatalog {
  const c = v as StoredCatalog | undefined;
  return !!c && typeof c.version === 'string' && Array.isArray(c.catalog?.matters);
}

/** Both halves of the same version, or nothing (an older layout or a half-written cache is refetched). */
function readCached(): CachedCatalog | undefined {
  const stored = readStorage<unknown>(CATALOG_KEY);
  const packed = readStorage<unknown>(INDEX_KEY);
  if (!isStoredCatalog(stored) || !isPackedSearchIndex(packed) || packed.version !== stored.version) return undefined;
  return { version: stored.version, catalog: stored.catalog, index: unpackSearchIndex(packed), ...(typeof stored.detailsVersion === 'string' && { detailsVersion: stored.detailsVersion }) };
}

function initialState(): CatalogState {
  const cached = readCached();
  return cached ? { status: 'ready', data: cached, fresh: false } : { status: 'loading' };
}

let state: CatalogState | undefined;
let pending: Promise<CatalogState> | undefined;
const listeners = new Set<(s: CatalogState) => void>();

export function getCatalogState(): CatalogState {
  state ??= initialState();
  return state;
}

function setState(next: CatalogState): void {
  state = next;
  listeners.forEach((l) => l(next));
}

export function subscribeCatalog(listener: (s: CatalogState) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Checks the cached version with the server once per session (or again after a failure). */
export function syncCatalog(): Promise<CatalogState> {
  const current = getCatalogState();
  if (current.status === 'ready' && current.fresh) return Promise.resolve(current);
  pending ??= refresh().finally(() => {
    pending = undefined;
  });
  return pending;
}

/**
 * 重试 as the person taps it: a check already in flight may have started while offline (its reply
 * still to come), so the retry waits for it and checks again unless that one brought the catalog.
 */
export async function retryCatalog(): Promise<CatalogState> {
  if (pending) await pending;
  return syncCatalog();
}

async function refresh(): Promise<CatalogState> {
  const cached = getCatalogState();
  const cachedData = cached.status === 'ready' ? cached.data : undefined;
  if (cached.status === 'error') setState({ status: 'loading' });
  try {
    const res = await callFunction('guide', 'catalog', cachedData ? { version: cachedData.version, summary: true } : { summary: true });
    if (!res.unchanged && 'summary' in res) {
      const data: CachedCatalog = { version: res.version, catalog: res.summary, index: unpackSearchIndex(res.index), detailsVersion: res.detailsVersion };
      writeStorage(CATALOG_KEY, { version: res.version, catalog: res.summary, detailsVersion: res.detailsVersion } satisfies StoredCatalog);
      writeStorage(INDEX_KEY, res.index);
      setState({ status: 'ready', data, fresh: true });
    } else if (res.unchanged && cachedData) {
      // Rewritten only when the details version moved (the summary key can be a few hundred KB).
      const moved = !!res.detailsVersion && res.detailsVersion !== cachedData.detailsVersion;
      const data = moved ? { ...cachedData, detailsVersion: res.detailsVersion } : cachedData;
      if (moved) writeStorage(CATALOG_KEY, { version: data.version, catalog: data.catalog, detailsVersion: data.detailsVersion } satisfies StoredCatalog);
      setState({ status: 'ready', data, fresh: true });
    } else {
      throw new Error('catalog reported unchanged without a cached copy');
    }
  } catch (e) {
    // Offline with a cached copy: keep using it quietly.
    if (!cachedData) setState({ status: 'error', message: withHint(errorMessage(e), '首次使用需要联网加载办事指南，之后断网也能查看。') });
  }
  return getCatalogState();
}

const byCodeCache = new WeakMap<CatalogSummary, Map<string, MatterSummary>>();

export function matterMap(catalog: CatalogSummary): Map<string, MatterSummary> {
  let map = byCodeCache.get(catalog);
  if (!map) {
    map = new Map(catalog.matters.map((m) => [m.code, m]));
    byCodeCache.set(catalog, map);
  }
  return map;
}

/** For tests: forget the in-memory state (storage is left alone). */
export function resetCatalogMemory(): void {
  state = undefined;
  pending = undefined;
  listeners.clear();
}
