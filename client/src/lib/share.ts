import { MATTER_PAGE } from './nav';

/** What a shared matter opens: the weapp page path, or the H5 `/?m=<code>` link. */
export function sharePath(code: string): string {
  return `/${MATTER_PAGE}?code=${encodeURIComponent(code)}`;
}

export function shareLink(code: string): string {
  const base = typeof window === 'undefined' ? '' : `${window.location.origin}${window.location.pathname}`;
  return `${base}?m=${encodeURIComponent(code)}`;
}
