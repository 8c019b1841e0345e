import fs from 'node:fs';
import Fastify, { LogController, type FastifyInstance, type FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';
import { AppError, type ErrorBody } from '@qgt/shared/errors';
import { FUNCTIONS } from '../../functions';
import { actionName, dispatch } from '../runtime/handler';
import { createContext, type Logger } from '../runtime/context';
import { toEnvelope } from '../runtime/envelope';
import { redact } from '../runtime/redact';
import type { Store } from '../store/port';
import { localPlatform } from '../platform/local';
import { blobDir } from '../files/files';
import type { Platform } from '../platform/platform';
import type { ServerConfig } from './config';
import { requestIdentity } from './identity';
import { registerQrRoutes } from './qr-routes';
import { registerUploadRoutes } from './upload-routes';
import { registerDevRoutes } from './dev-routes';
import { registerNoticeRoutes } from './notice-routes';
import { registerExportRoutes } from './export-routes';
import { registerOpen311Routes } from './open311-routes';
import { turnBatcher } from './turn-batch';
import { registerSecurityHeaders } from './security-headers';
import { registerCompression, staticCacheControl } from './compression';
import { fastifyHost } from '../http/host';

/** Largest JSON body a function call may carry (a district's grid GeoJSON fits; photos go through uploads). */
export const BODY_LIMIT = 2 * 1024 * 1024;

export interface ServerDeps {
  config: ServerConfig;
  store: Store;
  clock?: () => Date;
}

function sendError(reply: FastifyReply, err: AppError) {
  const body: { ok: false; error: ErrorBody } = { ok: false, error: err.toBody() };
  return reply.code(err.status).send(body);
}

/**
 * The local stand-in for CloudBase: `POST /api/<function>` runs the same handler tables as the
 * cloud entries, with identity and clock from dev headers; plus health, QR images and the H5 app.
 */
const ROUTES = new WeakMap<FastifyInstance, string[]>();

/** `METHOD /path` of every route the server answers (HEAD, which fastify adds to each GET, left out). */
export function routesOf(app: FastifyInstance): readonly string[] {
  return ROUTES.get(app) ?? [];
}

export async function buildServer({ config, store, clock = () => new Date() }: ServerDeps): Promise<FastifyInstance> {
  const app = Fastify({
    bodyLimit: BODY_LIMIT,
    // A URL the router cannot decode (`/api/files/%ud800`) gets the contract's envelope too.
    frameworkErrors: (_err, _req, reply) => sendError(reply, new AppError('BAD_REQUEST', '请求地址格式不正确')),
    // One structured line per function call (below) says more than fastify's two per request.
    logController: new LogController({ disableRequestLogging: true }),
    logger: {
      level: config.logLevel,
      // No headers, bodies or addresses in logs: they carry identities and personal data.
      serializers: {
        req: (req) => ({ method: req.method, url: req.url }),
        res: (res) => ({ statusCode: res.statusCode }),
      },
      formatters: { log: (obj) => redact(obj) as Record<string, unknown> },
    },
  });
  // Every route as it is added (the security test checks each has an access row): read from the
  // hook, not from printRoutes()'s text, whose layout changes between fastify releases.
  const routes: string[] = [];
  ROUTES.set(app, routes);
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) if (method !== 'HEAD') routes.push(`${method} ${r.url}`);
  });
  const log: Logger = app.log;
  const platform: Platform = localPlatform(() => {
    if (config.publicUrl) return config.publicUrl;
    const addr = app.server.address();
    return `http://${config.shownHost}:${addr && typeof addr === 'object' ? addr.port : config.port}`;
  }, blobDir(config.dataDir), config.wechat);

  // Bodies are parsed by the route so malformed JSON gets the contract's envelope.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));

  app.setNotFoundHandler((req, reply) => sendError(reply, new AppError('NOT_FOUND', `找不到 ${req.method} ${req.url.split('?')[0]}`)));
  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, _req, reply) => {
    if (err instanceof AppError) return sendError(reply, err);
    const status = err.statusCode ?? 500;
    if (status === 413) return sendError(reply, new AppError('BAD_REQUEST', '请求内容过大'));
    if (status >= 400 && status < 500) return sendError(reply, new AppError('BAD_REQUEST', '请求格式不正确'));
    app.log.error({ err: { message: err.message, stack: err.stack } }, 'unhandled server error');
    return sendError(reply, new AppError('INTERNAL'));
  });

  await registerSecurityHeaders(app, { h5Dir: config.h5Dir, production: config.production });
  await registerCompression(app);

  // Up, and every collection usable: a datafile the store refused to open (damaged lines) is named here.
  app.get('/api/health', async (_req, reply) => {
    const unavailable = store.unavailable?.() ?? [];
    if (!unavailable.length) return { ok: true };
    return reply.code(503).send({ ok: false, unavailable: unavailable.map(({ collection, reason }) => ({ collection, reason: reason.replace(/ [^ ]*\/([^/ ]+\.db)/, ' $1') })) });
  });

  const turnStart = turnBatcher();
  app.post<{ Params: { fn: string } }>('/api/:fn', async (req, reply) => {
    const fn = req.params.fn;
    const table = Object.prototype.hasOwnProperty.call(FUNCTIONS, fn) ? FUNCTIONS[fn] : undefined;
    if (!table) return sendError(reply, new AppError('NOT_FOUND', `未知云函数：${fn}`));
    let event: unknown;
    try {
      const raw = typeof req.body === 'string' ? req.body : '';
      event = raw.trim() ? JSON.parse(raw) : undefined;
    } catch {
      return sendError(reply, new AppError('BAD_REQUEST', '请求体不是合法的 JSON'));
    }
    if (typeof event !== 'object' || event === null || Array.isArray(event))
      return sendError(reply, new AppError('BAD_REQUEST', '请求体须为 {"action": "...", "data": {...}}', { field: 'action' }));
    const action = actionName(event);
    await turnStart();
    const started = performance.now();
    const { status, body } = await toEnvelope(log, { fn, action }, async () => {
      const { openid, now, via, sessionId } = await requestIdentity(req.headers, { production: config.production, clock, store });
      const ctx = createContext({ store, now, log, platform, openid, address: req.ip, via, sessionId });
      return dispatch(table, fn, event, ctx);
    });
    req.log.info({ fn, action, status, ms: Math.round(performance.now() - started), code: body.ok ? undefined : body.error.code }, 'call');
    return reply.code(status).send(body);
  });

  // The routes CloudBase serves through its HTTP access service too (lib/http): one table, two adapters.
  const host = fastifyHost(app);
  await registerQrRoutes(host, { store, platform });
  await registerUploadRoutes(app, { store, config, clock });
  await registerDevRoutes(app, { store, production: config.production });
  await registerNoticeRoutes(host, { store });
  await registerExportRoutes(host, { store, platform, production: config.production, clock, log });
  await registerOpen311Routes(host, { store, production: config.production, clock, log, platform, origin: () => platform.publicUrl });

  if (fs.existsSync(config.h5Dir)) {
    await app.register(fastifyStatic, {
      root: config.h5Dir,
      prefix: '/',
      // fastify-static's own max-age=0 would override ours.
      cacheControl: false,
      setHeaders: (res, file) => res.setHeader('cache-control', staticCacheControl(file)),
    });
  } else {
    app.get('/', async (_req, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .send('<!doctype html><meta charset="utf-8"><title>全岗通</title><p>H5 客户端尚未构建：请运行 <code>npm run build:h5</code> 或 <code>npm start</code>。</p>'),
    );
  }
  return app;
}
