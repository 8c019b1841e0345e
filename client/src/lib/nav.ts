import Taro from '@tarojs/taro';
import type { NoticeKind } from './entry';

export const HOME_PAGE = 'pages/index/index';
export const CATEGORY_PAGE = 'pages/category/index';
export const MATTER_PAGE = 'pages/matter/index';
export const WORKER_HOME = 'worker/pages/home/index';
export const ADMIN_HOME = 'admin/pages/home/index';

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

export function openPage(page: string): void {
  open(`/${page}`);
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
