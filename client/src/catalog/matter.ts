import type { Matter } from '@qgt/shared/catalog/schema';
import { callFunction } from '../api/call';
import { getCatalogState, matterMap, syncCatalog } from './cache';

/** A matter from the cached catalog, else from `guide.get` (rejects with ApiError NOT_FOUND/NETWORK). */
export async function loadMatter(code: string): Promise<Matter> {
  const cached = findCached(code);
  if (cached) return cached;
  // The cache may be about to refresh (first launch, or a newer catalog): wait for it once.
  const synced = await syncCatalog();
  if (synced.status === 'ready') {
    const m = matterMap(synced.data.catalog).get(code);
    if (m) return m;
  }
  return callFunction('guide', 'get', { code });
}

export function findCached(code: string): Matter | undefined {
  const s = getCatalogState();
  return s.status === 'ready' ? matterMap(s.data.catalog).get(code) : undefined;
}
