/**
 * `npm run bench`: every speed and size goal, measured in one run and printed side by side
 * with its goal, so ratios compare figures from the same machine and moment. A section that
 * fails prints its error as a failed row and the others still run; the closing list shows each
 * issue-6 budget as met, missed or not measured.
 */
import { benchSearch } from './search';
import { benchSearchEval } from './search-eval';
import { benchSizes } from './sizes';
import { benchCatalogSummary } from './summary';
import { benchRouting } from './routing';
import { benchHttp } from './http';
import { benchMetrics } from './metrics';
import { benchRender } from './render';
import { benchSoak } from './soak';
import { printTable, verdict, type Row } from './stats';

const SECTIONS: [name: string, run: () => Row[] | Promise<Row[]>][] = [
  ['search', benchSearch],
  ['search quality', benchSearchEval],
  ['catalog summary', benchCatalogSummary],
  ['routing', benchRouting],
  ['http', benchHttp],
  ['sizes', benchSizes],
  ['metrics', benchMetrics],
  ['H5 first render', () => benchRender()],
  ['soak', () => benchSoak()],
];

/** The performance budget (issue 6), each with the rows that measure it. */
const BUDGETS: [budget: string, rows: RegExp][] = [
  ['weapp main package ≤ 700 KB', /^weapp main package/],
  ['H5 first-load JS ≤ 200 KB gzip', /^H5 first-load JS/],
  ['search p95 ≤ 1 ms on 1,000 matters', /^search p95/],
  ['routing ≥ 50× a linear scan on 20,000 grids', /^routing: .*speed-up/],
  ['each function bundle ≤ 300 KB', /^function .*bundle/],
  ['each function cold require ≤ 60 ms', /^function .*cold require/],
  ['create-request ≥ 1,000 req/s, p99 ≤ 50 ms at 50 connections', /^requests\.create/],
  ['H5 first render ≤ 1.5 s, ≤ 1.25× an empty Taro app', /^H5 first render:/],
  ['H5 on Slow 3G + 4× CPU ≤ 5 s: home and a QR-scanned matter (issue 18)', /^H5 first render, Slow 3G/],
  ['device search index for 1,000 matters ≤ 800 KB (issue 18)', /^device search index/],
  ['guide summary for 1,000 matters ≤ 500 KB, beside the index (issue 18)', /^guide summary/],
  ['dashboard ≤ 500 ms on 100k requests', /^admin\.metrics, 100k/],
  ['dashboard ≤ 500 ms on 1M requests, 街道 and 区 admin (issue 14)', /^admin\.metrics, 1M/],
  ['soak: steady p99 and memory, no 5xx', /^soak/],
];

async function runSection(name: string, run: () => Row[] | Promise<Row[]>): Promise<Row[]> {
  try {
    return await run();
  } catch (e) {
    return [{ metric: `${name}: failed`, value: 'error', pass: false, note: (e instanceof Error ? e.message : String(e)).split('\n')[0] }];
  }
}

function budgetRows(rows: Row[]): Row[] {
  return BUDGETS.map(([budget, pattern]) => {
    const judged = rows.filter((r) => pattern.test(r.metric) && r.goal).map((r) => ({ r, v: verdict(r) }));
    const missed = judged.filter((j) => j.v === false).map((j) => j.r.metric);
    const unjudged = judged.filter((j) => j.v === undefined).map((j) => j.r.metric);
    const status = !judged.length ? 'not measured' : missed.length ? 'missed' : unjudged.length ? 'not judged' : 'met';
    return {
      metric: budget,
      value: status,
      pass: status === 'met' ? true : status === 'not judged' ? undefined : false,
      note: missed.length ? missed.join('; ') : unjudged.join('; '),
    };
  });
}

async function main() {
  const rows: Row[] = [];
  for (const [name, run] of SECTIONS) rows.push(...(await runSection(name, run)));
  printTable(rows);
  console.log('\nIssue 6 budgets');
  printTable(budgetRows(rows));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
