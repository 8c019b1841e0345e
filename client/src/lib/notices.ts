import { MATTER_CODE } from '@qgt/shared/catalog/codes';
import type { NoticeKind } from './routes';


/** The home page notice for a redirect, in plain Chinese. */
export function noticeText(kind: string | undefined, code?: string): string | null {
  switch (kind as NoticeKind) {
    case 'bad-scene':
      return '二维码无法识别，请在下方搜索您要办理的事项。';
    case 'unsupported-scene':
      return '暂不支持该二维码，请在下方搜索您要办理的事项。';
    case 'not-found': {
      const shown = code && MATTER_CODE.test(code) ? `（${code}）` : '';
      return `未找到该事项${shown}，可能已调整或停办，请在下方搜索。`;
    }
    case 'account-deleted':
      return '账号已注销：照片和关注记录已删除，办理记录已不再关联到您。';
    default:
      return null;
  }
}
