import { View } from '@tarojs/components';
import type { SlotView } from '@qgt/shared/booking/api';
import { localDateKey, relativeDayLabel, timeLabel } from '../../lib/time';
import Tap from '../../components/Tap';
import './resident.scss';

interface Props {
  slots: SlotView[];
  value?: string;
  onChange: (slot: SlotView) => void;
  /** Show who visits (several workers may offer the same time). */
  showWorker?: boolean;
}

export function groupByDay(slots: SlotView[]): { day: string; label: string; slots: SlotView[] }[] {
  const groups = new Map<string, SlotView[]>();
  for (const s of [...slots].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0))) {
    const key = localDateKey(s.start);
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  return [...groups.entries()].map(([day, list]) => ({ day, label: relativeDayLabel(list[0].start), slots: list }));
}

/** Visit slots grouped by day; what is left in each; full ones shown but not selectable. */
export default function SlotPicker({ slots, value, onChange, showWorker = true }: Props) {
  const days = groupByDay(slots);
  if (!days.length) return <View className='block muted slots__empty'>未来14天暂无可预约的上门时段，请改日再试或到社区综合窗口办理。</View>;
  return (
    <View className='slots'>
      {days.map((d) => (
        <View key={d.day} className='slots__group'>
          <View className='slots__day'>{d.label}</View>
          <View className='slots__list'>
            {d.slots.map((s) => {
              const full = s.remaining <= 0;
              const cls = full ? 'slot slot--full' : s.slotId === value ? 'slot slot--on' : 'slot';
              return (
                <Tap key={s.slotId} role='radio' checked={s.slotId === value} disabled={full} className={cls} data-slot={s.slotId} onClick={full ? undefined : () => onChange(s)}>
                  <View className='slot__time'>
                    {timeLabel(s.start)}–{timeLabel(s.end)}
                  </View>
                  <View className='slot__left'>{full ? '已约满' : `余${s.remaining}${showWorker ? ` · ${s.worker.name}` : ''}`}</View>
                </Tap>
              );
            })}
          </View>
        </View>
      ))}
    </View>
  );
}
