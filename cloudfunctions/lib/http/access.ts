/**
 * CloudBase's HTTP access service (HTTP 访问服务) calling a function: the request arrives as an
 * integration request `{path, httpMethod, headers, queryStringParameters, body, isBase64Encoded,
 * requestContext}` and the function answers with an integration response `{statusCode, headers,
 * body, isBase64Encoded}` (docs.cloudbase.net/service/access-cloud-function). This adapter runs
 * the routes registered on a RouteHost (lib/http/host.ts) for such an event, as Fastify does
 * locally: the same paths, status codes, content types and error envelope. Binary bodies (xlsx,
 * PNG) go back base64.
 */
import * as z from 'zod/mini';
import { AppError, type ErrorBody } from '@qgt/shared/errors';
import type { Logger } from '../runtime/context';
import type { HttpReply, HttpRequest, RouteHandler, RouteHost } from './host';

/** Header values and query parameters arrive as strings ('true'/'false' seen in the docs' own sample). */
const Values = z.nullish(z.record(z.string(), z.union([z.string(), z.array(z.string())])));
export const HttpAccessEvent = z.object({
  path: z.string().check(z.startsWith('/')),
  httpMethod: z.string().check(z.minLength(1)),
  headers: Values,
  queryStringParameters: Values,
  body: z.nullish(z.string()),
  isBase64Encoded: z.nullish(z.union([z.boolean(), z.enum(['true', 'false'])])),
});
export type HttpAccessEvent = z.infer<typeof HttpAccessEvent>;

export interface HttpAccessResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: boolean;
}

interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  /** Static routes win over parameters, parameters over a wildcard (as Fastify's router). */
  rank: number;
  handler: RouteHandler<never>;
}

/** `/desk/notice/:id`, `/open311/v2/requests/:id.json`, `/open311/v2/*` → a regular expression. */
function compile(path: string): { pattern: RegExp; names: string[]; rank: number } {
  const names: string[] = [];
  let rank = 0;
  const source = path.replace(/:([A-Za-z_]\w*)|\*|[.+?^${}()|[\]\\]/g, (m, name: string | undefined) => {
    if (name) {
      names.push(name);
      rank = Math.max(rank, 1);
      return '([^/]+?)';
    }
    if (m === '*') {
      names.push('*');
      rank = 2;
      return '(.*)';
    }
    return `\\${m}`;
  });
  return { pattern: new RegExp(`^${source}$`), names, rank };
}

function errorResponse(err: AppError): HttpAccessResponse {
  const body: { ok: false; error: ErrorBody } = { ok: false, error: err.toBody() };
  return { statusCode: err.status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body), isBase64Encoded: false };
}

/** A RouteHost collecting routes, and `handle` answering an integration request with them. */
export function httpAccessRouter(log: Logger): RouteHost & { handle(raw: unknown, mount?: string): Promise<HttpAccessResponse> } {
  const routes: Route[] = [];
  const add = (method: string) => (path: string, handler: RouteHandler<never>) => {
    routes.push({ method, ...compile(path), handler });
    routes.sort((a, b) => a.rank - b.rank);
  };

  async function handle(raw: unknown, mount = ''): Promise<HttpAccessResponse> {
    const parsed = HttpAccessEvent.safeParse(raw);
    if (!parsed.success) return errorResponse(new AppError('BAD_REQUEST', 'HTTP 访问请求格式不正确'));
    const event = parsed.data;
    // With path passthrough off the route's own prefix is stripped: put it back, one table serves both.
    const path = mount && event.path !== mount && !event.path.startsWith(`${mount}/`) ? `${mount}${event.path === '/' ? '' : event.path}` : event.path;
    const method = event.httpMethod.toUpperCase();
    const headers = Object.fromEntries(Object.entries(event.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    const query = { ...(event.queryStringParameters ?? {}) };
    const search = new URLSearchParams(Object.entries(query).flatMap(([k, v]) => [v].flat().map((x) => [k, x]))).toString();
    const base64 = event.isBase64Encoded === true || event.isBase64Encoded === 'true';
    const body = event.body == null ? undefined : base64 ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;

    const reply = { status: 200, headers: {} as Record<string, string>, body: undefined as string | Buffer | object | undefined, sent: false };
    const http: HttpReply = {
      code: (status) => ((reply.status = status), http),
      type: (type) => ((reply.headers['content-type'] = type), http),
      header: (name, value) => ((reply.headers[name.toLowerCase()] = value), http),
      send: (value) => ((reply.body = value), (reply.sent = true), http),
    };
    const lookup = (m: string) => routes.map((r) => ({ r, match: r.method === m ? r.pattern.exec(decodeURI(path)) : null })).find((x) => x.match);
    let found: ReturnType<typeof lookup>;
    try {
      found = lookup(method === 'HEAD' ? 'GET' : method);
    } catch {
      return errorResponse(new AppError('BAD_REQUEST', '请求地址格式不正确'));
    }
    if (!found) return errorResponse(new AppError('NOT_FOUND', `找不到 ${method} ${path}`));
    const params = Object.fromEntries(found.r.names.map((n, i) => [n, found.match![i + 1]]));
    const req: HttpRequest = { method, url: search ? `${path}?${search}` : path, params, query, headers, body };
    try {
      const returned = await found.r.handler(req as never, http);
      if (!reply.sent && returned !== http && returned !== undefined) http.send(returned as object);
    } catch (e) {
      if (e instanceof AppError) return errorResponse(e);
      log.error({ err: e instanceof Error ? e.message : String(e), path }, 'unhandled http access error');
      return errorResponse(new AppError('INTERNAL'));
    }
    return encode(reply.status, reply.headers, reply.body);
  }

  return { get: add('GET'), post: add('POST'), handle };
}

/** Strings as they are, buffers base64, objects as JSON: what Fastify's `send` does with each. */
function encode(statusCode: number, headers: Record<string, string>, body: string | Buffer | object | undefined): HttpAccessResponse {
  if (Buffer.isBuffer(body)) return { statusCode, headers: { 'content-type': 'application/octet-stream', ...headers }, body: body.toString('base64'), isBase64Encoded: true };
  if (typeof body === 'string') return { statusCode, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers }, body, isBase64Encoded: false };
  if (body === undefined) return { statusCode, headers, body: '', isBase64Encoded: false };
  return { statusCode, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body: JSON.stringify(body), isBase64Encoded: false };
}
