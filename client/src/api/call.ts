import Taro from '@tarojs/taro';
import type { Envelope } from '@qgt/shared/errors';
import { ApiError } from './errors';
import { initCloud } from './cloud';
import { callViaSdk, cloudbaseWeb } from './cloudbaseWeb';
import { CALL_TIMEOUT_MS, transportFailure, withAbortTimeout, withTimeout } from './transport';
import { clearSession, identityHeaders, saveSession, selfHostedWeapp, sessionToken, viaHttpApi, wxLoginCode } from './session';
import type { ActionInput, ActionName, ActionOutput, FnName } from './types';

/**
 * Calls an action of a cloud function and returns the `data` of its envelope, or rejects with an
 * ApiError carrying the contract's code and Chinese message — or, when no answer came (offline,
 * timed out after CALL_TIMEOUT_MS, connection failed), NETWORK / OFFLINE / TIMEOUT. weapp goes
 * through wx.cloud (the platform supplies the caller's OPENID); h5 POSTs to the local HTTP API
 * with the session's bearer token, and so does a self-hosted weapp build, signed in by wx.login.
 */
export async function callFunction<F extends FnName, A extends ActionName<F>>(
  fn: F,
  action: A,
  data: ActionInput<F, A>,
): Promise<ActionOutput<F, A>> {
  // The web console on CloudBase static hosting: through @cloudbase/js-sdk (api/cloudbaseWeb).
  if (cloudbaseWeb()) return unwrap(await callViaSdk(fn, action, data)) as ActionOutput<F, A>;
  if (!viaHttpApi()) return unwrap(await viaCloud(fn, action, data)) as ActionOutput<F, A>;
  const isLogin = fn === 'account' && action === 'login';
  if (selfHostedWeapp() && !isLogin && !sessionToken()) await weappSignIn();
  try {
    return unwrap(await viaHttp(fn, action, data)) as ActionOutput<F, A>;
  } catch (e) {
    // The server forgot the session (expired, revoked elsewhere): sign in again once and retry.
    if (!(selfHostedWeapp() && !isLogin && e instanceof ApiError && e.code === 'UNAUTHENTICATED')) throw e;
    clearSession();
    await weappSignIn();
    return unwrap(await viaHttp(fn, action, data)) as ActionOutput<F, A>;
  }
}

let signingIn: Promise<void> | undefined;

/** Self-hosted weapp: wx.login → account.login → a stored session; one at a time. */
function weappSignIn(): Promise<void> {
  signingIn ??= (async () => {
    try {
      const session = unwrap(await viaHttp('account', 'login', { code: await wxLoginCode() })) as { token: string; expiresAt: string };
      saveSession(session);
    } finally {
      signingIn = undefined;
    }
  })();
  return signingIn;
}

/** The `data` of a contract envelope, or the ApiError it carries. */
export function unwrap(envelope: unknown): unknown {
  if (!isEnvelope(envelope)) throw new ApiError('INTERNAL', '服务返回的数据有误，请稍后再试');
  if (envelope.ok) return envelope.data;
  throw ApiError.fromBody(envelope.error);
}

function isEnvelope(v: unknown): v is Envelope<unknown> {
  if (typeof v !== 'object' || v === null || typeof (v as { ok?: unknown }).ok !== 'boolean') return false;
  const e = v as { ok: boolean; error?: { code?: unknown } };
  return e.ok || typeof e.error?.code === 'string';
}

async function viaCloud(fn: string, action: string, data: unknown): Promise<unknown> {
  if (!initCloud()) throw new ApiError('INTERNAL', '当前微信版本不支持云开发，请升级微信后重试');
  try {
    const res = await withTimeout(Taro.cloud.callFunction({ name: fn, data: { action, data } }), CALL_TIMEOUT_MS);
    return res.result;
  } catch (e) {
    const errMsg = String((e as { errMsg?: unknown })?.errMsg ?? '');
    if (/FUNCTION_NOT_FOUND|-501000/.test(errMsg)) throw new ApiError('INTERNAL', '服务暂不可用，请稍后再试');
    throw await transportFailure(e);
  }
}

async function viaHttp(fn: string, action: string, data: unknown): Promise<unknown> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...identityHeaders() };
  const url = `${process.env.TARO_APP_API_BASE}/api/${encodeURIComponent(fn)}`;
  if (process.env.TARO_ENV === 'weapp') return viaRequest(url, headers, { action, data });
  try {
    return await withAbortTimeout(async (signal) => {
      const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ action, data }), signal });
      return readJson(res, signal, () => new ApiError('INTERNAL', res.ok ? '服务返回的数据有误，请稍后再试' : `服务暂不可用（${res.status}），请稍后再试`));
    }, CALL_TIMEOUT_MS);
  } catch (e) {
    throw await transportFailure(e);
  }
}

/** weapp has no fetch: wx.request, with its own timeout; any status's JSON body is the envelope. */
async function viaRequest(url: string, header: Record<string, string>, body: unknown): Promise<unknown> {
  try {
    const res = await Taro.request({ url, method: 'POST', header, data: body, dataType: 'json', timeout: CALL_TIMEOUT_MS });
    if (typeof res.data === 'object' && res.data !== null) return res.data;
    throw new ApiError('INTERNAL', res.statusCode < 400 ? '服务返回的数据有误，请稍后再试' : `服务暂不可用（${res.statusCode}），请稍后再试`);
  } catch (e) {
    throw await transportFailure(e);
  }
}

/** The JSON body of a reply, or `unreadable()` when it is not JSON (a proxy's error page). */
export async function readJson(res: Response, signal: AbortSignal | undefined, unreadable: () => ApiError): Promise<unknown> {
  try {
    return await res.json();
  } catch (e) {
    if (signal?.aborted) throw e; // timed out while reading: a transport failure, not a bad reply
    throw unreadable();
  }
}
