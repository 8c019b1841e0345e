import Taro, { useRouter } from '@tarojs/taro';
import { readQuery, routeUrl, type NoticeKind, type RouteName, type RouteQuery } from './routes';

export { ROUTES, routeUrl as pageUrl, type RouteName } from './routes';

/** WeChat keeps at most 10 pages; deep chains of related matters replace the top one instead. */
const STACK_LIMIT = 9;

function open(url: string): void {
  const depth = Taro.getCurrentPages?.().length ?? 0;
  if (depth >= STACK_LIMIT) void Taro.redirectTo({ url });
  else void Taro.navigateTo({ url });
}

export function matterUrl(code: string): string {
  return routeUrl('matter', { code });
}

export function openMatter(code: string): void {
  open(matterUrl(code));
}

export function openCategory(code: string): void {
  open(routeUrl('category', { code }));
}

/** Opens a page by its route name with its query parameters (values are URL-encoded). */
export function openPage<K extends RouteName>(name: K, query?: RouteQuery<K>): void {
  open(routeUrl(name, query));
}

/** Replaces the current page (after a submit: the form should not stay under the result). */
export function replacePage<K extends RouteName>(name: K, query?: RouteQuery<K>): void {
  void Taro.redirectTo({ url: routeUrl(name, query) });
}

/** Closes every page and opens this one (sign-in and sign-out). */
export function relaunch<K extends RouteName>(name: K, query?: RouteQuery<K>): void {
  void Taro.reLaunch({ url: routeUrl(name, query) });
}

/** Back to a fresh home page, optionally with a notice (bad QR code, unknown matter). */
export function goHome(notice?: { kind: NoticeKind; code?: string }): void {
  relaunch('home', notice ? { notice: notice.kind, code: notice.code } : {});
}

/** Back if there is a page below, else home. */
export function backOrHome(): void {
  const depth = Taro.getCurrentPages?.().length ?? 0;
  if (depth > 1) void Taro.navigateBack();
  else goHome();
}

/** This page's query parameters by its route, each decoded once ('' when absent). */
export function useRouteQuery<K extends RouteName>(name: K) {
  return readQuery(name, useRouter().params);
}
