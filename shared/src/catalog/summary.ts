import type { Catalog } from './schema';
import type { CategoryWithCount, MatterBrief } from '../guide/api';

/** Categories in display order with the number of matters in each (empty ones left out). */
export function categoriesWithCounts(catalog: Catalog): CategoryWithCount[] {
  const counts = new Map<string, number>();
  for (const m of catalog.matters) counts.set(m.category, (counts.get(m.category) ?? 0) + 1);
  return [...catalog.categories]
    .sort((a, b) => a.order - b.order)
    .map((c) => ({ ...c, count: counts.get(c.code) ?? 0 }))
    .filter((c) => c.count > 0);
}

export function matterBriefs(catalog: Catalog): MatterBrief[] {
  return catalog.matters.map(({ code, title, category }) => ({ code, title, category }));
}
