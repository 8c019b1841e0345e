import { View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { Material } from '@qgt/shared/catalog/schema';
import { materialCopiesLabel, materialFormLabel } from '../../lib/format';
import { readTicks, writeTicks } from './ticks';
import Tap from '../Tap';
import { a11yProps } from '../../lib/a11y';
import './index.scss';

interface Props {
  code: string;
  materials: Material[];
}

/** 所需材料 as a checklist: tap to tick what you have ready; ticks are kept per matter. */
export default function MaterialChecklist({ code, materials }: Props) {
  const [ticked, setTicked] = useState<string[]>(() => readTicks(code));
  useEffect(() => setTicked(readTicks(code)), [code]);

  const update = (next: string[]) => {
    setTicked(next);
    writeTicks(code, next);
  };
  const toggle = (name: string) => update(ticked.includes(name) ? ticked.filter((n) => n !== name) : [...ticked, name]);
  const done = materials.filter((m) => ticked.includes(m.name)).length;

  return (
    <View className='checklist'>
      <View className='checklist__summary'>
        <View>
          已备齐 {done}/{materials.length} 项
        </View>
        {done > 0 ? (
          <Tap className='checklist__reset' onClick={() => update([])}>
            清空勾选
          </Tap>
        ) : null}
      </View>
      <View className='cells'>
        {materials.map((m) => {
          const on = ticked.includes(m.name);
          const copies = materialCopiesLabel(m);
          return (
            <Tap key={m.name} role='checkbox' checked={on} className={on ? 'cell material material--ticked' : 'cell material'} onClick={() => toggle(m.name)}>
              <View className='material__box' {...a11yProps({ hidden: true })}>{on ? '✓' : ''}</View>
              <View className='cell__body'>
                <View className='material__name'>{m.name}</View>
                <View className='material__tags'>
                  <View className='material__tag'>{materialFormLabel(m)}</View>
                  {copies ? <View className='material__tag'>{copies}</View> : null}
                  {m.required ? null : <View className='material__tag material__tag--optional'>视情况提供</View>}
                </View>
                {m.note ? <View className='cell__desc'>{m.note}</View> : null}
              </View>
            </Tap>
          );
        })}
      </View>
    </View>
  );
}
