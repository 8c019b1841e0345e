/**
 * The routes that are not function calls (Open311, exports, QR codes and posters, printable
 * notices) are written once against this small host, the part of Fastify they use, and served by
 * two adapters: the local server's Fastify (fastifyHost below) and CloudBase's HTTP access service
 * (lib/http/access.ts, inside the functions). One route table, the same access rules on both.
 */
import type { FastifyInstance } from 'fastify';

type Headers = Record<string, string | string[] | undefined>;

/** What a route reads of a request (`Params`/`Querystring` typed per route, as Fastify's generics). */
export interface HttpRequest<R extends RouteTypes = RouteTypes> {
  method: string;
  /** Path and query string as requested. */
  url: string;
  params: R['Params'] extends object ? R['Params'] : Record<string, string>;
  query: R['Querystring'] extends object ? R['Querystring'] : Record<string, unknown>;
  /** Lower-case names. */
  headers: Headers;
  /** The raw body text (JSON and forms are parsed by the route, so bad input gets its own error). */
  body?: unknown;
}

export interface RouteTypes {
  Params?: object;
  Querystring?: object;
}

/** How a route answers: chained as Fastify's reply; a returned value is sent when `send` was not called. */
export interface HttpReply {
  code(status: number): HttpReply;
  type(contentType: string): HttpReply;
  header(name: string, value: string): HttpReply;
  send(body?: string | Buffer | object): HttpReply;
}

export type RouteHandler<R extends RouteTypes = RouteTypes> = (req: HttpRequest<R>, reply: HttpReply) => unknown;

export interface RouteHost {
  get<R extends RouteTypes = RouteTypes>(path: string, handler: RouteHandler<R>): void;
  post<R extends RouteTypes = RouteTypes>(path: string, handler: RouteHandler<R>): void;
}

/** The local server's adapter: each route becomes a Fastify route (errors go to its error handler). */
export function fastifyHost(app: FastifyInstance): RouteHost {
  const add = (method: 'get' | 'post') => (path: string, handler: RouteHandler<never>) => {
    app[method](path, (req, reply) => handler(req as never, reply as unknown as HttpReply));
  };
  return { get: add('get'), post: add('post') };
}
