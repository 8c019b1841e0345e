import { fuzzySyllable, hasHan, isPinyinQuery, normalize } from './normalize';
import type { PlaceEntry, PlaceHit, SearchAnswer, SearchEntry, SearchField, SearchHit, SearchIndex } from './types';

/** Filler bigrams in colloquial questions ("怎么办理…", "需要什么材料") that say nothing about the matter. */
const FILLER_BIGRAMS = new Set([
  '办理', '申请', '怎么', '如何', '哪里', '需要', '什么', '可以', '我要', '我想', '一下', '流程', '手续',
  '材料', '要求', '请问', '是否', '能不', '不能', '在哪', '哪儿', '去哪', '咨询', '了解', '问问',
  // Form words every other matter ends with: alone they say which form, never which matter.
  '登记', '补办', '申领', '认定', '领取', '补领', '换领', '办证', '开具', '怎样', '多少', '丢了', '了怎',
]);

/** Words that name no matter on their own: a query made only of these (and single filler characters) finds nothing. */
const GENERIC_WORDS = [...FILLER_BIGRAMS, '办个', '办', '我', '要', '想', '的', '了', '吗', '呢', '啊', '个', '一', '下', '去', '给', '帮', '在', '有'];

/**
 * Broad words that qualify a need without naming it (老人, 补贴): they count for a third, so in
 * 老人去世补贴 the need (去世) outweighs the 老人补贴 of another matter's alias.
 */
const BROAD_BIGRAMS = new Set(['老人', '补贴', '补助', '津贴', '待遇', '服务', '人员', '家庭', '居民', '社保']);
const BROAD_FACTOR = 0.35;

function isGenericOnly(q: string): boolean {
  let rest = q;
  for (const w of GENERIC_WORDS) rest = rest.split(w).join('');
  return !rest;
}

function bigrams(s: string): string[] {
  const out: string[] = [];
  const chars = Array.from(s);
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
  return out;
}

function meaningfulBigrams(s: string): string[] {
  return [...new Set(bigrams(s).filter((b) => !FILLER_BIGRAMS.has(b)))];
}

/**
 * What matching derives from an index once. Every field has a number; a bigram's postings are
 * the numbers of the fields holding it, so a query sums rarity weights into one dense array
 * instead of building objects per hit. Each entry's fields are also joined into one string per
 * key, so most entries are ruled out by a single `includes`.
 */
interface Prepared {
  postings: Map<string, number[]>;
  sounds: Map<string, number[]>;
  weight: Map<string, number>;
  unknownWeight: number;
  /** Per field number: its entry, its weight, and the summed weight of its char and sound bigrams. */
  fieldEntry: Int32Array;
  fieldWeight: Float64Array;
  charTotal: Float64Array;
  soundTotal: Float64Array;
  /** Scratch accumulator per field number, zeroed after each use. */
  acc: Float64Array;
  text: string[];
  pinyin: string[];
  /** Fuzzy syllables of each entry's pinyin fields, for mixed hanzi/pinyin queries. */
  syllables: (string[] | null)[][];
  /** The same, joined per entry as `|ju|zu|zen|…|`, so most entries are ruled out by one `includes`. */
  soundText: string[];
}

/** What the whole index shares: traditional folding, character readings, synonyms. */
interface Shared {
  fold: Map<string, string>;
  readings: Map<string, string[]>;
  syllableSet: Set<string>;
  synonyms: [string, string][];
}

const SEP = '\u0001';

function syllablesOf(f: SearchField): string[] {
  return f.starts.map((s, i) => f.py.slice(s, f.starts[i + 1] ?? f.py.length)).filter(Boolean);
}

function soundBigrams(f: SearchField): string[] {
  if (!f.py || !f.initials) return [];
  const s = syllablesOf(f).map(fuzzySyllable);
  const out = new Set<string>();
  for (let i = 0; i + 1 < s.length; i++) out.add(`${s[i]}|${s[i + 1]}`);
  return [...out];
}

