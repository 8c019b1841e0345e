/**
 * The deployable artefacts themselves: each esbuild bundle's `exports.main`, called the way
 * CloudBase calls it, with the real SDK inside (less the parts scripts/sdk-stubs leaves out)
 * talking to the fake CloudBase server.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Metafile } from 'esbuild';
import { buildFunctions, FUNCTIONS_DIST, LAZY_CHUNKS, metafilePath } from '../../scripts/build-functions';
import { readCatalogSource } from '../../cloudfunctions/lib/catalog/source';
import { buildSearchIndex } from '../../shared/src/search/build';
import { traceFunction } from '../../scripts/trace-function';
import { FUNCTIONS } from '../../cloudfunctions/functions';
import { CHINA_CALENDAR_FIRST_YEAR } from '../../shared/src/domain/calendar';
import { FAKE_PNG, type FakeCloudbase } from '../fakes/cloudbase-server';
import { bundleEnv, contextFor, startSeededCloudbase, TYPICAL_CALLS } from './cloudbase-fixture';

jest.setTimeout(120_000);

type Main = (event: unknown, context: unknown) => Promise<any>;
let fake: FakeCloudbase;
const saved = { ...process.env };
const NAMES = Object.keys(FUNCTIONS);

function loadMain(name: string): Main {
  const file = path.join(FUNCTIONS_DIST, name, 'index.js');
  return (require(file) as { main: Main }).main;
}

const metafileOf = (name: string) => JSON.parse(fs.readFileSync(metafilePath(name), 'utf8')) as Metafile;
const inputsOf = (name: string) => Object.keys(metafileOf(name).inputs);
/** Minified bytes each module brings to index.js (a module replaced by a stand-in keeps its path, with the stand-in's bytes). */
const bytesIn = (name: string) => {
  const [, output] = Object.entries(metafileOf(name).outputs).find(([file]) => file.endsWith('index.js'))!;
  return Object.entries(output.inputs).map(([file, { bytesInOutput }]) => ({ file, bytes: bytesInOutput }));
};

beforeAll(async () => {
  // Bundles from before the metafile was written are rebuilt; otherwise `npm test` has just built them.
  if (!NAMES.every((n) => fs.existsSync(path.join(FUNCTIONS_DIST, n, 'index.js')) && fs.existsSync(metafilePath(n)))) await buildFunctions();
  fake = await startSeededCloudbase();
  Object.assign(process.env, bundleEnv(fake));
});

afterAll(async () => {
  process.env = saved;
  await fake?.close();
});

it('bundles every registered function with a package.json and no dependencies; maps and metafiles stay outside', () => {
  const folders = fs.readdirSync(FUNCTIONS_DIST, { withFileTypes: true }).filter((e) => e.isDirectory());
  expect(folders.map((e) => e.name).sort()).toEqual([...NAMES].sort());
  for (const name of NAMES) {
    const pkg = JSON.parse(fs.readFileSync(path.join(FUNCTIONS_DIST, name, 'package.json'), 'utf8'));
    expect(pkg).toEqual(expect.objectContaining({ name, main: 'index.js' }));
    expect(pkg.dependencies).toBeUndefined();
    // What CloudBase uploads: the bundle, package.json, the openapi permissions and lazy chunks, nothing else.
    const allowed = ['index.js', 'package.json', 'config.json', ...LAZY_CHUNKS.map((c) => c.file)];
    expect(fs.readdirSync(path.join(FUNCTIONS_DIST, name)).filter((f) => !allowed.includes(f))).toEqual([]);
  }
});

it('bundles only the function’s own handler table, never the registry, the local server or NeDB', () => {
  for (const name of NAMES) {
    const inputs = inputsOf(name);
    expect(inputs).toContain(`cloudfunctions/${name}/handlers.ts`);
    const foreign = inputs.filter(
      (f) =>
        (/^cloudfunctions\/[^/]+\/handlers\.ts$/.test(f) && f !== `cloudfunctions/${name}/handlers.ts`) ||
        f === 'cloudfunctions/functions.ts' ||
        f.startsWith('cloudfunctions/lib/server/') ||
        /node_modules\/(fastify|@seald-io\/nedb|qrcode)\//.test(f),
    );
    expect({ name, foreign }).toEqual({ name, foreign: [] });
  }
});

