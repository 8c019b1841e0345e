import { Text, View } from '@tarojs/components';
import type { Failure } from '../../api/errors';
import Tap from '../Tap';
import './index.scss';

/**
 * Why a submit failed, under the form; the form keeps what was entered. A failure that may pass
 * if tried again (network, timeout, server trouble) gets a 重试 that runs the same submit.
 */
export default function FormError({ failure, onRetry }: { failure: Failure | null; onRetry?: () => void }) {
  if (!failure) return null;
  return (
    <View className={failure.retry ? 'form-error form-error--retry' : 'form-error'}>
      <Text className='form-error__text'>{failure.message}</Text>
      {failure.retry && onRetry ? (
        <Tap className='form-error__retry' onClick={onRetry}>
          {failure.action ?? '重试'}
        </Tap>
      ) : null}
    </View>
  );
}
