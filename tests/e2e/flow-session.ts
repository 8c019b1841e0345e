import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { startApp, type AppServer } from './app-server';
import { flowDriver, launchChromium, newPhoneContext } from './browser';

/**
 * The set-up the flow tests share: the app (`npm start` on a fresh DATA_DIR) and Chromium started
 * once for the file, one phone context (plus `extra`) with one page, all closed after the file;
 * and the flow driver on that page, screenshots named `<prefix>-…`. The app, context and page are
 * getters: they exist only once beforeAll ran.
 */
export function flowSessionPerFile(prefix: string, extra: BrowserContextOptions = {}) {
  let app: AppServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchChromium()]);
    context = await newPhoneContext(browser, extra);
    page = await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await app?.stop();
  });
  return {
    get app() {
      return app;
    },
    get context() {
      return context;
    },
    get page() {
      return page;
    },
    ...flowDriver(() => ({ page, url: app.url }), prefix),
  };
}
