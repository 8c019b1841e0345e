import { routeUrl } from './routes';

/** What a shared matter opens: the weapp page path, or the H5 `/?m=<code>` link. */
export function sharePath(code: string): string {
  return routeUrl('matter', { code });
}

export function shareLink(code: string): string {
  const base = typeof window === 'undefined' ? '' : `${window.location.origin}${window.location.pathname}`;
  return `${base}?m=${encodeURIComponent(code)}`;
}
