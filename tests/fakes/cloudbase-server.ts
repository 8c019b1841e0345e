/**
 * A fake of CloudBase's server API for tests: `POST /admin` answered the way the service answers
 * @cloudbase/node-sdk 3.x, so the real SDK runs against it unchanged. Shapes come from the SDK's
 * source (node-sdk dist/utils/tcbapirequester.js, dist/wx/index.js; @cloudbase/database
 * dist/commonjs/{query,document,collection}.js):
 *
 * - every call is `POST /admin?env=…&seqId=…` with JSON `{ action, envName, collectionName, … }`,
 *   except `wx.openApi`, which is multipart form data with a protobuf `requestData`;
 * - queries, updates, orders and documents are canonical EJSON strings; replies carry documents as
 *   canonical EJSON strings too (`data.list`);
 * - success is HTTP 200 `{ requestId, data }`; a failure is HTTP 200 `{ code, message, requestId }`
 *   (the SDK throws on `code`; on any other status it throws with the status only).
 *
 * Each request is handled synchronously, so every operation is atomic, as one MongoDB
 * operation on one document is on the real service.
 *
 * As strict as the platform where our code meets it (shared/notes/wechat-platform.md):
 * - a cloud openapi call with an empty cloud-call token (`wxCloudApiToken`, from WX_API_TOKEN, or
 *   WX_TRIGGER_API_TOKEN_V0 when TRIGGER_SRC=timer) is refused;
 * - with `callingFunction` set, an openapi the function's config.json does not list is refused
 *   (-604101), as CloudBase does;
 * - subscribeMessage.send: an unknown template is 40037, data keys other than the template's or a
 *   value outside its type's rules 47003, a `page` not in app.config.ts 41030, no one-time grant
 *   left 43101 (`subscribe`);
 * - a document over 16 MB and field names with `.` or `$` are refused; aggregation output is
 *   capped at AGGREGATE_CAP rows.
 *
 * And the HTTP access service (HTTP 访问服务, `fake.gatewayUrl`): a request whose path falls under a
 * declared route (deploy/http-routes.json, longest prefix first) calls that function's `main`
 * (registered in `fake.functions`) with the integration request the platform builds —
 * `{path, httpMethod, headers, queryStringParameters, requestContext, body, isBase64Encoded}`, the
 * prefix stripped unless path passthrough is on, bodies other than text base64 — and a context with
 * no OPENID and no cloud-call token (WeChat grants one only to calls from the mini-program). The
 * reply is read as the platform does: an integration response `{statusCode, headers, body,
 * isBase64Encoded}`, a string as text/plain, anything else as JSON.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { BSONRegExp, EJSON } from 'bson';
import 'mingo/init/system';
import { Aggregator, Query } from 'mingo';
import { update as applyUpdateOperator } from 'mingo/updater';
import { appPages } from './app-pages';
import { HTTP_ROUTES } from '../../cloudfunctions/lib/http/mounts';
import { answerWeb, createCloudbaseWeb, type FakeCloudbaseWeb } from './cloudbase-web';

type Json = Record<string, unknown>;
export type StoredDoc = Json & { _id: unknown };

export interface FakeCloudbaseOptions {
  /**
   * What `updated` counts in a modifyDocument reply. MongoDB, under CloudBase, reports modified
   * documents (an update that changes nothing counts 0); 'matched' counts every matched document.
   */
  updatedCounts?: 'modified' | 'matched';
  /** The real service refuses to touch a collection nobody created; set to create on first use. */
  autoCreateCollections?: boolean;
  /**
   * How a duplicate `_id` is reported: documented as DATABASE_DUPLICATE_WRITE, seen in the wild as
   * DATABASE_REQUEST_FAILED carrying MongoDB's E11000 text.
   */
  duplicateCode?: 'DATABASE_DUPLICATE_WRITE' | 'DATABASE_REQUEST_FAILED';
}

export interface FakeRequest {
  action: string;
  params: Json;
}

