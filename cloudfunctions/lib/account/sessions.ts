import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '@qgt/shared/errors';
import { WEB_LOGIN_CONFIRM_PAGE, webLoginScene, type AccountOutput, type Via } from '@qgt/shared/account/api';
import type { Context } from '../runtime/context';
import type { Store } from '../store/port';
import type { Caller } from '../runtime/caller';

/**
 * Sign-in where no platform vouches for the caller: the self-hosted production server. The
 * mini-program exchanges a `wx.login` code for a session token (`account.login`); the web console
 * gets one by 扫码登录 (`account.webLogin.*`). A token is 32 random bytes shown to its holder once;
 * the store keeps only its SHA-256, so a copy of the database signs nobody in. On CloudBase the
 * OPENID keeps coming from the platform and none of this is used.
 */

export const SESSIONS = 'sessions';
export const WEB_LOGINS = 'web_logins';

/** Phone sessions: about a working week between sign-ins (wx.login again is silent). */
export const APP_SESSION_MS = 7 * 24 * 3600_000;
/** PC sessions are short: a console left signed in at a shared window ends the same day. */
export const WEB_SESSION_MS = 12 * 3600_000;
/** A 扫码登录 QR can be confirmed within this long after it was shown. */
export const WEB_LOGIN_MS = 5 * 60_000;

export interface SessionDoc {
  _id: string; // SHA-256 of the token, hex
  openid: string;
  via: Via;
  createdAt: string;
  expiresAt: string;
}

export interface WebLoginDoc {
  _id: string; // the session id in the QR
  device: string | null;
  createdAt: string;
  expiresAt: string;
  confirmedBy?: string;
  confirmedAt?: string;
  /** Set once the PC has collected its token: a second poll gets none. */
  issuedAt?: string;
}

const webLogins = (store: Store) => store.collection(WEB_LOGINS);

/** What `Authorization: Bearer <token>` may hold (base64url of 32 bytes, with room to change). */
const BEARER = /^Bearer ([A-Za-z0-9_-]{20,200})$/;

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export function bearerToken(header: string | string[] | undefined): string | null {
  const value = Array.isArray(header) ? header[0] : header;
  const m = value ? BEARER.exec(value.trim()) : null;
  return m ? m[1] : null;
}

/** Opens a session for `openid`; the token is returned to the caller and never stored. */
export async function openSession(store: Store, openid: string, via: Via, now: Date): Promise<{ token: string; expiresAt: string }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + (via === 'pc' ? WEB_SESSION_MS : APP_SESSION_MS)).toISOString();
  await store.collection(SESSIONS).insert({ _id: tokenHash(token), openid, via, createdAt: now.toISOString(), expiresAt });
  return { token, expiresAt };
}

/** The live session a token opens, or null (unknown, revoked or expired: the call is anonymous). */
export async function findSession(store: Store, token: string, now: Date): Promise<SessionDoc | null> {
  const doc = await store.collection(SESSIONS).get(tokenHash(token));
  return doc && doc.expiresAt > now.toISOString() ? doc : null;
}

export async function revokeSession(store: Store, sessionId: string | undefined): Promise<boolean> {
  return sessionId ? store.collection(SESSIONS).removeById(sessionId) : false;
}

/** Expired sessions and long-gone 扫码登录 QRs, swept by the timer (a session is dead at expiry anyway). */
export async function pruneSessions(store: Store, now: Date): Promise<number> {
  const at = now.toISOString();
  const gone = await store.collection(SESSIONS).removeMany({ expiresAt: { $lte: at } });
  return gone + (await webLogins(store).removeMany({ expiresAt: { $lt: new Date(now.getTime() - WEB_LOGIN_MS).toISOString() } }));
}

/** Every session of a person (account deletion, a staff member removed). */
export async function revokeSessionsOf(store: Store, openid: string): Promise<number> {
  return store.collection(SESSIONS).removeMany({ openid });
}

/** `account.login`: the code goes to WeChat's jscode2session; a code WeChat refuses is 401. */
export async function login(ctx: Context, code: string): Promise<AccountOutput['login']> {
  if (!ctx.platform.wechatSession) throw new AppError('FORBIDDEN', '此环境由平台提供身份，无需登录');
  let openid: string | null;
  try {
    openid = await ctx.platform.wechatSession(code);
  } catch (e) {
    // WeChat unreachable or answering garbage: the person can only try again (never a 5xx of ours).
    ctx.log.warn({ err: e instanceof Error ? e.message : String(e) }, 'jscode2session failed');
    throw new AppError('UNAUTHENTICATED', '微信登录服务暂时不可用，请稍后重试');
  }
  if (!openid) throw new AppError('UNAUTHENTICATED', '微信登录凭证无效或已过期，请重新登录');
  const session = await openSession(ctx.store, openid, 'phone', ctx.now);
  ctx.log.info({ via: 'phone' }, 'signed in');
  return session;
}

/**
 * Where the QR leads: on CloudBase a mini-program code opening the confirm page with the scene;
 * self-hosted a plain QR of this link, which the mini-program's 扫一扫 reads (and a phone browser
 * in dev opens).
 */
