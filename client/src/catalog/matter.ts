import type { Matter } from '@qgt/shared/catalog/schema';
import { matterWithReview } from '@qgt/shared/catalog/checks';
import type { GuideOutput } from '@qgt/shared/guide/api';
import { callFunction } from '../api/call';
import { localDateKey } from '../lib/time';
import { getCatalogState, matterMap, syncCatalog } from './cache';

/** A matter as the page shows it: with its sources and its review as of today (as `guide.get`). */
export type MatterView = GuideOutput['get'];

const asView = (m: Matter): MatterView => matterWithReview(m, localDateKey(Date.now()));

/** A matter from the cached catalog, else from `guide.get` (rejects with ApiError NOT_FOUND/NETWORK). */
export async function loadMatter(code: string): Promise<MatterView> {
  const cached = findCached(code);
  if (cached) return asView(cached);
  // The cache may be about to refresh (first launch, or a newer catalog): wait for it once.
  const synced = await syncCatalog();
  if (synced.status === 'ready') {
    const m = matterMap(synced.data.catalog).get(code);
    if (m) return asView(m);
  }
  return callFunction('guide', 'get', { code });
}

export function findCached(code: string): Matter | undefined {
  const s = getCatalogState();
  return s.status === 'ready' ? matterMap(s.data.catalog).get(code) : undefined;
}
