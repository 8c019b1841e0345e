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
import { unpackSearchIndex } from '../../shared/src/search/pack';
import { buildSearchIndex } from '../../shared/src/search/build';
import { traceFunction } from '../../scripts/trace-function';
import { FUNCTIONS } from '../../cloudfunctions/functions';
import { CHINA_CALENDAR_FIRST_YEAR } from '../../shared/src/domain/calendar';
import { FAKE_PNG, type FakeCloudbase } from '../fakes/cloudbase-server';
import { SUBSCRIBE_TEMPLATES } from '../../cloudfunctions/lib/outbox/templates';
import { CALL_PAYLOAD_LIMIT } from '../../shared/src/limits';
import { bundleEnv, contextFor, startSeededCloudbase, TYPICAL_CALLS } from './cloudbase-fixture';

jest.setTimeout(120_000);

type Main = (event: unknown, context: unknown) => Promise<any>;
let fake: FakeCloudbase;
let defaultOpenApi: FakeCloudbase['openApi'];
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
  defaultOpenApi = fake.openApi;
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
  const adminOnly = ['shared/src/domain/communityData.ts', 'shared/src/catalog/schema.ts', 'shared/src/admin/api.ts'];
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

it('turf, gcoord and the law table are in no index.js: a boundary change and catalog.review load them from lazy chunks', async () => {
  const lazyOnly = /node_modules\/(@turf\/(area|difference|intersect|kinks)|polyclip-ts|bignumber\.js|gcoord)\//;
  for (const name of NAMES) expect({ name, lazy: inputsOf(name).filter((f) => lazyOnly.test(f)) }).toEqual({ name, lazy: [] });
  // The guide and the desk show each matter's review, so they keep the law table; admin only lists reviews.
  expect(inputsOf('admin')).not.toContain('shared/src/catalog/laws.ts');
  for (const file of ['geometry-checks.js', 'catalog-checks.js']) expect(fs.existsSync(path.join(FUNCTIONS_DIST, 'admin', file))).toBe(true);
  expect(fs.existsSync(path.join(FUNCTIONS_DIST, 'requests', 'datum.js'))).toBe(true);
  const ring = (...pts: [number, number][]) => [...pts, pts[0]];
  const world = { type: 'Polygon', coordinates: [ring([-179, -89], [179, -89], [179, 89], [-179, 89])] };
  // The polygon check runs from the chunk: a boundary the size of the world is refused by it.
  const refused = await loadMain('admin')({ action: 'communities.upsert', data: { code: 'lazy-c', name: '懒加载社区', boundary: world } }, contextFor('demo-street-admin'));
  expect(refused.error).toEqual(expect.objectContaining({ code: 'BAD_REQUEST', field: 'data.boundary' }));
  const review = await loadMain('admin')({ action: 'catalog.review', data: {} }, contextFor('demo-admin'));
  expect(review).toEqual(expect.objectContaining({ ok: true }));
});

it('every index.js stays within its 300 KB budget; admin’s rosters, catalog console and metrics action answer from lazy chunks', async () => {
  for (const name of NAMES) expect({ name, over: fs.statSync(path.join(FUNCTIONS_DIST, name, 'index.js')).size > 300 * 1024 }).toEqual({ name, over: false });
  for (const name of NAMES) expect({ name, rbush: inputsOf(name).filter((f) => f.includes('/rbush/')) }).toEqual({ name, rbush: [] });
  const lazy = ['cloudfunctions/lib/rosters/rosters.ts', 'cloudfunctions/lib/rosters/xlsx.ts', 'cloudfunctions/lib/catalog/console.ts'];
  expect(inputsOf('admin').filter((f) => lazy.includes(f))).toEqual([]);
  for (const file of ['rosters.js', 'catalog-console.js', 'metrics-action.js', 'metrics.js']) expect(fs.existsSync(path.join(FUNCTIONS_DIST, 'admin', file))).toBe(true);
  const admin = loadMain('admin');
  // An AppError thrown inside a chunk (its own copy of the class) still reaches the caller as its code.
  const unreadable = await admin({ action: 'rosters.preview', data: { kind: 'workers', file: Buffer.from('not a workbook').toString('base64') } }, contextFor('demo-street-admin'));
  expect(unreadable.error).toEqual(expect.objectContaining({ code: 'BAD_REQUEST', field: 'data.file' }));
  const template = await admin({ action: 'rosters.template', data: { kind: 'buildings' } }, contextFor('demo-street-admin'));
  expect(template.data).toEqual(expect.objectContaining({ fileName: '楼栋导入模板.xlsx' }));
  const metrics = await admin({ action: 'metrics', data: { from: '2026-01-01', to: '2026-01-31' } }, contextFor('demo-street-admin'));
  expect(metrics).toEqual(expect.objectContaining({ ok: true, data: expect.objectContaining({ communities: expect.any(Array) }) }));
  const tooLong = await admin({ action: 'metrics', data: { from: '2020-01-01', to: '2026-01-31' } }, contextFor('demo-street-admin'));
  expect(tooLong.error).toEqual(expect.objectContaining({ code: 'BAD_REQUEST' }));
  const versions = await admin({ action: 'catalog.versions', data: {} }, contextFor('demo-street-admin'));
  expect(versions).toEqual(expect.objectContaining({ ok: true }));
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
  expect(unpackSearchIndex(catalogReply.data.index)).toEqual(buildSearchIndex(catalog));
});

