import type { Catalog } from '@qgt/shared/catalog/schema';
import { testCatalog } from './fixture';
import type { CloudHandler } from './harness';
import { FIRST_LOAD_MS, FIXED_NOW, RealBackend } from './real-backend';

/**
 * The ops and guide pages' tests on the real handler tables (tests/weapp/real-backend.ts): the
 * small test catalog published (so the guide pages and the desk search show its three matters),
 * every function routed to the real handlers, the guide included.
 */

/** A backend with the test catalog (or `catalog`), as `as` (default: the demo resident). */
export function testBackend(opts: { as?: string | null; now?: string; catalog?: Catalog } = {}): RealBackend {
  return new RealBackend({ catalog: testCatalog, ...opts });
}

/** The pages' cloud handler: every function, the guide too, on the real handlers. */
export function allOn(backend: RealBackend): CloudHandler {
  return backend.handler();
}

/** `bootApp` options for a backend at the pages' fixed clock. */
export const cloudOf = (backend: RealBackend) => ({ cloud: allOn(backend), clock: FIXED_NOW });

/**
 * The backend once its store is seeded: seeding runs on the test's thread, so a page opened
 * meanwhile may not render within its settle time (a test that reads the page at once waits first).
 */
export async function seeded(backend: RealBackend): Promise<RealBackend> {
  await backend.call('account', 'me', {});
  return backend;
}

/** Reads from the backend until `ok` holds (a page's call may still be running), or fails after `ms`. */
export async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, ms = FIRST_LOAD_MS): Promise<T> {
  const start = performance.now();
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (performance.now() - start > ms) throw new Error(`eventually: last read ${JSON.stringify(value).slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
