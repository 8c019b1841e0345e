/**
 * Renders the BUILT weapp (client/dist/weapp) with miniprogram-simulate in jsdom.
 *
 * - `wx` stub: simulate's mock API, overridden with an in-memory storage, recorded navigation,
 *   launch options, and `wx.cloud` whose `callFunction` answers from an in-test handler.
 * - `App` stores the Taro app config; `getApp`/`getCurrentPages` read the shim's state.
 * - `Page` maps a Taro page config onto `Component`: its functions become methods, `attached`
 *   runs onLoad(query) + onShow, `ready` runs onReady, `detached` runs onUnload.
 * - Every `bootApp()` resets the module registry and `wx`, so each test gets a fresh Taro
 *   runtime and webpack chunk registry.
 * - Within one boot, a page or component file runs its `Page()`/`Component()` only the first
 *   time (webpack skips a chunk it has installed), just as WeChat registers a page once. The
 *   harness remembers each file's definition and registers it again when simulate reloads it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { FIXED_NOW } from './clock';

export const WEAPP_DIST = path.resolve(__dirname, '../../client/dist/weapp');

/** What `wx.cloud.callFunction` hands to the handler: `{ name, data: { action, data } }`. */
export type CloudHandler = (name: string, data: { action: string; data: unknown }) => unknown | Promise<unknown>;

export interface Navigation {
  api: 'navigateTo' | 'redirectTo' | 'reLaunch' | 'switchTab' | 'navigateBack';
  url?: string;
}

export interface BootOptions {
  cloud: CloudHandler;
  /** Storage to start with (key → value), e.g. a cached catalog. */
  storage?: Record<string, unknown>;
  /** wx launch options (path, query.scene…); defaults to the home page. */
  launch?: { path: string; query?: Record<string, string>; scene?: number };
  /** Extra or replaced wx APIs (chooseMedia, getLocation…), merged over the stub; build them with `asyncApi`. */
  wx?: Record<string, unknown>;
  /**
   * Timers of 5 s or more fire after a hundredth of their delay, so a test can see the client's
   * own call timeouts (15 s) without waiting for them. Restored by `closeAll()`.
   */
  fastLongTimers?: boolean;
  /**
   * The pages' "now" (ISO; FIXED_NOW unless told): `Date` starts at this instant when the app
   * boots and runs on from there (timers stay real), so dates shown and compared come from the
   * same fixed clock as the backend's, while code that measures elapsed time still sees it pass.
   * Restored by `closeAll()`.
   */
  clock?: string;
}

// j-component's wrapper (untyped package): the parts the tests use.
export interface SimNode {
  dom: HTMLElement;
  instance: Record<string, unknown> & { data: Record<string, unknown> };
  querySelector(selector: string): SimNode | undefined;
  querySelectorAll(selector: string): SimNode[];
  dispatchEvent(name: string, options?: { detail?: unknown }): void;
  attach(parent: Element): void;
  detach(): void;
}

interface Simulate {
  load(componentPath: string, options?: { rootPath?: string }): string;
  render(id: string, properties?: Record<string, unknown>): SimNode;
  sleep(ms?: number): Promise<void>;
}

export type Callbacks = { success?: (r: unknown) => void; fail?: (e: unknown) => void; complete?: (r: unknown) => void };

/** wx-style async API: callbacks when given, else a promise. */
export function asyncApi<O extends Callbacks>(name: string, run: (opts: O) => unknown | Promise<unknown>) {
  return (opts: O = {} as O) => {
    const p = Promise.resolve()
      .then(() => run(opts))
      .then((r) => ({ errMsg: `${name}:ok`, ...(r as object) }));
    if (opts.success || opts.fail || opts.complete) {
      p.then(
        (r) => {
          opts.success?.(r);
          opts.complete?.(r);
        },
        (e) => {
          opts.fail?.(e);
          opts.complete?.(e);
        },
      );
      return undefined;
    }
    return p;
  };
}