/** What WeChat answers to a cloud openapi call: a body, or a system error (e.g. no permission). */
export interface OpenApiReply {
  contentType?: string;
  body?: Buffer;
  errorCode?: number;
}

/** Subscribe-message state: the templates the MP console holds, and one-time grants per OPENID and template id. */
export interface FakeSubscribe {
  /** template id → { key → WeChat value type } */
  templates: Map<string, Record<string, string>>;
  /** `${openid}:${templateId}` → grants left */
  grants: Map<string, number>;
  /** Messages WeChat accepted. */
  sent: Json[];
  /** The released mini-program's pages (app.config.ts): a message opening any other page is 41030. */
  pages: Set<string>;
  grant(openid: string, templateId: string, n?: number): void;
}

/** A function's entry, as SCF calls it. */
export type FunctionMain = (event: unknown, context: unknown) => Promise<unknown>;

export interface FakeCloudbase {
  url: string;
  /** The HTTP access service's domain (`https://<env>.service.tcloudbase.com` on CloudBase). */
  gatewayUrl: string;
  /** The functions the HTTP access service can call, by name. */
  functions: Map<string, FunctionMain>;
  /** Path prefix → function, as the deploy creates them; `passthrough` is 路径透传 (PathTransmission). */
  httpRoutes: { path: string; function: string; passthrough: boolean }[];
  /** Integration requests delivered, newest last. */
  httpEvents: Json[];
  subscribe: FakeSubscribe;
  /** Cloud storage: fileID → bytes, served through temporary URLs (getTempFileURL, downloadFile). */
  files: Map<string, Buffer>;
  /** The function making the calls: its config.json's `permissions.openapi` are enforced. */
  callingFunction?: string;
  close(): Promise<void>;
  requests: FakeRequest[];
  collections: Map<string, StoredDoc[]>;
  /**
   * Injected faults, first match by action (e.g. /^database\.updateDocument$/): what CloudBase
   * answers under load — FAULTS.writeConflict, FAULTS.concurrencyLimit, FAULTS.timeout.
   */
  faults: FakeFault[];
  /** Latency added before every answer (ms, or a function drawing one). */
  latencyMs: number | (() => number);
  /** Answers `wx.openApi` (cloud openapi) calls; replace it to simulate WeChat's answers. */
  openApi: (apiName: string, args: Json) => OpenApiReply;
  /** What a web page reaches through @cloudbase/js-sdk: custom login and function calls (cloudbase-web.ts). */
  web: FakeCloudbaseWeb;
}

export interface FakeFault {
  action: RegExp;
  code: string;
  message: string;
  /** How many requests it hits (then it is gone). */
  times: number;
  /** The request is carried out, then answered with the error (the answer, not the write, was lost). */
  applied?: boolean;
}

/** Errors CloudBase's database answers under concurrent load (code and message as the SDK surfaces them). */
export const FAULTS = {
  writeConflict: { code: 'DATABASE_REQUEST_FAILED', message: 'WriteConflict: Write conflict during plan execution and yielding is disabled' },
  concurrencyLimit: { code: 'SYS_ERR', message: 'request concurrency limit exceeded, please retry later' },
  timeout: { code: 'DATABASE_TIMEOUT', message: 'database request timeout' },
} as const;

/** What SCF puts in a function's environment so the SDK finds the cloud-call token (getWxCloudToken). */
export const CLOUD_CALL_TOKEN = { WX_CONTEXT_KEYS: 'WX_API_TOKEN', WX_API_TOKEN: 'fake-cloud-call-token' } as const;

/** A 1×1 PNG, what `wxacode.getUnlimited` answers by default. */
export const FAKE_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** A document's size limit (16 MB) and the aggregation output cap observed on CloudBase. */
export const DOCUMENT_LIMIT = 16 * 1024 * 1024;
export const AGGREGATE_CAP = 10_000;
/** A function call's payload limit (EXCEED_MAX_PAYLOAD_SIZE): what a client may send one function. */
export const CALL_PAYLOAD_LIMIT = 100 * 1024;

