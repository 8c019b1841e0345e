/**
 * H5 first render in Chromium: the 百事通 home page of the real build beside an empty Taro app
 * built with the same Taro and config (bench/empty-taro). Both are served by the local server
 * (the same static serving, headers and process), one cold browser context per load.
 * `npm run bench:render` runs it alone; BENCH_RENDER_RUNS sets the loads per app (default 10).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium, newPhoneContext, PHONE } from '../tests/e2e/browser';
import { ROOT, startServerProcess } from './child-server';
import { percentile, printTable, type Row } from './stats';

const CLIENT = path.join(ROOT, 'client');
const EMPTY = path.join(ROOT, 'bench/empty-taro');
const GOAL_MS = 1500;

/** What "rendered" means for each app: the home's first category name, and the empty app's one View (text holders, as Element Timing needs). */
const HOME_SELECTOR = '.category-grid__name';
const EMPTY_SELECTOR = '.empty-page';

function newestMtime(dir: string): number {
  return fs.readdirSync(dir, { withFileTypes: true }).reduce((newest, e) => {
    const p = path.join(dir, e.name);
    return Math.max(newest, e.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }, 0);
}

/** Builds an app's H5 output when it is missing or older than its sources (as `npm start` does). */
function ensureH5(appDir: string, sources: string[], build: () => void): string {
  const out = path.join(appDir, 'dist/h5');
  const entry = path.join(out, 'index.html');
  if (!fs.existsSync(entry) || fs.statSync(entry).mtimeMs < Math.max(...sources.map(newestMtime))) build();
  return out;
}

function buildClient(): string {
  return ensureH5(CLIENT, [path.join(CLIENT, 'src'), path.join(ROOT, 'shared/src')], () =>
    execFileSync('npm', ['run', 'build:h5'], { cwd: ROOT, stdio: 'inherit' }),
  );
}

/**
 * The empty app resolves packages the way client/ does: its node_modules is a link to the
 * client's (Taro looks plugins up from the app folder; the link is git-ignored like any node_modules).
 */
function buildEmptyTaro(): string {
  const link = path.join(EMPTY, 'node_modules');
  if (!fs.existsSync(link)) fs.symlinkSync(path.relative(EMPTY, path.join(CLIENT, 'node_modules')), link, 'dir');
  return ensureH5(EMPTY, [path.join(EMPTY, 'src'), path.join(EMPTY, 'config'), path.join(CLIENT, 'config')], () =>
    execFileSync(path.join(ROOT, 'node_modules/.bin/taro'), ['build', '--type', 'h5'], { cwd: EMPTY, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } }),
  );
}

interface Load {
  /** Navigation start → the selector's element painted. */
  shownMs: number;
  fcpMs: number;
}

/**
 * Runs in the page before its scripts: marks the first element matching `sel` for the Element
 * Timing API as soon as it is inserted (a mutation observer runs before the next paint), and
 * keeps the time the browser reports it painted. Plain JS text: a bundled function would carry
 * the bundler's helpers into the page.
 */
const PAINT_WATCHER = `function (sel) {
  var mark = new MutationObserver(function () {
    var el = document.querySelector(sel);
    if (!el) return;
    el.setAttribute('elementtiming', 'bench-shown');
    mark.disconnect();
  });
  mark.observe(document, { childList: true, subtree: true });
  new PerformanceObserver(function (list) {
    list.getEntries().forEach(function (e) {
      if (e.identifier === 'bench-shown' && window.__shownAt === undefined) window.__shownAt = e.renderTime || e.loadTime;
    });
  }).observe({ type: 'element', buffered: true });
}`;

/**
 * One load in a fresh context (empty HTTP cache and storage, as a first visit), timed in the page
 * by PAINT_WATCHER: Playwright's own polling would add its latency to the figure.
 */
