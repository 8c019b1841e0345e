import { View } from '@tarojs/components';
import Tap from '../Tap';
import { a11yProps } from '../../lib/a11y';
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
  /** What is being chosen, for screen readers (e.g. 问题类别). */
  label?: string;
}

/** Single choice as tappable chips (category, building, department, colleague…). */
export default function Choices({ options, value, onChange, name, label }: Props) {
  return (
    <View className={`choices choices--${name}`} {...a11yProps({ role: 'radiogroup', label })}>
      {options.map((o) => {
        const cls = o.disabled ? 'choice choice--off' : o.value === value ? 'choice choice--on' : 'choice';
        return (
          <Tap key={o.value} role='radio' checked={o.value === value} disabled={o.disabled} className={cls} data-value={o.value} onClick={o.disabled ? undefined : () => onChange(o.value)}>
            <View>{o.label}</View>
            {o.desc ? <View className='choice__desc'>{o.desc}</View> : null}
          </Tap>
        );
      })}
    </View>
  );
}
