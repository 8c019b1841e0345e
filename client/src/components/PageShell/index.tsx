import { View } from '@tarojs/components';
import type { PropsWithChildren } from 'react';
import { useElderMode } from '../../lib/elder';
import PrivacySheet from '../PrivacySheet';

/** The root of every page: carries the 长辈模式 class so the whole page switches at once, and the privacy consent sheet (weapp). */
export default function PageShell({ children }: PropsWithChildren) {
  const [elder] = useElderMode();
  return (
    <View className={elder ? 'page elder' : 'page'}>
      {children}
      {process.env.TARO_ENV === 'weapp' ? <PrivacySheet /> : null}
    </View>
  );
}