function prepare(entries: SearchEntry[]): Prepared {
  const fields = entries.flatMap((entry, e) => entry.fields.map((f) => ({ e, f, chars: meaningfulBigrams(f.text), sounds: soundBigrams(f) })));
  // Rarity of a bigram among entries: 死亡 (one matter) outweighs 老人 (five).
  const df = new Map<string, number>();
  const seen = new Map<string, number>();
  for (const { e, chars, sounds } of fields)
    for (const g of [...chars, ...sounds.map((x) => `~${x}`)])
      if (seen.get(g) !== e) {
        seen.set(g, e);
        df.set(g, (df.get(g) ?? 0) + 1);
      }
  const n = entries.length;
  const weight = new Map<string, number>();
  for (const [g, d] of df) weight.set(g, Math.log(1 + n / d) * (BROAD_BIGRAMS.has(g) ? BROAD_FACTOR : 1));
  const postings = new Map<string, number[]>();
  const sounds = new Map<string, number[]>();
  const post = (map: Map<string, number[]>, g: string, id: number) => {
    const list = map.get(g);
    if (list) list.push(id);
    else map.set(g, [id]);
  };
  const syllables = entries.map((e) => e.fields.map((f) => (f.py && f.initials ? syllablesOf(f).map(fuzzySyllable) : null)));
  const charTotal = new Float64Array(fields.length);
  const soundTotal = new Float64Array(fields.length);
  fields.forEach((f, id) => {
    for (const g of f.chars) (charTotal[id] += weight.get(g)!), post(postings, g, id);
    for (const g of f.sounds) (soundTotal[id] += weight.get(`~${g}`)!), post(sounds, g, id);
  });
  return {
    postings,
    sounds,
    weight,
    unknownWeight: Math.log(1 + n) / 2,
    fieldEntry: Int32Array.from(fields, (f) => f.e),
    fieldWeight: Float64Array.from(fields, (f) => f.f.weight),
    charTotal,
    soundTotal,
    acc: new Float64Array(fields.length),
    text: entries.map((e) => e.fields.map((f) => f.text).join(SEP)),
    pinyin: entries.map((e) => e.fields.map((f) => `${f.py}${SEP}${f.initials}`).join(SEP)),
    syllables,
    soundText: syllables.map((fields) => `|${fields.flatMap((f) => f ?? []).join('|')}|`),
  };
}

function share(index: SearchIndex): Shared {
  const fold = new Map<string, string>();
  const chars = Array.from(index.fold ?? '');
  for (let i = 0; i + 1 < chars.length; i += 2) fold.set(chars[i], chars[i + 1]);
  const readings = new Map<string, string[]>();
  const syllableSet = new Set<string>();
  for (const [syllable, list] of Object.entries(index.sounds ?? {})) {
    const fz = fuzzySyllable(syllable);
    syllableSet.add(syllable);
    for (const ch of list) {
      const r = readings.get(ch);
      if (!r) readings.set(ch, [fz]);
      else if (!r.includes(fz)) r.push(fz);
    }
  }
  // Longest first, so 丢了工作 is replaced before any shorter word inside it.
  const synonyms = [...(index.synonyms ?? [])].sort((a, b) => b[0].length - a[0].length);
  return { fold, readings, syllableSet, synonyms };
}

// An index object is immutable once built; derive its postings once, on first search.
const prepared = new WeakMap<object, Prepared>();
function preparedFor(entries: SearchEntry[]): Prepared {
  let p = prepared.get(entries);
  if (!p) prepared.set(entries, (p = prepare(entries)));
  return p;
}
const shared = new WeakMap<SearchIndex, Shared>();
function sharedFor(index: SearchIndex): Shared {
  let s = shared.get(index);
  if (!s) shared.set(index, (s = share(index)));
  return s;
}

/** Exact, prefix or substring match of the query in a field's text, 0..100. */
function textScore(q: string, text: string): number {
  if (text === q) return 100;
  if (text.startsWith(q)) return 90;
  if (text.includes(q)) return 75;
  return 0;
}

/**
 * A colloquial phrase sharing bigrams with a field: 20..75, by how much of the field's wording
 * it covers and how much of the query the field explains, each bigram weighted by its rarity.
 */
