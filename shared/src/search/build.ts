import { pinyin, polyphonic } from 'pinyin-pro';
import * as OpenCC from 'opencc-js/t2cn';
import type { Catalog } from '../catalog/schema';
import { fuzzySyllable, hasHan, normalize } from './normalize';
import type { PlaceEntry, SearchField, SearchIndex } from './types';

/**
 * Builds the search index with pinyin keys. Runs where pinyin-pro and opencc-js are affordable
 * (server, build scripts); the device receives the result and never loads either dictionary.
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

type Indexable = Pick<Catalog, 'version' | 'categories' | 'matters' | 'places' | 'synonyms'>;

export function buildSearchIndex(catalog: Indexable): SearchIndex {
  const categoryNames = new Map(catalog.categories.map((c) => [c.code, c.name]));
  const entries = catalog.matters.map((m) => ({
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
  }));
  const places: PlaceEntry[] = (catalog.places ?? []).map((p) => ({
    code: p.code,
    title: p.title,
    category: p.category ?? '',
    type: p.type,
    ...(p.office && { office: p.office }),
    ...(p.note && { note: p.note }),
    ...(p.urgent && { urgent: true }),
    ...(p.emergency && { emergency: p.emergency }),
    fields: [searchField(p.title, FIELD_WEIGHTS.title), ...p.keywords.map((k) => searchField(k, FIELD_WEIGHTS.alias))],
  }));
  const synonyms = (catalog.synonyms ?? []).flatMap(({ word, variants }) => variants.map((v): [string, string] => [normalize(v), normalize(word)]));
  const all = [...entries, ...places];
  const synonymText = synonyms.map(([, w]) => w).join('');
  return {
    version: catalog.version,
    entries,
    ...(places.length && { places }),
    ...(synonyms.length && { synonyms }),
    fold: foldTable(all.map((e) => e.fields.map((f) => f.text).join('')).join('') + synonymText + synonyms.map(([v]) => v).join('')),
    sounds: soundTable(all.flatMap((e) => e.fields.filter((f) => f.py && f.initials).flatMap((f) => syllablesOf(f)))),
  };
}

export function syllablesOf(f: Pick<SearchField, 'py' | 'starts'>): string[] {
  return f.starts.map((s, i) => f.py.slice(s, f.starts[i + 1] ?? f.py.length)).filter(Boolean);
}

const HAN_RANGE: [number, number] = [0x4e00, 0x9fff];

/** Every traditional → simplified character pair of the basic CJK block, converted once per process. */
let pairs: [string, string][] | undefined;
function traditionalPairs(): [string, string][] {
  if (pairs) return pairs;
  let all = '';
  for (let cp = HAN_RANGE[0]; cp <= HAN_RANGE[1]; cp++) all += String.fromCodePoint(cp);
  const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });
  const from = Array.from(all);
  let to = Array.from(toSimplified(all));
  // One call for the whole block is fast; should a phrase rule ever change its length, go char by char.
  if (to.length !== from.length) to = from.map((ch) => toSimplified(ch));
  pairs = from.map((t, i): [string, string] => [t, to[i]]).filter(([t, sc]) => sc !== t && Array.from(sc).length === 1);
  return pairs;
}

/** Traditional characters whose simplified form occurs in the index: nothing else could match. */
function foldTable(indexText: string): string {
  const present = new Set(Array.from(indexText));
  return traditionalPairs()
    .filter(([, sc]) => present.has(sc))
    .map(([t, sc]) => t + sc)
    .join('');
}

/** GB2312 level-1 characters (3,755, the ones a pinyin keyboard offers first) with all their readings, once per process. */
let common: [string, string[]][] | undefined;
function commonReadings(): [string, string[]][] {
  if (common) return common;
  let chars = '';
  try {
    const bytes: number[] = [];
    for (let hi = 0xb0; hi <= 0xd7; hi++) for (let lo = 0xa1; lo <= 0xfe; lo++) bytes.push(hi, lo);
    chars = new TextDecoder('gbk').decode(new Uint8Array(bytes)).replace(/[^\u4e00-\u9fff]/g, '');
  } catch {
    // A runtime without the GBK decoder: sound matching is left out.
  }
  const readings = chars ? polyphonic(chars, { toneType: 'none', type: 'array', v: true }) : [];
  common = Array.from(chars).map((ch, i): [string, string[]] => [ch, [...new Set((readings[i] ?? []).map((r) => normalize(r)))]]);
  return common;
}

/** Common characters grouped by reading, for the syllables (and fuzzy variants) the index has. */
function soundTable(indexSyllables: string[]): Record<string, string> {
  const wanted = new Set(indexSyllables.map(fuzzySyllable));
  const table: Record<string, string> = {};
  for (const [ch, readings] of commonReadings()) {
    for (const r of readings) {
      if (!wanted.has(fuzzySyllable(r))) continue;
      table[r] = (table[r] ?? '') + ch;
    }
  }
  return table;
}
