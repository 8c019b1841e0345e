import type { CatalogSummary, MatterSummary } from '@qgt/shared/catalog/summary';
import type { MatterBrief } from '@qgt/shared/guide/api';
import { readStorage, writeStorage } from '../lib/storage';

/** Views over the cached catalog summary for the pages. */

/**
 * Matters shown on the home page before the resident types anything. The catalog carries no
 * popularity yet, so this is the first matter of each category in display order.
 */
export function featuredMatters(catalog: CatalogSummary, limit = 6): MatterBrief[] {
  const categories = [...catalog.categories].sort((a, b) => a.order - b.order);
  const out: MatterBrief[] = [];
  for (const c of categories) {
    const m = catalog.matters.find((x) => x.category === c.code);
    if (m) out.push({ code: m.code, title: m.title, category: m.category });
    if (out.length >= limit) break;
  }
  return out;
}

export function mattersOfCategory(catalog: CatalogSummary, category: string): MatterSummary[] {
  return catalog.matters.filter((m) => m.category === category);
}

export function categoryName(catalog: CatalogSummary, code: string): string {
  return catalog.categories.find((c) => c.code === code)?.name ?? '';
}

const RECENT_KEY = 'qgt.recent';
const RECENT_MAX = 5;

export function recentCodes(): string[] {
  const v = readStorage<unknown>(RECENT_KEY);
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

export function rememberRecent(code: string): void {
  writeStorage(RECENT_KEY, [code, ...recentCodes().filter((c) => c !== code)].slice(0, RECENT_MAX));
}
