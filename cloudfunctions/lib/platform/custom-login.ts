import tcb from '@cloudbase/node-sdk';
import type { Logger } from '../runtime/context';

/**
 * CloudBase custom login (自定义登录) for the web console: after a staff member confirms 扫码登录
 * on the phone, the function signs a ticket for their OPENID with the environment's custom-login
 * private key (`auth().createTicket`, node-sdk: an RS256 JWT, `<private_key_id>/@@/<jwt>`); the
 * console page signs in with @cloudbase/js-sdk `auth.customAuthProvider().signIn(ticket)`, and
 * functions then see that person as TCB_CUSTOM_USER_ID (lib/platform/cloudbase-entry).
 *
 * The key is the console's tcb_custom_login_key.json (环境 → 登录授权 → 自定义登录 → 私钥下载), given
 * to the account function as CUSTOM_LOGIN_KEY (its JSON); without it no ticket is issued.
 */
export const PC_TICKET_EXPIRE_MS = 12 * 3_600_000;

interface CustomLoginKey {
  private_key_id: string;
  private_key: string;
  env_id: string;
}

export function customLoginIssuer(env: NodeJS.ProcessEnv = process.env, log?: Logger): ((openid: string, now: Date) => string | null) | undefined {
  const raw = env.CUSTOM_LOGIN_KEY;
  if (!raw) return undefined;
  let key: CustomLoginKey;
  try {
    key = JSON.parse(raw) as CustomLoginKey;
  } catch {
    log?.error({}, 'CUSTOM_LOGIN_KEY is not the JSON of tcb_custom_login_key.json');
    return undefined;
  }
  let app: ReturnType<typeof tcb.init> | undefined;
  return (openid, now) => {
    app ??= tcb.init({ env: tcb.SYMBOL_CURRENT_ENV, credentials: key });
    try {
      // The PC session is short (12 h); CloudBase refreshes its own access token hourly within it.
      return app.auth().createTicket(openid, { refresh: 3_600_000, expire: now.getTime() + PC_TICKET_EXPIRE_MS });
    } catch (e) {
      log?.error({ err: e instanceof Error ? e.message : String(e) }, 'custom login ticket not issued');
      return null;
    }
  };
}
