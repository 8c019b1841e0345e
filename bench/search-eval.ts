import fs from 'node:fs';
import path from 'node:path';
import { buildSearchIndex } from '@qgt/shared/search/build';
import { searchAll } from '@qgt/shared/search/match';
import type { SearchIndex } from '@qgt/shared/search/types';
import { readCatalogSource } from '../cloudfunctions/lib/catalog/source';
import type { Row } from './stats';

/** One resident query and its answer key (tests/fixtures/search-eval.json). */
export interface EvalQuery {
  q: string;
  class: string;
  /** Acceptable matters; empty when no matter is the right answer. */
  expect: string[];
  /** The 去哪办 entry an out-of-catalog ask should get. */
  where?: string;
  /** The 随手拍 category a problem phrase should lead to. */
  report?: string;
  urgent?: boolean;
}

export const EVAL_FILE = path.resolve(__dirname, '../tests/fixtures/search-eval.json');

export function evalQueries(): EvalQuery[] {
  return (JSON.parse(fs.readFileSync(EVAL_FILE, 'utf8')) as { queries: EvalQuery[] }).queries;
}

export interface EvalResult {
  answerable: number;
  recallAt1: number;
  recallAt3: number;
  mrr: number;
  /** Queries that should get no matter (generic, out-of-catalog, problems) and got none. */
  noMatter: number;
  noMatterTotal: number;
  /** Out-of-catalog asks and problems whose first answer is the right 去哪办 / 随手拍 entry. */
  answered: number;
  answeredTotal: number;
  byClass: Record<string, { n: number; at1: number }>;
  misses: string[];
}

export function evaluateSearch(index: SearchIndex = buildSearchIndex(readCatalogSource()), queries = evalQueries()): EvalResult {
  let answerable = 0, at1 = 0, at3 = 0, rr = 0, noMatter = 0, noMatterTotal = 0, answered = 0, answeredTotal = 0;
  const byClass: EvalResult['byClass'] = {};
  const misses: string[] = [];
  for (const item of queries) {
    const { results, answers } = searchAll(index, item.q, 10);
    const codes = results.map((r) => r.code);
    const cls = (byClass[item.class] ??= { n: 0, at1: 0 });
    cls.n++;
    if (item.expect.length) {
      answerable++;
      const rank = codes.findIndex((c) => item.expect.includes(c)) + 1;
      if (rank === 1) (at1++, cls.at1++);
      if (rank >= 1 && rank <= 3) at3++;
      if (rank) rr += 1 / rank;
      if (rank !== 1) misses.push(`${item.q} → ${codes.slice(0, 3).join(',') || '∅'} (want ${item.expect.join('|')})`);
      continue;
    }
    noMatterTotal++;
    const clean = codes.length === 0;
    if (clean) noMatter++;
    let ok = clean;
    if (item.where || item.report) {
      answeredTotal++;
      const a = answers[0];
      const right = item.where
        ? a?.type === 'where' && a.code === item.where
        : a?.type === 'report' && a.category === item.report && (!item.urgent || !!a.emergency);
      if (right) answered++;
      ok = ok && right;
    }
    if (ok) cls.at1++;
    else misses.push(`${item.q} → ${codes.slice(0, 3).join(',') || '∅'} / ${answers[0]?.code ?? '∅'} (want ${item.where ?? item.report ?? 'nothing'})`);
  }
  return {
    answerable,
    recallAt1: at1 / answerable,
    recallAt3: at3 / answerable,
    mrr: rr / answerable,
    noMatter,
    noMatterTotal,
    answered,
    answeredTotal,
    byClass,
    misses,
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

export function benchSearchEval(): Row[] {
  const r = evaluateSearch();
  return [
    { metric: 'search eval recall@1', value: pct(r.recallAt1), goal: '≥ 95 %', pass: r.recallAt1 >= 0.95, note: `${r.answerable} answerable resident queries` },
    { metric: 'search eval recall@3', value: pct(r.recallAt3), goal: '≥ 98 %', pass: r.recallAt3 >= 0.98 },
    { metric: 'search eval MRR', value: r.mrr.toFixed(3) },
    { metric: 'search eval: no wrong matter', value: `${r.noMatter}/${r.noMatterTotal}`, goal: 'all', pass: r.noMatter === r.noMatterTotal, note: 'generic words, out-of-catalog asks, problems' },
    { metric: 'search eval: 去哪办 / 随手拍 answered', value: `${r.answered}/${r.answeredTotal}`, goal: 'all', pass: r.answered === r.answeredTotal },
    ...Object.entries(r.byClass).map(([cls, c]) => ({ metric: `search eval [${cls}]`, value: `${c.at1}/${c.n}` })),
  ];
}

if (require.main === module) {
  const r = evaluateSearch();
  console.log(JSON.stringify({ ...r, misses: undefined }, null, 1));
  console.log(r.misses.join('\n'));
}