/** Field coverage says the query names this matter; query coverage, that nothing else it says is left over. */
const FC = 25;
const QC = 30;
function phraseScore(matched: number, fieldTotal: number, queryTotal: number): number {
  return 20 + FC * Math.min(1, matched / fieldTotal) + QC * Math.min(1, matched / queryTotal);
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

/** A matched sound counts a little less than the same characters typed right. */
const SOUND_FACTOR = 0.85;

/** A text match this good means the query was typed right; sound matching is skipped. */
const SURE = 70;

/** One position of a query read aloud: the syllables it may be, or a typed initial (jzz). */
type Sound = { syllables: string[] } | { initial: string };

/** Splits a latin run into syllables the index knows (longest first), or null. */
function segment(run: string, known: Set<string>): string[] | null {
  const best: (string[] | null)[] = [[]];
  for (let end = 1; end <= run.length; end++) {
    best[end] = null;
    for (let len = Math.min(6, end); len >= 1; len--) {
      const prev = best[end - len];
      const piece = run.slice(end - len, end);
      if (prev && known.has(piece)) {
        best[end] = [...prev, piece];
        break;
      }
    }
  }
  return best[run.length];
}

/** The query as a sequence of sounds: characters by their readings, latin runs as syllables or initials. */
function soundsOf(q: string, sh: Shared): Sound[] {
  const out: Sound[] = [];
  for (const part of q.match(/[a-z]+|[^a-z]/g) ?? []) {
    if (/^[a-z]/.test(part)) {
      const syllables = segment(part, sh.syllableSet);
      if (syllables) out.push(...syllables.map((s) => ({ syllables: [fuzzySyllable(s)] })));
      else out.push(...Array.from(part, (c) => ({ initial: fuzzySyllable(c) })));
    } else {
      out.push({ syllables: sh.readings.get(part) ?? [] });
    }
  }
  return out;
}

/** Where the whole sound sequence lines up with consecutive syllables of a field: 0 or 68..92. */
function alignScore(sounds: Sound[], syl: string[]): number {
  // Plain loops: this runs per field of every candidate entry, and closures here cost more than the work.
  for (let j = 0; j + sounds.length <= syl.length; j++) {
    let k = 0;
    for (; k < sounds.length; k++) {
      const s = sounds[k];
      const y = syl[j + k];
      if ('initial' in s ? !y.startsWith(s.initial) : !s.syllables.includes(y)) break;
    }
    if (k === sounds.length) return sounds.length === syl.length ? 92 : j === 0 ? 82 : 68;
  }
  return 0;
}

function includesAny(haystack: string, needles: string[]): boolean {
  for (const n of needles) if (haystack.includes(n)) return true;
  return false;
}

/** Below this a hit is noise (a single shared bigram with a low-weight field). */
const MIN_SCORE = 15;
/** Share of each further matching field's score added to the best one, and the cap on that bonus. */
const FIELD_BONUS = 0.05;
const MAX_BONUS = 10;

/** Scores every entry for one form of the query; returns final scores (0 where nothing matched). */
function scoreEntries(entries: SearchEntry[], q: string, sh: Shared): Float64Array {
  const { postings, sounds, weight, unknownWeight, fieldEntry, fieldWeight, charTotal, soundTotal, acc, text, pinyin, syllables, soundText } = preparedFor(entries);
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
    for (const f of entry.fields) add(e, Math.max(textScore(q, f.text), latin ? pinyinScore(q, f) : 0) * f.weight);
  });

  // Phrases ("我家小孩刚出生怎么上医保"): only fields sharing a bigram with the query, via postings.
  const han = hasHan(q);
  if (han) {
    const grams = meaningfulBigrams(q);
    const queryTotal = grams.reduce((sum, g) => sum + (weight.get(g) ?? unknownWeight), 0);
    const touched: number[] = [];
    for (const g of grams) {
      const w = weight.get(g);
      if (w === undefined) continue;
      for (const id of postings.get(g)!) {
        if (!acc[id]) touched.push(id);
        acc[id] += w;
      }
    }
    for (const id of touched) {
      add(fieldEntry[id], phraseScore(acc[id], charTotal[id], queryTotal) * fieldWeight[id]);
      acc[id] = 0;
    }
  }

  // Only when the characters as typed found nothing sure: a typo leaves every text match weak.
  let strongest = 0;
  for (let e = 0; e < best.length; e++) if (best[e] > strongest) strongest = best[e];
  const spoken = (han || !latin) && strongest < SURE ? soundsOf(q, sh) : [];
  if (spoken.length >= 2) {
    const touched: number[] = [];
    let queryTotal = 0;
    for (let i = 0; i + 1 < spoken.length; i++) {
      const a = spoken[i];
      const b = spoken[i + 1];
      if ('initial' in a || 'initial' in b) continue;
      const credited = new Set<number>();
      let known = 0;
      for (const x of a.syllables)
        for (const y of b.syllables) {
          const g = `${x}|${y}`;
          const w = weight.get(`~${g}`);
          if (w === undefined) continue;
          known = Math.max(known, w);
          for (const id of sounds.get(g)!) {
            if (credited.has(id)) continue;
            credited.add(id);
            if (!acc[id]) touched.push(id);
            acc[id] += w;
          }
        }
      queryTotal += known || unknownWeight;
    }
    for (const id of touched) {
      add(fieldEntry[id], SOUND_FACTOR * phraseScore(acc[id], soundTotal[id], queryTotal) * fieldWeight[id]);
      acc[id] = 0;
    }
  }

  // Whole-query alignment by sound where latin letters are involved (医bao, jzz证, sebaoka).
  // A latin-only query takes this path only as whole syllables (sebaoka): its initials were matched above.
  const mixed = /[a-z]/.test(q) && (han || strongest < 60);
  const seq = mixed ? (latin ? soundsOf(q, sh) : han && strongest >= SURE ? soundsOf(q, sh) : spoken) : [];
  if (seq.length >= 2 && (han || seq.every((s) => !('initial' in s)))) {
    let aligned = false;
    const anchor = seq.find((t): t is { syllables: string[] } => 'syllables' in t && t.syllables.length > 0);
    const needles = anchor?.syllables.map((y) => `|${y}|`);
    for (let e = 0; e < syllables.length; e++) {
      if (needles && !includesAny(soundText[e], needles)) continue;
      const fields = syllables[e];
      for (let i = 0; i < fields.length; i++) {
        const syl = fields[i];
        const s = syl ? alignScore(seq, syl) : 0;
        if (s) (aligned = true), add(e, SOUND_FACTOR * s * entries[e].fields[i].weight);
      }
    }
    // No field reads like the whole query (jzz证): its latin run alone still names the matter.
    if (!aligned && han) {
      for (const run of q.match(/[a-z]{2,}/g) ?? []) {
        entries.forEach((entry, e) => {
          if (!pinyin[e].includes(run)) return;
          for (const f of entry.fields) add(e, SOUND_FACTOR * pinyinScore(run, f) * f.weight);
        });
      }
    }
  }

  for (let e = 0; e < best.length; e++) best[e] = best[e] >= MIN_SCORE ? best[e] + Math.min(extra[e], MAX_BONUS) : 0;
  return best;
}

