import { Button } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { confirmDialog } from '../../lib/dialog';
import { shareLink } from '../../lib/share';
import Tap from '../Tap';
import { showToast } from '../../lib/toast';
import './index.scss';

/**
 * weapp: the native share button (the page answers onShareAppMessage with its path).
 * h5: copies the `/?m=<code>` link.
 */
export default function ShareButton({ code }: { code: string }) {
  if (process.env.TARO_ENV === 'weapp') {
    return (
      <Button className='btn btn--plain share-button' openType='share'>
        分享给家人
      </Button>
    );
  }
  const copy = () => {
    Taro.setClipboardData({ data: shareLink(code) }).then(
      () => showToast({ title: '链接已复制', icon: 'success' }),
      () => confirmDialog({ title: '请手动复制链接', content: shareLink(code), showCancel: false }),
    );
  };
  return (
    <Tap className='btn btn--plain share-button' onClick={copy}>
      复制链接
    </Tap>
  );
}
