import type { Catalog } from '@qgt/shared/catalog/schema';
import { AppError } from '@qgt/shared/errors';
import type { Store } from '../store/port';
import { compareVersions } from '@qgt/shared/catalog/version';
import { CATALOGS, POINTER, currentCatalogVersion, metaDocs, type CatalogDoc } from './published';
import { readCatalogSource } from './source';

/** One line per published version (who, when, why), small enough to list without loading catalogs. */
export const CATALOG_HISTORY = 'catalogHistory';
export interface CatalogHistoryDoc {
  _id: string; // version
  version: string;
  publishedAt: string;
  by?: string;
  note?: string;
  matters: number;
}

/**
 * Publishes a catalog version: the document (with its pinyin search index, built here once)
 * goes in first, then the pointer moves — readers never see a pointer to a missing version.
 */
export async function publishCatalog(store: Store, catalog: Catalog, now: Date, meta: { by?: string; note?: string } = {}): Promise<void> {
  await writeVersion(store, catalog, now, meta);
  await metaDocs(store, 'catalogPointer').put({ _id: POINTER, version: catalog.version });
}

async function writeVersion(store: Store, catalog: Catalog, now: Date, meta: { by?: string; note?: string }): Promise<void> {
  const publishedAt = now.toISOString();
  // Loaded here, not at the top: pinyin-pro's dictionary (~450 KB) would otherwise load on every
  // cold start of the admin function for this one rare action (the bundle keeps it in a lazy chunk).
  const { buildSearchIndex } = await import('@qgt/shared/search/build');
  await store.collection<CatalogDoc>(CATALOGS).put({ _id: catalog.version, ...catalog, index: buildSearchIndex(catalog), publishedAt });
  await store.collection<CatalogHistoryDoc>(CATALOG_HISTORY).put({
    _id: catalog.version,
    version: catalog.version,
    publishedAt,
    ...(meta.by && { by: meta.by }),
    ...(meta.note && { note: meta.note }),
    matters: catalog.matters.length,
  });
}

/**
 * An admin's publish from the console: the version must be greater than the current one (409
 * otherwise), and the pointer moves only if nobody published in between (compare-and-set), so
 * two concurrent publishes never leave the pointer on the older one. Returns the previous version.
 */
export async function publishNewVersion(store: Store, catalog: Catalog, now: Date, meta: { by: string; note?: string }): Promise<string | null> {
  const current = await currentCatalogVersion(store);
  const conflict = () => new AppError('CONFLICT', `版本号 ${catalog.version} 须大于当前版本 ${current}`, { field: 'data.catalog.version' });
  if (current && compareVersions(catalog.version, current) <= 0) throw conflict();
  if (current && (await store.collection<CatalogDoc>(CATALOGS).get(catalog.version))) throw conflict();
  await writeVersion(store, catalog, now, meta);
  const pointers = metaDocs(store, 'catalogPointer');
  const moved = current
    ? await pointers.updateById(POINTER, { $set: { version: catalog.version } }, { version: current })
    : (await pointers.insertIfAbsent({ _id: POINTER, version: catalog.version })).inserted;
  if (!moved) throw new AppError('CONFLICT', '目录刚被他人发布，请刷新后重试', { field: 'data.catalog.version' });
  return current;
}

/**
 * Publishes the catalog in the repository's data files when the store has none or an older
 * version, so a data update reaches existing stores on the next start. Returns the version published.
 */
export async function syncCatalogFromSource(store: Store, now: Date): Promise<string | null> {
  const source = readCatalogSource();
  const current = await currentCatalogVersion(store);
  if (current && compareVersions(current, source.version) >= 0) return null;
  await publishCatalog(store, source, now, { note: '仓库目录数据' });
  return source.version;
}

/** This area's collections, typed by name (see CollectionDocs in lib/store/port). */
declare module '../store/port' {
  interface CollectionDocs {
    catalogHistory: CatalogHistoryDoc;
  }
}
