import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import type { RequestView } from '@qgt/shared/requests/api';
import { callFunction } from '../api/call';
import { errorMessage } from '../api/errors';
import { queryParam } from './nav';
import { useRemote } from './useRemote';
import { useSubmit } from './useSubmit';

/**
 * One request page (the resident's detail and the worker's 工单): load `requests.get` for the
 * `id` in the route, refresh on show and pull-down, and run actions that answer with the updated
 * request, one at a time, showing a toast or the error. `onDone` closes the page's open form.
 */
export function useRequestPage(onDone: () => void) {
  const id = queryParam(useRouter().params, 'id');
  const { state, reload, set } = useRemote(() => callFunction('requests', 'get', { id }), [id], { refreshOnShow: true });
  const [actionError, setActionError] = useState('');
  const { busy, run } = useSubmit();
  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });

  const act = (fn: () => Promise<RequestView>, done: string) =>
    run(async () => {
      setActionError('');
      try {
        set(await fn());
        onDone();
        void Taro.showToast({ title: done, icon: 'success' });
      } catch (e) {
        setActionError(errorMessage(e));
      }
    });

  return { id, state, reload, act, busy, actionError };
}