/** WeChat's value rules per template field type (subscribeMessage.send), written from its docs, independently of ours. */
export const WECHAT_FIELD_RULES: Record<string, (v: string) => boolean> = {
  thing: (v) => [...v].length <= 20 && !/[\u{10000}-\u{1FFFF}\u0000-\u001f\u007f]/u.test(v),
  phrase: (v) => [...v].length <= 5 && /^[\u4e00-\u9fff]+$/.test(v),
  time: (v) => /^(\d{4}年\d{1,2}月\d{1,2}日 )?\d{1,2}:\d{2}$/.test(v),
  date: (v) => /^\d{4}年\d{1,2}月\d{1,2}日( \d{1,2}:\d{2})?$/.test(v),
  character_string: (v) => v.length <= 32 && /^[\x21-\x7e]+$/.test(v),
  number: (v) => v.length <= 32 && /^\d+(\.\d+)?$/.test(v),
  letter: (v) => v.length <= 32 && /^[A-Za-z]+$/.test(v),
  symbol: (v) => v.length <= 5 && /^[\x21-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e]+$/.test(v),
  name: (v) => [...v].length <= 10 && /^[\u4e00-\u9fff]+$/.test(v),
  phone_number: (v) => v.length <= 17 && /^[\d+\- ()]+$/.test(v),
};

/** The openapi permissions of a function, from cloudfunctions/<fn>/config.json. */
function permissionsOf(fn: string): string[] {
  const file = path.join(__dirname, '..', '..', 'cloudfunctions', fn, 'config.json');
  if (!fs.existsSync(file)) return [];
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { permissions?: { openapi?: string[] } }).permissions?.openapi ?? [];
}

class ServiceError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function startFakeCloudbase(options: FakeCloudbaseOptions = {}): Promise<FakeCloudbase> {
  const collections = new Map<string, StoredDoc[]>();
  const requests: FakeRequest[] = [];

  function collection(params: Json, createIfMissing = false): StoredDoc[] {
    const name = String(params.collectionName ?? '');
    let docs = collections.get(name);
    if (!docs && createIfMissing && options.autoCreateCollections) collections.set(name, (docs = []));
    if (!docs) throw new ServiceError('DATABASE_COLLECTION_NOT_EXIST', `Db or Table not exist: ${name}`);
    return docs;
  }

