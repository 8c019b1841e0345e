import { requestGroupings, VISIT_GROUPINGS, WALKIN_GROUPINGS, type FactRow, type Grouping } from './metrics';

/**
 * Rollups of the metrics groupings, pure. A rollup holds the group results of one community's
 * requests, walk-ins or grid visits of one period — a local day `YYYY-MM-DD` or a month `YYYY-MM`
 * — so `admin.metrics` adds up stored rows instead of grouping every document again. Counts and
 * sums add up; a distinct count does not (a resident who came in March and in May is one
 * resident), so a rollup keeps the distinct values themselves and a window counts their union.
 * Every request grouping but overdue (it depends on "now") is rolled up; every walk-in and visit one.
 *
 * Stored form: per grouping, columns (`k` the key values row by row in `by` order, `c` the counts,
 * `s` the sums row by row in `sum` order, `d` the distinct values row by row in `distinct` order):
 * no field name holds a `.` (CloudBase refuses them) and a month of rows is a few flat arrays.
 */

const { overdue: _overdue, cells, ...ROLLED } = requestGroupings('');
/**
 * The groupings a rollup stores. Hot spots keep requests per cell only (`cellTotals`): cells ×
 * categories over a year are most of a rollup's rows, and the view needs the categories of its top
 * cells alone, which metrics groups live for those cells (topCells).
 */
export const ROLLUP_GROUPINGS = { ...ROLLED, cellTotals: { by: [cells.by[0]], where: cells.where } } satisfies Record<string, Grouping>;
export type RollupName = keyof typeof ROLLUP_GROUPINGS;

/**
 * What is rolled up, per source: the local-day field each rollup period is cut by and the groupings
 * kept. A window's edges that are not whole days are grouped live by `instant`; a source without
 * one (visits are dated, not timed) counts every day the window touches.
 */
export const ROLLUP_SOURCES = {
  requests: { day: 'facts.day', instant: 'createdAt', groupings: ROLLUP_GROUPINGS },
  walkins: { day: 'date', instant: 'at', groupings: WALKIN_GROUPINGS },
  visits: { day: 'date', instant: undefined, groupings: VISIT_GROUPINGS },
} as const satisfies Record<string, { day: string; instant: string | undefined; groupings: Record<string, Grouping> }>;
export type RollupSource = keyof typeof ROLLUP_SOURCES;
export type Groupings<S extends RollupSource> = (typeof ROLLUP_SOURCES)[S]['groupings'];

/**
 * What the store groups to roll a grouping up: a distinct path becomes part of the key, so each
 * row is one distinct value (RowSum gathers them back per row).
 */
export const storedSpec = (g: Grouping): Grouping => ({ by: [...g.by, ...(g.distinct ?? [])], ...(g.sum && { sum: g.sum }), ...(g.where && { where: g.where }) });

export interface StoredColumns {
  k: unknown[];
  c: number[];
  s: number[];
  /** The distinct values, row by row in `distinct` order (only for a grouping with `distinct`). */
  d?: unknown[][];
  /** `d` as ids of one ValueIds table (ValueIds.intern; kept in memory, never stored). */
  ids?: { table: ValueIds; lists: Int32Array[] };
}
export type StoredGroups = Record<string, StoredColumns>;

/**
 * Distinct values as small integers. A window's distinct count is a union over its rollups (a
 * 街道's year of walk-ins holds ~3·10⁵ resident values): with ids interned once per parsed rollup,
 * the union is a pass over typed arrays marking a typed array, where Sets of strings were most of
 * the call.
 */
export class ValueIds {
  private readonly byValue = new Map<unknown, number>();
  readonly values: unknown[] = [];

  id(v: unknown): number {
    let id = this.byValue.get(v);
    if (id === undefined) {
      id = this.values.length;
      this.byValue.set(v, id);
      this.values.push(v);
    }
    return id;
  }

  get size(): number {
    return this.values.length;
  }

  /** The groups with their distinct values also as ids of this table (for a cache to keep). */
  intern(groups: StoredGroups): StoredGroups {
    const out: StoredGroups = {};
    for (const [name, cols] of Object.entries(groups)) out[name] = cols.d ? { ...cols, ids: { table: this, lists: cols.d.map((list) => Int32Array.from(list, (v) => this.id(v))) } } : cols;
    return out;
  }
}

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

/**
 * One summed row: its key values in `by` order, count, sums in `sum` order, and per `distinct` path
 * the lists of value ids added (`loose`: ids added one by one); counted only in result().
 */
interface Acc {
  values: unknown[];
  count: number;
  sums: number[];
  lists: ArrayLike<number>[][];
  loose: number[][];
}

/**
 * Adds up grouped rows with equal keys, from stored columns and from rows as the store answers
 * `storedSpec(spec)`. Groups are found through one map per key level (no key string built per row:
 * a year of a 街道 is ~10⁵ rows). Sums are kept to the cent at the end (every summed fact is a
 * multiple of 0.01), so the order the rows were added in never shows. Distinct values are kept as
 * ids of a ValueIds table (null and missing not counted, as the store's distinct).
 */
export class RowSum {
  private readonly root = new Map<unknown, unknown>();
  private readonly accs: Acc[] = [];
  private readonly width: number;
  private readonly sums: readonly string[];
  private readonly distinct: readonly string[];

