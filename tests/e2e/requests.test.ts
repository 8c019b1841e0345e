/**
 * The requests pipeline in a real browser against the real backend (`npm start` on a fresh
 * DATA_DIR with the demo community): a resident files a 随手拍 report from inside grid G1 →
 * the grid's worker (刘网格) signs for it and hands it over with a 业务转接单 → the colleague
 * (陈网格) signs, resolves it → the resident sees it resolved with its timeline.
 * Screenshots go to tests/e2e/artifacts/requests-*.png.
 */
import { toStoredLatLng } from '@qgt/shared/domain/datum';
import { flowSessionPerFile } from './flow-session';

jest.setTimeout(240_000);

/** A point inside grid G1 (锦绣东苑, demo-worker-1); see the README's demo community. */
const IN_G1 = { latitude: 30.99, longitude: 103.626 };
const DESCRIPTION = '锦绣东苑3栋东侧路灯不亮，晚上很黑';

const S = flowSessionPerFile('requests', { geolocation: IN_G1, permissions: ['geolocation'] });
const { as, shot, call: api, signAndResolve } = S;

let requestId = '';

it('a resident picks the demo identity and files a 随手拍 report with a photo from inside grid G1', async () => {
  await S.page.goto(S.app.url);
  await S.page.getByText('办事分类').waitFor();
  // The demo-identity picker in the footer; the home page then shows the resident's entries.
  await S.page.locator('.identity-picker__item', { hasText: /^demo-resident$/ }).click();
  await S.page.getByText('我要办 · 张阿姨').waitFor();
  await S.page.locator('.home__header').scrollIntoViewIfNeeded();
  await shot('home-resident');
  await S.page.locator('.entry--report').click();

  await S.page.getByText(/已定位/).waitFor();
  // A real JPEG: a screenshot of the form itself.
  const jpeg = await S.page.screenshot({ type: 'jpeg', quality: 60 });
  const chooser = S.page.waitForEvent('filechooser');
  await S.page.locator('.photos__add').click();
  await (await chooser).setFiles({ name: 'light.jpg', mimeType: 'image/jpeg', buffer: jpeg });
  await S.page.locator('.photos--edit .photos__item img, .photos--edit .photos__item .photos__img').first().waitFor();
  await S.page.locator('.choices--category .choice', { hasText: '市政设施' }).click();
  await S.page.locator('.field__textarea--description textarea').fill(DESCRIPTION);
  await shot('report-form');

  // Two quick taps file one report (one idempotency key per draft, and the button locks).
  const submit = S.page.locator('.submit--report');
  await submit.click();
  await submit.click({ force: true }).catch(() => undefined);
  await S.page.getByText('提交成功').waitFor();
  await S.page.getByText(/已派给 刘网格 办理/).waitFor();
  await shot('report-done');

  const mine = await api('requests', 'mine', {}, 'demo-resident');
  expect(mine.ok).toBe(true);
  expect(mine.data.items).toHaveLength(1);
  const filed = mine.data.items[0];
  requestId = filed.id;
  expect(filed).toMatchObject({ kind: 'report', category: 'shizheng', description: DESCRIPTION, gridCode: 'G1', assignee: { openid: 'demo-worker-1' } });
  // The browser reports WGS-84; the page sends it converted to GCJ-02, the datum grids are stored in.
  expect(filed.location).toEqual(toStoredLatLng({ lat: IN_G1.latitude, lng: IN_G1.longitude }, 'wgs84'));
  expect(filed.photos).toHaveLength(1);
});

it('the routed worker finds it in 待签收, signs for it and transfers it with a 业务转接单', async () => {
  await as('demo-worker-1', 'worker/pages/home/index');
  await S.page.getByText('当前身份：刘网格 · 网格员').waitFor();
  const card = S.page.locator('.inbox__item', { hasText: DESCRIPTION });
  await card.waitFor();
  await shot('worker-inbox');
  await card.locator('.submit--accept').click();
  await S.page.getByText('没有待签收的工单').waitFor();

  await S.page.locator('.tabs__item--active').click();
  await S.page.locator('.request-card', { hasText: DESCRIPTION }).click();
  await S.page.locator('.submit--open-transfer').click();
  // Colleagues come from work.directory; 陈网格 is demo-worker-2.
  await S.page.locator('.choices--colleague .choice', { hasText: '陈网格' }).click();
  await S.page.locator('.field__textarea--reason textarea').fill('该路段由陈网格负责对接市政');
  await S.page.locator('.field__textarea--done textarea').fill('已现场核实，路灯确实不亮');
  await S.page.locator('.field__textarea--pending textarea').fill('联系市政维修并回访居民');
  await shot('transfer-sheet');
  await S.page.locator('.submit--transfer').click();
  // Back on the request: now assigned to 陈网格; the handoff sheet is on the staff timeline.
  await S.page.locator('.timeline__detail', { hasText: '待办：联系市政维修并回访居民' }).waitFor();
  await S.page.getByText('当前经办人').locator('..').getByText('陈网格').waitFor();
  await shot('transferred');
});

