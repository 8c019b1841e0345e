import type { SortState } from './table';

/**
 * A table's view (sort and filter) as query parameters, so a reload or a shared link shows the
 * same rows: `sort=<column>` ascending, `sort=-<column>` descending; `q` is the filter text.
 */
export interface TableView {
  sort?: SortState;
  q: string;
}

const COLUMN = /^[A-Za-z][\w]{0,30}$/;

/** `sort` read from a URL: a known shape or nothing (a hand-edited link never breaks the page). */
export function parseSort(raw: string | undefined): SortState | undefined {
  if (!raw) return undefined;
  const desc = raw.startsWith('-');
  const key = desc ? raw.slice(1) : raw;
  return COLUMN.test(key) ? { key, dir: desc ? 'desc' : 'asc' } : undefined;
}

export function formatSort(sort: SortState | undefined): string | undefined {
  return sort ? `${sort.dir === 'desc' ? '-' : ''}${sort.key}` : undefined;
}

/** The view a page's query parameters name (the filter trimmed and bounded like the input box). */
export function readTableView(params: { sort?: string; q?: string }): TableView {
  return { sort: parseSort(params.sort), q: (params.q ?? '').slice(0, 60) };
}

/** The query parameters of a view; empty ones left out by routeUrl. */
export function tableViewQuery(view: TableView): { sort?: string; q?: string } {
  return { sort: formatSort(view.sort), q: view.q.trim() ? view.q : undefined };
}
