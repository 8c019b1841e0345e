import { View } from '@tarojs/components';
import type { RequestView } from '@qgt/shared/requests/views';
import PhotoGrid from '../Photos/PhotoGrid';
import StatusChip from './StatusChip';
import { isMissedVisit, isOpen, isOverdue } from '../../lib/requestView';

/** The top of a request page, for residents and staff alike (a failed refresh is the page skeleton's): title, status, number and flags (紧急, 已超期, 上门时间已过), words and photos. */
export default function RequestHead({ request: r }: { request: RequestView }) {
  return (
    <>
      <View className='detail__head'>
        <View className='detail__title-row'>
          <View className='detail__title'>{r.title}</View>
          <StatusChip status={r.status} />
        </View>
        <View className='detail__meta'>
          编号 {r.id}
          {r.urgent && isOpen(r) ? <View className='detail__flag detail__flag--urgent'>紧急</View> : null}
          {isMissedVisit(r) ? <View className='detail__flag detail__flag--missed'>上门时间已过</View> : isOverdue(r) ? <View className='detail__flag detail__flag--overdue'>已超期</View> : null}
        </View>
        {r.description ? <View className='detail__desc'>{r.description}</View> : null}
      </View>
      <PhotoGrid requestId={r.id} photos={r.photos} />
    </>
  );
}
