import { pinyin } from 'pinyin-pro';
import type { Catalog } from '../catalog/schema';
import { hasHan, normalize } from './normalize';
import type { SearchField, SearchIndex } from './types';

/**
 * Builds the search index with pinyin keys. Runs where pinyin-pro is affordable (server, build
 * scripts); the device receives the result and never loads the dictionary.
 */

export const FIELD_WEIGHTS = { title: 1, alias: 0.95, category: 0.5, summary: 0.35 } as const;

export function searchField(raw: string, weight: number, withPinyin = true): SearchField {
  const text = normalize(raw);
  if (!withPinyin || !hasHan(text)) return { text, weight, py: withPinyin ? text.replace(/[^a-z]/g, '') : '', starts: [0], initials: '' };
  const syllables = pinyin(text, { toneType: 'none', type: 'array', v: true, nonZh: 'consecutive' })
    .map((s) => normalize(s).replace(/[^a-z0-9]/g, ''))
    .filter(Boolean);
  const starts: number[] = [];
  let py = '';
  for (const s of syllables) {
    starts.push(py.length);
    py += s;
  }
  return { text, weight, py, starts, initials: syllables.map((s) => s[0]).join('') };
}

export function buildSearchIndex(catalog: Pick<Catalog, 'version' | 'categories' | 'matters'>): SearchIndex {
  const categoryNames = new Map(catalog.categories.map((c) => [c.code, c.name]));
  return {
    version: catalog.version,
    entries: catalog.matters.map((m) => ({
      code: m.code,
      title: m.title,
      category: m.category,
      fields: [
        searchField(m.title, FIELD_WEIGHTS.title),
        ...m.aliases.map((a) => searchField(a, FIELD_WEIGHTS.alias)),
        searchField(categoryNames.get(m.category) ?? '', FIELD_WEIGHTS.category),
        // The summary is matched as text only: its pinyin would match almost anything.
        searchField(m.summary, FIELD_WEIGHTS.summary, false),
      ].filter((f) => f.text),
    })),
  };
}
