import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import LoadState from '../../components/LoadState';
import Notice from '../../components/Notice';
import type { Remote } from '../../lib/useRemote';

/** Loading → error with retry → empty → the data; a failed refresh keeps the data with a notice. */
export function remoteBody<T>(state: Remote<T>, reload: () => void, render: (data: T) => ReactNode, isEmpty?: (data: T) => string | false): ReactNode {
  if (state.status === 'loading') return <LoadState />;
  if (state.status === 'error') return <LoadState error={state.message} onRetry={reload} />;
  const empty = isEmpty?.(state.data);
  return (
    <View>
      {state.error ? <Notice tone='error' text={`刷新失败：${state.error}`} actionText='重试' onAction={reload} /> : null}
      {empty ? <View className='block muted empty'>{empty}</View> : render(state.data)}
    </View>
  );
}
