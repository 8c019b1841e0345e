import { View } from '@tarojs/components';
import type { RequestView } from '@qgt/shared/requests/views';
import { OPEN } from '../../lib/requestView';
import { kindLabel } from '../../lib/requestLabels';
import { dueLabel, slotLabel, whenLabel } from '../../lib/time';
import StatusChip from './StatusChip';
import Tap from '../Tap';
import './index.scss';

interface Props {
  request: RequestView;
  onOpen: (id: string) => void;
  /** Staff lists: show the resident-facing owner and the due level. */
  staff?: boolean;
}

/** One request in a list: title, status, kind, who handles it, the deadline or the booked visit. */
export default function RequestCard({ request: r, onOpen, staff }: Props) {
  const open = OPEN.includes(r.status);
  // Residents too see that their request is past its deadline (已超期); staff by the working-time level.
  const overdue = open && (staff ? r.due?.level === 'overdue' || r.due?.level === 'escalate' : r.kind !== 'visit' && Date.parse(r.dueAt) < Date.now());
  const dueSoon = staff && open && r.due?.level === 'remind';
  return (
    <Tap className='cell request-card' data-id={r.id} onClick={() => onOpen(r.id)}>
      <View className='cell__body'>
        <View className='request-card__head'>
          <View className='request-card__title'>{r.title}</View>
          <View className='request-card__chips'>
            {r.urgent && open ? <View className='chip chip--overdue chip--urgent'>紧急</View> : null}
            <StatusChip status={r.status} />
            {overdue ? <View className='chip chip--overdue'>已超期</View> : dueSoon ? <View className='chip chip--wait'>即将超期</View> : null}
            {r.following ? <View className='chip chip--off'>我也遇到</View> : null}
          </View>
        </View>
        {r.description ? <View className='request-card__desc'>{r.description}</View> : null}
        <View className='request-card__meta'>
          <View className='request-card__meta-item'>编号 {r.id}</View>
          <View className='request-card__meta-item'>{kindLabel(r.kind)}</View>
          <View className='request-card__meta-item'>{staff && r.owner ? `居民：${r.owner.name}` : `经办：${r.assignee.name}`}</View>
          {r.slot ? (
            <View className='request-card__meta-item'>上门：{slotLabel(r.slot.start, r.slot.end)}</View>
          ) : open ? (
            <View className='request-card__meta-item'>时限：{dueLabel(r.dueAt)}</View>
          ) : (
            <View className='request-card__meta-item'>提交于 {whenLabel(r.createdAt)}</View>
          )}
        </View>
      </View>
    </Tap>
  );
}
