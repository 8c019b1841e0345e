import { View } from '@tarojs/components';
import Tap from '../../components/Tap';
import type { Choice } from '../../components/Form/Choices';
import '../../components/Form/index.scss';

interface Props {
  options: Choice[];
  value: readonly string[];
  onChange: (value: string[]) => void;
  /** Class modifier for tests: `choices--dept-staff`. */
  name: string;
}

/**
 * Several people or places picked by name (the console never asks for an openid or a code): the
 * chips of Choices, each toggling. A chosen value missing from the options (a person since
 * removed) stays listed under its raw value, so saving never drops it silently.
 */
export default function MultiPicker({ options, value, onChange, name }: Props) {
  const known = new Set(options.map((o) => o.value));
  const all = [...options, ...value.filter((v) => !known.has(v)).map((v) => ({ value: v, label: v, desc: '不在列表中' }))];
  const toggle = (v: string) => onChange(value.includes(v) ? value.filter((x) => x !== v) : [...value, v]);
  return (
    <View className={`choices choices--${name}`} role='group'>
      {all.map((o) => {
        const on = value.includes(o.value);
        return (
          <Tap key={o.value} className={on ? 'choice choice--on' : 'choice'} role='checkbox' checked={on} data-value={o.value} onClick={() => toggle(o.value)}>
            <View>{o.label}</View>
            {o.desc ? <View className='choice__desc'>{o.desc}</View> : null}
          </Tap>
        );
      })}
    </View>
  );
}
