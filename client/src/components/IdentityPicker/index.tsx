import { View } from '@tarojs/components';
import { useState } from 'react';
import { DEMO_IDENTITIES, demoIdentitiesEnabled, getDemoOpenid, setDemoOpenid } from '../../api/identity';
import { resetMe } from '../../lib/account';
import Tap from '../Tap';
import { showToast } from '../../lib/toast';
import './index.scss';

/** h5 dev only: pick the demo identity sent as x-openid to the local server. */
export default function IdentityPicker() {
  const [current, setCurrent] = useState(getDemoOpenid);
  if (!demoIdentitiesEnabled()) return null;
  const pick = (openid: string, label: string) => {
    setDemoOpenid(openid);
    setCurrent(openid);
    resetMe();
    void showToast({ title: `当前身份：${label}`, icon: 'none' });
  };
  return (
    <View className='identity-picker'>
      <View className='identity-picker__title'>演示身份（仅本地开发环境）</View>
      <View className='identity-picker__list'>
        {DEMO_IDENTITIES.map((i) => (
          <Tap
            key={i.openid || 'guest'}
            className={i.openid === current ? 'identity-picker__item identity-picker__item--on' : 'identity-picker__item'}
            onClick={() => pick(i.openid, i.label)}
          >
            {i.label}
          </Tap>
        ))}
      </View>
    </View>
  );
}