export class WeappHarness {
  readonly storage = new Map<string, unknown>();
  readonly navigations: Navigation[] = [];
  readonly cloudCalls: { name: string; action: string; data: unknown }[] = [];
  readonly titles: string[] = [];
  readonly cloudInits: unknown[] = [];
  /** wx.cloud.uploadFile calls; each answers `cloud://test-env.bucket/<cloudPath>`. */
  readonly uploads: { cloudPath: string; filePath: string }[] = [];
  /** Set to make every cloud call fail as without a network (and wx.getNetworkType say `none`). */
  offline = false;
  /** Set to make every cloud call fail to connect while the device still has a network. */
  unreachable = false;
  /** wx.showModal calls; each is answered by `modalAnswer` (confirm by default). */
  readonly modals: { title?: string; content?: string }[] = [];
  modalAnswer = true;
  /** `fn.action` keys whose next call reaches the backend but whose reply never arrives. */
  private readonly stalled = new Set<string>();

  simulate!: Simulate;
  private app: Record<string, (...args: unknown[]) => unknown> | undefined;
  private pages: Record<string, unknown>[] = [];
  private loading: { route: string; query: Record<string, string> } | undefined;
  private mounted: SimNode[] = [];

  constructor(private readonly options: BootOptions) {
    for (const [k, v] of Object.entries(options.storage ?? {})) this.storage.set(k, clone(v));
  }

  /** Fresh modules and globals, then require app.js and run onLaunch/onShow. */
  boot(): this {
    if (!fs.existsSync(path.join(WEAPP_DIST, 'app.js'))) {
      throw new Error(`${WEAPP_DIST} has no app.js: run \`npm run build:weapp\` first`);
    }
    jest.resetModules();
    const g = global as unknown as Record<string, unknown>;
    startDateAt(this.options.clock ?? FIXED_NOW);
    if (this.options.fastLongTimers) shortenLongTimers();
    g.wx = this.wxStub();
    // simulate merges its mock API under our stub: `wx = Object.assign(api, wx)`.
    this.simulate = require('miniprogram-simulate') as Simulate;
    this.rememberDefinitions();
    g.App = (config: Record<string, (...args: unknown[]) => unknown>) => {
      this.app = config;
    };
    g.getApp = () => this.app;
    g.getCurrentPages = () => [...this.pages];
    g.Page = (config: Record<string, unknown>) => this.registerPage(config);

    require(path.join(WEAPP_DIST, 'app.js'));
    if (!this.app) throw new Error('app.js did not call App()');
    const launch = { scene: 1001, query: {}, referrerInfo: {}, ...(this.options.launch ?? { path: 'pages/index/index' }) };
    this.app.onLaunch?.call(this.app, launch);
    this.app.onShow?.call(this.app, launch);
    return this;
  }

  /** The next `fn.action` call runs on the server but its reply is lost (a timeout, seen from the app). */
  stallNext(key: string): void {
    this.stalled.add(key);
  }

