/**
 * Sorting and filtering for the console's tables (pure, so it is unit-tested without a browser).
 * A column says how to read a row as text (for the filter) and as a sort key.
 */
export type SortDir = 'asc' | 'desc';
export interface SortState {
  key: string;
  dir: SortDir;
}
export type SortKey = string | number | undefined | null;

export interface ColumnDef<T> {
  key: string;
  label: string;
  /** What the filter searches and the cell shows. */
  text: (row: T) => string;
  /** Sort key when the text would sort wrongly (numbers, dates); defaults to the text. */
  sortValue?: (row: T) => SortKey;
}

const collator = new Intl.Collator('zh-Hans-CN', { numeric: true, sensitivity: 'base' });

function compareKeys(a: SortKey, b: SortKey): number {
  const aNone = a === undefined || a === null || a === '';
  const bNone = b === undefined || b === null || b === '';
  if (aNone || bNone) return aNone === bNone ? 0 : aNone ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

/** Rows whose cells contain every space-separated word of `query` (case-insensitive); all rows when empty. */
export function filterRows<T>(rows: readonly T[], columns: readonly ColumnDef<T>[], query: string): T[] {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return [...rows];
  return rows.filter((row) => {
    const hay = columns.map((c) => c.text(row)).join('\u0000').toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

/**
 * Rows sorted by one column; stable (equal keys keep their order) and empty values last in both
 * directions, so a blank column never pushes the data off the first screen.
 */
export function sortRows<T>(rows: readonly T[], columns: readonly ColumnDef<T>[], sort: SortState | undefined): T[] {
  const col = sort && columns.find((c) => c.key === sort.key);
  if (!sort || !col) return [...rows];
  const keyOf = col.sortValue ?? col.text;
  const sign = sort.dir === 'asc' ? 1 : -1;
  return rows
    .map((row, i) => ({ row, i, k: keyOf(row) }))
    .sort((a, b) => {
      const aNone = a.k === undefined || a.k === null || a.k === '';
      const bNone = b.k === undefined || b.k === null || b.k === '';
      if (aNone !== bNone) return aNone ? 1 : -1;
      return sign * compareKeys(a.k, b.k) || a.i - b.i;
    })
    .map((x) => x.row);
}

/** A header pressed: a new column sorts ascending, the same column flips. */
export function nextSort(current: SortState | undefined, key: string): SortState {
  return current?.key === key ? { key, dir: current.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: 'asc' };
}

/** The aria-sort value of a column header. */
export function ariaSortOf(sort: SortState | undefined, key: string): 'ascending' | 'descending' | 'none' {
  return sort?.key === key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none';
}

/** Filter, then sort: what the table shows. */
export function tableRows<T>(rows: readonly T[], columns: readonly ColumnDef<T>[], query: string, sort: SortState | undefined): T[] {
  return sortRows(filterRows(rows, columns, query), columns, sort);
}
