import { View } from '@tarojs/components';
import { openMatter } from '../../lib/nav';
import Tap from '../Tap';

export interface MatterListItem {
  code: string;
  title: string;
  /** Second line: category name, summary… */
  desc?: string;
}

/** A list of matters as cells; a tap opens the matter. */
export default function MatterList({ items }: { items: MatterListItem[] }) {
  return (
    <View className='cells'>
      {items.map((m) => (
        <Tap key={m.code} className='cell matter-item' onClick={() => openMatter(m.code)}>
          <View className='cell__body'>
            <View className='cell__title'>{m.title}</View>
            {m.desc ? <View className='cell__desc'>{m.desc}</View> : null}
          </View>
          <View className='cell__arrow'>›</View>
        </Tap>
      ))}
    </View>
  );
}
