import type { Catalog } from '@qgt/shared/catalog/schema';
import { buildSearchIndex } from '@qgt/shared/search/build';
import type { Store } from '../store/port';
import { compareVersions } from '@qgt/shared/catalog/version';
import { CATALOGS, META, POINTER, currentCatalogVersion, type CatalogDoc, type PointerDoc } from './published';
import { readCatalogSource } from './source';

/**
 * Publishes a catalog version: the document (with its pinyin search index, built here once)
 * goes in first, then the pointer moves — readers never see a pointer to a missing version.
 */
export async function publishCatalog(store: Store, catalog: Catalog, now: Date): Promise<void> {
  await store.collection<CatalogDoc>(CATALOGS).put({ _id: catalog.version, ...catalog, index: buildSearchIndex(catalog), publishedAt: now.toISOString() });
  await store.collection<PointerDoc>(META).put({ _id: POINTER, version: catalog.version });
}

/**
 * Publishes the catalog in the repository's data files when the store has none or an older
 * version, so a data update reaches existing stores on the next start. Returns the version published.
 */
export async function syncCatalogFromSource(store: Store, now: Date): Promise<string | null> {
  const source = readCatalogSource();
  const current = await currentCatalogVersion(store);
  if (current && compareVersions(current, source.version) >= 0) return null;
  await publishCatalog(store, source, now);
  return source.version;
}
