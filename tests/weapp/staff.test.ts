import { fakeGuide } from './fake-guide';
import { testCatalog } from './fixture';
import { bootApp, textOf, waitFor, type WeappHarness } from './harness';

/** The entry pages of the role subpackages: honest about who is calling and what is there. */

let h: WeappHarness | undefined;
afterEach(() => h?.closeAll());

it.each([
  ['worker/pages/home/index', '网格员工作台'],
  ['admin/pages/home/index', '管理后台'],
])('%s renders the caller and a way back', async (route, title) => {
  h = bootApp({ cloud: fakeGuide(testCatalog) });
  const page = await h.open(`/${route}`);
  await waitFor(() => textOf(page).includes(title));
  expect(textOf(page)).toContain('当前身份 微信用户');
  // Opened directly (nothing below it): back goes to a fresh home page.
  page.querySelector('.staff__back')!.dispatchEvent('tap');
  await waitFor(() => h!.navigations.length > 0);
  expect(h.navigations).toEqual([{ api: 'reLaunch', url: '/pages/index/index' }]);
});
