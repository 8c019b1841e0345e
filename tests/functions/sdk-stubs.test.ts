import crypto from 'node:crypto';
/**
 * The SDK as the bundles carry it (scripts/sdk-stubs): what we call still reaches the service,
 * what is left out fails with an error that says so. Bundled here with the same plugin, from an
 * entry that hands back the SDK and the replaced modules, and run against the fake CloudBase server.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import type tcbModule from '@cloudbase/node-sdk';
import { sdkStubsPlugin } from '../../scripts/sdk-stubs/plugin';
import { startFakeCloudbase, type FakeCloudbase } from '../fakes/cloudbase-server';

jest.setTimeout(60_000);

interface Bundled {
  tcb: typeof tcbModule;
  xml2js: { parseString(text: string, cb: (err: Error | null, result: unknown) => void): void };
  setToStringTag(object: object, value: string, options?: { force?: boolean }): void;
  proxyAgent: { HttpsProxyAgent: new (options: object) => unknown };
  ejson: { parse(text: string): unknown; stringify(value: unknown, options?: { relaxed?: boolean }): string };
}

let fake: FakeCloudbase;
let bundled: Bundled;
let app: ReturnType<typeof tcbModule.init>;
const previous = process.env.TENCENTCLOUD;
const LEFT_OUT = /is left out of this cloud function bundle \(scripts\/sdk-stubs/;

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sdk-stubs-'));
  const outfile = path.join(dir, 'sdk.js');
  await build({
    stdin: {
      contents: "module.exports = { tcb: require('@cloudbase/node-sdk'), xml2js: require('xml2js'), setToStringTag: require('es-set-tostringtag'), proxyAgent: require('https-proxy-agent'), ejson: require('@cloudbase/database/node_modules/bson').EJSON };",
      resolveDir: path.resolve(__dirname, '../../cloudfunctions'),
    },
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node18',
    format: 'cjs',
    plugins: [sdkStubsPlugin()],
    logLevel: 'error',
  });
  bundled = require(outfile) as Bundled;
  process.env.TENCENTCLOUD = 'true'; // skip the metadata probe, as on CloudBase
  fake = await startFakeCloudbase({ autoCreateCollections: true });
  app = bundled.tcb.init({ env: 'test-env', secretId: 'x', secretKey: 'y', serviceUrl: `${fake.url}/admin` });
});

afterAll(async () => {
  await fake?.close();
  if (previous === undefined) delete process.env.TENCENTCLOUD;
  else process.env.TENCENTCLOUD = previous;
});

/** The action the SDK sent for `call`, whatever the fake answered (it knows only database and openapi actions). */
async function sentAction(call: () => Promise<unknown>): Promise<string | undefined> {
  const before = fake.requests.length;
  await call().catch(() => undefined);
  return fake.requests.slice(before).at(-1)?.action;
}

it('keeps the database: EJSON both ways (bson narrowed to EJSON), dates and numbers intact', async () => {
  const db = app.database();
  const at = new Date('2026-11-23T01:02:03.004Z');
  await db.collection('things').add({ _id: 't1', n: 3, big: 2 ** 40, at, nested: { list: [1.5, 'x'] } });
  const [doc] = (await db.collection('things').where({ n: db.command.gte(3) }).get()).data;
  expect(doc).toEqual({ _id: 't1', n: 3, big: 2 ** 40, at, nested: { list: [1.5, 'x'] } });
});

it('keeps storage: getTempFileURL and deleteFile reach the service', async () => {
  expect(await sentAction(() => app.getTempFileURL({ fileList: ['cloud://test-env.bucket/reports/u/a.jpg'] }))).toBe('storage.batchGetDownloadUrl');
  expect(await sentAction(() => app.deleteFile({ fileList: ['cloud://test-env.bucket/reports/u/a.jpg'] }))).toBe('storage.batchDeleteFile');
});

