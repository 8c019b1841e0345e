/**
 * Graceful failures in the H5 client against the real server (`npm start`): the API refusing
 * connections, the browser going offline, and finally the server stopped for real — each shows
 * what happened and 重试, never a blank page; a report keeps what was typed and, retried, files once.
 * Screenshots go to tests/e2e/artifacts/resilience-*.png.
 */
import { flowSessionPerFile } from './flow-session';

jest.setTimeout(240_000);

/** A point inside grid G1 (锦绣东苑); see the README's demo community. */
const IN_G1 = { latitude: 30.99, longitude: 103.626 };

const S = flowSessionPerFile('resilience', { geolocation: IN_G1, permissions: ['geolocation'] });
beforeAll(() => S.page.goto(S.app.url)); // the demo identity lives in the app origin's storage
const { as, shot, call } = S;
const refuseApi = () => S.page.route('**/api/**', (route) => route.abort('connectionrefused'));
const allowApi = () => S.page.unroute('**/api/**');

it('我的诉求 with the API refusing connections: 网络连接失败 and 重试, which loads once it is back', async () => {
  await as('demo-resident');
  await refuseApi();
  await S.page.goto(`${S.app.url}/#/resident/pages/mine/index`);
  await S.page.getByText('网络连接失败').waitFor();
  await S.page.locator('.load-state__retry', { hasText: '重试' }).waitFor();
  await shot('mine-refused');

  await allowApi();
  await S.page.locator('.load-state__retry').click();
  await S.page.getByText('您还没有提交过诉求').waitFor();
});

it('a report submitted offline keeps its text, says so, and 重试 files it once', async () => {
  await as('demo-resident', 'resident/pages/report/index');
  await S.page.getByText(/已定位/).waitFor();
  await S.page.locator('.choices--category .choice').first().click();
  await S.page.locator('.field__textarea--description textarea').fill('锦绣东苑3栋门口井盖松动');
  await S.context.setOffline(true);
  await S.page.locator('.submit--report').click();
  await S.page.getByText('当前没有网络连接').waitFor();
  await S.page.getByText('重试不会重复提交').waitFor();
  await shot('report-offline');
  await expect(S.page.locator('.field__textarea--description textarea').inputValue()).resolves.toBe('锦绣东苑3栋门口井盖松动');

  await S.context.setOffline(false);
  await S.page.locator('.form-error__retry').click();
  await S.page.getByText('提交成功').waitFor();
  const mine = await call('requests', 'mine', {}, 'demo-resident');
  expect((mine.data.items as { description: string }[]).filter((r) => r.description === '锦绣东苑3栋门口井盖松动')).toHaveLength(1);
});

it('the server stopped: a page opened next shows the failure and 重试, not a blank page', async () => {
  // Opened once while the server is up, so the browser has the page's code (H5 loads each page
  // lazily: with the whole site down, a page never opened cannot load at all).
  await as('demo-resident', 'resident/pages/mine/index');
  await S.page.locator('.mine__list, .mine__empty').first().waitFor();
  await S.page.goto(`${S.app.url}/#/pages/index/index`);
  await S.page.getByText('我要办 · 张阿姨').waitFor();
  await S.app.stop();
  await S.page.locator('.entry--mine').click();
  await S.page.getByText('网络连接失败').waitFor();
  await S.page.locator('.load-state__retry', { hasText: '重试' }).waitFor();
  await shot('server-stopped');
});
