import { startTestServer, type TestServer } from '../helpers/server';
import { startFakeWechat, wechatEnv } from '../fakes/wechat-api';

/**
 * The mini-program built for the self-hosted server (TARO_APP_BACKEND=http): the client's one
 * call wrapper signs in with wx.login → account.login before its first call, sends the bearer
 * token, and signs in again once when the server no longer knows the session. Taro's wx APIs are
 * stood in for by jest (wx.login yields a fresh code for the fake WeChat; wx.request is fetch).
 */

const storage = new Map<string, unknown>();
let codes = 0;
const mockTaro = {
  login: jest.fn(async () => ({ code: `code-demo-worker-1~${++codes}` })),
  request: jest.fn(async ({ url, method, header, data }: { url: string; method: string; header: Record<string, string>; data: unknown }) => {
    const res = await fetch(url, { method, headers: header, body: JSON.stringify(data) });
    return { statusCode: res.status, data: await res.json() };
  }),
  getStorageSync: (key: string) => storage.get(key) ?? '',
  setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
  removeStorageSync: (key: string) => void storage.delete(key),
  getNetworkType: async () => ({ networkType: 'wifi' }),
};
// By path: the client resolves @tarojs/taro from its own node_modules.
jest.mock('../../client/node_modules/@tarojs/taro', () => ({ __esModule: true, default: mockTaro }));
const taro = mockTaro;

let server: TestServer;
let wechat: Awaited<ReturnType<typeof startFakeWechat>>;
let callFunction: typeof import('../../client/src/api/call').callFunction;
const saved = { ...process.env };

beforeAll(async () => {
  wechat = await startFakeWechat();
  server = await startTestServer({ NODE_ENV: 'production', ...wechatEnv(wechat.url) });
  Object.assign(process.env, { TARO_ENV: 'weapp', TARO_APP_BACKEND: 'http', TARO_APP_API_BASE: server.url });
  ({ callFunction } = await import('../../client/src/api/call'));
});
afterAll(async () => {
  process.env = saved;
  await server.close();
  await wechat.close();
});

it('signs in with wx.login before the first call, then reuses the session', async () => {
  expect(await callFunction('account', 'me', {})).toMatchObject({ openid: 'demo-worker-1', role: 'worker' });
  expect(taro.login).toHaveBeenCalledTimes(1);
  const sent = taro.request.mock.calls.map(([r]) => r);
  expect(sent[0].data).toMatchObject({ action: 'login' });
  expect(sent[1].header.authorization).toMatch(/^Bearer [A-Za-z0-9_-]+$/);
  expect(sent[1].header['x-openid']).toBeUndefined();

  await callFunction('work', 'inbox', {});
  expect(taro.login).toHaveBeenCalledTimes(1);
});

it('signs in again once when the server has forgotten the session (expired, revoked)', async () => {
  await server.store.collection('sessions').removeMany({ openid: 'demo-worker-1' });
  expect((await callFunction('work', 'inbox', {})).items).toBeDefined();
  expect(taro.login).toHaveBeenCalledTimes(2);
});

it('a code WeChat refuses surfaces as 401 (请先登录), not a loop', async () => {
  storage.clear();
  taro.login.mockImplementationOnce(async () => ({ code: 'not-a-code' }));
  await expect(callFunction('work', 'inbox', {})).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  expect(taro.login).toHaveBeenCalledTimes(3);
});