it('admin: catalog.publish takes the catalog through storage when inline it would pass CloudBase’s 100 KB call limit', async () => {
  const catalog = { ...readCatalogSource(), version: '9999.2.0' };
  const inline = { action: 'catalog.publish', data: { catalog, note: '上传发布' } };
  expect(Buffer.byteLength(JSON.stringify(inline))).toBeGreaterThan(CALL_PAYLOAD_LIMIT); // EXCEED_MAX_PAYLOAD_SIZE on CloudBase
  const fileId = 'cloud://test-env.bucket/catalogs/demo-admin/9999.2.0.json';
  fake.files.set(fileId, Buffer.from(JSON.stringify(catalog)));
  const event = { action: 'catalog.publish', data: { fileId, note: '上传发布' } };
  expect(Buffer.byteLength(JSON.stringify(event))).toBeLessThan(CALL_PAYLOAD_LIMIT);
  const published = await loadMain('admin')(event, contextFor('demo-street-admin')); // the catalog is the 街道's
  expect(published).toEqual(expect.objectContaining({ ok: true, data: expect.objectContaining({ version: '9999.2.0' }) }));
  expect((await loadMain('guide')({ action: 'catalog', data: {} }, contextFor())).data.version).toBe('9999.2.0');

  fake.files.set('cloud://test-env.bucket/catalogs/bad.json', Buffer.from('{"version": "9999.3.0"'));
  for (const bad of ['cloud://test-env.bucket/catalogs/bad.json', 'cloud://test-env.bucket/catalogs/missing.json']) {
    const reply = await loadMain('admin')({ action: 'catalog.publish', data: { fileId: bad } }, contextFor('demo-street-admin'));
    expect(reply.error).toEqual(expect.objectContaining({ code: 'BAD_REQUEST', field: 'data.fileId' }));
  }
});

it.each(NAMES)('%s: its typical call and answer fit CloudBase’s limits (100 KB in, 6 MB out)', async (name) => {
  const { event, openid, trigger } = TYPICAL_CALLS[name];
  expect(Buffer.byteLength(JSON.stringify(event))).toBeLessThan(CALL_PAYLOAD_LIMIT);
  const reply = await loadMain(name)(event, contextFor(openid, trigger));
  expect(Buffer.byteLength(JSON.stringify(reply))).toBeLessThan(6 * 1024 * 1024);
});

it('guide.catalog: the whole catalog with its index fits the 6 MB answer and stays far below the 1 MB device storage key', async () => {
  const reply = await loadMain('guide')({ action: 'catalog', data: {} }, contextFor());
  const bytes = Buffer.byteLength(JSON.stringify(reply.data));
  expect(bytes).toBeLessThan(6 * 1024 * 1024);
  expect(bytes).toBeLessThan(512 * 1024); // the client caches it under one key (1 MB at most)
});

it('carries chinese-days only from the first year the calendar reads', () => {
  const bundle = fs.readFileSync(path.join(FUNCTIONS_DIST, 'requests', 'index.js'), 'utf8');
  expect(bundle).toContain(`${CHINA_CALENDAR_FIRST_YEAR}-10-01`);
  expect(bundle).toContain('2026-10-01');
  expect(bundle).not.toContain(`${CHINA_CALENDAR_FIRST_YEAR - 1}-10-01`);
});

it.each(NAMES)('%s: answers its typical first call through the SDK', async (name) => {
  const { event, openid, trigger } = TYPICAL_CALLS[name];
  const reply = await loadMain(name)(event, contextFor(openid, trigger));
  expect(reply).toEqual(expect.objectContaining({ ok: true }));
});