it('builds only the document schemas a function parses: the community and catalog ones in admin alone, the request ones nowhere', () => {
  // Each schema costs its construction on every cold start; these modules hold hundreds.
  const adminOnly = ['shared/src/domain/communityData.ts', 'shared/src/catalog/schema.ts', 'shared/src/requests/adminInput.ts'];
  for (const name of NAMES) {
    const inputs = inputsOf(name);
    const schemas = inputs.filter((f) => f === 'shared/src/domain/requestSchema.ts' || (name !== 'admin' && adminOnly.includes(f)));
    expect({ name, schemas }).toEqual({ name, schemas: [] });
  }
  expect(inputsOf('admin')).toEqual(expect.arrayContaining(adminOnly));
});

it('leaves out the SDK parts we never call (AI, data models, mime-db, XML, JWT, proxies, axios, other functions, bson types we never store)', () => {
  const heavy = /node_modules\/(@cloudbase\/(ai|app|adapter-wx_mp|utilities)|web-streams-polyfill|mime-db|xmlbuilder|sax|semver|follow-redirects|agent-base|get-intrinsic)\/|bson\/lib\/parser\/serializer|realtime\/virtual-websocket-client/;
  // Replaced in place: the module's path stays, with a few hundred bytes of stand-in.
  const standIn = /bson\/lib\/(decimal128|binary|objectid|timestamp|regexp|db_ref)\.js$|node-sdk\/dist\/(functions|cloudrun|analytics)\/index\.js$/;
  for (const name of NAMES) {
    expect({ name, heavy: inputsOf(name).filter((f) => heavy.test(f)) }).toEqual({ name, heavy: [] });
    const replaced = bytesIn(name).filter(({ file }) => standIn.test(file));
    expect(replaced.length).toBeGreaterThanOrEqual(6);
    expect({ name, big: replaced.filter(({ bytes }) => bytes > 400) }).toEqual({ name, big: [] });
  }
});

it('admin: catalog.publish builds the pinyin index from the lazy chunk; pinyin-pro is not in any index.js', async () => {
  for (const name of NAMES) expect({ name, pinyin: inputsOf(name).filter((f) => f.includes('node_modules/pinyin-pro/')) }).toEqual({ name, pinyin: [] });
  expect(fs.existsSync(path.join(FUNCTIONS_DIST, 'admin', 'search-build.js'))).toBe(true);
  const catalog = { ...readCatalogSource(), version: '9999.1.0' };
  const published = await loadMain('admin')({ action: 'catalog.publish', data: { catalog, note: '拼音索引' } }, contextFor('demo-street-admin'));
  expect(published).toEqual(expect.objectContaining({ ok: true }));
  expect(published.data).toEqual(expect.objectContaining({ version: '9999.1.0' }));
  // The guide answers from the version just published, with the index the chunk built.
  const guide = loadMain('guide');
  const catalogReply = await guide({ action: 'catalog', data: {} }, contextFor());
  expect(catalogReply.data).toEqual(expect.objectContaining({ version: '9999.1.0', unchanged: false }));
  // The same index as the in-process build: the chunk carries the whole dictionary.
  expect(catalogReply.data.index).toEqual(buildSearchIndex(catalog));
});

it('carries chinese-days only from the first year the calendar reads', () => {
  const bundle = fs.readFileSync(path.join(FUNCTIONS_DIST, 'requests', 'index.js'), 'utf8');
  expect(bundle).toContain(`${CHINA_CALENDAR_FIRST_YEAR}-10-01`);
  expect(bundle).toContain('2026-10-01');
  expect(bundle).not.toContain(`${CHINA_CALENDAR_FIRST_YEAR - 1}-10-01`);
});

it.each(NAMES)('%s: answers its typical first call through the SDK', async (name) => {
  const { event, openid } = TYPICAL_CALLS[name];
  const reply = await loadMain(name)(event, contextFor(openid));
  expect(reply).toEqual(expect.objectContaining({ ok: true }));
});

