import crypto from 'node:crypto';
import { cloudbaseMain } from '../../cloudfunctions/lib/platform/cloudbase-entry';
import { accountHandlers } from '../../cloudfunctions/account/handlers';
import type { FakeCloudbase } from '../fakes/cloudbase-server';
import { bundleEnv, contextFor, startSeededCloudbase } from './cloudbase-fixture';

/**
 * The console's client side on CloudBase (client/src/api/cloudbaseWeb.ts, call.ts) against the
 * fake: it uses the js-sdk API as the SDK declares it (`cloudbase.init`, `auth().signInAnonymously`,
 * `auth().signInWithCustomTicket(() => Promise<ticket>)`, `callFunction({name, data})`); the SDK
 * here is a stand-in that makes the SDK's requests (tests/fakes/cloudbase-web.ts), since the real
 * one needs a browser.
 */
jest.setTimeout(60_000);

const mockState: { url: string; token?: string; inits: unknown[] } = { url: '', inits: [] };
// By path, as the client resolves it (a virtual mock by name leaks into later files of the same worker).
jest.mock('../../client/node_modules/@tarojs/taro', () => ({ __esModule: true, default: {} }));
jest.mock('@cloudbase/js-sdk/auth', () => ({ registerAuth: () => undefined }));
jest.mock('@cloudbase/js-sdk/functions', () => ({ registerFunctions: () => undefined }));
jest.mock('@cloudbase/js-sdk/app', () => {
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${mockState.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(mockState.token && { authorization: `Bearer ${mockState.token}` }) }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as any };
  };
  const signedIn = async (path: string, body: unknown) => {
    const { status, body: reply } = await post(path, body);
    if (status !== 200) throw Object.assign(new Error(reply.error_description), reply);
    mockState.token = reply.access_token;
    return { user: { uid: reply.sub } };
  };
  const auth = {
    hasLoginState: () => (mockState.token ? { user: {} } : null),
    signInAnonymously: () => signedIn('/auth/v1/signin/anonymously', {}),
    signInWithCustomTicket: async (get: () => Promise<string>) => signedIn('/auth/v1/signin/custom', { provider_id: 'custom', ticket: await get() }),
    signOut: async () => {
      mockState.token = undefined;
    },
  };
  const app = {
    auth: () => auth,
    callFunction: async ({ name, data }: { name: string; data: unknown }) => {
      const { body } = await post('/web', { action: 'functions.invokeFunction', function_name: name, request_data: JSON.stringify(data) });
      if (body.code) throw Object.assign(new Error(body.message), { code: body.code });
      return { result: JSON.parse(body.data.response_data), requestId: body.requestId };
    },
  };
  return { __esModule: true, default: { init: (config: unknown) => (mockState.inits.push(config), app) } };
});

const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
let fake: FakeCloudbase;
const saved = { ...process.env };
beforeAll(async () => {
  fake = await startSeededCloudbase();
  mockState.url = fake.url;
  Object.assign(process.env, bundleEnv(fake), { SCF_NAMESPACE: 'test-env', TARO_ENV: 'h5', TARO_APP_CLOUDBASE_WEB_ENV: 'test-env' });
  process.env.CUSTOM_LOGIN_KEY = JSON.stringify({ private_key_id: 'kid-1', private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), env_id: 'test-env' });
  fake.web.customLoginKeys.set('kid-1', publicKey);
  fake.web.functions.set('account', cloudbaseMain('account', accountHandlers) as never);
});
afterAll(async () => {
  process.env = saved;
  await fake?.close();
});

it('calls go through the SDK; after the phone confirms, the ticket signs the console in as that person', async () => {
  const { callFunction } = await import('../../client/src/api/call');
  const web = await import('../../client/src/api/cloudbaseWeb');
  expect(web.cloudbaseWeb()).toBe(true);

  const { session } = await callFunction('account', 'webLogin.start', { device: 'Chrome on Windows' });
  expect(mockState.inits).toEqual([{ env: 'test-env' }]);
  expect(fake.web.invocations.at(-1)).toEqual(expect.not.objectContaining({ customUserId: expect.anything() }));
  await (cloudbaseMain('account', accountHandlers) as any)({ action: 'webLogin.confirm', data: { session } }, contextFor('demo-worker-1'));
  const polled = await callFunction('account', 'webLogin.poll', { session });
  expect(polled.ticket).toEqual(expect.any(String));

  // A forged ticket is refused with a message the page shows.
  await expect(web.signInWithTicket(polled.ticket!.replace(/.{6}$/, 'AAAAAA'))).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: '电脑端登录失败，请重新扫码' });

  await web.signInWithTicket(polled.ticket!);
  expect(await callFunction('account', 'me', {})).toMatchObject({ openid: 'demo-worker-1', role: 'worker' });
  expect(fake.web.invocations.at(-1)).toMatchObject({ name: 'account', customUserId: 'demo-worker-1' });

  // 退出: the CloudBase sign-in ends with it.
  await web.signOutOfCloudbase();
  expect(mockState.token).toBeUndefined();
});
