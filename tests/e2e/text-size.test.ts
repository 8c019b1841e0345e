/**
 * Issue 20: H5 text follows the reader's browser font size (and zoom), not the screen width. The
 * root size is 130% of the browser's default (index.html), so the 750 design's 32px body is
 * 16.64 CSS px at the usual 16 px default on a phone and at a PC alike, and grows with the setting;
 * the phone layout still fits its width at the larger setting.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { flowSessionPerFile } from './flow-session';

jest.setTimeout(240_000);

const S = flowSessionPerFile('text-size');

/** Chromium's own "font size" setting (Settings → Appearance), through the DevTools protocol. */
async function setBrowserFontSize(context: BrowserContext, page: Page, px: number) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Page.setFontSizes' as never, { fontSizes: { standard: px, fixed: Math.round(px * 0.8) } } as never);
}

async function measure(page: Page) {
  await page.locator('.page').locator('visible=true').first().waitFor();
  await page.getByText('办事分类').locator('visible=true').first().waitFor();
  return page.evaluate(() => {
    const px = (el: Element) => parseFloat(getComputedStyle(el).fontSize);
    const shown = Array.from(document.querySelectorAll('.page')).find((el) => el.getClientRects().length > 0)!;
    return { root: px(document.documentElement), body: px(shown), overflow: document.documentElement.scrollWidth - window.innerWidth };
  });
}

it('is 130% of the browser default at any screen width, and grows with the browser setting', async () => {
  await S.page.goto(S.app.url);
  await S.as('demo-resident');
  const phone = await measure(S.page);
  expect(phone.root).toBeCloseTo(20.8, 1);
  expect(phone.body).toBeCloseTo(16.64, 1);

  // A PC screen: the same type (the old width script made it 40 px, and zoom then shrank it back).
  await S.page.setViewportSize({ width: 1280, height: 800 });
  await S.page.reload();
  expect((await measure(S.page)).root).toBeCloseTo(20.8, 1);

  // The reader asks for larger text: everything grows by the same factor, and the phone page still fits.
  await S.page.setViewportSize({ width: 390, height: 844 });
  await setBrowserFontSize(S.context, S.page, 24);
  await S.page.reload();
  const large = await measure(S.page);
  expect(large.root).toBeCloseTo(31.2, 1);
  expect(large.body).toBeCloseTo(24.96, 1);
  expect(large.overflow).toBeLessThanOrEqual(0);
});
