import type { Envelope, ErrorCode } from '@qgt/shared/errors';
import { FUNCTIONS } from '../../cloudfunctions/functions';
import { createContext, type Logger } from '../../cloudfunctions/lib/runtime/context';
import { dispatch } from '../../cloudfunctions/lib/runtime/handler';
import { toEnvelope } from '../../cloudfunctions/lib/runtime/envelope';
import { openEmbeddedStore } from '../../cloudfunctions/lib/store/embedded';
import type { Store } from '../../cloudfunctions/lib/store/port';
import { localPlatform } from '../../cloudfunctions/lib/platform/local';
import type { Platform } from '../../cloudfunctions/lib/platform/platform';
import { seedIfEmpty } from '../../cloudfunctions/lib/seed/demo';
import { publishCatalog, syncCatalogFromSource } from '../../cloudfunctions/lib/catalog/publish';
import type { Catalog } from '@qgt/shared/catalog/schema';
import { DEMO_POINTS } from '../../cloudfunctions/lib/seed/demo-community';
import type { CloudHandler } from './harness';
import { FIXED_NOW } from './clock';

/**
 * The weapp pages' backend in the page tests: `wx.cloud.callFunction` goes to `dispatch` of the
 * real handler tables (cloudfunctions/functions.ts), as the CloudBase entry does, with a context
 * on an in-memory embedded store seeded with the demo deployment and the repository's catalog
 * (or the one in `catalog`, e.g. the small test catalog of real-ops.ts's `testBackend`). "Now" is
 * a fixed clock the test moves by hand, never the machine's. Every function the pages call, the
 * guide included, runs here: no hand-written stand-in answers for any of them.
 */

export { FIXED_NOW };

/** How long a page's first load may take on the real handlers (cold handler code on a busy machine). */
export const FIRST_LOAD_MS = 8000;

export const DEMO = {
  resident: 'demo-resident',
  worker: 'demo-worker-1',
  admin: 'demo-admin',
} as const;

export const P = DEMO_POINTS;

/** A 随手拍 report in G1 (routed to demo-worker-1). */
export const report = (over: Record<string, unknown> = {}) => ({ kind: 'report', category: 'shizheng', description: '路灯不亮，晚上很黑', location: P.G1, ...over });

const silent: Logger = { info() {}, warn() {}, error() {} };

export class RealBackend {
  readonly store: Store = openEmbeddedStore(null);
  /** Every call the pages made, in order. */
  readonly calls: { fn: string; action: string; data: Record<string, unknown> }[] = [];
  /** `fn.action` → an error to answer the pages' next such call with (the call does not run). */
  readonly failOnce = new Map<string, { code: ErrorCode; message: string }>();
  /** The platform the handlers run on: the local one unless a test swaps a part (e.g. CloudBase's photo links). */
  platform: Platform;
  /** Who the pages call as (the platform's OPENID); null = not signed in. */
  openid: string | null;
  private clock: Date;
  private ready: Promise<void>;

  /** `catalog`: publish this one (the pages' small test catalog) instead of the repository's; `platform`: replaces parts of the local platform (e.g. `readFile` of uploaded files). */
  constructor(opts: { as?: string | null; now?: string; catalog?: Catalog; platform?: Partial<Platform> } = {}) {
    this.openid = opts.as === undefined ? DEMO.resident : opts.as;
    this.platform = { ...localPlatform(() => 'http://weapp.test'), ...opts.platform };
    const start = new Date(opts.now ?? FIXED_NOW);
    this.clock = start;
    this.ready = (async () => {
      if (opts.catalog) await publishCatalog(this.store, opts.catalog, start);
      else await syncCatalogFromSource(this.store, start);
      await seedIfEmpty(this.store, 'demo', start);
    })();
  }

  get now(): Date {
    return new Date(this.clock);
  }

  /** Moves the fixed clock forward. */
  advance(ms: number): void {
    this.clock = new Date(this.clock.getTime() + ms);
  }

  /** Sets the clock (setup that happened earlier, then back to the pages' FIXED_NOW). */
  setNow(iso: string): void {
    this.clock = new Date(iso);
  }

  callsOf(fn: string, action: string) {
    return this.calls.filter((c) => c.fn === fn && c.action === action);
  }

  /** One call as anyone (test setup and checks); the envelope, as the pages would get it. */
  async call<T = unknown>(fn: string, action: string, data: unknown, openid: string | null = this.openid): Promise<Envelope<T>> {
    await this.ready;
    const table = FUNCTIONS[fn];
    if (!table) return { ok: false, error: { code: 'NOT_FOUND', message: `未知云函数：${fn}` } };
    const ctx = createContext({ store: this.store, now: this.now, log: silent, platform: this.platform, openid });
    const { body } = await toEnvelope(silent, { fn, action }, () => dispatch(table, fn, { action, data }, ctx));
    return body as Envelope<T>;
  }

  /** The data of a call that must succeed (setup). */
  async ok<T = any>(fn: string, action: string, data: unknown, openid: string | null = this.openid): Promise<T> {
    const res = await this.call<T>(fn, action, data, openid);
    if (!res.ok) throw new Error(`${fn}.${action} failed: ${JSON.stringify(res.error)}`);
    return res.data;
  }

  /** The cloud handler for `bootApp`: every function on the real handlers (an unknown name is NOT_FOUND, as `call` answers). */
  handler(): CloudHandler {
    return async (name, event) => {
      const data = (event.data ?? {}) as Record<string, unknown>;
      this.calls.push({ fn: name, action: event.action, data });
      const injected = this.failOnce.get(`${name}.${event.action}`);
      if (injected) {
        this.failOnce.delete(`${name}.${event.action}`);
        return { ok: false, error: injected };
      }
      return this.call(name, event.action, data);
    };
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
