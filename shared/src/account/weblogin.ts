import { scannedText } from '../guide/scene';

/**
 * 扫码登录's pages and QR scenes, without zod: the client imports these into its main package,
 * which must stay free of the schema library.
 */

/** A 扫码登录 session id as the server makes them (hex, so it fits a QR scene). */
export const WEB_LOGIN_SESSION = /^[0-9a-f]{28}$/;

/** The mini-program page a 扫码登录 QR opens (with `scene`), and the H5 route of the same page. */
export const WEB_LOGIN_CONFIRM_PAGE = 'signin/pages/confirm/index';
/** The PC's sign-in page (H5). */
export const WEB_LOGIN_PC_PAGE = 'signin/pages/pc/index';

/** The QR scene of a 扫码登录 session (`w=<session>`, 30 characters: within WeChat's 32). */
export function webLoginScene(session: string): string {
  return `w=${session}`;
}

/**
 * The session a 扫码登录 QR carries: its scene (`w=…`, possibly URL-encoded as WeChat hands it
 * over) or the link of a self-hosted QR (`…/#/signin/pages/confirm/index?session=…`, as 扫一扫
 * reads it); null for anything else.
 */
export function parseWebLoginScene(raw: unknown): string | null {
  const s = scannedText(raw);
  if (s === null) return null;
  const m = /^w=([0-9a-f]{28})$/.exec(s) ?? /^https?:\/\/[^\s]*[?&]session=([0-9a-f]{28})$/.exec(s);
  return m ? m[1] : null;
}
