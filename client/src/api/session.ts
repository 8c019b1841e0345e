import Taro from '@tarojs/taro';
import { readStorage, removeStorage, writeStorage } from '../lib/storage';
import { getDemoOpenid } from './identity';

/**
 * The sign-in session of the self-hosted server: a bearer token from `account.login` (the
 * mini-program, after wx.login) or from 扫码登录 (the web console at a PC). On CloudBase the
 * platform supplies the OPENID and there is none. The token is kept on the device until it
 * expires or 退出; it only ever goes into the Authorization header.
 */
export const SESSION_KEY = 'qgt.session';

interface Stored {
  token: string;
  expiresAt: string;
}

/** The mini-program talks to the self-hosted server rather than CloudBase (a build setting). */
export function selfHostedWeapp(): boolean {
  return process.env.TARO_ENV === 'weapp' && process.env.TARO_APP_BACKEND === 'http';
}

/** Calls go over HTTP to our own server (h5 always; weapp when self-hosted). */
export function viaHttpApi(): boolean {
  return process.env.TARO_ENV === 'h5' || selfHostedWeapp();
}

export function sessionToken(): string | null {
  const s = readStorage<Stored>(SESSION_KEY);
  if (!s || typeof s.token !== 'string' || !(Date.parse(s.expiresAt) > Date.now())) return null;
  return s.token;
}

export function saveSession(session: Stored): void {
  writeStorage(SESSION_KEY, { token: session.token, expiresAt: session.expiresAt });
}

export function clearSession(): void {
  removeStorage(SESSION_KEY);
}

/** `wx.login` code for account.login (weapp). */
export async function wxLoginCode(): Promise<string> {
  const { code } = await Taro.login();
  if (!code) throw new Error('wx.login gave no code');
  return code;
}

/** Who is calling, for every HTTP request to our server: the session's bearer token, and in h5 dev the demo identity. */
export function identityHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  const openid = getDemoOpenid();
  if (openid) headers['x-openid'] = openid;
  const token = sessionToken();
  if (token) headers.authorization = `Bearer ${token}`;
  return headers;
}