async function loadOnce(browser: Browser, url: string, selector: string): Promise<Load> {
  const context = await newPhoneContext(browser);
  try {
    await context.addInitScript({ content: `(${PAINT_WATCHER})(${JSON.stringify(selector)})` });
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(() => (window as unknown as { __shownAt?: number }).__shownAt !== undefined, undefined, { timeout: 30_000 }).catch(async () => {
      const text = (await page.locator('body').innerText().catch(() => '')).replace(/\s+/g, ' ').slice(0, 200);
      throw new Error(`${selector} not painted within 30 s at ${url}; the page shows: ${text || '(nothing)'}`);
    });
    return await page.evaluate(() => ({
      shownMs: (window as unknown as { __shownAt: number }).__shownAt,
      fcpMs: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
    }));
  } finally {
    await context.close();
  }
}

const ms = (n: number) => `${n.toFixed(0)} ms`;

interface Target {
  url: string;
  selector: string;
  loads: Load[];
}

async function timeLoads(browser: Browser, targets: Target[], runs: number): Promise<void> {
  for (const t of targets) await loadOnce(browser, t.url, t.selector); // warms the servers, not the browser
  for (let i = 0; i < runs; i++) {
    // Alternate which app goes first so a noisy moment on this shared machine hits both alike.
    for (const t of i % 2 ? [...targets].reverse() : targets) t.loads.push(await loadOnce(browser, t.url, t.selector));
  }
}

function summary(t: Target) {
  const shown = t.loads.map((l) => l.shownMs);
  return { median: percentile(shown, 50), p95: percentile(shown, 95), fcp: percentile(t.loads.map((l) => l.fcpMs), 50) };
}

export async function benchRender(runs = Number(process.env.BENCH_RENDER_RUNS ?? 10)): Promise<Row[]> {
  const builds = { home: buildClient(), empty: buildEmptyTaro() };
  const copies = fs.mkdtempSync(path.join(os.tmpdir(), 'qgt-render-'));
  const stops: (() => Promise<void>)[] = [];
  // Served from copies: other work in this checkout may rebuild a dist folder mid-run.
  const served = (name: keyof typeof builds) => {
    const to = path.join(copies, name);
    fs.cpSync(builds[name], to, { recursive: true });
    return to;
  };
  try {
    const home = await startServerProcess({ H5_DIR: served('home') });
    stops.push(home.stop);
    const empty = await startServerProcess({ H5_DIR: served('empty'), SEED: 'none' });
    stops.push(empty.stop);
    const browser = await launchChromium();
    stops.push(() => browser.close());
    const targets: Target[] = [
      { url: home.url, selector: HOME_SELECTOR, loads: [] },
      { url: empty.url, selector: EMPTY_SELECTOR, loads: [] },
    ];
    await timeLoads(browser, targets, runs);
    const [ours, bare] = targets.map(summary);
    const how = `${runs} cold loads each (new context), ${PHONE.viewport.width}×${PHONE.viewport.height}`;
    return [
      { metric: 'H5 first render: home, median', value: ms(ours.median), goal: '≤ 1.5 s', pass: ours.median <= GOAL_MS, note: `navigation start → first ${HOME_SELECTOR} painted; FCP ${ms(ours.fcp)}; ${how}` },
      { metric: 'H5 first render: home, p95', value: ms(ours.p95), goal: '≤ 1.5 s', pass: ours.p95 <= GOAL_MS },
      { metric: 'H5 first render: empty Taro app', value: ms(bare.median), note: `median; p95 ${ms(bare.p95)}; FCP ${ms(bare.fcp)}; one page with one <View>` },
      { metric: 'H5 first render: home / empty Taro', value: `${(ours.median / bare.median).toFixed(2)}×`, note: 'medians; the difference is our JS, CSS and the catalog call' },
    ];
  } finally {
    await Promise.all(stops.map((stop) => stop()));
    fs.rmSync(copies, { recursive: true, force: true });
  }
}

if (require.main === module) {
  benchRender()
    .then(printTable)
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
