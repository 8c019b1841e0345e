import Taro from '@tarojs/taro';
import type { NoticeKind } from './notices';

export const HOME_PAGE = 'pages/index/index';
export const CATEGORY_PAGE = 'pages/category/index';
export const MATTER_PAGE = 'pages/matter/index';
export const STATION_PAGE = 'pages/station/index';
export const WORKER_HOME = 'worker/pages/home/index';
export const ADMIN_HOME = 'admin/pages/home/index';
export const REPORT_PAGE = 'resident/pages/report/index';
export const BOOKING_PAGE = 'resident/pages/booking/index';
export const EVENT_PAGE = 'resident/pages/event/index';
export const MINE_PAGE = 'resident/pages/mine/index';
export const DETAIL_PAGE = 'resident/pages/detail/index';
export const RESCHEDULE_PAGE = 'resident/pages/reschedule/index';
export const WORK_REQUEST_PAGE = 'worker/pages/request/index';
export const TRANSFER_PAGE = 'worker/pages/transfer/index';
export const ESCALATE_PAGE = 'worker/pages/escalate/index';
export const VISITS_PAGE = 'worker/pages/visits/index';
export const DESK_PAGE = 'worker/pages/desk/index';
export const NOTICE_PAGE = 'worker/pages/notice/index';
export const PATROL_PAGE = 'worker/pages/patrol/index';
export const DASHBOARD_PAGE = 'admin/pages/dashboard/index';
export const FOLLOWUPS_PAGE = 'admin/pages/followups/index';
export const ADMIN_REQUESTS_PAGE = 'admin/pages/requests/index';
export { WEB_LOGIN_PC_PAGE as PC_SIGNIN_PAGE, WEB_LOGIN_CONFIRM_PAGE as SIGNIN_CONFIRM_PAGE } from '@qgt/shared/account/weblogin';
export const ADMIN_PAGES = {
  catalog: 'admin/pages/catalog/index',
  grids: 'admin/pages/grids/index',
  workers: 'admin/pages/workers/index',
  departments: 'admin/pages/departments/index',
  stations: 'admin/pages/stations/index',
  roles: 'admin/pages/roles/index',
};

/** WeChat keeps at most 10 pages; deep chains of related matters replace the top one instead. */
const STACK_LIMIT = 9;

function open(url: string): void {
  const depth = Taro.getCurrentPages?.().length ?? 0;
  if (depth >= STACK_LIMIT) void Taro.redirectTo({ url });
  else void Taro.navigateTo({ url });
}

export function matterUrl(code: string): string {
  return `/${MATTER_PAGE}?code=${encodeURIComponent(code)}`;
}

export function openMatter(code: string): void {
  open(matterUrl(code));
}

export function openCategory(code: string): void {
  open(`/${CATEGORY_PAGE}?code=${encodeURIComponent(code)}`);
}

/** Opens a page with query parameters (values are URL-encoded). */
export function openPage(page: string, query: Record<string, string | undefined> = {}): void {
  open(pageUrl(page, query));
}

export function pageUrl(page: string, query: Record<string, string | undefined> = {}): string {
  const qs = Object.entries(query)
    .filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&');
  return `/${page}${qs ? `?${qs}` : ''}`;
}

/** Replaces the current page (after a submit: the form should not stay under the result). */
export function replacePage(page: string, query: Record<string, string | undefined> = {}): void {
  void Taro.redirectTo({ url: pageUrl(page, query) });
}

/** Back to a fresh home page, optionally with a notice (bad QR code, unknown matter). */
export function goHome(notice?: { kind: NoticeKind; code?: string }): void {
  let url = `/${HOME_PAGE}`;
  if (notice) url += `?notice=${notice.kind}` + (notice.code ? `&code=${encodeURIComponent(notice.code)}` : '');
  void Taro.reLaunch({ url });
}

/** Back if there is a page below, else home. */
export function backOrHome(): void {
  const depth = Taro.getCurrentPages?.().length ?? 0;
  if (depth > 1) void Taro.navigateBack();
  else goHome();
}

/** A query parameter, decoded once (weapp hands them over as in the url; h5 already decoded). */
export function queryParam(params: Record<string, string | undefined>, name: string): string {
  const v = params[name] ?? '';
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}
