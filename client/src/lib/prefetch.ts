import { ROUTES } from './routes';

/**
 * H5 loads each page's code and CSS lazily, on first open: a matter tapped in the list once the
 * network is gone then failed (`Loading CSS chunk failed`) although its data is in the cached
 * catalog. Once the home page has shown, the matter and category pages are loaded in the
 * background through the router's own loaders (Taro keeps the routes on window.__taroAppConfig):
 * the very chunks the router asks for later, so a later open, online or not, finds them loaded.
 * (A plain `import()` here would make webpack emit other chunks for the same modules.) The
 * mini-program ships every page in the package.
 */
const PAGES: string[] = [ROUTES.matter.path, ROUTES.category.path];

interface Route {
  path: string;
  load?: () => unknown;
}

let started = false;

export function prefetchListPages(): void {
  if (process.env.TARO_ENV !== 'h5' || started || typeof window === 'undefined') return;
  started = true;
  const load = () => {
    const routes = (window as { __taroAppConfig?: { routes?: Route[] } }).__taroAppConfig?.routes ?? [];
    for (const path of PAGES) {
      // A loader returns [the page module's promise, …]; a failed load is retried on the next show.
      const loaded = routes.find((r) => r.path === path)?.load?.();
      if (Array.isArray(loaded)) void Promise.resolve(loaded[0]).catch(() => (started = false));
    }
  };
  const idle = (window as { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => void }).requestIdleCallback;
  if (idle) idle(load, { timeout: 3000 });
  else setTimeout(load, 1000);
}
