import { View } from '@tarojs/components';
import { useElderMode } from '../../lib/elder';
import Tap from '../Tap';
import './index.scss';

/** 长辈模式 switch: larger type and higher contrast on every page. */
export default function ElderToggle() {
  const [elder, setElder] = useElderMode();
  return (
    <Tap role='switch' checked={elder} label='长辈模式' className={elder ? 'elder-toggle elder-toggle--on' : 'elder-toggle'} onClick={() => setElder(!elder)}>
      <View className='elder-toggle__label'>长辈模式</View>
      <View className='elder-toggle__state'>{elder ? '已开启' : '已关闭'}</View>
    </Tap>
  );
}
