import { View } from '@tarojs/components';
import Tap from '../Tap';
import './index.scss';

interface Props {
  /** Shown while loading; null hides the spinner text. */
  loading?: string;
  error?: string;
  onRetry?: () => void;
}

/** Loading and failure placeholders: never a blank page, always a way to try again. */
export default function LoadState({ loading, error, onRetry }: Props) {
  if (error) {
    return (
      <View className='load-state'>
        <View className='load-state__icon'>⚠️</View>
        <View className='load-state__text'>{error}</View>
        {onRetry ? (
          <Tap className='btn btn--primary load-state__retry' onClick={onRetry}>
            重试
          </Tap>
        ) : null}
      </View>
    );
  }
  return (
    <View className='load-state'>
      <View className='load-state__text'>{loading ?? '正在加载…'}</View>
    </View>
  );
}
