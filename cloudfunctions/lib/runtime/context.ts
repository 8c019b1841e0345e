import type { Via } from '@qgt/shared/account/api';
import type { Store } from '../store/port';
import { identify, type Identity } from './caller';
import type { Platform } from '../platform/platform';

/** Minimal structured logger (pino's shape); never given personal data. */
export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** What a handler may use: the store, the clock, the logger, the platform — and who is calling. */
export interface Context {
  store: Store;
  /** "Now" for this call: the platform clock, or `x-now` in local dev mode. */
  now: Date;
  log: Logger;
  platform: Platform;
  /** The caller's OPENID as the platform vouches for it; null for anonymous calls. */
  openid: string | null;
  /** Loads the caller's role and user record from the store (once per call; see ./caller). */
  identify(): Promise<Identity>;
  /** The caller's network address, for anonymous calls' rate budget (local server; unset on CloudBase). */
  address?: string;
  /**
   * Set once the call has asked the platform's content check (WeChat's msgSecCheck on CloudBase,
   * which has a quota): from then on a refusal keeps the caller's rate unit spent.
   */
  reachedContentCheck?: boolean;
  /** Where the call came from (audit trail); the mini-program when unset. */
  via?: Via;
  /** The sign-in session the call carries (self-hosted bearer token), which 退出 ends. */
  sessionId?: string;
}

export function createContext(args: { store: Store; now: Date; log: Logger; platform: Platform; openid: string | null; address?: string; via?: Via; sessionId?: string }): Context {
  let caller: Promise<Identity> | undefined;
  return {
    ...args,
    identify() {
      caller ??= identify(args.store, args.openid);
      return caller;
    },
  };
}
