/**
 * An urgent report in a real browser against the real backend (issue 16): a resident smells gas
 * (燃气安全, urgent in the demo) → the form puts the emergency action first (what to do, whom to
 * call) → the report is due within hours → the gas company's staff (周师傅) find it on top of their
 * department page, marked 紧急, and the admin's dashboard 超期未办 opens its request list.
 * Screenshots go to tests/e2e/artifacts/urgent-*.png.
 */
import { flowSessionPerFile } from './flow-session';

jest.setTimeout(240_000);

const IN_G1 = { latitude: 30.99, longitude: 103.626 };
const DESCRIPTION = '锦绣东苑1栋2单元楼道里很重的煤气味';

const S = flowSessionPerFile('urgent', { geolocation: IN_G1, permissions: ['geolocation'] });
const { as, shot, call: api } = S;

let requestId = '';

it('the report form shows the emergency action first, and the report is due within hours', async () => {
  await S.page.goto(S.app.url);
  await as('demo-resident', 'resident/pages/report/index');
  await S.page.getByText(/已定位/).waitFor();
  await S.page.locator('.choices--category .choice', { hasText: '燃气安全' }).click();
  const card = S.page.locator('.emergency');
  await card.waitFor();
  for (const text of ['请先确保安全', '立即关闭燃气总阀', '打开门窗通风', '拨打燃气公司抢修', '拨打消防 119']) await card.getByText(text, { exact: false }).first().waitFor();
  // The emergency action heads the form, above the photos.
  const [cardBox, photosBox] = await Promise.all([card.boundingBox(), S.page.getByText('现场照片（选填）').boundingBox()]);
  expect(cardBox!.y).toBeLessThan(photosBox!.y);
  await shot('form');
  await S.page.locator('.field__textarea--description textarea').fill(DESCRIPTION);
  await S.page.locator('.submit--report').click();
  await S.page.getByText('提交成功').waitFor();
  await shot('done');

  const mine = await api('requests', 'mine', {}, 'demo-resident');
  const filed = mine.data.items.find((r: { description: string }) => r.description === DESCRIPTION);
  requestId = filed.id;
  expect(filed).toMatchObject({ urgent: true, category: 'ranqi', department: 'ranqi' });
  expect((Date.parse(filed.dueAt) - Date.parse(filed.createdAt)) / 3_600_000).toBeLessThanOrEqual(4);
});

it('the gas company’s staff find it on top of their department page, marked 紧急, and open it', async () => {
  await as('demo-dept-gas', 'worker/pages/home/index');
  await S.page.getByText('燃气公司 · 部门工作台').waitFor();
  const first = S.page.locator('.inbox__item').first();
  await first.getByText(DESCRIPTION).waitFor();
  await shot('department');
  await first.locator('.request-card').click();
  await S.page.locator('.detail__flag--urgent').waitFor();
  await S.page.locator('.info-row:visible', { hasText: '协办部门' }).getByText('燃气公司').waitFor();
  await shot('department-request');
  const told = await api('requests', 'get', { id: requestId }, 'demo-dept-gas');
  expect(told.data).toMatchObject({ urgent: true, departmentName: '燃气公司' });
});

it('the grid worker has it on top of the inbox too', async () => {
  await as('demo-worker-1', 'worker/pages/home/index');
  const first = S.page.locator('.inbox__item').first();
  await first.getByText(DESCRIPTION).waitFor();
});
