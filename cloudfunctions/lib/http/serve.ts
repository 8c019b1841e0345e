/**
 * A function answering CloudBase's HTTP access service: the routes under its prefixes
 * (lib/http/mounts.ts), registered by the same registrars as the local server's
 * (lib/server/*-routes.ts) with production rules — no dev identity headers (x-openid, x-now are
 * 403), staff sign in with the bearer session token (account.webLogin), partners with their API
 * key. Each owning function loads its own prefix's module (lib/http/*-access.ts) as a lazy chunk:
 * a function call never loads it, and no function carries another's routes.
 */
import type { Logger } from '../runtime/context';
import type { Store } from '../store/port';
import type { Platform } from '../platform/platform';
import { httpAccessRouter, type HttpAccessResponse } from './access';
import type { RouteHost } from './host';
import { HTTP_ROUTES } from './mounts';

export interface HttpAccessDeps {
  store: Store;
  platform: Platform;
  log: Logger;
  /**
   * Whether this invocation holds a cloud-call token. WeChat grants one to functions called from
   * the mini-program (and DevTools-declared timers), not to HTTP access: without it QR images are
   * ordinary QR codes of the H5 link, as self-hosted, instead of wxacode mini-program codes.
   */
  cloudCall: boolean;
}

export interface Registered {
  host: RouteHost;
  deps: HttpAccessDeps;
  /** `https://<host>` the request came to (the platform always sends Host): where the Open311 endpoints are. */
  origin: string;
}

export type Registrar = (r: Registered) => Promise<void>;
export type AnswerHttpAccess = (fn: string, event: unknown, deps: HttpAccessDeps) => Promise<HttpAccessResponse>;

/** Production's clock: HTTP access requests carry no x-now. */
export const clock = () => new Date();

/** The answer of a function owning these prefixes (each of HTTP_ROUTES' paths for it). */
export function servePrefixes(registrars: Record<string, Registrar>): AnswerHttpAccess {
  return async (fn, event, deps) => {
    const router = httpAccessRouter(deps.log);
    const mounts = HTTP_ROUTES.filter((r) => r.function === fn).map((r) => r.path);
    const headers = (event as { headers?: Record<string, unknown> }).headers ?? {};
    const hostHeader = Object.entries(headers).find(([k]) => k.toLowerCase() === 'host')?.[1];
    const origin = typeof hostHeader === 'string' && /^[A-Za-z0-9.-]+(:\d+)?$/.test(hostHeader) ? `https://${hostHeader}` : '';
    for (const mount of mounts) {
      const register = registrars[mount];
      if (!register) throw new Error(`${fn} has no registrar for its HTTP access prefix ${mount}`);
      await register({ host: router, deps, origin });
    }
    // One prefix per function today; with several, the path itself says which (passthrough on).
    return router.handle(event, mounts.length === 1 ? mounts[0] : '');
  };
}
