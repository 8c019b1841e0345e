/**
 * 扫码登录 at the window's PC, in a real browser against the real backend (`npm start`): the PC
 * page shows a QR; the grid worker opens it on the phone (a second page, as the mini-program's
 * scan would) and confirms "在电脑上登录全岗通管理端？"; the PC is signed in as 刘网格 with the
 * bearer session alone (no demo identity on the PC), files a walk-in at the desk, prints the
 * 一次性告知单 and 退出 — after which the session is dead on the server. Screenshots go to
 * tests/e2e/artifacts/console-*.png.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startApp, type AppServer } from './app-server';
import { artifact, launchChromium, newPhoneContext } from './browser';

jest.setTimeout(240_000);

let app: AppServer;
let browser: Browser;
let pcContext: BrowserContext;
let phoneContext: BrowserContext;
let pc: Page;
let phone: Page;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchChromium()]);
  pcContext = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  phoneContext = await newPhoneContext(browser);
  [pc, phone] = await Promise.all([pcContext.newPage(), phoneContext.newPage()]);
});
afterAll(async () => {
  await pcContext?.close();
  await phoneContext?.close();
  await browser?.close();
  await app?.stop();
});

const shot = async (page: Page, name: string) => {
  await page.waitForTimeout(500);
  await page.screenshot({ path: artifact(`console-${name}.png`), fullPage: true });
};

async function api(fn: string, action: string, data: unknown, headers: Record<string, string>) {
  const res = await fetch(`${app.url}/api/${fn}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ action, data }) });
  return { status: res.status, body: (await res.json()) as any };
}

/** The PC's stored session token (Taro keeps storage as JSON in localStorage). */
const pcToken = () => pc.evaluate(() => /"token":"([^"]+)"/.exec(window.localStorage.getItem('qgt.session') ?? '')?.[1] ?? null);

let link = '';
let noticeId = '';

it('the PC shows a sign-in QR', async () => {
  const started = pc.waitForResponse((r) => r.url().endsWith('/api/account') && (r.request().postData() ?? '').includes('webLogin.start'));
  await pc.goto(`${app.url}/#/signin/pages/pc/index`);
  const body = await (await started).json();
  link = body.data.link;
  expect(link).toContain(`session=${body.data.session}`);
  await pc.locator('.signin__qr-image img, img.signin__qr-image').first().waitFor();
  expect(await pc.evaluate(() => window.localStorage.getItem('qgt.demoOpenid'))).toBeNull();
  await shot(pc, 'qr');
});

it('the grid worker opens it on the phone and confirms', async () => {
  await phone.goto(app.url);
  await phone.evaluate(() => window.localStorage.setItem('qgt.demoOpenid', 'demo-worker-1'));
  await phone.goto(link);
  await phone.reload(); // a hash-only change of URL is not a fresh load: start the app with the demo identity
  await phone.getByText('在电脑上登录全岗通管理端？').waitFor();
  // The browser's description, so the worker knows which PC asks.
  await phone.locator('.signin__device', { hasText: 'Chrome' }).waitFor();
  await shot(phone, 'confirm');
  await phone.locator('.submit--web-login-confirm').click();
  await phone.locator('.signin__confirmed').waitFor();
});

it('the PC is signed in as that worker, by its session alone', async () => {
  await pc.getByText('当前身份：刘网格 · 网格员').waitFor({ timeout: 20_000 });
  expect(await pc.evaluate(() => window.localStorage.getItem('qgt.demoOpenid'))).toBeNull();
  const token = await pcToken();
  expect(token).toBeTruthy();
  expect((await api('account', 'me', {}, { authorization: `Bearer ${token}` })).body.data).toMatchObject({ openid: 'demo-worker-1', role: 'worker' });
  await shot(pc, 'workbench');
});

it('works a walk-in at the desk and prints the 一次性告知单', async () => {
  await pc.locator('.workbench__desk').click();
  await pc.getByText('今日值守').waitFor();
  await pc.locator('.search-box__input input').fill('低保');
  await pc.locator('.desk__result').first().click();
  await pc.locator('.desk-form .material').first().click();
  await pc.locator('.field__input--resident-name input').fill('张阿姨');
  await pc.locator('.choices--walkin-outcome .choice', { hasText: '流转后台' }).click();
  const filed = pc.waitForResponse((r) => r.url().endsWith('/api/desk') && (r.request().postData() ?? '').includes('"walkin"'));
  await pc.locator('.submit--walkin').click();
  const walkin = (await (await filed).json()).data;
  noticeId = walkin.noticeId;
  expect(noticeId).toBeTruthy();
  await pc.locator('.sheet__title', { hasText: '一次性告知单' }).waitFor();
  await pc.getByText('办理依据').waitFor();

  // 打印 opens the browser's print dialog: counted here instead of shown.
  await pc.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => {
      (window as unknown as { printed: number }).printed++;
    };
  });
  await pc.locator('.sheet__print').click();
  expect(await pc.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
  await pc.emulateMedia({ media: 'print' });
  await shot(pc, 'notice-print');
  await pc.emulateMedia({ media: 'screen' });

  // The audit trail has it, from the PC.
  const trail = await api('admin', 'audit.list', { action: 'desk.walkin' }, { 'x-openid': 'demo-street-admin' });
  expect(trail.body.data.items[0]).toMatchObject({ actor: 'demo-worker-1', action: 'desk.walkin', target: walkin.id, via: 'pc' });
});

it('退出 ends the session on the server and brings the PC back to the QR', async () => {
  const token = await pcToken();
  await pc.goBack(); // from the printed sheet back to the desk, whose header has 退出
  await pc.locator('.staff-header__signout').locator('visible=true').click();
  await pc.locator('.signin__title', { hasText: '全岗通管理端' }).waitFor();
  expect(await pcToken()).toBeNull();
  expect((await api('work', 'inbox', {}, { authorization: `Bearer ${token}` })).status).toBe(401);
  await shot(pc, 'signed-out');
});

it('on the PC’s wide screen the dashboard sets its panels side by side', async () => {
  await pc.evaluate(() => window.localStorage.setItem('qgt.demoOpenid', 'demo-admin'));
  await pc.goto(`${app.url}/#/admin/pages/dashboard/index`);
  await pc.reload();
  const trend = pc.locator('.dashboard__panel--trend');
  const distribution = pc.locator('.dashboard__panel--distribution');
  await distribution.waitFor();
  const [a, b] = [(await trend.boundingBox())!, (await distribution.boundingBox())!];
  expect(Math.abs(a.y - b.y)).toBeLessThan(2); // one row
  expect(b.x).toBeGreaterThan(a.x + a.width - 1); // distribution to the right of the trend
  // Four KPIs to a row.
  const kpis = await pc.locator('.kpi').evaluateAll((els) => els.slice(0, 4).map((e) => Math.round(e.getBoundingClientRect().top)));
  expect(new Set(kpis).size).toBe(1);
  await shot(pc, 'dashboard-wide');
});
