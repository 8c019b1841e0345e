/**
 * H5 loads each page's code and CSS lazily, on first open: a matter tapped in the list once the
 * network is gone then fails (`Loading CSS chunk failed`) although its data is in the cached
 * catalog. Once the home page has shown, the matter and category pages are fetched in the
 * background; webpack merges these imports with the router's own (same modules, same chunk), so a
 * later open, online or not, finds them loaded. The mini-program ships every page in the package.
 */
let started = false;

export function prefetchListPages(): void {
  if (process.env.TARO_ENV !== 'h5' || started) return;
  started = true;
  const load = () => {
    void import('../pages/matter/index').catch(() => (started = false));
    void import('../pages/category/index').catch(() => (started = false));
  };
  const idle = (globalThis as { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => void }).requestIdleCallback;
  if (idle) idle(load, { timeout: 3000 });
  else setTimeout(load, 1000);
}
