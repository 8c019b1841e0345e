import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import type { RequestView } from '@qgt/shared/requests/api';
import { callFunction } from '../api/call';
import { queryParam } from './nav';
import { useRemote } from './useRemote';
import { useSubmit, useSubmitFailure } from './useSubmit';
import { showToast } from './toast';

/**
 * One request page (the resident's detail and the worker's 工单): load `requests.get` for the
 * `id` in the route, refresh on show and pull-down, and run actions that answer with the updated
 * request, one at a time, showing a toast or the failure (with 重试 when trying again may help).
 * `onDone` closes the page's open form; a failure leaves it open with what was typed.
 */
export function useRequestPage(onDone: () => void) {
  const id = queryParam(useRouter().params, 'id');
  const { state, reload, set } = useRemote(() => callFunction('requests', 'get', { id }), [id], { refreshOnShow: true });
  const failed = useSubmitFailure();
  const { busy, run } = useSubmit();
  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });

  const act = (fn: () => Promise<RequestView>, done: string): Promise<void | undefined> =>
    run(async () => {
      failed.clear();
      try {
        set(await fn());
        onDone();
        void showToast({ title: done, icon: 'success' });
      } catch (e) {
        failed.set(e, () => void act(fn, done));
      }
    });

  return { id, state, reload, act, busy, actionFailure: failed.failure, retryAction: failed.retry };
}
