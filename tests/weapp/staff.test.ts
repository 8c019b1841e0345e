import { bootApp, textOf, waitFor, type WeappHarness } from './harness';
import { DEMO, FIRST_LOAD_MS, FIXED_NOW, type RealBackend } from './real-backend';
import { allOn, testBackend } from './real-ops';

/** The admin entry page: who is calling comes from account.me (the real handler); others are told they lack access. */

// The first call seeds a store (demo deployment and the test catalog, which the real guide function answers from) and loads the handlers.
jest.setTimeout(20_000);

let h: WeappHarness | undefined;
afterEach(() => h?.closeAll());

const boot = (backend: RealBackend) => bootApp({ cloud: allOn(backend), clock: FIXED_NOW });

it('admin/pages/home/index shows the caller from account.me and a way back', async () => {
  const backend = testBackend({ as: DEMO.admin });
  h = boot(backend);
  const page = await h.open('/admin/pages/home/index');
  await waitFor(() => textOf(page).includes('当前身份：王主任 · 管理员'), FIRST_LOAD_MS);
  expect(textOf(page)).not.toContain('没有此功能的权限');
  expect(backend.callsOf('account', 'me')).toHaveLength(1);
  // Opened directly (nothing below it): back goes to a fresh home page.
  page.querySelector('.staff__back')!.dispatchEvent('tap');
  await waitFor(() => h!.navigations.length > 0);
  expect(h.navigations).toEqual([{ api: 'reLaunch', url: '/pages/index/index' }]);
});

it('tells a resident the admin page is not for them', async () => {
  h = boot(testBackend({ as: DEMO.resident }));
  const page = await h.open('/admin/pages/home/index');
  await waitFor(() => textOf(page).includes('没有此功能的权限'), FIRST_LOAD_MS);
  expect(textOf(page)).toContain('当前身份：张阿姨 · 居民');
});

it('offline: a message and a retry, never a blank page', async () => {
  h = boot(testBackend({ as: DEMO.admin }));
  h.offline = true;
  const page = await h.open('/admin/pages/home/index');
  await waitFor(() => textOf(page).includes('当前没有网络连接'));
  h.offline = false;
  page.querySelector('.load-state__retry')!.dispatchEvent('tap');
  await waitFor(() => textOf(page).includes('王主任'), FIRST_LOAD_MS);
});