it('timer: a timer-shaped event without the platform’s TRIGGER_SRC is refused, not run as the system', async () => {
  const main = loadMain('timer');
  const forged = { Type: 'Timer', TriggerName: 'tick', Time: new Date().toISOString() };
  // No OPENID (an HTTP or SDK call) and no TRIGGER_SRC: just a malformed call.
  expect(await main(forged, contextFor())).toEqual(expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'BAD_REQUEST' }) }));
  // Naming the action instead needs an admin.
  expect((await main({ action: 'tick' }, contextFor())).error.code).toBe('UNAUTHENTICATED');
  expect((await main({ action: 'tick' }, contextFor('demo-resident'))).error.code).toBe('FORBIDDEN');
  expect((await main(forged, contextFor(undefined, 'timer'))).ok).toBe(true);
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
  expect((await main({ action: 'me' }, contextFor('demo-admin'))).data).toMatchObject({ openid: 'demo-admin', role: 'admin', name: '王主任' });
  const spoofed = await main({ action: 'me', userInfo: { openId: 'demo-admin' }, openid: 'demo-admin' }, contextFor());
  expect(spoofed.data).toMatchObject({ openid: null, role: null, name: null, unread: 0 });
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

  it('guide.qr: labels the code as what its bytes are (WeChat answers JPEG)', async () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);
    fake.openApi = () => ({ contentType: 'image/jpeg', body: jpeg });
    // Another matter: the function keeps each code it has drawn (qr-cache.ts).
    const reply = await loadMain('guide')({ action: 'qr', data: { code: 'residence-permit' } }, contextFor());
    expect(reply.data.image).toBe(`data:image/jpeg;base64,${jpeg.toString('base64')}`);
  });

  it('guide.qr: refused when the function’s config.json does not list the API, and with no cloud-call token', async () => {
    fake.callingFunction = 'booking'; // lists only subscribeMessage.send
    // Matters not drawn before: the function keeps each code it has drawn (qr-cache.ts).
    expect((await loadMain('guide')({ action: 'qr', data: { code: 'hukou-transfer' } }, contextFor())).ok).toBe(false);
    fake.callingFunction = 'guide';
    const token = process.env.WX_API_TOKEN;
    delete process.env.WX_API_TOKEN;
    try {
      expect((await loadMain('guide')({ action: 'qr', data: { code: 'disability-card' } }, contextFor())).ok).toBe(false);
    } finally {
      process.env.WX_API_TOKEN = token;
      fake.callingFunction = undefined;
    }
    expect(calls).toEqual([]);
  });
});