it('guide: answers from the CloudBase database through the SDK', async () => {
  const main = loadMain('guide');
  const reply = await main({ action: 'get', data: { code: 'dibao' } }, contextFor());
  expect(reply.ok).toBe(true);
  expect(reply.data.title).toBe('最低生活保障申请');
  const search = await main({ action: 'search', data: { q: 'tuixiuyanzheng' } }, contextFor());
  expect(search.data.results[0].code).toBe('pension-certification');
  expect(fake.requests.some((r) => r.action === 'database.getDocument')).toBe(true);
});

it('guide: maps bad input and unknown codes to the contract codes, not exceptions', async () => {
  const main = loadMain('guide');
  expect((await main({ action: 'nope' }, contextFor())).error.code).toBe('BAD_REQUEST');
  expect((await main({ action: 'get', data: { code: 'no-such-matter' } }, contextFor())).error.code).toBe('NOT_FOUND');
  expect((await main(null, contextFor())).error.code).toBe('BAD_REQUEST');
});

it('account: takes OPENID from the platform context, never from the event', async () => {
  const main = loadMain('account');
  expect((await main({ action: 'me' }, contextFor('demo-admin'))).data).toEqual({ openid: 'demo-admin', role: 'admin', name: '王主任' });
  const spoofed = await main({ action: 'me', userInfo: { openId: 'demo-admin' }, openid: 'demo-admin' }, contextFor());
  expect(spoofed.data).toEqual({ openid: null, role: null, name: null });
});

describe('cloud openapi from the bundles (multipart + protobuf through form-data)', () => {
  const calls: Array<{ apiName: string; args: Record<string, unknown> }> = [];
  beforeEach(() => {
    calls.length = 0;
    fake.openApi = (apiName, args) => {
      calls.push({ apiName, args });
      if (apiName === 'wxacode.getUnlimited') return { contentType: 'image/png', body: FAKE_PNG };
      if (apiName === 'security.msgSecCheck') return { contentType: 'application/json', body: Buffer.from('{"errcode":0,"result":{"suggest":"pass"}}') };
      return { contentType: 'application/json', body: Buffer.from('{"errcode":0,"errmsg":"ok"}') };
    };
  });

  it('guide.qr: a mini-program code from wxacode.getUnlimited', async () => {
    const reply = await loadMain('guide')({ action: 'qr', data: { code: 'dibao' } }, contextFor());
    expect(reply.data.image).toBe(`data:image/png;base64,${FAKE_PNG.toString('base64')}`);
    expect(calls).toEqual([expect.objectContaining({ apiName: 'wxacode.getUnlimited', args: expect.objectContaining({ scene: 'm=dibao' }) })]);
  });

  it('requests.create: the assignee’s task notice goes out as subscribeMessage.send', async () => {
    process.env.TEMPLATE_TASK_NOTICE = 'tmpl-task';
    const reply = await loadMain('requests')(
      { action: 'create', data: { kind: 'report', category: 'shizheng', description: '东苑3栋门口路灯不亮了', location: { lat: 30.99, lng: 103.626 } } },
      contextFor('demo-resident'),
    );
    expect(reply.ok).toBe(true);
    const sent = calls.filter((c) => c.apiName === 'subscribeMessage.send');
    expect(sent).toEqual([expect.objectContaining({ args: expect.objectContaining({ touser: reply.data.assignee.openid, template_id: 'tmpl-task' }) })]);
  });
});

it('the source map beside a bundle leads a stack trace back to our sources', async () => {
  // An invalid context makes the SDK throw inside `main`, past our envelope.
  const error: Error = await loadMain('guide')({ action: 'list' }, {}).catch((e: Error) => e);
  const trace = traceFunction('guide', error.stack ?? '');
  expect(trace).toContain('cloudfunctions/lib/platform/cloudbase-entry.ts:');
  expect(trace).toMatch(/node_modules\/@cloudbase\/node-sdk\/dist\/utils\/tcbcontext\.js:\d+:\d+/);
});
