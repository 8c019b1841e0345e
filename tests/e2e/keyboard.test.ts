/**
 * Issue 20: staff at a PC (1280×800) work without a mouse. The desk's walk-in form is filled and
 * filed with Tab, typing, Space and Enter only; the console's pages are reached the same way, and
 * the focused control shows a ring.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectAccessible } from './a11y';
import { startApp, type AppServer } from './app-server';
import { artifact, launchChromium } from './browser';

jest.setTimeout(240_000);

let app: AppServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchChromium()]);
  context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  page = await context.newPage();
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await app?.stop();
});

async function openAs(openid: string, route: string) {
  await page.goto(app.url);
  await page.evaluate((id) => window.localStorage.setItem('qgt.demoOpenid', id), openid);
  await page.goto(`${app.url}/#/${route}`);
  await page.reload();
}

/** What the focused element is: its role, accessible label or text, and whether a ring shows. */
function focused() {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { role: '', name: '', cls: '', ring: false };
    const style = getComputedStyle(el);
    return {
      role: el.getAttribute('role') ?? el.tagName.toLowerCase(),
      name: (el.getAttribute('aria-label') ?? el.textContent ?? '').trim(),
      cls: String(el.className),
      ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
    };
  });
}

/** Presses Tab until the focused control matches; fails after `max` presses (not reachable). */
async function tabTo(match: (f: { role: string; name: string; cls: string }) => boolean, what: string, max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await focused();
    if (match(f)) return f;
  }
  throw new Error(`${what} cannot be reached with Tab`);
}

it('files a walk-in at the desk with the keyboard only', async () => {
  await openAs('demo-worker-1', 'worker/pages/desk/index');
  await page.getByText('今日值守').locator('visible=true').first().waitFor();

  await tabTo((f) => f.role === 'input' && f.name === '搜索事项', '搜索事项');
  await page.keyboard.type('低保');
  const result = await tabTo((f) => f.role === 'button' && f.cls.includes('desk__result'), 'a search result');
  expect(result.ring).toBe(true); // a visible focus ring at the PC
  await page.keyboard.press('Enter');

  await page.locator('.desk-form .material').first().waitFor();
  await tabTo((f) => f.role === 'checkbox', 'a material checkbox');
  await page.keyboard.press('Space');
  await expect(page.locator('.desk-form .material').first().getAttribute('aria-checked')).resolves.toBe('true');

  await tabTo((f) => f.role === 'input' && f.name === '姓名', '姓名');
  await page.keyboard.type('张阿姨');
  await tabTo((f) => f.role === 'input' && f.name === '电话', '电话');
  await page.keyboard.type('13800001234');
  await tabTo((f) => f.role === 'textarea' && f.name === '备注', '备注');
  await page.keyboard.type('带了身份证');
  await tabTo((f) => f.role === 'radio' && f.name.includes('流转后台'), '流转后台');
  await page.keyboard.press('Enter');
  await expect(page.locator('.choices--walkin-outcome .choice', { hasText: '流转后台' }).getAttribute('aria-checked')).resolves.toBe('true');
  await expectAccessible(page, 'desk walk-in form (PC)');

  await tabTo((f) => f.role === 'button' && f.name.includes('记录'), 'the submit button');
  await page.keyboard.press('Enter');
  await page.locator('.sheet__title', { hasText: '一次性告知单' }).waitFor();
  await page.screenshot({ path: artifact('keyboard-desk-notice.png'), fullPage: true });
});

it('walks the console: from the admin home to a page and a filter, keyboard only', async () => {
  await openAs('demo-admin', 'admin/pages/home/index');
  await page.locator('.staff__link--followups').locator('visible=true').waitFor();
  await tabTo((f) => (f.role === 'link' || f.role === 'button') && f.name.includes('回访任务'), '回访任务');
  await page.keyboard.press('Enter');
  await page.waitForURL(/followups/);
  await page.locator('.page').locator('visible=true').first().waitFor();
  await page.waitForLoadState('networkidle');
  await expectAccessible(page, 'followups (PC)');

  await openAs('demo-admin', 'admin/pages/requests/index');
  await page.locator('.choices--request-filter').locator('visible=true').waitFor();
  const chip = await tabTo((f) => f.role === 'radio', 'a status filter');
  await page.keyboard.press(' ');
  await expect(page.locator(`.choices--request-filter .choice[aria-checked="true"]`, { hasText: chip.name }).count()).resolves.toBe(1);
  await expectAccessible(page, 'requests (PC)');
});