  const database: Record<string, (p: Json) => Json> = {
    'database.addCollection'(p) {
      const name = String(p.collectionName ?? '');
      if (collections.has(name)) throw new ServiceError('DATABASE_COLLECTION_ALREADY_EXIST', `collection ${name} already exists`);
      collections.set(name, []);
      return {};
    },
    'database.getDocument'(p) {
      const docs = collection(p);
      const order = p.order ? (decode(p.order) as Record<string, 1 | -1>) : {};
      const offset = Number(p.offset ?? 0);
      const limit = Math.min(Number(p.limit ?? 100), 1000);
      let cursor = new Query(decode(p.query)).find(docs, p.projection ? decode(p.projection) : undefined);
      if (Object.keys(order).length) cursor = cursor.sort(order);
      const list = cursor.skip(offset).limit(limit).all();
      return { list: list.map((d) => EJSON.stringify(d, { relaxed: false })), offset, limit };
    },
    'database.calculateDocument'(p) {
      const query = new Query(decode(p.query));
      return { total: collection(p).filter((d) => query.test(d)).length };
    },
    'database.insertDocument'(p) {
      const docs = collection(p, true);
      const insertedIds: unknown[] = [];
      // Ordered insert, as MongoDB's: documents before a failing one stay inserted.
      for (const raw of p.data as string[]) {
        const doc = decode(raw) as StoredDoc;
        checkDocument(doc, raw);
        doc._id ??= crypto.randomBytes(16).toString('hex');
        if (docs.some((d) => sameId(d._id, doc._id))) {
          throw new ServiceError(
            options.duplicateCode ?? 'DATABASE_DUPLICATE_WRITE',
            `E11000 duplicate key error collection: ${String(p.collectionName)} index: _id_ dup key: { _id: ${JSON.stringify(doc._id)} }`,
          );
        }
        docs.push(doc);
        insertedIds.push(doc._id);
      }
      return { insertedIds };
    },
    'database.modifyDocument'(p) {
      const docs = collection(p, Boolean(p.upsert));
      const query = decode(p.query);
      const data = decode(p.data);
      const test = new Query(query);
      const matched = docs.filter((d) => test.test(d));
      const targets = p.multi ? matched : matched.slice(0, 1);
      // Compute every new version before writing any, so a failing update leaves no trace.
      const next = targets.map((d) => (p.merge ? applyOperators(d, data) : { ...data, _id: d._id }));
      for (const doc of next) checkDocument(doc);
      let updated = 0;
      next.forEach((doc, i) => {
        const changed = EJSON.stringify(doc) !== EJSON.stringify(targets[i]);
        if (changed || options.updatedCounts === 'matched') updated++;
        docs[docs.indexOf(targets[i])] = doc;
      });
      if (targets.length || !p.upsert) return { updated };
      const seed = Object.fromEntries(Object.entries(query).filter(([k, v]) => !k.startsWith('$') && !isOperatorObject(v)));
      const created = p.merge ? applyOperators(seed as StoredDoc, data) : ({ ...data, _id: seed._id } as StoredDoc);
      created._id ??= crypto.randomBytes(16).toString('hex');
      checkDocument(created);
      docs.push(created);
      return { updated: 0, upsert_id: created._id };
    },
    /** `stages: [{stageKey: '$match', stageValue: '<EJSON>'}, …]`, evaluated by mingo's aggregation. */
    'database.aggregateDocuments'(p) {
      const docs = collection(p);
      const pipeline = (p.stages as Array<{ stageKey: string; stageValue: string }>).map((s) => ({ [s.stageKey]: decode(s.stageValue) }));
      let list: unknown[];
      try {
        list = new Aggregator(pipeline as never).run(docs);
      } catch (e) {
        throw new ServiceError('DATABASE_REQUEST_FAILED', (e as Error).message);
      }
      // CloudBase cuts aggregation output off without saying so.
      return { list: list.slice(0, AGGREGATE_CAP).map((d) => EJSON.stringify(d, { relaxed: false })) };
    },
    'database.removeDocument'(p) {
      const docs = collection(p);
      const query = new Query(decode(p.query));
      const matched = docs.filter((d) => query.test(d));
      const targets = p.multi ? matched : matched.slice(0, 1);
      for (const d of targets) docs.splice(docs.indexOf(d), 1);
      return { deleted: targets.length };
    },
  };

  const subscribe: FakeSubscribe = {
    pages: appPages(),
    templates: new Map(),
    grants: new Map(),
    sent: [],
    grant(openid, templateId, n = 1) {
      this.grants.set(`${openid}:${templateId}`, (this.grants.get(`${openid}:${templateId}`) ?? 0) + n);
    },
  };

