import { View } from '@tarojs/components';
import type { PropsWithChildren } from 'react';
import { useElderMode } from '../../lib/elder';
import PageNav from '../PageNav';
import PrivacySheet from '../PrivacySheet';

/** The root of every page: carries the 长辈模式 class so the whole page switches at once, a way back/home, and the privacy consent sheet (weapp). */
export default function PageShell({ children }: PropsWithChildren) {
  const [elder] = useElderMode();
  return (
    <View className={elder ? 'page elder' : 'page'}>
      {children}
      <PageNav />
      {process.env.TARO_ENV === 'weapp' ? <PrivacySheet /> : null}
    </View>
  );
}
