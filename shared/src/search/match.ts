import { hasHan, isPinyinQuery, normalize } from './normalize';
import type { SearchEntry, SearchField, SearchHit, SearchIndex } from './types';

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

/** Score of a Han query against one field's text, 0..100. */
function textScore(q: string, qBigrams: Set<string>, text: string): number {
  if (!text) return 0;
  if (text === q) return 100;
  if (text.startsWith(q)) return 90;
  if (text.includes(q)) return 75;
  // A colloquial phrase: how much of the field's wording the query covers.
  if (qBigrams.size === 0) return 0;
  const fieldBigrams = bigrams(text).filter((b) => !FILLER_BIGRAMS.has(b));
  if (fieldBigrams.length === 0) return 0;
  let hit = 0;
  for (const b of fieldBigrams) if (qBigrams.has(b)) hit++;
  if (hit === 0) return 0;
  return 20 + 45 * (hit / fieldBigrams.length);
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
  if (q.length >= 2 && f.initials.includes(q)) return 60;
  return 0;
}

function entryScore(entry: SearchEntry, q: string, latin: boolean, qBigrams: Set<string>): number {
  let best = 0;
  for (const f of entry.fields) {
    const s = Math.max(textScore(q, qBigrams, f.text), latin ? pinyinScore(q, f) : 0) * f.weight;
    if (s > best) best = s;
  }
  return best;
}

/** Below this a hit is noise (a single shared bigram with a low-weight field). */
const MIN_SCORE = 15;

/**
 * Ranked search over a prebuilt index: Chinese text, full pinyin, initials and aliases.
 * Pure and synchronous, so the device runs the very same code offline.
 */
export function search(index: SearchIndex, rawQuery: string, limit = 20): SearchHit[] {
  const q = normalize(rawQuery);
  if (!q) return [];
  const latin = isPinyinQuery(q);
  // Phrase matching by bigrams is for Chinese; digits and latin text still match as substrings.
  const qBigrams = new Set(hasHan(q) ? bigrams(q).filter((b) => !FILLER_BIGRAMS.has(b)) : []);
  const hits: SearchHit[] = [];
  for (const entry of index.entries) {
    const score = entryScore(entry, q, latin, qBigrams);
    if (score >= MIN_SCORE) hits.push({ code: entry.code, title: entry.title, category: entry.category, score: Math.round(score * 10) / 10 });
  }
  hits.sort((a, b) => b.score - a.score || a.title.length - b.title.length || a.code.localeCompare(b.code));
  return hits.slice(0, limit);
}