  constructor(
    private readonly spec: Grouping,
    private readonly ids = new ValueIds(),
  ) {
    this.width = spec.by.length;
    this.sums = spec.sum ?? [];
    this.distinct = spec.distinct ?? [];
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
      acc = { values: values.slice(at, at + this.width).map((v) => v ?? null), count: 0, sums: this.sums.map(() => 0), lists: [], loose: [] };
      for (let j = 0; j < this.distinct.length; j++) acc.lists.push([(acc.loose[j] = [])]);
      m.set(k, acc);
      this.accs.push(acc);
    }
    return acc;
  }

  addColumns(cols: StoredColumns | undefined): void {
    if (!cols) return;
    const n = this.sums.length;
    const nd = this.distinct.length;
    for (let r = 0; r < cols.c.length; r++) {
      const acc = this.accOf(cols.k, r * this.width);
      acc.count += cols.c[r];
      for (let j = 0; j < n; j++) acc.sums[j] += cols.s[r * n + j];
      for (let j = 0; j < nd; j++) {
        const at = r * nd + j;
        if (cols.ids?.table === this.ids) acc.lists[j].push(cols.ids.lists[at]);
        else for (const v of cols.d![at]) acc.loose[j].push(this.ids.id(v));
      }
    }
  }

  /** Rows as the store answers `storedSpec(spec)`: each holds one value of every distinct path. */
  addRows(rows: readonly FactRow[]): void {
    for (const r of rows) {
      const acc = this.accOf(
        this.spec.by.map((path) => r.key[path]),
        0,
      );
      acc.count += r.count;
      this.sums.forEach((path, j) => (acc.sums[j] += r.sums[path] ?? 0));
      this.distinct.forEach((path, j) => {
        const v = r.key[path];
        if (v !== null && v !== undefined) acc.loose[j].push(this.ids.id(v));
      });
    }
  }

  /**
   * Each row's distinct value ids, once each: marks in one array sized to the table, a new mark per
   * row and path, so the union costs a pass over the ids and no Set.
   */
  private each(visit: (acc: Acc, j: number, id: number) => void): void {
    const seen = new Uint32Array(this.ids.size);
    let mark = 0;
    for (const acc of this.accs) {
      for (let j = 0; j < this.distinct.length; j++) {
        mark++;
        for (const list of acc.lists[j]) {
          for (let i = 0; i < list.length; i++) {
            const id = list[i];
            if (seen[id] !== mark) {
              seen[id] = mark;
              visit(acc, j, id);
            }
          }
        }
      }
    }
  }

  /** The rows as the store answers `spec` itself (distinct values counted). */
  result(): FactRow[] {
    // Only a grouping with distinct paths counts them (the request groupings, on every call, have none).
    const counts = this.distinct.length ? new Map<Acc, number[]>(this.accs.map((acc) => [acc, this.distinct.map(() => 0)])) : undefined;
    if (counts) this.each((acc, j) => counts.get(acc)![j]++);
    return this.accs.map((acc) => {
      const key: Record<string, unknown> = {};
      this.spec.by.forEach((path, i) => (key[path] = acc.values[i]));
      const sums: Record<string, number> = {};
      this.sums.forEach((path, j) => (sums[path] = Math.round(acc.sums[j] * 100) / 100));
      if (!this.distinct.length) return { key, count: acc.count, sums };
      const distinct: Record<string, number> = {};
      this.distinct.forEach((path, j) => (distinct[path] = counts!.get(acc)![j]));
      return { key, count: acc.count, sums, distinct };
    });
  }

  /** The summed rows as stored columns (a rollup). */
  columns(): StoredColumns {
    const out: StoredColumns = { k: [], c: [], s: [] };
    const values = this.distinct.length ? new Map<Acc, unknown[][]>(this.accs.map((acc) => [acc, this.distinct.map(() => [])])) : undefined;
    if (values) {
      this.each((acc, j, id) => values.get(acc)![j].push(this.ids.values[id]));
      out.d = [];
    }
    for (const acc of this.accs) {
      out.k.push(...acc.values);
      out.c.push(acc.count);
      for (const sum of acc.sums) out.s.push(Math.round(sum * 100) / 100);
      if (values) out.d!.push(...values.get(acc)!);
    }
    return out;
  }
}

/** Sums of several stored groups of one set of groupings (a source's), one RowSum per grouping; `ids`: the table cached groups were interned with. */
export function sumGroups<G extends Record<string, Grouping>>(
  groupings: G,
  ids = new ValueIds(),
): { add(groups: StoredGroups | undefined): void; addRows(rows: Partial<Record<keyof G, FactRow[]>>): void; result(): Record<keyof G, FactRow[]>; columns(): StoredGroups } {
  const names = Object.keys(groupings) as Array<keyof G & string>;
  const sums = Object.fromEntries(names.map((n) => [n, new RowSum(groupings[n], ids)])) as Record<keyof G, RowSum>;
  return {
    add(groups) {
      if (groups) for (const n of names) sums[n].addColumns(groups[n]);
    },
    addRows(rows) {
      for (const n of names) if (rows[n]) sums[n].addRows(rows[n]!);
    },
    result: () => Object.fromEntries(names.map((n) => [n, sums[n].result()])) as Record<keyof G, FactRow[]>,
    columns: () => Object.fromEntries(names.map((n) => [n, sums[n].columns()])),
  };
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
