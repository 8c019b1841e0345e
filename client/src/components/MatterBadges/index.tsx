import { View } from '@tarojs/components';
import type { Matter } from '@qgt/shared/catalog/schema';
import { handlingLabel } from '../../lib/format';
import './index.scss';

/** 即办/流转, 上门帮办, 代办 at a glance. */
export default function MatterBadges({ matter }: { matter: Pick<Matter, 'onTheSpot' | 'backOffice' | 'doorstep' | 'proxy'> }) {
  return (
    <View className='badges'>
      <View className={matter.onTheSpot ? 'badge badge--primary' : 'badge badge--flow'}>{handlingLabel(matter)}</View>
      {matter.doorstep ? <View className='badge'>可上门帮办</View> : null}
      {matter.proxy ? <View className='badge'>可代办</View> : null}
    </View>
  );
}
