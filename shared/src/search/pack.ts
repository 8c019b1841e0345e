import { normalize } from './normalize';
import type { PlaceEntry, SearchEntry, SearchField, SearchIndex } from './types';

/**
 * The search index as it travels to the device and sits in its storage: a WeChat storage key
 * holds at most 1 MB, and the plain index for 1,000 matters is ~1.2 MB, mostly repeated key names
 * and what can be derived. A packed field is a tuple:
 * - `[weight, text, "tui xiu yan zheng"]`: pinyin syllables joined by spaces (`py`, `starts` and
 *   `initials` follow from them);
 * - `[weight, text]`: matched as text only (no pinyin);
 * - `[weight, text, 1]`: Latin text whose pinyin key is its letters;
 * - `[weight, text, py, starts, initials]`: anything else, as it is.
 * A text equal to the normalised title is sent as '' (field texts are never empty).
 * The device unpacks once per catalog version; matching works on the plain shape.
 */
export type PackedField = [number, string] | [number, string, string | 1] | [number, string, string, number[], string];
export type PackedEntry = [code: string, title: string, category: string, fields: PackedField[]];
export type PackedPlace = Omit<PlaceEntry, 'fields'> & { fields: PackedField[] };

export interface PackedSearchIndex extends Omit<SearchIndex, 'entries' | 'places'> {
  format: 'packed-1';
  entries: PackedEntry[];
  places?: PackedPlace[];
}

function syllables(f: SearchField): string[] {
  return f.starts.map((s, i) => f.py.slice(s, f.starts[i + 1] ?? f.py.length));
}

function unpackField(p: PackedField, title: string): SearchField {
  const [weight, packedText, key] = p;
  const text = packedText === '' ? normalize(title) : packedText;
  if (p.length === 5) return { text, weight, py: p[2], starts: p[3], initials: p[4] };
  if (key === undefined) return { text, weight, py: '', starts: [0], initials: '' };
  if (key === 1) return { text, weight, py: text.replace(/[^a-z]/g, ''), starts: [0], initials: '' };
  const syl = key ? key.split(' ') : [];
  const starts: number[] = [];
  let py = '';
  for (const s of syl) {
    starts.push(py.length);
    py += s;
  }
  return { text, weight, py, starts, initials: syl.map((s) => s[0]).join('') };
}

const same = (a: SearchField, b: SearchField) =>
  a.text === b.text && a.weight === b.weight && a.py === b.py && a.initials === b.initials && a.starts.length === b.starts.length && a.starts.every((s, i) => s === b.starts[i]);

function packField(f: SearchField, title: string): PackedField {
  const text = f.text === normalize(title) ? '' : f.text;
  const candidates: PackedField[] = [[f.weight, text], [f.weight, text, 1]];
  if (f.initials && !syllables(f).some((s) => !s || s.includes(' '))) candidates.unshift([f.weight, text, syllables(f).join(' ')]);
  // Whichever short form reads back exactly; otherwise the field as it is.
  return candidates.find((c) => same(unpackField(c, title), f)) ?? [f.weight, text, f.py, f.starts, f.initials];
}

export function packSearchIndex(index: SearchIndex): PackedSearchIndex {
  const { entries, places, ...rest } = index;
  return {
    ...rest,
    format: 'packed-1',
    entries: entries.map((e): PackedEntry => [e.code, e.title, e.category, e.fields.map((f) => packField(f, e.title))]),
    ...(places && { places: places.map((p) => ({ ...p, fields: p.fields.map((f) => packField(f, p.title)) })) }),
  };
}

export function isPackedSearchIndex(v: unknown): v is PackedSearchIndex {
  const p = v as PackedSearchIndex | undefined;
  return !!p && p.format === 'packed-1' && typeof p.version === 'string' && Array.isArray(p.entries);
}

export function unpackSearchIndex(packed: PackedSearchIndex): SearchIndex {
  const { entries, places, format: _format, ...rest } = packed;
  return {
    ...rest,
    entries: entries.map(([code, title, category, fields]): SearchEntry => ({ code, title, category, fields: fields.map((f) => unpackField(f, title)) })),
    ...(places && { places: places.map((p): PlaceEntry => ({ ...p, fields: p.fields.map((f) => unpackField(f, p.title)) })) }),
  };
}
