import { View } from '@tarojs/components';
import { useElderMode } from '../../lib/elder';
import './index.scss';

/** 长辈模式 switch: larger type and higher contrast on every page. */
export default function ElderToggle() {
  const [elder, setElder] = useElderMode();
  return (
    <View className={elder ? 'elder-toggle elder-toggle--on' : 'elder-toggle'} onClick={() => setElder(!elder)}>
      <View className='elder-toggle__label'>长辈模式</View>
      <View className='elder-toggle__state'>{elder ? '已开启' : '已关闭'}</View>
    </View>
  );
}
