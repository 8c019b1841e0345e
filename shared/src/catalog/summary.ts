import type { Catalog, Category, LifeEvent, Matter } from './schema';

/**
 * What the guide's home, search and lists need of each matter, without materials, steps, basis,
 * sources or tips: the device keeps this for every matter and fetches a matter's details when it
 * is opened (guide.get). Aliases and keywords travel in the packed search index beside it.
 */
export type CategoryWithCount = Category & { count: number };
export type MatterBrief = Pick<Matter, 'code' | 'title' | 'category'>;

export type MatterSummary = Pick<Matter, 'code' | 'title' | 'category' | 'summary' | 'onTheSpot' | 'doorstep'>;

export interface CatalogSummary {
  version: string;
  categories: Category[];
  matters: MatterSummary[];
  lifeEvents?: LifeEvent[];
}

export function catalogSummary(catalog: Catalog): CatalogSummary {
  return {
    version: catalog.version,
    categories: catalog.categories,
    matters: catalog.matters.map(({ code, title, category, summary, onTheSpot, doorstep }) => ({ code, title, category, summary, onTheSpot, doorstep })),
    ...(catalog.lifeEvents && { lifeEvents: catalog.lifeEvents }),
  };
}

type Listing = { categories: readonly Category[]; matters: readonly Pick<Matter, 'category'>[] };

/** Categories in display order with the number of matters in each (empty ones left out). */
export function categoriesWithCounts(catalog: Listing): CategoryWithCount[] {
  const counts = new Map<string, number>();
  for (const m of catalog.matters) counts.set(m.category, (counts.get(m.category) ?? 0) + 1);
  return [...catalog.categories]
    .sort((a, b) => a.order - b.order)
    .map((c) => ({ ...c, count: counts.get(c.code) ?? 0 }))
    .filter((c) => c.count > 0);
}

export function matterBriefs(catalog: Pick<Catalog, 'matters'>): MatterBrief[] {
  return catalog.matters.map(({ code, title, category }) => ({ code, title, category }));
}
