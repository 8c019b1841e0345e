import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

import { expectAccessible } from './a11y';

export const ARTIFACTS = path.resolve(__dirname, 'artifacts');

/** Debian's Chromium, started the way this machine allows (no sandbox as root, no background network). */
export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) throw new Error(`Chromium not found at ${executablePath}: apt-get install -y chromium fonts-noto-cjk`);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** The phone every browser test and the render benchmark use: a 390×844 screen at 2×, in Chinese. */
export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'zh-CN' } as const;

/** A fresh context on the PHONE, plus `extra` (a location, permissions…). */
export function newPhoneContext(browser: Browser, extra: BrowserContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({ ...PHONE, ...extra });
}

export function artifact(name: string): string {
  return path.join(ARTIFACTS, name);
}

export type Envelope = { ok: boolean; data?: any; error?: { code: string; message: string } };

/**
 * What the flow tests do over and over: switch the H5 demo identity the way the picker does,
 * take a screenshot once the page-switch animation settles, work a request in the workbench,
 * and call a function directly.
 * `current` is read lazily because the page and the server exist only after beforeAll.
 */
export function flowDriver(current: () => { page: Page; url: string }, prefix: string) {
  return {
    async as(openid: string, route = '') {
      const { page, url } = current();
      await page.evaluate((id) => window.localStorage.setItem('qgt.demoOpenid', id), openid);
      await page.goto(`${url}/${route ? `#/${route}` : ''}`);
      await page.reload();
    },
    /** A screenshot of the page state, which must also pass the shared accessibility check (a11y.ts). */
    async shot(name: string) {
      const { page } = current();
      await page.waitForTimeout(600);
      await page.screenshot({ path: artifact(`${prefix}-${name}.png`), fullPage: true });
      await expectAccessible(page, `${prefix}-${name}`);
    },
    /** In the workbench: 签收 the pending card showing `text`, open it from the active tab, 办结 with `note`. */
    async signAndResolve(text: string, note: string) {
      const { page } = current();
      const card = page.locator('.inbox__item', { hasText: text });
      await card.waitFor();
      await card.locator('.submit--accept').click();
      await page.getByText('没有待签收的工单').waitFor();
      await page.locator('.tabs__item--active').click();
      await page.locator('.request-card', { hasText: text }).click();
      await page.locator('.submit--open-resolve').click();
      await page.locator('.field__textarea--resolve textarea').fill(note);
      await page.locator('.submit--resolve').click();
      await page.locator('.status-chip--resolved').first().waitFor();
    },
    async call(fn: string, action: string, data: unknown, openid: string): Promise<Envelope> {
      const res = await fetch(`${current().url}/api/${fn}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-openid': openid },
        body: JSON.stringify({ action, data }),
      });
      return (await res.json()) as Envelope;
    },
  };
}
