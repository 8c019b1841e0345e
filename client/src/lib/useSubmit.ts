import { useCallback, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { failureOf, withHint, type Failure } from '../api/errors';
import { showToast } from './toast';

/**
 * One submission at a time: a second tap while the first is in flight does nothing (the ref
 * blocks it before React re-renders the disabled button).
 */
export function useSubmit(): { busy: boolean; run: <T>(fn: () => Promise<T>) => Promise<T | undefined> } {
  const inFlight = useRef(false);
  const [busy, setBusy] = useState(false);
  const run = useCallback(async <T>(fn: () => Promise<T>): Promise<T | undefined> => {
    if (inFlight.current) return undefined;
    inFlight.current = true;
    setBusy(true);
    try {
      return await fn();
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  }, []);
  return { busy, run };
}

/**
 * Why a form's last submit failed, and how to run that same submit again (FormError's 重试):
 * `set(error, again, hint)` from a catch — the hint is added when trying again may help —
 * `show(failure, again?)` for the form's own checks or a failure the page words itself, `clear()` when the person edits.
 */
export function useSubmitFailure() {
  const [state, setState] = useState<{ failure: Failure; again?: () => void } | null>(null);
  const set = useCallback((e: unknown, again?: () => void, hint?: string) => {
    const failure = failureOf(e);
    setState({ failure: failure.retry && hint ? { ...failure, message: withHint(failure.message, hint) } : failure, again });
  }, []);
  const show = useCallback((failure: Failure, again?: () => void) => setState({ failure, again }), []);
  /** The form's own check failed: say why (nothing to retry). */
  const say = useCallback((message: string) => setState({ failure: { message, retry: false } }), []);
  const clear = useCallback(() => setState(null), []);
  return { failure: state?.failure ?? null, retry: state?.again, set, show, say, clear };
}

/**
 * The console forms' save: one at a time, `已保存` on success then `after` (clear the form, reload
 * the list), else the failure for FormError (with 重试 running the same save when that may help),
 * shown until the next try.
 */
export function useSave(): { busy: boolean; failure: Failure | null; retry?: () => void; save: (call: () => Promise<unknown>, after: () => void) => Promise<void> } {
  const { busy, run } = useSubmit();
  const failed = useSubmitFailure();
  const save = useCallback(
    (call: () => Promise<unknown>, after: () => void): Promise<void> =>
      run(async () => {
        failed.clear();
        try {
          await call();
          void showToast({ title: '已保存', icon: 'success' });
          after();
        } catch (e) {
          failed.set(e, () => void save(call, after));
        }
      }).then(() => undefined),
    [run, failed.clear, failed.set],
  );
  return { busy, failure: failed.failure, retry: failed.retry, save };
}