it('the colleague signs for it and resolves it with a note', async () => {
  await as('demo-worker-2', 'worker/pages/home/index');
  await S.page.getByText('当前身份：陈网格 · 网格员').waitFor();
  await signAndResolve(DESCRIPTION, '已联系市政更换灯泡，现已恢复照明');
  await shot('resolved-by-worker');
});

it('the resident sees it resolved in 我的诉求, with its timeline', async () => {
  await as('demo-resident', 'resident/pages/mine/index');
  const card = S.page.locator('.request-card', { hasText: DESCRIPTION });
  await card.waitFor();
  await card.locator('.status-chip--resolved').waitFor();
  await shot('mine');
  await card.click();
  await S.page.locator('.detail__title').waitFor();
  for (const text of ['提交诉求', '工作人员接单', '转交办理', '办结', '已联系市政更换灯泡，现已恢复照明']) {
    await S.page.locator('.timeline').getByText(text, { exact: false }).first().waitFor();
  }
  // Resident view: no staff detail (handoff sheet) on the timeline.
  expect(await S.page.locator('.timeline').innerText()).not.toContain('联系市政维修并回访居民');
  // The photo is shown to its owner.
  await S.page.locator('.photos--view .photos__img').first().waitFor();
  await shot('detail');
  // 查看大图 is a button that opens a named dialog; Escape closes it and focus is back on the photo.
  await S.page.locator('.photos--view .photos__open').first().focus();
  await S.page.keyboard.press('Enter');
  const viewer = S.page.locator('[role="dialog"][aria-label="查看照片"]');
  await viewer.locator('img').first().waitFor();
  await shot('photo-viewer');
  await S.page.keyboard.press('Escape');
  await viewer.waitFor({ state: 'detached' });
  await expect(S.page.evaluate(() => String(document.activeElement?.className))).resolves.toContain('photos__open');

  const view = await api('requests', 'get', { id: requestId }, 'demo-resident');
  expect(view.data.status).toBe('resolved');
  expect(view.data.assignee.openid).toBe('demo-worker-2');
  expect(view.data.timeline.map((e: { type: string }) => e.type)).toEqual(['create', 'accept', 'transfer', 'accept', 'resolve']);
});

it('another resident books a doorstep visit from a matter page, then cancels it with a reason', async () => {
  await as('demo-resident-2');
  await S.page.goto(`${S.app.url}/?m=dibao`);
  await S.page.locator('.matter__book').click();
  // The building comes first: the slots are those of the worker of its grid (G1: 刘网格).
  await S.page.locator('.choices--place .choice', { hasText: '锦绣东苑1栋' }).click();
  await S.page.locator('.slot').first().waitFor();
  const days = await S.page.locator('.slots__group').count();
  expect(days).toBeGreaterThan(0);
  await S.page.waitForFunction(() => {
    const left = Array.from(document.querySelectorAll('.slot__left'), (e) => e.textContent ?? '');
    return left.length > 0 && left.every((t) => t.includes('刘网格'));
  });
  await shot('booking-slots');
  // The latest free slot: well clear of the 2-hour cut-off when it is cancelled below.
  await S.page.locator('.slot:not(.slot--full)').last().click();
  await S.page.locator('.choices--building .choice--on', { hasText: '锦绣东苑1栋' }).waitFor();
  await S.page.locator('.field__input--address input').fill('2单元301');
  await S.page.locator('.field__input--phone input').fill('13800000009');
  await S.page.locator('.field__textarea--note textarea').fill('老人行动不便，请敲门后稍等');
  await shot('booking-confirm');
  await S.page.locator('.submit--book').click();
  await S.page.getByText('预约成功').waitFor();
  await shot('booking-done');

  await S.page.locator('.done__open').click();
  await S.page.locator('.detail__cancel').click();
  await S.page.locator('.field__textarea--cancel-reason textarea').fill('家人已代为办理');
  await S.page.locator('.submit--cancel').click();
  await S.page.locator('.status-chip--cancelled').waitFor();
  await shot('booking-cancelled');

  const { data } = await api('requests', 'mine', {}, 'demo-resident-2');
  expect(data.items).toHaveLength(1);
  expect(data.items[0]).toMatchObject({ kind: 'visit', matterCode: 'dibao', status: 'cancelled', buildingCode: 'G1-1', assignee: { openid: 'demo-worker-1' } });
  // Where to go and whom to call travel in their own fields (the worker sees them on the request).
  expect(data.items[0]).toMatchObject({ buildingName: '锦绣东苑1栋', address: '2单元301', contactPhone: '13800000009', description: '老人行动不便，请敲门后稍等' });
});
