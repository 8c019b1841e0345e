/** Small timing helpers for the benchmarks (one run, figures printed side by side). */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function timeEach<T>(items: T[], rounds: number, fn: (item: T) => unknown): number[] {
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++)
    for (const item of items) {
      const t = performance.now();
      fn(item);
      samples.push(performance.now() - t);
    }
  return samples;
}

export function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

export interface Row {
  metric: string;
  value: string;
  /** The budget, e.g. `≤ 700 KB`; a plain `≤`/`≥` number with a unit is judged against `value`. */
  goal?: string;
  /** Met or missed, when the goal is not a plain comparison (ratios, steadiness). */
  pass?: boolean;
  note?: string;
}

/** Units a figure may carry, as a dimension and a factor to its base unit. */
const UNITS: Record<string, [dimension: string, factor: number]> = {
  'µs': ['time', 1e-6],
  ms: ['time', 1e-3],
  s: ['time', 1],
  B: ['bytes', 1],
  KB: ['bytes', 1024],
  MB: ['bytes', 1024 ** 2],
  'req/s': ['rate', 1],
  '×': ['ratio', 1],
  '%': ['percent', 1],
};

/** The first number with its unit in `text` (`1,000 req/s`, `+3.2 MB`, `57×`), in base units. */
function quantity(text: string): { n: number; dimension: string } | undefined {
  const m = /([+-]?[\d,]*\.?\d+)\s*(µs|ms|s|B|KB|MB|req\/s|×|%)?(?![\w/])/.exec(text);
  if (!m) return undefined;
  const [dimension, factor] = UNITS[m[2] ?? ''] ?? ['number', 1];
  return { n: Number(m[1].replace(/,/g, '')) * factor, dimension };
}

/** Whether `value` meets a goal of the form `≤ N unit` / `≥ N unit`; undefined when it cannot tell. */
export function meetsGoal(value: string, goal: string): boolean | undefined {
  const m = /^\s*(≤|≥)\s*(.*)$/.exec(goal);
  if (!m) return undefined;
  const want = quantity(m[2]);
  const got = quantity(value);
  if (!want || !got || want.dimension !== got.dimension) return undefined;
  return m[1] === '≤' ? got.n <= want.n : got.n >= want.n;
}

/** ok / FAIL for a row with a goal, blank when it has none or it cannot be judged. */
export function verdict(row: Row): boolean | undefined {
  if (row.pass !== undefined) return row.pass;
  return row.goal ? meetsGoal(row.value, row.goal) : undefined;
}

export function printTable(rows: Row[]): void {
  const w = [Math.min(64, Math.max(36, ...rows.map((r) => r.metric.length))), 16, 18, 4];
  const line = (a: string, b: string, c: string, d: string, e: string) => `${a.padEnd(w[0])} ${b.padStart(w[1])} ${c.padStart(w[2])} ${d.padEnd(w[3])}  ${e}`;
  console.log(line('metric', 'value', 'goal', '', 'note'));
  console.log('-'.repeat(w[0] + 80));
  for (const r of rows) {
    const v = verdict(r);
    console.log(line(r.metric, r.value, r.goal ?? '', v === undefined ? '' : v ? 'ok' : 'FAIL', r.note ?? ''));
  }
}
