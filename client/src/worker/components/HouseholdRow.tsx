import { View } from '@tarojs/components';
import type { HouseholdView } from '@qgt/shared/visits/api';
import { dateLabel } from '../../lib/time';
import Tap from '../../components/Tap';

export function dueText(h: HouseholdView): string {
  if (h.overdue) return `已超期${h.overdueDays}天`;
  return h.lastVisit ? `应于${dateLabel(h.dueDate)}前走访` : '尚未走访';
}

/** 包保 key household: name, tags, last visit, due (overdue in red). */
export default function HouseholdRow({ h, picked, onPick }: { h: HouseholdView; picked?: boolean; onPick?: () => void }) {
  const cls = ['cell', 'household', h.overdue ? 'household--overdue' : '', picked ? 'household--picked' : ''].filter(Boolean).join(' ');
  return (
    <Tap className={cls} data-code={h.code} onClick={onPick}>
      <View className='cell__body'>
        <View>
          {h.name} · {h.tags.join('、')}
        </View>
        <View className='cell__desc'>
          {h.address ?? h.buildingName ?? ''} {h.lastVisit ? `上次 ${dateLabel(h.lastVisit)}` : ''} <View className='household__due'>{dueText(h)}</View>
        </View>
      </View>
    </Tap>
  );
}