  /** subscribeMessage.send as WeChat answers it. */
  function subscribeSend(args: Json): OpenApiReply {
    const reply = (errcode: number, errmsg: string): OpenApiReply => ({ contentType: 'application/json', body: Buffer.from(JSON.stringify({ errcode, errmsg })) });
    const templateId = String(args.template_id ?? '');
    const keys = subscribe.templates.get(templateId);
    if (!keys) return reply(40037, 'invalid template_id');
    const data = (args.data ?? {}) as Record<string, { value?: unknown }>;
    const sent = Object.keys(data).sort();
    if (JSON.stringify(sent) !== JSON.stringify(Object.keys(keys).sort())) return reply(47003, `argument invalid! data keys ${sent.join(',')} are not the template's`);
    for (const [key, type] of Object.entries(keys)) {
      const value = String(data[key]?.value ?? '');
      if (!value) return reply(47003, `argument invalid! data.${key}.value is empty`);
      if (!WECHAT_FIELD_RULES[type]?.(value)) return reply(47003, `argument invalid! data.${key}.value invalid`);
    }
    // The page must exist in the published mini-program (a query string after it is fine).
    const page = String(args.page ?? '').split('?')[0];
    if (page && !subscribe.pages.has(page)) return reply(41030, 'invalid page rid: page not found in the released mini program');
    const grant = `${String(args.touser)}:${templateId}`;
    if (!(subscribe.grants.get(grant) ?? 0)) return reply(43101, 'user refuse to accept the msg');
    subscribe.grants.set(grant, subscribe.grants.get(grant)! - 1);
    subscribe.sent.push(args);
    return reply(0, 'ok');
  }

  const fake: FakeCloudbase = {
    url: '',
    gatewayUrl: '',
    functions: new Map(),
    httpRoutes: HTTP_ROUTES.map((r) => ({ path: r.path, function: r.function, passthrough: true })),
    httpEvents: [],
    web: createCloudbaseWeb(),
    requests,
    collections,
    subscribe,
    files: new Map(),
    faults: [],
    latencyMs: 0,
    openApi: (apiName, args) =>
      apiName === 'wxacode.getUnlimited'
        ? { contentType: 'image/png', body: FAKE_PNG }
        : apiName === 'subscribeMessage.send'
          ? subscribeSend(args)
          : { errorCode: -604101 }, // no permission for that API
    close: async () => {
      await Promise.all(
        [server, gateway].map((s) => new Promise<void>((resolve) => {
          s.close(() => resolve());
          s.closeAllConnections(); // the SDK keeps connections alive
        })),
      );
    },
  };

  /** The first injected fault for this action, used up once its `times` are spent. */
  function takeFault(action: string): FakeFault | undefined {
    const fault = fake.faults.find((f) => f.action.test(action));
    if (fault && --fault.times <= 0) fake.faults.splice(fake.faults.indexOf(fault), 1);
    return fault;
  }

  function answer(params: Json): { type: string; body: Buffer } {
    const action = String(params.action ?? '');
    requests.push({ action, params });
    if (params.transactionId) throw new ServiceError('DATABASE_TRANSACTION_FAIL', 'transactions are not implemented by the fake');
    if (action === 'wx.openApi') return openApiAnswer(params);
    if (action === 'storage.batchGetDownloadUrl') {
      const list = (params.file_list as Array<{ fileid: string }>).map(({ fileid }) =>
        fake.files.has(fileid)
          ? { fileID: fileid, tempFileURL: `${fake.url}/files/${Buffer.from(fileid).toString('base64url')}`, code: 'SUCCESS' }
          : { fileID: fileid, tempFileURL: '', code: 'STORAGE_FILE_NONEXIST' },
      );
      return json({ requestId: requestId(), data: { download_list: list } });
    }
    const handler = database[action];
    if (!handler) {
      throw action.startsWith('database.')
        ? new ServiceError('DATABASE_INVALID_OPERRATOR', `unsupported database action ${action}`) // sic, the service's spelling
        : new ServiceError('INVALID_ACTION', `unknown action ${action}`);
    }
    return json({ requestId: requestId(), data: handler(params) });
  }

