import { View } from '@tarojs/components';
import type { RequestView } from '@qgt/shared/requests/api';
import Notice from '../Notice';
import PhotoGrid from '../Photos/PhotoGrid';
import StatusChip from './StatusChip';

/** The top of a request page, for residents and staff alike: a failed refresh, title, status, words and photos. */
export default function RequestHead({ request: r, refreshError, onRetry }: { request: RequestView; refreshError?: string; onRetry: () => void }) {
  return (
    <>
      {refreshError ? <Notice tone='error' text={`刷新失败：${refreshError}`} actionText='重试' onAction={onRetry} /> : null}
      <View className='detail__head'>
        <View className='detail__title-row'>
          <View className='detail__title'>{r.title}</View>
          <StatusChip status={r.status} />
        </View>
        {r.description ? <View className='detail__desc'>{r.description}</View> : null}
      </View>
      <PhotoGrid requestId={r.id} photos={r.photos} />
    </>
  );
}
