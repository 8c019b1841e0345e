import { hasHan, isPinyinQuery, normalize } from './normalize';
import type { SearchField, SearchHit, SearchIndex } from './types';

/** Filler bigrams in colloquial questions ("怎么办理…", "需要什么材料") that say nothing about the matter. */
const FILLER_BIGRAMS = new Set([
  '办理', '申请', '怎么', '如何', '哪里', '需要', '什么', '可以', '我要', '我想', '一下', '流程', '手续',
  '材料', '要求', '请问', '是否', '能不', '不能', '在哪', '哪儿', '去哪', '咨询', '了解', '问问',
]);

function bigrams(s: string): string[] {
  const out: string[] = [];
  const chars = Array.from(s);
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
  return out;
}

function meaningfulBigrams(s: string): string[] {
  return [...new Set(bigrams(s).filter((b) => !FILLER_BIGRAMS.has(b)))];
}

/** Where a bigram occurs: entry index, field index, and how many meaningful bigrams that field has. */
interface Posting {
  entry: number;
  field: number;
  size: number;
}

/**
 * What matching derives from an index once: bigram postings for phrase queries, and each entry's
 * fields joined into one string per key, so most entries are ruled out by a single `includes`.
 */
interface Prepared {
  postings: Map<string, Posting[]>;
  text: string[];
  pinyin: string[];
}

const SEP = '\u0001';

function prepare(index: SearchIndex): Prepared {
  const postings = new Map<string, Posting[]>();
  index.entries.forEach((entry, e) =>
    entry.fields.forEach((f, i) => {
      const grams = meaningfulBigrams(f.text);
      for (const g of grams) {
        let list = postings.get(g);
        if (!list) postings.set(g, (list = []));
        list.push({ entry: e, field: i, size: grams.length });
      }
    }),
  );
  return {
    postings,
    text: index.entries.map((e) => e.fields.map((f) => f.text).join(SEP)),
    pinyin: index.entries.map((e) => e.fields.map((f) => `${f.py}${SEP}${f.initials}`).join(SEP)),
  };
}

// An index object is immutable once built; derive its postings once, on first search.
const prepared = new WeakMap<SearchIndex, Prepared>();
function preparedFor(index: SearchIndex): Prepared {
  let p = prepared.get(index);
  if (!p) prepared.set(index, (p = prepare(index)));
  return p;
}

/** Exact, prefix or substring match of the query in a field's text, 0..100. */
function textScore(q: string, text: string): number {
  if (text === q) return 100;
  if (text.startsWith(q)) return 90;
  if (text.includes(q)) return 75;
  return 0;
}

/** A colloquial phrase covering part of a field's wording: 20..65 by the share of its bigrams. */
function phraseScore(hits: number, size: number): number {
  return 20 + 45 * (hits / size);
}

/** Score of a latin query against one field's pinyin, 0..100. */
function pinyinScore(q: string, f: SearchField): number {
  if (!f.py) return 0;
  if (f.py === q) return 95;
  if (f.initials === q) return 90;
  if (q.length >= 2 && f.py.startsWith(q)) return 85;
  if (q.length >= 2 && f.initials.startsWith(q)) return 80;
  if (q.length >= 3) {
    // Full pinyin from the start of a later syllable: "yanzheng" in "tuixiuyanzheng".
    let at = f.py.indexOf(q, 1);
    while (at > 0) {
      if (f.starts.includes(at)) return 70;
      at = f.py.indexOf(q, at + 1);
    }
  }
  // Two letters occur inside too many initials to mean anything; three start to.
  if (q.length >= 3 && f.initials.includes(q)) return 60;
  return 0;
}

/** Below this a hit is noise (a single shared bigram with a low-weight field). */
const MIN_SCORE = 15;
/** Share of each further matching field's score added to the best one, and the cap on that bonus. */
const FIELD_BONUS = 0.05;
const MAX_BONUS = 10;

/**
 * Ranked search over a prebuilt index: Chinese text, full pinyin, initials and aliases.
 * Pure and synchronous, so the device runs the very same code offline.
 */
export function search(index: SearchIndex, rawQuery: string, limit = 20): SearchHit[] {
  const q = normalize(rawQuery);
  if (!q) return [];
  const { entries } = index;
  const { postings, text, pinyin } = preparedFor(index);
  const latin = isPinyinQuery(q);
  const best = new Float64Array(entries.length);
  // Every other matching field adds a little, so a matter known by several matching names ranks first.
  const extra = new Float64Array(entries.length);
  const add = (e: number, s: number) => {
    if (s <= 0) return;
    extra[e] += Math.min(s, best[e]) * FIELD_BONUS;
    if (s > best[e]) best[e] = s;
  };

  // Direct matches: text (any query) and pinyin (latin queries), in entries that contain the query at all.
  entries.forEach((entry, e) => {
    if (!text[e].includes(q) && !(latin && pinyin[e].includes(q))) return;
    for (const f of entry.fields) {
      add(e, Math.max(textScore(q, f.text), latin ? pinyinScore(q, f) : 0) * f.weight);
    }
  });

  // Phrases ("我家小孩刚出生怎么上医保"): only fields sharing a bigram with the query, via postings.
  if (hasHan(q)) {
    const hits = new Map<number, { entry: number; field: number; size: number; n: number }>();
    for (const g of meaningfulBigrams(q)) {
      for (const p of postings.get(g) ?? []) {
        const key = p.entry * 1024 + p.field;
        const h = hits.get(key);
        if (h) h.n++;
        else hits.set(key, { entry: p.entry, field: p.field, size: p.size, n: 1 });
      }
    }
    for (const h of hits.values()) {
      add(h.entry, phraseScore(h.n, h.size) * entries[h.entry].fields[h.field].weight);
    }
  }

  // Rank indices first and build hit objects for the top `limit` only.
  const ranked: number[] = [];
  best.forEach((score, e) => {
    if (score >= MIN_SCORE) ranked.push(e);
    best[e] = score + Math.min(extra[e], MAX_BONUS);
  });
  const titleLength = (e: number) => entries[e].title.length;
  ranked.sort((a, b) => best[b] - best[a] || titleLength(a) - titleLength(b) || (entries[a].code < entries[b].code ? -1 : 1));
  return ranked.slice(0, limit).map((e) => ({ code: entries[e].code, title: entries[e].title, category: entries[e].category, score: Math.round(best[e] * 10) / 10 }));
}
