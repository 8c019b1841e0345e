import { AppError } from '@qgt/shared/errors';
import type { Via } from '@qgt/shared/account/api';
import type { Store } from '../store/port';
import { bearerToken, findSession } from '../account/sessions';

/**
 * The dev stand-ins for what CloudBase supplies: `x-openid` (the caller) and `x-now` (the clock).
 * Refused outright in production mode, so they can never impersonate anyone there.
 */
const OPENID = /^[A-Za-z0-9_-]{1,64}$/;

type Headers = Record<string, string | string[] | undefined>;

function single(headers: Headers, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export function devIdentity(headers: Headers, production: boolean, clock: () => Date): { openid: string | null; now: Date } {
  const openid = single(headers, 'x-openid');
  const now = single(headers, 'x-now');
  if (production && (openid !== undefined || now !== undefined))
    throw new AppError('FORBIDDEN', '生产环境不接受调试身份（x-openid / x-now）', { field: openid !== undefined ? 'x-openid' : 'x-now' });
  if (openid !== undefined && !OPENID.test(openid)) throw new AppError('BAD_REQUEST', 'x-openid 格式不正确', { field: 'x-openid' });
  let at = clock();
  if (now !== undefined) {
    // Require a date, optionally with a time; Date.parse alone accepts too much.
    const ms = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(now) ? Date.parse(now) : NaN;
    if (Number.isNaN(ms)) throw new AppError('BAD_REQUEST', 'x-now 须为 ISO 8601 时间', { field: 'x-now' });
    at = new Date(ms);
  }
  return { openid: openid || null, now: at };
}

export interface RequestIdentity {
  openid: string | null;
  now: Date;
  /** The mini-program or the web console (a PC session), for the audit trail. */
  via: Via;
  /** The session the bearer token opened (what 退出 ends). */
  sessionId?: string;
}

/**
 * Who is calling the local server: in dev mode the `x-openid` header when present; otherwise (and
 * always in production) the session of an `Authorization: Bearer <token>` header. A missing,
 * unknown, expired or revoked token is an anonymous call, never an error: the guide still works
 * and actions that need sign-in answer 401 as for anyone else.
 */
export async function requestIdentity(headers: Headers, opts: { production: boolean; clock: () => Date; store: Store }): Promise<RequestIdentity> {
  const dev = devIdentity(headers, opts.production, opts.clock);
  if (dev.openid) return { ...dev, via: 'phone' };
  const token = bearerToken(headers.authorization);
  const session = token ? await findSession(opts.store, token, dev.now) : null;
  return session ? { openid: session.openid, now: dev.now, via: session.via, sessionId: session._id } : { ...dev, via: 'phone' };
}