  function openApiAnswer(params: Json): { type: string; body: Buffer } {
    const apiName = String(params.apiName ?? '');
    // No cloud-call token (e.g. a timer trigger created by the CLI): the call never reaches WeChat.
    if (!params.wxCloudApiToken) throw new ServiceError('INVALID_PARAM', 'wxCloudApiToken is empty: no cloud-call token in this invocation');
    const allowed = fake.callingFunction === undefined || permissionsOf(fake.callingFunction).includes(apiName);
    const reply = allowed ? fake.openApi(apiName, decodeOpenApiRequest(params.requestData)) : { errorCode: -604101 };
    return {
      type: 'application/octet-stream',
      body: writeProto([
        [1, reply.body ?? Buffer.alloc(0)],
        [2, reply.contentType ?? ''],
        [3, reply.errorCode ?? 0],
        [4, 200],
      ]),
    };
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      if (fake.latencyMs) await new Promise((r) => setTimeout(r, typeof fake.latencyMs === 'function' ? fake.latencyMs() : fake.latencyMs));
      let reply: { type: string; body: Buffer };
      const pathname = new URL(req.url ?? '/', 'http://fake').pathname;
      if (req.method === 'GET' && pathname.startsWith('/files/')) {
        const bytes = fake.files.get(Buffer.from(pathname.slice('/files/'.length), 'base64url').toString());
        if (bytes) res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes.length }).end(bytes);
        else res.writeHead(404).end();
        return;
      }
      const web = req.method === 'POST' ? await answerWeb(fake.web, pathname, req.headers, Buffer.concat(chunks)) : undefined;
      if (web) {
        res.writeHead(web.status, { 'content-type': 'application/json', 'access-control-allow-origin': '*' }).end(JSON.stringify(web.body));
        return;
      }
      if (req.method !== 'POST' || pathname !== '/admin') {
        res.writeHead(404).end();
        return;
      }
      try {
        const params = parseBody(String(req.headers['content-type'] ?? ''), Buffer.concat(chunks));
        const fault = takeFault(String(params.action ?? ''));
        // An `applied` fault runs the request and loses the answer (a timeout after the write landed).
        if (fault?.applied) answer(params);
        if (fault) throw new ServiceError(fault.code, fault.message);
        reply = answer(params);
      } catch (e) {
        const known = e instanceof ServiceError;
        reply = json({ code: known ? e.code : 'SYS_ERR', message: (e as Error).message, requestId: requestId() });
      }
      res.writeHead(200, { 'content-type': reply.type, 'content-length': reply.body.length }).end(reply.body);
    });
  });
  const gateway = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const out = await gatewayAnswer(fake, req, Buffer.concat(chunks));
      res.writeHead(out.status, { ...out.headers, 'content-length': out.body.length }).end(req.method === 'HEAD' ? undefined : out.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.gatewayUrl = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`;
  return fake;
}

/** Content types the HTTP access service hands over as text; every other body arrives base64. */
const TEXT_BODY = /^(text\/|application\/(json|xml|x-www-form-urlencoded|javascript)\b)/i;

/** One request through the HTTP access service: route, integration request, the function, integration response. */
async function gatewayAnswer(fake: FakeCloudbase, req: http.IncomingMessage, raw: Buffer): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
  const platformError = (status: number, code: string, message: string) => ({
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: Buffer.from(JSON.stringify({ code, message, requestId: requestId() })),
  });
  const url = new URL(req.url ?? '/', 'http://gateway');
  const route = [...fake.httpRoutes].sort((a, b) => b.path.length - a.path.length).find((r) => url.pathname === r.path || url.pathname.startsWith(`${r.path}/`));
  if (!route) return platformError(404, 'INVALID_PATH', `no HTTP access route for ${url.pathname}`);
  const main = fake.functions.get(route.function);
  if (!main) return platformError(502, 'FUNCTION_NOT_FOUND', `function ${route.function} not deployed`);
  const contentType = String(req.headers['content-type'] ?? '');
  const text = !raw.length || TEXT_BODY.test(contentType);
  const event = {
    path: route.passthrough ? url.pathname : url.pathname.slice(route.path.length) || '/',
    httpMethod: req.method ?? 'GET',
    headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, [v].flat().join(',')])),
    queryStringParameters: Object.fromEntries(url.searchParams),
    requestContext: { requestId: requestId(), envId: 'test-env', appId: 123456789, uin: 123456789 },
    body: text ? raw.toString('utf8') : raw.toString('base64'),
    isBase64Encoded: !text,
  };
  fake.httpEvents.push(event);
  // No OPENID and no cloud-call token for an HTTP-triggered invocation (the SDK reads the token from
  // the process environment, where SCF puts each invocation's).
  const saved = { WX_API_TOKEN: process.env.WX_API_TOKEN, WX_OPENID: process.env.WX_OPENID };
  delete process.env.WX_API_TOKEN;
  delete process.env.WX_OPENID;
  let result: unknown;
  try {
    result = await main(event, { request_id: requestId(), environment: JSON.stringify({}) });
  } catch (e) {
    return platformError(500, 'FUNCTIONS_EXECUTE_FAIL', (e as Error).message);
  } finally {
    for (const [k, v] of Object.entries(saved)) if (v !== undefined) process.env[k] = v;
  }
  const integration = result as { statusCode?: unknown; headers?: Record<string, string>; body?: unknown; isBase64Encoded?: unknown } | null;
  if (integration && typeof integration === 'object' && typeof integration.statusCode === 'number') {
    const body = typeof integration.body === 'string' ? integration.body : JSON.stringify(integration.body ?? '');
    return { status: integration.statusCode, headers: integration.headers ?? {}, body: Buffer.from(body, integration.isBase64Encoded === true ? 'base64' : 'utf8') };
  }
  if (typeof result === 'string' || typeof result === 'number') return { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: Buffer.from(String(result)) };
  return { status: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(result ?? null)) };
}

// The SDK turns a JSON error body of exactly this content type back into an object (handleWxOpenApiData).
const json = (value: unknown) => ({ type: 'application/json; charset=utf-8', body: Buffer.from(JSON.stringify(value)) });

const requestId = () => crypto.randomUUID();

function sameId(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  return EJSON.stringify({ a }) === EJSON.stringify({ a: b });
}

function isOperatorObject(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).some((k) => k.startsWith('$'));
}

/** Canonical EJSON → plain values; BSON regular expressions become RegExp for mingo. */
function decode(text: unknown): Json {
  if (text === undefined || text === '') return {};
  return toNative(EJSON.parse(String(text), { relaxed: true })) as Json;
}

function toNative(value: unknown): unknown {
  if (value instanceof BSONRegExp) return new RegExp(value.pattern, value.options);
  if (Array.isArray(value)) return value.map(toNative);
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toNative(v)]));
  }
  return value;
}

/** What the service refuses to store: a document over 16 MB, a field name with `.` or starting with `$`. */
function checkDocument(doc: unknown, raw?: string): void {
  const size = raw !== undefined ? Buffer.byteLength(raw) : Buffer.byteLength(EJSON.stringify(doc as Json));
  if (size > DOCUMENT_LIMIT) throw new ServiceError('DATABASE_REQUEST_FAILED', `document too large: ${size} bytes`);
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      for (const [k, x] of Object.entries(v)) {
        if (k.includes('.') || k.startsWith('$')) throw new ServiceError('DATABASE_REQUEST_FAILED', `invalid field name ${k}: no '.' and no leading '$'`);
        walk(x);
      }
    }
  };
  walk(doc);
}

/** Applies `{ $set: …, $inc: …, … }` to a copy of `doc`, refusing what MongoDB refuses. */
function applyOperators(doc: StoredDoc, data: Json): StoredDoc {
  const next = structuredClone(doc);
  for (const [op, expr] of Object.entries(data)) {
    if (!op.startsWith('$')) throw new ServiceError('DATABASE_REQUEST_FAILED', `unknown update operator in field ${op}`);
    try {
      applyUpdateOperator(next, { [op]: expr } as never);
    } catch (e) {
      throw new ServiceError('DATABASE_REQUEST_FAILED', (e as Error).message);
    }
  }
  if (!sameId(next._id, doc._id)) throw new ServiceError('DATABASE_REQUEST_FAILED', 'Performing an update on the path _id would modify the immutable field _id');
  return next;
}

function parseBody(contentType: string, body: Buffer): Json {
  const boundary = /boundary=([^;]+)/.exec(contentType)?.[1];
  return boundary ? parseMultipart(body, boundary) : (JSON.parse(body.toString() || '{}') as Json);
}

/** form-data's multipart: text fields have no Content-Type of their own, Buffers are octet-stream. */
function parseMultipart(body: Buffer, boundary: string): Json {
  const out: Json = {};
  const delimiter = Buffer.from(`--${boundary}`);
  let pos = body.indexOf(delimiter);
  while (pos >= 0 && body.subarray(pos + delimiter.length, pos + delimiter.length + 2).toString() !== '--') {
    const headerEnd = body.indexOf('\r\n\r\n', pos);
    const next = body.indexOf(delimiter, headerEnd);
    const headers = body.subarray(pos + delimiter.length + 2, headerEnd).toString();
    const value = body.subarray(headerEnd + 4, next - 2);
    const name = /name="([^"]*)"/.exec(headers)?.[1];
    if (name) out[name] = /content-type:/i.test(headers) ? value : value.toString();
    pos = next;
  }
  return out;
}

/**
 * wx-server-sdk's protobuf `CommApiData { apiType = 1; openapiData = 2 }`,
 * `OpenApiData { repeated KeyValuePair pairs = 1 }`, `KeyValuePair { key = 1; value = 2 (JSON bytes) }`.
 */
function decodeOpenApiRequest(data: unknown): Json {
  if (!Buffer.isBuffer(data)) throw new ServiceError('INVALID_PARAM', 'requestData must be a protobuf buffer');
  const comm = readProto(data);
  if ((comm.get(1)?.[0] ?? 0) !== 0) throw new ServiceError('INVALID_PARAM', 'only OPEN_API calls are implemented');
  const pairs = readProto((comm.get(2)?.[0] as Buffer | undefined) ?? Buffer.alloc(0)).get(1) ?? [];
  return Object.fromEntries(
    pairs.map((pair) => {
      const kv = readProto(pair as Buffer);
      return [String(kv.get(1)?.[0] ?? ''), JSON.parse(String(kv.get(2)?.[0] ?? 'null'))];
    }),
  );
}

/** Protobuf wire format: field number → values (varints as numbers, length-delimited as Buffers). */
function readProto(buf: Buffer): Map<number, Array<number | Buffer>> {
  const fields = new Map<number, Array<number | Buffer>>();
  let pos = 0;
  const varint = () => {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = buf[pos++];
      value += (byte & 0x7f) * 2 ** shift;
      if (!(byte & 0x80)) return value;
    }
  };
  while (pos < buf.length) {
    const tag = varint();
    let value: number | Buffer;
    if ((tag & 7) === 0) value = varint();
    else if ((tag & 7) === 2) {
      const length = varint();
      value = buf.subarray(pos, (pos += length));
    } else throw new ServiceError('INVALID_PARAM', `unexpected protobuf wire type ${tag & 7}`);
    const field = Math.floor(tag / 8);
    fields.set(field, [...(fields.get(field) ?? []), value]);
  }
  return fields;
}

function writeProto(fields: Array<[number, number | string | Buffer]>): Buffer {
  const varint = (n: number) => {
    const bytes: number[] = [];
    let v = n < 0 ? BigInt.asUintN(64, BigInt(n)) : BigInt(n); // negative int32 → ten-byte varint
    do {
      bytes.push(Number(v & 0x7fn) | (v > 0x7fn ? 0x80 : 0));
      v >>= 7n;
    } while (v > 0n);
    return Buffer.from(bytes);
  };
  return Buffer.concat(
    fields.map(([field, value]) => {
      if (typeof value === 'number') return Buffer.concat([varint(field * 8), varint(value)]);
      const bytes = Buffer.isBuffer(value) ? value : Buffer.from(value);
      return Buffer.concat([varint(field * 8 + 2), varint(bytes.length), bytes]);
    }),
  );
}
