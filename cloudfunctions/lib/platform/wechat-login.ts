/** WeChat's own API host; `WECHAT_API_BASE` points tests at a local fake. */
export const WECHAT_API_BASE = 'https://api.weixin.qq.com';

export interface WechatLoginConfig {
  appid?: string;
  secret?: string;
  apiBase: string;
}

/**
 * `wx.login` code → OPENID through WeChat's `GET /sns/jscode2session` (self-hosted production).
 * Null when WeChat refuses the code (`{errcode, errmsg}`: invalid, used, expired) or the server
 * has no appid/secret; a network failure or a reply that is not JSON throws, so the caller can
 * tell "try again" from "bad code". The session_key is not kept: nothing here decrypts user data.
 */
export function jscode2session(config: WechatLoginConfig, fetchImpl: typeof fetch = fetch) {
  return async (code: string): Promise<string | null> => {
    if (!config.appid || !config.secret) return null;
    const url = new URL('/sns/jscode2session', config.apiBase);
    url.search = new URLSearchParams({ appid: config.appid, secret: config.secret, js_code: code, grant_type: 'authorization_code' }).toString();
    const res = await fetchImpl(url, { signal: AbortSignal.timeout(5000) });
    const body = (await res.json()) as { openid?: unknown; errcode?: unknown };
    if (body.errcode && body.errcode !== 0) return null;
    return typeof body.openid === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(body.openid) ? body.openid : null;
  };
}
