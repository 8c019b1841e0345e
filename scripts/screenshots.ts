/**
 * `npm run screenshots`: the README's pictures, taken from the H5 build on the demo data (build it
 * first: `npm run build:h5`). A phone (390×844) for residents and grid workers, a PC (1280×800) for
 * the window desk and the 街道 dashboard. Written to docs/screenshots/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startTestServer } from '../tests/helpers/server';

const OUT = path.resolve(__dirname, '../docs/screenshots');
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, locale: 'zh-CN' } as const;
const PC = { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, locale: 'zh-CN' } as const;

/** [file, who (demo identity), route (hash path and query), screen] */
const SHOTS: [string, string | null, string, typeof PHONE | typeof PC][] = [
  ['home', null, '', PHONE],
  ['matter', null, '?m=dibao', PHONE],
  ['report', 'demo-resident', '#/resident/pages/report/index', PHONE],
  ['worker-home', 'demo-worker-1', '#/worker/pages/home/index', PHONE],
  ['desk-pc', 'demo-worker-1', '#/worker/pages/desk/index', PC],
  ['dashboard-pc', 'demo-street-admin', '#/admin/pages/dashboard/index', PC],
];

async function main() {
  if (!fs.existsSync(path.resolve(__dirname, '../client/dist/h5/index.html'))) throw new Error('no H5 build: run `npm run build:h5` first');
  fs.mkdirSync(OUT, { recursive: true });
  const server = await startTestServer();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    for (const [file, who, route, screen] of SHOTS) {
      const context = await browser.newContext(screen);
      const page = await context.newPage();
      await page.goto(`${server.url}/`);
      if (who) await page.evaluate((id) => window.localStorage.setItem('qgt.demoOpenid', id), who);
      await page.goto(`${server.url}/${route}`);
      await page.reload();
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(1200);
      await page.screenshot({ path: path.join(OUT, `${file}.png`) });
      console.log(`docs/screenshots/${file}.png`);
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