/** Traditional → simplified, per character, with the pairs the index carries. */
function fold(q: string, sh: Shared): string {
  if (!sh.fold.size) return q;
  let out = '';
  for (const ch of q) out += sh.fold.get(ch) ?? ch;
  return out;
}

/** The query's forms: as typed (folded) and with everyday words replaced by the catalog's. */
function forms(q: string, sh: Shared): string[] {
  let replaced = q;
  for (const [variant, word] of sh.synonyms) if (replaced.includes(variant)) replaced = replaced.split(variant).join(word);
  return replaced === q ? [q] : [q, replaced];
}

function rank(entries: SearchEntry[], qs: string[], sh: Shared): { e: number; score: number }[] {
  const [first, ...more] = qs.map((q) => scoreEntries(entries, q, sh));
  for (const s of more) for (let e = 0; e < s.length; e++) if (s[e] > first[e]) first[e] = s[e];
  const out: { e: number; score: number }[] = [];
  for (let e = 0; e < first.length; e++) if (first[e] > 0) out.push({ e, score: first[e] });
  const titleLength = (e: number) => entries[e].title.length;
  return out.sort((a, b) => b.score - a.score || titleLength(a.e) - titleLength(b.e) || (entries[a.e].code < entries[b.e].code ? -1 : 1));
}

/** A 去哪办 / 随手拍 answer must fit this well to be offered. */
const ANSWER_MIN = 50;

/**
 * Ranked search over a prebuilt index: Chinese (simplified or traditional), full pinyin,
 * initials, aliases, homophones and mixed hanzi/pinyin, plus 去哪办 / 随手拍 answers. Pure and
 * synchronous, so the device runs the very same code offline.
 */
export function searchAll(index: SearchIndex, rawQuery: string, limit = 20): SearchAnswer {
  const sh = sharedFor(index);
  const q = fold(normalize(rawQuery), sh);
  if (!q || isGenericOnly(q)) return { results: [], answers: [] };
  const qs = forms(q, sh);
  const places = index.places ?? [];
  const ranked = rank(index.entries, qs, sh);
  const bestMatter = ranked[0]?.score ?? 0;
  // An answer whose keyword the query says outright (身份证丢了) stands; one found only partly or by
  // sound (户口 → 户口本, 办户照) must also fit better than every matter.
  const said = (p: PlaceEntry) => p.fields.some((f) => qs.some((q) => q.includes(f.text)));
  const answers = places.length ? rank(places, qs, sh).filter((a) => a.score >= ANSWER_MIN && (said(places[a.e]) || a.score > bestMatter)) : [];
  // When the need is done elsewhere (or is a problem to report), matters that fit less are wrong answers.
  const floor = answers.length ? answers[0].score : 0;
  const results = ranked.filter((r) => r.score > floor);
  return {
    results: results.slice(0, limit).map(({ e, score }) => {
      const entry = index.entries[e];
      return { code: entry.code, title: entry.title, category: entry.category, score: Math.round(score * 10) / 10 };
    }),
    answers: answers.slice(0, 3).map(({ e }) => placeHit(places[e])),
  };
}

function placeHit(p: PlaceEntry): PlaceHit {
  return {
    type: p.type,
    code: p.code,
    title: p.title,
    ...(p.office && { office: p.office }),
    ...(p.category && { category: p.category }),
    ...(p.note && { note: p.note }),
    ...(p.urgent && { urgent: true }),
    ...(p.emergency && { emergency: p.emergency }),
  };
}

/** The matters only (the guide's `results`). */
export function search(index: SearchIndex, rawQuery: string, limit = 20): SearchHit[] {
  return searchAll(index, rawQuery, limit).results;
}
