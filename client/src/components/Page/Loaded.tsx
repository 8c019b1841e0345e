import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import LoadState from '../LoadState';
import Notice from '../Notice';

/** What a page waits for: a function's answer (useRemote), the catalog, the caller's account. */
export type Loadable<T> = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; data: T; error?: string };

export interface LoadProps<T> {
  state: Loadable<T>;
  onRetry: () => void;
  /** Shown while loading (default 正在加载…). */
  loading?: string;
  /** The empty state for this data, or false: a string is shown as a muted line, anything else as given. */
  empty?: (data: T) => ReactNode | false;
  /** Class of the muted empty line, for tests and styles (e.g. `inbox__empty`). */
  emptyClass?: string;
}

/**
 * Loading → failed with 重试 → empty → the data. A failed refresh keeps the data on screen with a
 * notice, so a page never goes blank and always offers a way to try again.
 */
export default function Loaded<T>({ state, onRetry, loading, empty, emptyClass, children }: LoadProps<T> & { children: (data: T) => ReactNode }) {
  if (state.status === 'loading') return <LoadState loading={loading} />;
  if (state.status === 'error') return <LoadState error={state.message} onRetry={onRetry} />;
  const none = empty?.(state.data);
  return (
    <View>
      {state.error ? <Notice tone='error' text={`刷新失败：${state.error}`} actionText='重试' onAction={onRetry} /> : null}
      {none === false || none === undefined || none === null || none === '' ? (
        children(state.data)
      ) : typeof none === 'string' ? (
        <View className={`block muted ${emptyClass ?? 'empty'}`}>{none}</View>
      ) : (
        none
      )}
    </View>
  );
}