  /** Loads, renders and attaches a page by url (`/pages/matter/index?scene=m%3Ddibao`). */
  async open(url: string, settleMs = 250): Promise<SimNode> {
    const [route, qs = ''] = url.replace(/^\//, '').split('?');
    const query: Record<string, string> = {};
    for (const pair of qs.split('&').filter(Boolean)) {
      const eq = pair.indexOf('=');
      // Like WeChat, hand the values over as they are in the url (not decoded).
      query[eq < 0 ? pair : pair.slice(0, eq)] = eq < 0 ? '' : pair.slice(eq + 1);
    }
    this.loading = { route, query };
    const id = this.simulate.load(path.join(WEAPP_DIST, route), { rootPath: WEAPP_DIST });
    const page = this.simulate.render(id);
    const parent = document.createElement('div');
    document.body.appendChild(parent);
    page.attach(parent);
    this.loading = undefined;
    this.mounted.push(page);
    await this.simulate.sleep(settleMs);
    return page;
  }

  /** The mini-program goes to the background: every open page's onHide, then the app's. */
  hideAll(): void {
    for (const p of [...this.pages].reverse()) (p as { onHide?: () => void }).onHide?.call(p);
    this.app?.onHide?.call(this.app);
  }

  /** Detaches every page (runs onUnload) so the next test starts clean. */
  closeAll(): void {
    for (const p of this.mounted.reverse()) p.detach();
    this.mounted = [];
    this.pages = [];
    document.body.innerHTML = '';
    restoreTimers();
  }

  private rememberDefinitions(): void {
    const g = global as unknown as { Component: (def: object) => void };
    const utils = require('miniprogram-simulate/src/utils') as { runJs: (file: string) => void };
    const simulateComponent = g.Component;
    const runJs = utils.runJs;
    const definitions = new Map<string, object>();
    let running: { file: string; registered: boolean } | undefined;
    g.Component = (def: object) => {
      if (running) {
        definitions.set(running.file, def);
        running.registered = true;
      }
      simulateComponent(def);
    };
    utils.runJs = (file: string) => {
      const outer = running;
      running = { file, registered: false };
      try {
        runJs(file);
        const def = definitions.get(file);
        if (!running.registered && def) simulateComponent(def);
      } finally {
        running = outer;
      }
    };
  }

  private registerPage(config: Record<string, unknown>): void {
    const harness = this;
    const methods: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(config)) if (typeof v === 'function') methods[k] = v;
    const Component = (global as unknown as { Component: (def: object) => void }).Component;
    Component({
      data: config.data ?? {},
      methods,
      lifetimes: {
        attached(this: Record<string, (...args: unknown[]) => unknown> & { route?: string; options?: object }) {
          const loading = harness.loading ?? { route: '', query: {} };
          this.route = loading.route;
          this.options = loading.query;
          harness.pages.push(this);
          this.onLoad?.call(this, { ...loading.query });
          this.onShow?.call(this);
        },
        ready(this: Record<string, (...args: unknown[]) => unknown>) {
          this.onReady?.call(this);
        },
        detached(this: Record<string, (...args: unknown[]) => unknown>) {
          harness.pages = harness.pages.filter((p) => p !== this);
          this.onUnload?.call(this);
        },
      },
    });
  }

  private wxStub(): Record<string, unknown> {
    const nav = (api: Navigation['api']) =>
      asyncApi<Callbacks & { url?: string }>(api, (o) => {
        this.navigations.push({ api, url: o.url });
      });
    return {
      getStorageSync: (key: string) => (this.storage.has(key) ? clone(this.storage.get(key)) : ''),
      setStorageSync: (key: string, value: unknown) => void this.storage.set(key, clone(value)),
      removeStorageSync: (key: string) => void this.storage.delete(key),
      getLaunchOptionsSync: () => ({ scene: 1001, query: {}, ...(this.options.launch ?? { path: 'pages/index/index' }) }),
      navigateTo: nav('navigateTo'),
      redirectTo: nav('redirectTo'),
      reLaunch: nav('reLaunch'),
      switchTab: nav('switchTab'),
      navigateBack: nav('navigateBack'),
      setNavigationBarTitle: asyncApi<Callbacks & { title: string }>('setNavigationBarTitle', (o) => {
        this.titles.push(o.title);
      }),
      showToast: asyncApi('showToast', () => undefined),
      showModal: asyncApi<Callbacks & { title?: string; content?: string }>('showModal', (o) => {
        this.modals.push({ title: o.title, content: o.content });
        return { confirm: this.modalAnswer, cancel: !this.modalAnswer };
      }),
      getNetworkType: asyncApi('getNetworkType', () => ({ networkType: this.offline ? 'none' : 'wifi' })),
      clearStorageSync: () => this.storage.clear(),
      setClipboardData: asyncApi('setClipboardData', () => undefined),
      cloud: {
        init: (o: unknown) => void this.cloudInits.push(o),
        callFunction: asyncApi<Callbacks & { name: string; data: { action: string; data: unknown } }>('cloud.callFunction', async (o) => {
          this.cloudCalls.push({ name: o.name, action: o.data.action, data: o.data.data });
          if (this.offline || this.unreachable) throw { errMsg: 'cloud.callFunction:fail request:fail network' };
          const result = clone(await this.options.cloud(o.name, o.data));
          const key = `${o.name}.${o.data.action}`;
          if (this.stalled.delete(key)) return new Promise(() => undefined);
          return { result, requestID: 'test' };
        }),
        uploadFile: asyncApi<Callbacks & { cloudPath: string; filePath: string }>('cloud.uploadFile', (o) => {
          if (this.offline) throw { errMsg: 'cloud.uploadFile:fail network' };
          this.uploads.push({ cloudPath: o.cloudPath, filePath: o.filePath });
          return { fileID: `cloud://test-env.bucket/${o.cloudPath}`, statusCode: 200 };
        }),
      },
      ...(this.options.wx ?? {}),
    };
  }
}

