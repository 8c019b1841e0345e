/**
 * The deployable artefacts themselves: each esbuild bundle's `exports.main`, called the way
 * CloudBase calls it, with the real SDK inside talking to the fake CloudBase server.
 */
import fs from 'node:fs';
import path from 'node:path';
import tcb from '@cloudbase/node-sdk';
import { buildFunctions, FUNCTIONS_DIST } from '../../scripts/build-functions';
import { openCloudbaseStore } from '../../cloudfunctions/lib/store/cloudbase';
import { syncCatalogFromSource } from '../../cloudfunctions/lib/catalog/publish';
import { seedIfEmpty } from '../../cloudfunctions/lib/seed/demo';
import { startFakeCloudbase, type FakeCloudbase } from '../fakes/cloudbase-server';

jest.setTimeout(120_000);

type Main = (event: unknown, context: unknown) => Promise<any>;
let fake: FakeCloudbase;
const saved = { ...process.env };

/** What SCF hands a function: the caller's identity in `environment`, never in the event. */
const contextFor = (openid?: string) => ({ request_id: 'r1', environment: JSON.stringify(openid ? { WX_OPENID: openid, WX_CONTEXT_KEYS: 'WX_OPENID' } : {}) });

function loadMain(name: string): Main {
  const file = path.join(FUNCTIONS_DIST, name, 'index.js');
  return (require(file) as { main: Main }).main;
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(FUNCTIONS_DIST, 'guide/index.js'))) await buildFunctions();
  fake = await startFakeCloudbase();
  Object.assign(process.env, {
    TENCENTCLOUD: 'true', // skip the metadata probe outside Tencent Cloud
    TENCENTCLOUD_SECRETID: 'x',
    TENCENTCLOUD_SECRETKEY: 'y',
    TCB_ENV: 'test-env',
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${fake.url}/admin` }),
  });
  const store = openCloudbaseStore(tcb.init({ env: 'test-env', secretId: 'x', secretKey: 'y', serviceUrl: `${fake.url}/admin` }));
  await syncCatalogFromSource(store, new Date());
  await seedIfEmpty(store, 'demo', new Date());
});

afterAll(async () => {
  process.env = saved;
  await fake?.close();
});

it('bundles every registered function with a package.json and no dependencies', () => {
  for (const name of fs.readdirSync(FUNCTIONS_DIST)) {
    const pkg = JSON.parse(fs.readFileSync(path.join(FUNCTIONS_DIST, name, 'package.json'), 'utf8'));
    expect(pkg).toEqual(expect.objectContaining({ name, main: 'index.js' }));
    expect(pkg.dependencies).toBeUndefined();
  }
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
