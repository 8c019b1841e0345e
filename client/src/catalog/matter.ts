import type { Matter } from '@qgt/shared/catalog/schema';
import { matterWithReview } from '@qgt/shared/catalog/checks';
import type { GuideOutput } from '@qgt/shared/guide/api';
import { callFunction } from '../api/call';
import { localDateKey } from '../lib/time';
import { getCatalogState, matterMap, syncCatalog } from './cache';

/** A matter as the page shows it: with its sources and its review as of today (as `guide.get`). */
export type MatterView = GuideOutput['get'];

// A cached matter may carry the local rules' marks (`local`) the catalog came with.
const asView = (m: Matter): MatterView => matterWithReview(m, localDateKey(Date.now())) as MatterView;

/**
 * A matter from the cached catalog, else from `guide.get` (rejects with ApiError NOT_FOUND/NETWORK).
 * Not cached (a first visit from a QR code, or a matter newer than the cache): this one matter is
 * asked for at once, a few KB, rather than after the whole catalog on a slow line; the catalog
 * sync goes on beside it and keeps every matter on the device for next time.
 */
export async function loadMatter(code: string): Promise<MatterView> {
  const cached = findCached(code);
  if (cached) return asView(cached);
  void syncCatalog();
  return callFunction('guide', 'get', { code });
}

export function findCached(code: string): Matter | undefined {
  const s = getCatalogState();
  return s.status === 'ready' ? matterMap(s.data.catalog).get(code) : undefined;
}