export function bootApp(options: BootOptions): WeappHarness {
  return new WeappHarness(options).boot();
}

const realSetTimeout = global.setTimeout;
const LONG_TIMER_MS = 5000;

function shortenLongTimers(): void {
  const fast = ((fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) =>
    realSetTimeout(fn, ms !== undefined && ms >= LONG_TIMER_MS ? ms / 100 : ms, ...args)) as typeof setTimeout;
  global.setTimeout = fast;
}

const RealDate = Date;

function restoreTimers(): void {
  global.setTimeout = realSetTimeout;
  global.Date = RealDate;
}

/**
 * Replaces `Date` by one whose clock reads `iso` now and runs on in real time (a frozen clock would
 * stall code that waits for time to pass). Dates made before still count as dates.
 */
function startDateAt(iso: string): void {
  const offset = RealDate.parse(iso) - RealDate.now();
  class TestDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(RealDate.now() + offset);
      else super(...(args as [string]));
    }
    static override now(): number {
      return RealDate.now() + offset;
    }
    static override [Symbol.hasInstance](v: unknown): boolean {
      return v instanceof RealDate;
    }
  }
  global.Date = TestDate as DateConstructor;
}

function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

/** All visible text of a rendered page: each element's text runs, joined by single spaces. */
export function textOf(node: SimNode): string {
  const parts: string[] = [];
  const walk = (el: Node) => {
    let run = '';
    const flush = () => {
      if (run.trim()) parts.push(run.trim());
      run = '';
    };
    el.childNodes.forEach((child) => {
      if (child.nodeType === 3) run += child.textContent ?? '';
      else {
        flush();
        walk(child);
      }
    });
    flush();
  };
  walk(node.dom);
  return parts.join(' ').replace(/\s+/g, ' ');
}

/** Polls until `check` passes (returns truthy / does not throw) or the time is up. */
/** Taps the first node matching `selector`. */
export const tap = (page: SimNode, selector: string) => page.querySelector(selector)!.dispatchEvent('tap');

/** Types into the first input/textarea matching `selector` (fires its input event). */
export const type = (page: SimNode, selector: string, value: string) => page.querySelector(selector)!.dispatchEvent('input', { detail: { value } });

export async function waitFor<T>(check: () => T, timeoutMs = 2000): Promise<T> {
  // performance, not Date: a test may hold Date at a fixed instant.
  const start = performance.now();
  let lastError: unknown;
  for (;;) {
    try {
      const v = check();
      if (v) return v;
    } catch (e) {
      lastError = e;
    }
    if (performance.now() - start > timeoutMs) throw lastError ?? new Error('waitFor: condition not met');
    await new Promise((r) => setTimeout(r, 20));
  }
}
