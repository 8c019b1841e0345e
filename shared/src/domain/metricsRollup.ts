import { requestGroupings, type FactRow, type Grouping } from './metrics';

/**
 * Rollups of the request groupings, pure. A rollup holds the additive group results (counts and
 * sums, never averages) of one community's requests created in one period — a local day
 * `YYYY-MM-DD` or a month `YYYY-MM` — so `admin.metrics` adds up stored rows instead of grouping
 * every request again. Everything but the overdue grouping (it depends on "now") is rolled up.
 *
 * Stored form: per grouping, columns (`k` the key values row by row in `by` order, `c` the counts,
 * `s` the sums row by row in `sum` order): no field name holds a `.` (CloudBase refuses them) and
 * a month of rows is a few flat arrays.
 */

const { overdue: _overdue, cells, ...ROLLED } = requestGroupings('');
/**
 * The groupings a rollup stores. Hot spots keep requests per cell only (`cellTotals`): cells ×
 * categories over a year are most of a rollup's rows, and the view needs the categories of its top
 * cells alone, which metrics groups live for those cells (topCells).
 */
export const ROLLUP_GROUPINGS = { ...ROLLED, cellTotals: { by: [cells.by[0]], where: cells.where } } satisfies Record<string, Grouping>;
export type RollupName = keyof typeof ROLLUP_GROUPINGS;
export const ROLLUP_NAMES = Object.keys(ROLLUP_GROUPINGS) as RollupName[];

export interface StoredColumns {
  k: unknown[];
  c: number[];
  s: number[];
}
export type StoredGroups = Record<RollupName, StoredColumns>;

/** The cells the hot spots show: most requests first, ties by cell (as combineMetrics ranks them). */
export function topCells(totals: readonly FactRow[], count: number): string[] {
  return totals
    .filter((r) => r.key['facts.hotCell'] !== null && r.key['facts.hotCell'] !== undefined)
    .map((r) => [String(r.key['facts.hotCell']), r.count] as const)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, count)
    .map(([cell]) => cell);
}

/** A month's periods: `YYYY-MM` of a day. */
export const monthOf = (day: string) => day.slice(0, 7);

/** Grouped rows (as the store answers a grouping) → their stored columns. */
export function encodeRows(spec: Grouping, rows: readonly FactRow[]): StoredColumns {
  const sums = spec.sum ?? [];
  const out: StoredColumns = { k: [], c: [], s: [] };
  for (const row of rows) {
    for (const path of spec.by) out.k.push(row.key[path] ?? null);
    out.c.push(row.count);
    for (const path of sums) out.s.push(row.sums[path] ?? 0);
  }
  return out;
}

/** One summed row: its key values in `by` order, count and sums in `sum` order. */
interface Acc {
  values: unknown[];
  count: number;
  sums: number[];
}

/**
 * Adds up grouped rows with equal keys, from stored columns and from rows as the store answers
 * them. Groups are found through one map per key level (no key string built per row: a year of a
 * 街道 is ~10⁵ rows). Sums are kept to the cent at the end (every summed fact is a multiple of
 * 0.01), so the order the rows were added in never shows.
 */
export class RowSum {
  private readonly root = new Map<unknown, unknown>();
  private readonly accs: Acc[] = [];
  private readonly width: number;
  private readonly sums: readonly string[];

  constructor(private readonly spec: Grouping) {
    this.width = spec.by.length;
    this.sums = spec.sum ?? [];
  }

  /** The row of the key values `values[at … at + width)` (missing values are null). */
  private accOf(values: readonly unknown[], at: number): Acc {
    let m = this.root;
    for (let i = 0; i < this.width - 1; i++) {
      const k = values[at + i] ?? null;
      let next = m.get(k) as Map<unknown, unknown> | undefined;
      if (next === undefined) m.set(k, (next = new Map()));
      m = next;
    }
    const k = values[at + this.width - 1] ?? null;
    let acc = m.get(k) as Acc | undefined;
    if (acc === undefined) {
      acc = { values: values.slice(at, at + this.width).map((v) => v ?? null), count: 0, sums: this.sums.map(() => 0) };
      m.set(k, acc);
      this.accs.push(acc);
    }
    return acc;
  }

  addColumns(cols: StoredColumns | undefined): void {
    if (!cols) return;
    const n = this.sums.length;
    for (let r = 0; r < cols.c.length; r++) {
      const acc = this.accOf(cols.k, r * this.width);
      acc.count += cols.c[r];
      for (let j = 0; j < n; j++) acc.sums[j] += cols.s[r * n + j];
    }
  }

  addRows(rows: readonly FactRow[]): void {
    for (const r of rows) {
      const acc = this.accOf(
        this.spec.by.map((path) => r.key[path]),
        0,
      );
      acc.count += r.count;
      this.sums.forEach((path, j) => (acc.sums[j] += r.sums[path] ?? 0));
    }
  }

  result(): FactRow[] {
    return this.accs.map((acc) => {
      const key: Record<string, unknown> = {};
      this.spec.by.forEach((path, i) => (key[path] = acc.values[i]));
      const sums: Record<string, number> = {};
      this.sums.forEach((path, j) => (sums[path] = Math.round(acc.sums[j] * 100) / 100));
      return { key, count: acc.count, sums };
    });
  }
}

/** Sums of several stored groups, one per grouping. */
export function sumGroups(): { add(groups: StoredGroups | undefined): void; addRows(rows: Partial<Record<RollupName, FactRow[]>>): void; result(): Record<RollupName, FactRow[]> } {
  const sums = Object.fromEntries(ROLLUP_NAMES.map((n) => [n, new RowSum(ROLLUP_GROUPINGS[n])])) as Record<RollupName, RowSum>;
  return {
    add(groups) {
      if (groups) for (const n of ROLLUP_NAMES) sums[n].addColumns(groups[n]);
    },
    addRows(rows) {
      for (const n of ROLLUP_NAMES) if (rows[n]) sums[n].addRows(rows[n]!);
    },
    result: () => Object.fromEntries(ROLLUP_NAMES.map((n) => [n, sums[n].result()])) as Record<RollupName, FactRow[]>,
  };
}

/** Stored groups of rows. */
export function encodeGroups(rows: Record<RollupName, readonly FactRow[]>): StoredGroups {
  return Object.fromEntries(ROLLUP_NAMES.map((n) => [n, encodeRows(ROLLUP_GROUPINGS[n], rows[n] ?? [])])) as StoredGroups;
}

/**
 * The local days of a window [from, to) that lie wholly inside it, as whole months where a whole
 * month fits and single days otherwise; `days` and `months` in order. `dayStart(d)` is a day's start.
 */
export function periodsOf(firstDay: string, lastDay: string, addDay: (d: string, n: number) => string): { days: string[]; months: string[] } {
  const days: string[] = [];
  const months: string[] = [];
  for (let d = firstDay; d <= lastDay; ) {
    const month = monthOf(d);
    const monthEnd = addDay(`${nextMonth(month)}-01`, -1);
    if (d.endsWith('-01') && monthEnd <= lastDay) {
      months.push(month);
      d = addDay(monthEnd, 1);
    } else {
      days.push(d);
      d = addDay(d, 1);
    }
  }
  return { days, months };
}

/** `YYYY-MM` → the month after it. */
export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}
