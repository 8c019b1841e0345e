import { View } from '@tarojs/components';
import './index.scss';

export interface Choice {
  value: string;
  label: string;
  desc?: string;
  disabled?: boolean;
}

interface Props {
  options: Choice[];
  value?: string;
  onChange: (value: string) => void;
  /** Class modifier for tests: `choices--category`. */
  name: string;
}

/** Single choice as tappable chips (category, building, department, colleague…). */
export default function Choices({ options, value, onChange, name }: Props) {
  return (
    <View className={`choices choices--${name}`}>
      {options.map((o) => {
        const cls = o.disabled ? 'choice choice--off' : o.value === value ? 'choice choice--on' : 'choice';
        return (
          <View key={o.value} className={cls} data-value={o.value} onClick={o.disabled ? undefined : () => onChange(o.value)}>
            <View>{o.label}</View>
            {o.desc ? <View className='choice__desc'>{o.desc}</View> : null}
          </View>
        );
      })}
    </View>
  );
}
