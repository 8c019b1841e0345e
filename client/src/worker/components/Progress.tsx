import { View } from '@tarojs/components';

/** A labelled progress bar: value of target, green once met. */
export default function Progress({ label, value, target, unit, name }: { label: string; value: number; target: number; unit: string; name: string }) {
  const ratio = target > 0 ? Math.min(1, value / target) : 1;
  return (
    <View className={`progress progress--${name}`}>
      <View className='progress__head'>
        <View>{label}</View>
        <View className={value >= target ? 'progress__num progress__num--met' : 'progress__num'}>
          {value}/{target}
          {unit}
        </View>
      </View>
      <View className='progress__track'>
        <View className={value >= target ? 'progress__fill progress__fill--met' : 'progress__fill'} style={{ width: `${Math.round(ratio * 100)}%` }} />
      </View>
    </View>
  );
}
