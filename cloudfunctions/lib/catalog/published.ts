import type { Catalog } from '@qgt/shared/catalog/schema';
import type { SearchIndex } from '@qgt/shared/search/types';
import type { Collection, MetaDocs, Store } from '../store/port';

/**
 * Published catalogs are kept whole, one document per version (`catalogs/<version>`), with a
 * pointer `meta/catalog` to the current one. Publishing a new version is one insert and one
 * pointer update; devices see the new version number and refresh their cache.
 */
export const CATALOGS = 'catalogs';
export const META = 'meta';
export const POINTER = 'catalog';

export interface CatalogDoc extends Catalog {
  _id: string;
  publishedAt: string;
  /** Search index with pinyin keys, built at publish time so readers never load a pinyin dictionary. */
  index: SearchIndex;
}
export interface PointerDoc {
  _id: string;
  version: string;
}

export interface LoadedCatalog {
  catalog: Catalog;
  index: SearchIndex;
  byCode: Map<string, Catalog['matters'][number]>;
}

export async function currentCatalogVersion(store: Store): Promise<string | null> {
  return (await metaDocs(store, 'catalogPointer').get(POINTER))?.version ?? null;
}

// Function instances are reused between calls; keep the built index per store and version.
const cache = new WeakMap<Store, LoadedCatalog>();

export async function loadCatalog(store: Store): Promise<LoadedCatalog> {
  const version = await currentCatalogVersion(store);
  if (!version) throw new Error('no catalog published');
  const cached = cache.get(store);
  if (cached && cached.catalog.version === version) return cached;
  const doc = await store.collection<CatalogDoc>(CATALOGS).get(version);
  if (!doc) throw new Error(`catalog ${version} missing`);
  const { _id: _omit, publishedAt: _at, index, ...catalog } = doc;
  const loaded: LoadedCatalog = {
    catalog,
    index,
    byCode: new Map(catalog.matters.map((m) => [m.code, m])),
  };
  cache.set(store, loaded);
  return loaded;
}

/**
 * `meta` read as the documents of one purpose (each purpose keeps to its own ids, so a read by id
 * or by its own fields finds only its documents).
 */
export function metaDocs<K extends keyof MetaDocs>(store: Store, _purpose: K): Collection<MetaDocs[K]> {
  return store.collection(META) as Collection<MetaDocs[keyof MetaDocs]> as Collection<MetaDocs[K]>;
}

/** This area's collections and `meta` purposes, typed by name (see CollectionDocs in lib/store/port). */
declare module '../store/port' {
  interface CollectionDocs {
    catalogs: CatalogDoc;
    meta: MetaDocs[keyof MetaDocs];
  }
  interface MetaDocs {
    catalogPointer: PointerDoc;
  }
}
