import { WEB_LOGIN_CONFIRM_PAGE, WEB_LOGIN_PC_PAGE } from '../../../shared/src/account/weblogin';
import { readQuery, routeOf, ROUTES, routeUrl, type RouteName } from '../../../client/src/lib/routes';

interface AppConfig {
  pages: string[];
  subPackages: { root: string; pages: string[] }[];
}

/** app.config.ts as Taro reads it: `defineAppConfig` is a build-time global. */
function appConfigPages(): string[] {
  (globalThis as { defineAppConfig?: (c: AppConfig) => AppConfig }).defineAppConfig = (c) => c;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const config = (require('../../../client/src/app.config') as { default: AppConfig }).default;
  return [...config.pages, ...config.subPackages.flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))];
}

const routePaths = (Object.keys(ROUTES) as RouteName[]).map((k) => ROUTES[k].path as string);

describe('typed routes', () => {
  it('has a route for every page of app.config.ts, and no route for a page it does not list', () => {
    const pages = appConfigPages();
    expect(pages.length).toBeGreaterThan(20);
    expect([...routePaths].sort()).toEqual([...pages].sort());
  });

  it('names each page once', () => {
    expect(new Set(routePaths).size).toBe(routePaths.length);
  });

  it('agrees with the sign-in pages the server builds links and codes for', () => {
    expect(ROUTES.pcSignin.path).toBe(WEB_LOGIN_PC_PAGE);
    expect(ROUTES.signinConfirm.path).toBe(WEB_LOGIN_CONFIRM_PAGE);
  });

  it('builds urls with encoded values and without empty ones', () => {
    expect(routeUrl('matter', { code: 'dibao' })).toBe('/pages/matter/index?code=dibao');
    expect(routeUrl('adminRequests', { title: '超期未办', overdue: '1', status: '' })).toBe(`/admin/pages/requests/index?title=${encodeURIComponent('超期未办')}&overdue=1`);
    expect(routeUrl('mine')).toBe('/resident/pages/mine/index');
  });

  it('reads a page’s own query parameters, decoded once, empty when absent', () => {
    expect(readQuery('booking', { matter: 'dibao', event: encodeURIComponent('生孩子'), other: 'x' })).toEqual({ matter: 'dibao', event: '生孩子', step: '' });
    expect(readQuery('detail', {})).toEqual({ id: '' });
    expect(readQuery('report', { category: '%E0%A4%A' })).toEqual({ category: '%E0%A4%A' }); // malformed: kept as given
  });

  it('finds the route of a launch path', () => {
    expect(routeOf('/pages/matter/index')).toBe('matter');
    expect(routeOf('pages/matter/index?code=x')).toBe('matter');
    expect(routeOf('pages/nowhere/index')).toBeUndefined();
  });
});
