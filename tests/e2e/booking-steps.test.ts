/**
 * 预约上门帮办's steps are pages in the browser history (issue 16): back from a step returns to the
 * previous step with the choice made there still shown, and only from the first step to the
 * matter page — never straight home. Also the resident's 随手拍 form names the located place.
 * Screenshots go to tests/e2e/artifacts/booking-steps-*.png.
 */
import { flowSessionPerFile } from './flow-session';

jest.setTimeout(240_000);

/** Next to 锦绣东苑1栋 (30.9885, 103.6245 in GCJ-02), given in WGS-84 as a browser reports it. */
const NEAR_G1_1 = { latitude: 30.99108, longitude: 103.62247 };

const S = flowSessionPerFile('booking-steps', { geolocation: NEAR_G1_1, permissions: ['geolocation'] });
beforeAll(() => S.page.goto(S.app.url)); // the demo identity lives in the app origin's storage
const { as, shot } = S;
const visible = (selector: string, hasText?: string) => S.page.locator(`${selector}:visible`, hasText ? { hasText } : {});

it('back walks the booking steps in reverse: confirm → slots → building → the matter page', async () => {
  await as('demo-resident-2');
  await S.page.goto(`${S.app.url}/?m=dibao`);
  await visible('.matter__book').click();
  await visible('.choices--place .choice', '锦绣东苑1栋').click();
  await visible('.slot').first().waitFor();
  await S.page.waitForURL(/step=slot/);
  await visible('.slot:not(.slot--full)').last().click();
  await visible('.submit--book').waitFor();
  await S.page.waitForURL(/step=confirm/);
  await shot('confirm');

  await S.page.goBack();
  await visible('.slot').first().waitFor();
  await S.page.waitForURL(/step=slot/);
  await expect(visible('.submit--book').count()).resolves.toBe(0);
  await shot('back-to-slots');

  await S.page.goBack();
  await visible('.choices--place .choice--on', '锦绣东苑1栋').waitFor();
  await expect(visible('.slot').count()).resolves.toBe(0);
  await shot('back-to-building');

  // Another building from there: forward again, and the step behind keeps the new choice.
  await visible('.choices--place .choice', '锦绣东苑2栋').click();
  await visible('.booking__place', '锦绣东苑2栋').waitFor();
  await visible('.slot').first().waitFor();
  await S.page.goBack();
  await visible('.choices--place .choice--on', '锦绣东苑2栋').waitFor();

  await S.page.goBack();
  await visible('.matter__book').waitFor();
  expect(S.page.url()).toContain('matter/index');
});

it('the 随手拍 form names the located place after 定位, never coordinates', async () => {
  await as('demo-resident', 'resident/pages/report/index');
  const located = visible('.place__gps');
  await located.waitFor();
  await expect(located.textContent()).resolves.toBe('已定位：锦绣社区 锦绣东苑1栋附近');
  await shot('report-place');
});

it('offline, a matter opened before and tapped in the home list opens from the cache with its code and CSS', async () => {
  await as('demo-resident');
  // Opened once online, in an earlier visit: its details are kept on the device (the home keeps
  // only the summary), and it heads 最近查看.
  await S.page.goto(`${S.app.url}/?m=legal-aid`);
  await visible('.matter__title').first().waitFor();
  await S.page.goto(S.app.url);
  await visible('.matter-item', '法律援助').first().waitFor();
  // Give the background fetch of the matter page's chunks a moment, then cut the network.
  await S.page.waitForTimeout(4000);
  const failedChunks: string[] = [];
  S.page.on('requestfailed', (r) => failedChunks.push(r.url()));
  await S.context.setOffline(true);
  try {
    await visible('.matter-item', '法律援助').first().click();
    await visible('.matter__head').first().waitFor({ timeout: 15_000 });
    // The details came from the device: materials and steps, not just the title.
    await visible('.material').first().waitFor();
    expect(S.page.url()).toContain('matter/index');
    expect(failedChunks.filter((u) => /\.(js|css)(\?|$)/.test(u))).toEqual([]);
    await shot('matter-offline');
  } finally {
    await S.context.setOffline(false);
  }
});
