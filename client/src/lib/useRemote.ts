import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../api/errors';

/**
 * Data a page loads from a function: loading → ready | error, with reload. A reload keeps the
 * data on screen until the new answer is in (no blank flash); `refreshOnShow` reloads when the
 * page shows again (e.g. back from a detail page that changed something); `pullDown` reloads on
 * the page's pull-down (the page config enables it) and ends the spinner when the answer is in.
 */
export type Remote<T> = { status: 'loading' } | { status: 'ready'; data: T; refreshing: boolean; error?: string } | { status: 'error'; message: string };

export function useRemote<T>(
  loader: () => Promise<T>,
  deps: unknown[],
  options: { refreshOnShow?: boolean; pullDown?: boolean; skip?: boolean } = {},
): { state: Remote<T>; reload: () => Promise<void>; set: (data: T) => void } {
  const [state, setState] = useState<Remote<T>>({ status: 'loading' });
  const seq = useRef(0);
  const shown = useRef(false);
  const load = useCallback(loader, deps);

  const reload = useCallback(async () => {
    const mine = ++seq.current;
    setState((s) => (s.status === 'ready' ? { ...s, refreshing: true, error: undefined } : { status: 'loading' }));
    try {
      const data = await load();
      if (mine === seq.current) setState({ status: 'ready', data, refreshing: false });
    } catch (e) {
      if (mine !== seq.current) return;
      const message = errorMessage(e);
      // Keep what is on screen and say the refresh failed; with nothing on screen, show the error.
      setState((s) => (s.status === 'ready' ? { ...s, refreshing: false, error: message } : { status: 'error', message }));
    }
  }, [load]);

  useEffect(() => {
    if (!options.skip) void reload();
  }, [reload, options.skip]);

  useDidShow(() => {
    // The first show comes with the load above.
    if (shown.current && options.refreshOnShow && !options.skip) void reload();
    shown.current = true;
  });

  usePullDownRefresh(() => {
    if (!options.pullDown) return;
    if (options.skip) void Taro.stopPullDownRefresh();
    else void reload().finally(() => Taro.stopPullDownRefresh());
  });

  const set = useCallback((data: T) => {
    seq.current++;
    setState({ status: 'ready', data, refreshing: false });
  }, []);

  return { state, reload, set };
}