export function webLoginLink(publicUrl: string, session: string): string {
  return `${publicUrl.replace(/\/$/, '')}/#/${WEB_LOGIN_CONFIRM_PAGE}?session=${session}`;
}

/** `account.webLogin.start`: a pending sign-in for the QR on the PC (and a sweep of old ones). */
export async function startWebLogin(ctx: Context, device: string | undefined, qr = false): Promise<AccountOutput['webLogin.start']> {
  const session = randomBytes(14).toString('hex');
  const expiresAt = new Date(ctx.now.getTime() + WEB_LOGIN_MS).toISOString();
  // Anyone may start one, so old ones are cleared as new ones come (indexed on expiresAt).
  await webLogins(ctx.store).removeMany({ expiresAt: { $lt: new Date(ctx.now.getTime() - WEB_LOGIN_MS).toISOString() } });
  await webLogins(ctx.store).insert({ _id: session, device: device || null, createdAt: ctx.now.toISOString(), expiresAt });
  const scene = webLoginScene(session);
  if (!qr) return { session, scene, expiresAt };
  const link = webLoginLink(ctx.platform.publicUrl, session);
  const png = await ctx.platform.sceneCode({ scene, page: WEB_LOGIN_CONFIRM_PAGE, link });
  return { session, scene, expiresAt, link, image: `data:image/png;base64,${png.toString('base64')}` };
}

function statusOf(doc: WebLoginDoc | null, now: Date): AccountOutput['webLogin.poll']['status'] {
  if (doc?.confirmedBy) return 'confirmed';
  return doc && doc.expiresAt > now.toISOString() ? 'pending' : 'expired';
}

/** `account.webLogin.get`: what the phone shows before confirming. */
export async function getWebLogin(ctx: Context, session: string): Promise<AccountOutput['webLogin.get']> {
  const doc = await webLogins(ctx.store).get(session);
  if (!doc) throw new AppError('NOT_FOUND', '找不到该登录二维码，请在电脑上刷新', { field: 'data.session' });
  return { status: statusOf(doc, ctx.now), device: doc.device, expiresAt: doc.expiresAt };
}

/** `account.webLogin.confirm`: a staff member, on their phone, lets the PC in as themselves; once, within 5 minutes. */
export async function confirmWebLogin(ctx: Context, caller: Caller, session: string): Promise<AccountOutput['webLogin.confirm']> {
  if (ctx.via === 'pc') throw new AppError('FORBIDDEN', '请用手机上的小程序扫码确认', { field: 'data.session' });
  const doc = await webLogins(ctx.store).get(session);
  if (!doc) throw new AppError('NOT_FOUND', '找不到该登录二维码，请在电脑上刷新', { field: 'data.session' });
  if (doc.confirmedBy) throw new AppError('CONFLICT', '该二维码已确认过，不能再次使用', { field: 'data.session' });
  if (doc.expiresAt <= ctx.now.toISOString()) throw new AppError('CONFLICT', '二维码已过期，请在电脑上刷新', { field: 'data.session' });
  // Compare-and-set: of two confirmations racing, one wins and the other gets 409.
  const won = await webLogins(ctx.store).updateById(
    session,
    { $set: { confirmedBy: caller.openid!, confirmedAt: ctx.now.toISOString() } },
    { confirmedBy: { $exists: false }, expiresAt: { $gt: ctx.now.toISOString() } },
  );
  if (!won) throw new AppError('CONFLICT', '该二维码已确认过，不能再次使用', { field: 'data.session' });
  return { status: 'confirmed' };
}

/**
 * `account.webLogin.poll`: the PC asks until confirmed. The first poll after the confirmation
 * opens the PC session and takes its token (within 5 minutes of the confirmation); later polls
 * get none, so a photographed QR cannot be replayed for a second token. Unknown sessions are
 * simply expired (they are swept after a while).
 */
export async function pollWebLogin(ctx: Context, session: string): Promise<AccountOutput['webLogin.poll']> {
  const doc = await webLogins(ctx.store).get(session);
  const status = statusOf(doc, ctx.now);
  if (status !== 'confirmed' || !doc?.confirmedBy || doc.issuedAt) return { status };
  if (new Date(doc.confirmedAt!).getTime() + WEB_LOGIN_MS <= ctx.now.getTime()) return { status: 'expired' };
  const mine = await webLogins(ctx.store).updateById(session, { $set: { issuedAt: ctx.now.toISOString() } }, { issuedAt: { $exists: false } });
  if (!mine) return { status };
  const pc = await openSession(ctx.store, doc.confirmedBy, 'pc', ctx.now);
  // On CloudBase the console signs in to CloudBase itself with a custom-login ticket for the same person.
  const ticket = ctx.platform.customLoginTicket?.(doc.confirmedBy, ctx.now);
  ctx.log.info({ via: 'pc' }, 'signed in');
  return { status, ...pc, ...(ticket && { ticket }) };
}

/** This area's collections, typed by name (see CollectionDocs in lib/store/port). */
declare module '../store/port' {
  interface CollectionDocs {
    sessions: SessionDoc;
    web_logins: WebLoginDoc;
  }
}
