import { View } from '@tarojs/components';
import type { Matter } from '@qgt/shared/catalog/schema';
import Tap from '../../../components/Tap';
import './booking.scss';
import SectionTitle from '../../../components/SectionTitle';

interface Props {
  matters: Pick<Matter, 'code' | 'title' | 'summary'>[];
  onPick: (code: string | null) => void;
}

/** Step 1: which matter the visit is for (those offering 上门帮办), or "其他" with a description later. */
export default function MatterStep({ matters, onPick }: Props) {
  return (
    <View>
      <SectionTitle>选择需要上门帮办的事项</SectionTitle>
      <View className='cells'>
        {matters.map((m) => (
          <Tap key={m.code} className='cell booking__matter' data-code={m.code} onClick={() => onPick(m.code)}>
            <View className='cell__body'>
              <View className='cell__title'>{m.title}</View>
              {m.summary ? <View className='cell__desc booking__summary'>{m.summary}</View> : null}
            </View>
            <View className='cell__arrow'>›</View>
          </Tap>
        ))}
        <Tap className='cell booking__matter booking__matter--other' onClick={() => onPick(null)}>
          <View className='cell__body'>
            <View className='cell__title'>其他事项</View>
            <View className='cell__desc'>不在列表中？下一步请在备注中说明需要办理什么</View>
          </View>
          <View className='cell__arrow'>›</View>
        </Tap>
      </View>
    </View>
  );
}