describe('EJSON narrowed to the types our documents hold', () => {
  // bson 4.7 itself, unbundled, as the reference.
  const { EJSON } = jest.requireActual<typeof import('bson')>('@cloudbase/database/node_modules/bson');
  const sample = { n: 3, big: 2 ** 40, max: Number.MAX_SAFE_INTEGER, neg: -(2 ** 35), x: 0.5, s: '路灯', ok: true, none: null, at: new Date(1795395723004), list: [1, { deep: 2 ** 33 }] };

  it('encodes what we write exactly as bson does (Int32, Long, Double, dates)', () => {
    for (const relaxed of [false, true]) expect(bundled.ejson.stringify(sample, { relaxed })).toBe(EJSON.stringify(sample, { relaxed }));
  });

  it('decodes what the server sends exactly as bson does', () => {
    const text = '{"n":{"$numberInt":"7"},"x":{"$numberDouble":"1.5"},"count":{"$numberLong":"9007199254740991"},"at":{"$date":{"$numberLong":"1795395723004"}},"iso":{"$date":"2026-11-23T01:02:03.004Z"}}';
    expect(bundled.ejson.parse(text)).toEqual(EJSON.parse(text));
    expect(bundled.ejson.parse(text)).toEqual({ n: 7, x: 1.5, count: 9007199254740991, at: new Date(1795395723004), iso: new Date('2026-11-23T01:02:03.004Z') });
    const canonical = EJSON.stringify(sample, { relaxed: false });
    expect(bundled.ejson.parse(canonical)).toEqual(sample);
  });

  it.each([
    ['{"_id":{"$oid":"5f1d7c3e9b1e8a3d4c2b1a09"}}', /ObjectId.*is left out/],
    ['{"v":{"$numberDecimal":"1.10"}}', /Decimal128.*is left out/],
    ['{"v":{"$binary":{"base64":"AA==","subType":"00"}}}', /Binary.*is left out/],
    ['{"v":{"$timestamp":{"t":1,"i":2}}}', /Timestamp.*is left out/],
    ['{"v":{"$regularExpression":{"pattern":"a","options":""}}}', /BSONRegExp.*is left out/],
    ['{"v":{"$ref":"things","$id":"t1"}}', /DBRef.*is left out/],
    ['{"v":{"$minKey":1}}', /MinKey.*is left out/],
  ])('refuses a document holding another type, saying which: %s', (text, error) => {
    expect(() => bundled.ejson.parse(text)).toThrow(error);
  });

  it('leaves objects that only look a little like a DBRef alone', () => {
    expect(bundled.ejson.parse('{"v":{"$ref":"things"},"w":{"$id":"t1","$ref":3}}')).toEqual({ v: { $ref: 'things' }, w: { $id: 't1', $ref: 3 } });
  });
});

it('fails clearly on what is left out: AI, data models, MySQL, watch(), other functions, Cloud Run, analytics, proxies, axios; signs custom-login tickets', async () => {
  expect(() => app.ai()).toThrow(LEFT_OUT);
  await expect(app.callFunction({ name: 'guide', data: { action: 'list' } })).rejects.toThrow(/callFunction.*is left out/);
  await expect(app.callContainer({ name: 'svc', method: 'GET', path: '/' } as never)).rejects.toThrow(/callContainer.*is left out/);
  await expect((app as unknown as { analytics(data: object): Promise<void> }).analytics({ report_type: 'mall', report_data: {} })).rejects.toThrow(/analytics.*is left out/);
  expect(() => (app as unknown as { models: Record<string, unknown> }).models.anyModel).toThrow(/app\.models.*is left out/);
  expect(() => (app as unknown as { mysql(): unknown }).mysql()).toThrow(LEFT_OUT);
  expect(() => app.database().collection('things').where({}).watch({ onChange() {}, onError() {} })).toThrow(/watch\(\).*is left out/);
  expect(() => (app as unknown as { requestClient: { get(url: string): unknown } }).requestClient.get('http://127.0.0.1:1')).toThrow(/axios.*is left out/);
  const init = (config: object) => bundled.tcb.init({ env: 'test-env', secretId: 'x', secretKey: 'y', serviceUrl: `${fake.url}/admin`, ...config } as never);
  // Custom-login tickets are signed (the web console's sign-in): by a stand-in for jsonwebtoken doing RS256 only.
  const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const ticketing = init({ credentials: { env_id: 'test-env', private_key_id: 'k1', private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() } });
  const [kid, jwt] = ticketing.auth().createTicket('uid-1').split('/@@/');
  const [header, payload, signature] = jwt.split('.');
  expect(kid).toBe('k1');
  expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({ alg: 'RS256', typ: 'JWT' });
  expect(JSON.parse(Buffer.from(payload, 'base64url').toString())).toMatchObject({ uid: 'uid-1', env: 'test-env', alg: 'RS256' });
  expect(crypto.verify('RSA-SHA256', Buffer.from(`${header}.${payload}`), publicKey, Buffer.from(signature, 'base64url'))).toBe(true);
  // (A request through tcb.init({ proxy }) would build one; its failure leaves the SDK's 3 s slow-request timer running.)
  expect(() => new bundled.proxyAgent.HttpsProxyAgent({ host: '127.0.0.1', port: 1 })).toThrow(/proxy.*is left out/);
});

it('uploadFile: an empty COS reply is success, an XML error is reported as it came', async () => {
  const parse = (text: string) => new Promise((resolve, reject) => bundled.xml2js.parseString(text, (err, result) => (err ? reject(err) : resolve(result))));
  await expect(parse('')).resolves.toBeNull();
  await expect(parse('<Error><Code>AccessDenied</Code></Error>')).rejects.toThrow(/cloud storage upload failed.*<Code>AccessDenied<\/Code>/);
});

it('form-data’s toStringTag helper behaves as es-set-tostringtag', () => {
  const tagged = {};
  bundled.setToStringTag(tagged, 'FormData');
  expect(Object.prototype.toString.call(tagged)).toBe('[object FormData]');
  bundled.setToStringTag(tagged, 'Other');
  expect(Object.prototype.toString.call(tagged)).toBe('[object FormData]');
  bundled.setToStringTag(tagged, 'Other', { force: true });
  expect(Object.prototype.toString.call(tagged)).toBe('[object Other]');
});
