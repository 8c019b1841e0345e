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
  goal?: string;
  note?: string;
}

export function printTable(rows: Row[]): void {
  const w = [36, 16, 14];
  const line = (a: string, b: string, c: string, d: string) => `${a.padEnd(w[0])} ${b.padStart(w[1])} ${c.padStart(w[2])}  ${d}`;
  console.log(line('metric', 'value', 'goal', 'note'));
  console.log('-'.repeat(100));
  for (const r of rows) console.log(line(r.metric, r.value, r.goal ?? '', r.note ?? ''));
}
