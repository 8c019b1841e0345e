import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { a11yProps } from '../../lib/a11y';
import Tap from '../Tap';
import './index.scss';

const HOME = 'pages/index/index';

/** Where the page was opened from: its route without the leading slash or query. */
function currentRoute(): string {
  const path = Taro.getCurrentInstance().router?.path ?? '';
  return path.replace(/^\//, '').split('?')[0];
}

/**
 * A way back and a way home on the page itself (适老化: never stranded on a page opened from a
 * link, a QR code or a message). Left out on the home page.
 */
export default function PageNav() {
  const route = currentRoute();
  if (!route || route === HOME) return null;
  const canGoBack = Taro.getCurrentPages().length > 1;
  return (
    <View className='page-nav' {...a11yProps({ role: 'navigation', label: '页面导航' })}>
      {canGoBack ? (
        <Tap role='link' className='page-nav__item page-nav__back' onClick={() => void Taro.navigateBack()}>
          返回上一页
        </Tap>
      ) : null}
      <Tap role='link' className='page-nav__item page-nav__home' onClick={() => void Taro.reLaunch({ url: `/${HOME}` })}>
        回到首页
      </Tap>
    </View>
  );
}
