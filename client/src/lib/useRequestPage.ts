import Taro from '@tarojs/taro';
import type { RequestView } from '@qgt/shared/requests/views';
import { callFunction } from '../api/call';
import { useRouteQuery } from './nav';
import { useRemote } from './useRemote';
import { useSubmit, useSubmitFailure } from './useSubmit';
import { showToast } from './toast';

/**
 * One request page (the resident's detail and the worker's 工单): load `requests.get` for the
 * `id` in the route, refresh on show and pull-down, and run actions that answer with the updated
 * request, one at a time, showing a toast or the failure (with 重试 when trying again may help).
 * `onDone` closes the page's open form; a failure leaves it open with what was typed.
 */
export function useRequestPage(route: 'detail' | 'workRequest', onDone: () => void) {
  const { id } = useRouteQuery(route);
  const { state, reload, set } = useRemote(() => callFunction('requests', 'get', { id }), [id], { refreshOnShow: true, pullDown: true });
  const failed = useSubmitFailure();
  const { busy, run } = useSubmit();

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