describe('subscribe messages from the bundles, against the strict fake (grants, template keys, tokens)', () => {
  const IDS: Record<string, string> = { requestUpdate: 'tmpl-update', taskNotice: 'tmpl-task', dueAlert: 'tmpl-due', visitReminder: 'tmpl-visit', rateReminder: 'tmpl-rate' };
  const report = (text: string) => ({ action: 'create', data: { kind: 'report', category: 'shizheng', description: text, location: { lat: 30.99, lng: 103.626 } } });
  beforeAll(() => {
    for (const [name, spec] of Object.entries(SUBSCRIBE_TEMPLATES)) {
      process.env[spec.env] = IDS[name];
      // The MP console's templates: the keys and types the configuration names.
      fake.subscribe.templates.set(IDS[name], Object.fromEntries(Object.entries(spec.fields).map(([k, f]) => [k, f.type])));
    }
  });
  beforeEach(() => {
    fake.openApi = defaultOpenApi;
    fake.callingFunction = undefined;
  });

  it('a worker who accepted at 签收 gets one 新工单 message that opens the request; the next waits in the app with a badge, never silently', async () => {
    const worker = 'demo-worker-1';
    const me = await loadMain('account')({ action: 'me' }, contextFor(worker));
    expect(me.data.subscribeTemplates).toEqual(IDS); // what the client asks for at the taps
    // The client reports what WeChat's dialog accepted; WeChat records the same grant.
    const granted = await loadMain('account')({ action: 'subscribed', data: { accepted: ['tmpl-task', 'tmpl-unknown'] } }, contextFor(worker));
    expect(granted.data.grants.taskNotice).toBe(1);
    fake.subscribe.grant(worker, 'tmpl-task');

    fake.callingFunction = 'requests';
    const first = await loadMain('requests')(report('东苑3栋门口路灯不亮了'), contextFor('demo-resident'));
    expect(first.data.assignee.openid).toBe(worker);
    expect(fake.subscribe.sent).toEqual([expect.objectContaining({ touser: worker, template_id: 'tmpl-task', page: `worker/pages/request/index?id=${first.data.id}` })]);

    const second = await loadMain('requests')(report('东苑3栋楼道灯也坏了'), contextFor('demo-resident'));
    expect(fake.subscribe.sent).toHaveLength(1); // no grant left: nothing pushed, nothing refused by WeChat
    const messages = await loadMain('account')({ action: 'messages' }, contextFor(worker));
    expect(messages.data.items.slice(0, 2).map((m: { requestId: string; pushed: boolean }) => [m.requestId, m.pushed])).toEqual([
      [second.data.id, false],
      [first.data.id, true],
    ]);
    expect(messages.data.unread).toBeGreaterThanOrEqual(2);
    expect((await loadMain('account')({ action: 'me' }, contextFor(worker))).data.unread).toBe(messages.data.unread);
    await loadMain('account')({ action: 'messages.read' }, contextFor(worker));
    expect((await loadMain('account')({ action: 'me' }, contextFor(worker))).data.unread).toBe(0);
  });

  it('a grant we counted but WeChat does not have (43101) holds the message for the app and stops counting', async () => {
    const worker = 'demo-worker-1';
    await loadMain('account')({ action: 'subscribed', data: { accepted: ['tmpl-task'] } }, contextFor(worker));
    const created = await loadMain('requests')(report('东苑4栋门口井盖松动'), contextFor('demo-resident'));
    const entry = fake.collections.get('outbox')!.find((e) => (e.data as { requestId: string }).requestId === created.data.id && e.to === worker)!;
    expect(entry).toMatchObject({ status: 'held', lastError: expect.stringContaining('43101') });
    const me = await loadMain('account')({ action: 'subscribed', data: { accepted: [] } }, contextFor(worker));
    expect(me.data.grants.taskNotice).toBe(0);
  });

  it('the timer sends only with its trigger’s cloud-call token; without one the message waits for the next tick', async () => {
    const worker = 'demo-worker-1';
    const saved = { api: process.env.WX_API_TOKEN, trigger: process.env.WX_TRIGGER_API_TOKEN_V0 };
    process.env.TRIGGER_SRC = 'timer'; // SCF sets it in the process for the trigger's invocation
    // A due reminder queued for the sweep, with a grant on both sides.
    const created = await loadMain('requests')(report('东苑5栋垃圾桶满了'), contextFor('demo-resident'));
    fake.collections.get('outbox')!.push({ _id: `sweep-${created.data.id}`, to: worker, template: 'dueAlert', data: { requestId: created.data.id, title: '路灯', message: '工单即将到期，请抓紧办理', at: new Date().toISOString(), level: 'remind' }, status: 'pending', attempts: 0, createdAt: new Date().toISOString(), notBefore: new Date(0).toISOString() });
    await loadMain('account')({ action: 'subscribed', data: { accepted: ['tmpl-due'] } }, contextFor(worker));
    fake.subscribe.grant(worker, 'tmpl-due');
    const entry = () => fake.collections.get('outbox')!.find((e) => e._id === `sweep-${created.data.id}`)!;
    try {
      delete process.env.WX_API_TOKEN; // a trigger created by the CLI: no token at all
      delete process.env.WX_TRIGGER_API_TOKEN_V0;
      expect((await loadMain('timer')({ Type: 'Timer' }, contextFor(undefined, 'timer'))).ok).toBe(true);
      expect(entry()).toMatchObject({ status: 'pending', lastError: expect.stringContaining('wxCloudApiToken') });
      process.env.WX_TRIGGER_API_TOKEN_V0 = 'trigger-token'; // uploaded from DevTools
      entry().leaseUntil = undefined;
      await loadMain('timer')({ Type: 'Timer' }, contextFor(undefined, 'timer'));
      expect(entry()).toMatchObject({ status: 'sent' });
      expect(fake.subscribe.sent.at(-1)).toMatchObject({ touser: worker, template_id: 'tmpl-due', data: { phrase2: { value: '即将超期' } } });
    } finally {
      process.env.WX_API_TOKEN = saved.api;
      delete process.env.TRIGGER_SRC;
      if (saved.trigger === undefined) delete process.env.WX_TRIGGER_API_TOKEN_V0;
      else process.env.WX_TRIGGER_API_TOKEN_V0 = saved.trigger;
    }
  });

  it('WeChat’s image verdict push, which arrives with the user’s OPENID, runs as the push and not as that user', async () => {
    const push = { ToUserName: 'gh_x', FromUserName: 'demo-resident', MsgType: 'event', Event: 'wxa_media_check', trace_id: 'trace-none', result: { suggest: 'risky' } };
    const reply = await loadMain('requests')(push, contextFor('demo-resident'));
    expect(reply).toEqual(expect.objectContaining({ ok: true, data: { hidden: false } }));
    expect(fake.collections.get('media_checks')!.find((d) => d._id === 'trace-none')).toMatchObject({ verdict: 'risky', verdictFor: 'demo-resident' });
  });
});

it('the source map beside a bundle leads a stack trace back to our sources', async () => {
  // An invalid context makes the SDK throw inside `main`, past our envelope.
  const error: Error = await loadMain('guide')({ action: 'list' }, {}).catch((e: Error) => e);
  const trace = traceFunction('guide', error.stack ?? '');
  expect(trace).toContain('cloudfunctions/lib/platform/cloudbase-entry.ts:');
  expect(trace).toMatch(/node_modules\/@cloudbase\/node-sdk\/dist\/utils\/tcbcontext\.js:\d+:\d+/);
});
