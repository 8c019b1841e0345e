import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { readQuery, ROUTES, routeUrl, type RouteName, type RouteQuery } from './routes';
import type { SortState } from './table';
import { readTableView, tableViewQuery, type TableView } from './tableView';

/** Pages whose table view is kept in the URL (their routes read `sort` and `q`). */
type ViewRoute = { [K in RouteName]: RouteQuery<K> extends { sort?: string; q?: string } ? K : never }[RouteName];

/** The query of the URL as it is now (hash router: after `#/path?`), not as the page was opened. */
function currentParams(): Record<string, string> {
  const hash = window.location.hash;
  const at = hash.indexOf('?');
  return at < 0 ? {} : Object.fromEntries(new URLSearchParams(hash.slice(at + 1)));
}

/**
 * Writes some of a page's query parameters into the address bar without reloading the page (H5
 * only; the mini-program has no address bar); `undefined` or '' removes one. `push` makes it a step
 * in the history (back undoes it: the router reopens the page from the URL); otherwise the entry is
 * replaced (typing in a filter should not add one entry per key).
 */
export function keepInUrl<K extends RouteName>(name: K, patch: RouteQuery<K>, push: boolean): void {
  if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined') return;
  const now = currentParams(); // already decoded once
  const kept = Object.fromEntries(ROUTES[name].query.filter((k: string) => now[k]).map((k: string) => [k, now[k]]));
  const url = `${window.location.pathname}${window.location.search}#${routeUrl(name, { ...kept, ...patch } as RouteQuery<K>)}`;
  if (url === window.location.pathname + window.location.search + window.location.hash) return;
  // The router's own state (its history index) is kept, so its later navigations still count right.
  if (push) window.history.pushState(window.history.state, '', url);
  else window.history.replaceState(window.history.state, '', url);
}

/** A table's sort and filter, read from the page's URL and written back to it as they change. */
export function useTableView<K extends ViewRoute>(name: K) {
  const { params } = useRouter();
  const [view, setView] = useState<TableView>(() => readTableView(readQuery(name, params) as { sort?: string; q?: string }));
  const write = (next: TableView, push: boolean) => {
    setView(next);
    // Both keys always written, so an emptied filter or sort leaves the URL too.
    keepInUrl(name, { sort: undefined, q: undefined, ...tableViewQuery(next) } as RouteQuery<K>, push);
  };
  return {
    ...view,
    setSort: (sort: SortState | undefined) => write({ ...view, sort }, true),
    setQuery: (q: string) => write({ ...view, q }, false),
  };
}
