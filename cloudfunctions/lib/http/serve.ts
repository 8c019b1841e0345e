/**
 * A function answering CloudBase's HTTP access service: the routes under its prefixes
 * (lib/http/mounts.ts), registered by the same registrars as the local server's
 * (lib/server/*-routes.ts) with production rules — no dev identity headers (x-openid, x-now are
 * 403), staff sign in with the bearer session token (account.webLogin), partners with their API
 * key. A lazy chunk of the functions that own a prefix: a function call never loads it.
 */
import type { Logger } from '../runtime/context';
import type { Store } from '../store/port';
import type { Platform } from '../platform/platform';
import { cachedSceneCode } from '../platform/qr-cache';
import { drawLinkQr } from '../platform/link-qr';
import { registerOpen311Routes } from '../server/open311-routes';
import { registerExportRoutes } from '../server/export-routes';
import { registerQrRoutes } from '../server/qr-routes';
import { registerNoticeRoutes } from '../server/notice-routes';
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

interface Registered {
  host: RouteHost;
  deps: HttpAccessDeps;
  /** `https://<host>` the request came to: where the Open311 endpoints are. */
  origin: string;
}

const clock = () => new Date();
const linkQr = cachedSceneCode(drawLinkQr);

/** Each declared prefix's registrar (a unit test checks every prefix of HTTP_ROUTES has one). */
export const REGISTRARS: Record<string, (r: Registered) => Promise<void>> = {
  '/open311': ({ host, deps, origin }) =>
    registerOpen311Routes(host, { store: deps.store, production: true, clock, log: deps.log, platform: deps.platform, publicUrl: () => origin }),
  '/admin/export': ({ host, deps }) => registerExportRoutes(host, { store: deps.store, platform: deps.platform, production: true, clock, log: deps.log }),
  '/qr': ({ host, deps }) => registerQrRoutes(host, { store: deps.store, platform: deps.cloudCall ? deps.platform : { ...deps.platform, sceneCode: linkQr } }),
  '/desk/notice': ({ host, deps }) => registerNoticeRoutes(host, { store: deps.store }),
};

/** Answers an integration request with the routes of `fn`'s prefixes. */
export async function answerHttpAccess(fn: string, event: unknown, deps: HttpAccessDeps): Promise<HttpAccessResponse> {
  const router = httpAccessRouter(deps.log);
  const mounts = HTTP_ROUTES.filter((r) => r.function === fn).map((r) => r.path);
  const headers = (event as { headers?: Record<string, unknown> }).headers ?? {};
  const hostHeader = Object.entries(headers).find(([k]) => k.toLowerCase() === 'host')?.[1];
  const origin = typeof hostHeader === 'string' && /^[A-Za-z0-9.-]+(:\d+)?$/.test(hostHeader) ? `https://${hostHeader}` : deps.platform.publicUrl;
  for (const mount of mounts) await REGISTRARS[mount]({ host: router, deps, origin });
  // One prefix per function today; with several, the path itself says which (passthrough on).
  return router.handle(event, mounts.length === 1 ? mounts[0] : '');
}
