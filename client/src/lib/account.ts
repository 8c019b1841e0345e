import Taro from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import type { AccountOutput } from '@qgt/shared/account/api';
import { callFunction } from '../api/call';
import { errorMessage } from '../api/errors';

/**
 * Who the caller is, from `account.me`, fetched once per session and shared by every page.
 * Display only: the server checks the role again on every action. In h5 the demo identity can
 * change; `resetMe()` forgets the cached answer and tells the pages.
 */
export type Me = AccountOutput['me'];

export type MeState = { status: 'loading' } | { status: 'ready'; me: Me } | { status: 'error'; message: string };

const ME_EVENT = 'qgt:me';
let cached: Promise<Me> | undefined;
let last: Me | undefined;

export function loadMe(): Promise<Me> {
  cached ??= callFunction('account', 'me', {}).then(
    (me) => {
      last = me;
      return me;
    },
    (e: unknown) => {
      cached = undefined; // a failure is retried next time
      throw e;
    },
  );
  return cached;
}

/** The last answer this session, if any (no call). */
export function peekMe(): Me | undefined {
  return last;
}

export function resetMe(): void {
  cached = undefined;
  last = undefined;
  Taro.eventCenter.trigger(ME_EVENT);
}

/** Role words come from shared's vocabulary (one table for the pages and the functions). */
export { roleLabel } from '@qgt/shared/vocabulary/roles';

export function signedIn(me: Me | undefined): boolean {
  return !!me?.openid;
}

export function useMe(): { state: MeState; retry: () => void } {
  const [state, setState] = useState<MeState>(() => (last ? { status: 'ready', me: last } : { status: 'loading' }));
  const load = useCallback(() => {
    if (!last) setState({ status: 'loading' });
    loadMe().then(
      (me) => setState({ status: 'ready', me }),
      (e: unknown) => setState({ status: 'error', message: errorMessage(e) }),
    );
  }, []);
  useEffect(() => {
    load();
    Taro.eventCenter.on(ME_EVENT, load);
    return () => {
      Taro.eventCenter.off(ME_EVENT, load);
    };
  }, [load]);
  return { state, retry: load };
}
