import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const FAKE_APPID = 'wx-test-appid';
export const FAKE_SECRET = 'test-secret-never-logged';

/**
 * A local stand-in for WeChat's `GET /sns/jscode2session`: a code `code-<openid>` signs in as that
 * OPENID, once (WeChat refuses a used code with 40163); anything else gets 40029 (invalid code);
 * a wrong appid/secret gets 40125. `requests` records what the server sent.
 */
export async function startFakeWechat(): Promise<{ url: string; requests: URL[]; close(): Promise<void> }> {
  const used = new Set<string>();
  const requests: URL[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    requests.push(url);
    const reply = (body: object) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (req.method !== 'GET' || url.pathname !== '/sns/jscode2session') return res.writeHead(404).end();
    const q = url.searchParams;
    if (q.get('appid') !== FAKE_APPID || q.get('secret') !== FAKE_SECRET) return reply({ errcode: 40125, errmsg: 'invalid appsecret' });
    if (q.get('grant_type') !== 'authorization_code') return reply({ errcode: 40097, errmsg: 'invalid args' });
    const code = q.get('js_code') ?? '';
    const m = /^code-([A-Za-z0-9_-]+?)(?:~\d+)?$/.exec(code);
    if (!m) return reply({ errcode: 40029, errmsg: 'invalid code' });
    if (used.has(code)) return reply({ errcode: 40163, errmsg: 'code been used' });
    used.add(code);
    return reply({ openid: m[1], session_key: 'c2Vzc2lvbi1rZXk=' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The server's environment for signing in against the fake. */
export const wechatEnv = (url: string) => ({ WECHAT_APPID: FAKE_APPID, WECHAT_SECRET: FAKE_SECRET, WECHAT_API_BASE: url });
