import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { PropsWithChildren } from 'react';
import { a11yProps } from '../../lib/a11y';
import { useElderMode } from '../../lib/elder';
import DialogHost from '../Dialog/DialogHost';
import PageNav from '../PageNav';
import PrivacySheet from '../PrivacySheet';

/** The page's name from its config (what WeChat shows in the navigation bar). */
function pageTitle(): string {
  const config = (Taro.getCurrentInstance().page as { config?: { navigationBarTitleText?: string } } | null)?.config;
  return config?.navigationBarTitleText ?? '全岗通';
}

/**
 * The root of every page: carries the 长辈模式 class so the whole page switches at once, the page's
 * landmarks (its body is `main`, PageNav a navigation), a way back/home, and the dialogs: the
 * privacy consent sheet (weapp) and lib/dialog's confirmations (H5). The root keeps only its
 * `.page` class (tests find pages by it); the main role sits on a wrapper inside.
 */
export default function PageShell({ children }: PropsWithChildren) {
  const [elder] = useElderMode();
  const h5 = process.env.TARO_ENV === 'h5';
  return (
    <View className={elder ? 'page elder' : 'page'}>
      <View className='page__main' {...a11yProps({ role: 'main' })}>
        {/* H5 has no navigation bar of WeChat's: the page's name is its level-1 heading, for screen readers. */}
        {h5 ? (
          <View className='sr-only page__title' {...a11yProps({ role: 'heading', level: 1 })}>
            {pageTitle()}
          </View>
        ) : null}
        {children}
      </View>
      <PageNav />
      {h5 ? <DialogHost /> : <PrivacySheet />}
    </View>
  );
}
