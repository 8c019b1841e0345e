import { ApiError } from './errors';
import { CALL_TIMEOUT_MS, transportFailure, withTimeout } from './transport';

/**
 * The web console on CloudBase (the H5 build on static hosting, `TARO_APP_CLOUDBASE_WEB_ENV` set):
 * functions are called through @cloudbase/js-sdk rather than our HTTP API. Until 扫码登录 is
 * confirmed the page is an anonymous CloudBase user (enough for `account.webLogin.*`); then it signs
 * in with the custom-login ticket `webLogin.poll` hands over, and every function sees that staff
 * member (TCB_CUSTOM_USER_ID = their OPENID, lib/platform/cloudbase-entry).
 *
 * The SDK is imported on first use, so it stays in its own chunk: the guide's home page never
 * loads it. Only the app, auth and functions parts are registered (the whole SDK is ~4 MB).
 */
export function cloudbaseWeb(): boolean {
  return process.env.TARO_ENV === 'h5' && !!process.env.TARO_APP_CLOUDBASE_WEB_ENV;
}

interface WebApp {
  auth(options?: { persistence: 'local' | 'session' | 'none' }): {
    hasLoginState(): unknown;
    signInAnonymously(): Promise<unknown>;
    signInWithCustomTicket(getTicket: () => Promise<string>): Promise<unknown>;
    signOut(): Promise<unknown>;
  };
  callFunction(options: { name: string; data: unknown }): Promise<{ result?: unknown }>;
}

let app: Promise<WebApp> | undefined;

function loadSdk() {
  // A constant condition at build time: the mini-program build drops the branch, and the SDK with it.
  if (process.env.TARO_ENV === 'h5') {
    return Promise.all([
      import(/* webpackChunkName: "cloudbase-sdk" */ '@cloudbase/js-sdk/app'),
      import(/* webpackChunkName: "cloudbase-sdk" */ '@cloudbase/js-sdk/auth'),
      import(/* webpackChunkName: "cloudbase-sdk" */ '@cloudbase/js-sdk/functions'),
    ]);
  } else {
    return Promise.reject(new Error('@cloudbase/js-sdk is for the H5 console only'));
  }
}

function sdk(): Promise<WebApp> {
  app ??= (async () => {
    const [{ default: cloudbase }, { registerAuth }, { registerFunctions }] = await loadSdk();
    registerAuth(cloudbase);
    registerFunctions(cloudbase);
    const origin = process.env.TARO_APP_CLOUDBASE_API_ORIGIN;
    // `apiOrigin` (sign-in) and the endpoint (function calls) point at a stand-in of the service in tests.
    const created = cloudbase.init({ env: process.env.TARO_APP_CLOUDBASE_WEB_ENV, ...(origin && { apiOrigin: origin }) } as never) as unknown as WebApp & {
      registerEndPoint?(url: string, protocol: string): void;
    };
    if (origin) created.registerEndPoint?.(`${origin.replace(/^https?:/, '')}/web`, origin.startsWith('https:') ? 'https:' : 'http:');
    return created;
  })();
  return app;
}

/** The console signed in as the person who confirmed on the phone (the ticket from webLogin.poll). */
export async function signInWithTicket(ticket: string): Promise<void> {
  const web = await sdk();
  try {
    await web.auth({ persistence: 'local' }).signInWithCustomTicket(() => Promise.resolve(ticket));
  } catch {
    throw new ApiError('UNAUTHENTICATED', '电脑端登录失败，请重新扫码');
  }
}

/** 退出 on the PC: the CloudBase sign-in ends too. */
export async function signOutOfCloudbase(): Promise<void> {
  if (!app) return;
  await (await app).auth({ persistence: 'local' }).signOut().catch(() => undefined);
}

/** One call of `fn`'s `action` through the SDK; the function's envelope as it answered. */
export async function callViaSdk(fn: string, action: string, data: unknown): Promise<unknown> {
  const web = await sdk();
  const auth = web.auth({ persistence: 'local' });
  try {
    // Before 扫码登录 the page calls as an anonymous CloudBase user (the environment allows it).
    if (!auth.hasLoginState()) await auth.signInAnonymously();
    const res = await withTimeout(web.callFunction({ name: fn, data: { action, data } }), CALL_TIMEOUT_MS);
    return res.result;
  } catch (e) {
    throw await transportFailure(e);
  }
}
