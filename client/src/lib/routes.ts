import type { PAGE_LIST } from '../app.config';

/**
 * Every page by name, with the query parameters it reads, typed from the one page list in
 * app.config.ts (a type-only import: the config is not bundled). A route whose path is not in
 * the list fails typecheck; a page without a route fails tests/unit/client/routes.test.ts.
 */
type Sub = (typeof PAGE_LIST.subPackages)[number];
type SubPath<S> = S extends { root: infer R extends string; pages: readonly (infer P extends string)[] } ? `${R}/${P}` : never;
export type PagePath = (typeof PAGE_LIST.pages)[number] | SubPath<Sub>;

/** Why the home page was opened with a notice (bad QR code, unknown matter, account deleted). */
export type NoticeKind = 'bad-scene' | 'unsupported-scene' | 'not-found' | 'account-deleted';

const route = <P extends PagePath, const Q extends readonly string[] = readonly []>(path: P, query?: Q) => ({ path, query: (query ?? []) as unknown as Q });

export const ROUTES = {
  home: route('pages/index/index', ['notice', 'code']),
  category: route('pages/category/index', ['code']),
  // `scene` when opened by a mini-program code (m=<code>).
  matter: route('pages/matter/index', ['code', 'scene']),
  station: route('pages/station/index', ['code']),
  report: route('resident/pages/report/index', ['category']),
  booking: route('resident/pages/booking/index', ['matter', 'event', 'step']),
  mine: route('resident/pages/mine/index'),
  detail: route('resident/pages/detail/index', ['id']),
  reschedule: route('resident/pages/reschedule/index', ['id']),
  event: route('resident/pages/event/index', ['code']),
  workerHome: route('worker/pages/home/index'),
  workRequest: route('worker/pages/request/index', ['id']),
  transfer: route('worker/pages/transfer/index', ['id']),
  escalate: route('worker/pages/escalate/index', ['id']),
  visits: route('worker/pages/visits/index'),
  desk: route('worker/pages/desk/index'),
  notice: route('worker/pages/notice/index', ['id']),
  patrol: route('worker/pages/patrol/index'),
  adminHome: route('admin/pages/home/index'),
  // `sort` and `q`: a table's sort and filter (lib/tableView.ts), so a link shows the same rows.
  dashboard: route('admin/pages/dashboard/index', ['preset', 'dim', 'sort', 'q']),
  followups: route('admin/pages/followups/index', ['sort', 'q']),
  // What a dashboard figure counts: its filters, the period and `title` (what was tapped).
  adminRequests: route('admin/pages/requests/index', ['overdue', 'status', 'category', 'gridCode', 'department', 'assignee', 'community', 'from', 'to', 'title', 'sort', 'q']),
  catalog: route('admin/pages/catalog/index'),
  grids: route('admin/pages/grids/index'),
  workers: route('admin/pages/workers/index', ['sort', 'q']),
  departments: route('admin/pages/departments/index'),
  stations: route('admin/pages/stations/index'),
  roles: route('admin/pages/roles/index'),
  // The audit search: its filters, so a shared link repeats the search.
  audit: route('admin/pages/audit/index', ['from', 'to', 'actor', 'action', 'target']),
  pcSignin: route('signin/pages/pc/index'),
  // `scene` when opened by a mini-program code (w=<session>).
  signinConfirm: route('signin/pages/confirm/index', ['session', 'scene']),
  // 邀请加入: `code` from a link, `scene` (i=<code>) from a mini-program code.
  invite: route('signin/pages/invite/index', ['code', 'scene']),
} as const;

export type RouteName = keyof typeof ROUTES;
/** The query a page reads: only its own parameter names, every one optional. */
export type RouteQuery<K extends RouteName> = Partial<Record<(typeof ROUTES)[K]['query'][number], string>>;

// Typecheck fails here when a page of app.config.ts has no route.
type Unrouted = Exclude<PagePath, (typeof ROUTES)[RouteName]['path']>;
export const EVERY_PAGE_ROUTED: [Unrouted] extends [never] ? true : Unrouted = true;

/** `/path?k=v` with the values URL-encoded; empty values are left out. */
export function routeUrl<K extends RouteName>(name: K, query: RouteQuery<K> = {}): string {
  const qs = Object.entries(query as Record<string, string | undefined>)
    .filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&');
  return `/${ROUTES[name].path}${qs ? `?${qs}` : ''}`;
}

/** The route a path names (with or without the leading `/` or a query), if any. */
export function routeOf(path: string): RouteName | undefined {
  const bare = path.replace(/^\//, '').replace(/\?.*$/, '');
  return (Object.keys(ROUTES) as RouteName[]).find((k) => ROUTES[k].path === bare);
}

/** A page's query parameters, each decoded once ('' when absent; weapp hands them over as in the url, h5 already decoded). */
export function readQuery<K extends RouteName>(name: K, params: Record<string, string | undefined>): Record<(typeof ROUTES)[K]['query'][number], string> {
  return Object.fromEntries(ROUTES[name].query.map((k: string) => [k, decodeOnce(params[k] ?? '')])) as Record<(typeof ROUTES)[K]['query'][number], string>;
}

function decodeOnce(v: string): string {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}
