import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { agreePrivacy, declinePrivacy, PRIVACY_AGREE_BUTTON, PRIVACY_EVENT, PRIVACY_PURPOSES, privacyPending } from '../../lib/privacy';
import Tap from '../Tap';
import Dialog from '../Dialog';
import './privacy.scss';

/**
 * Our consent sheet for WeChat's privacy authorization (lib/privacy): what we use and why, the
 * full 用户隐私保护指引, 同意 (WeChat's agreePrivacyAuthorization button) or 拒绝. Rendered by
 * PageShell, so whichever page calls a privacy API shows it.
 */
export default function PrivacySheet() {
  const [open, setOpen] = useState(privacyPending);
  useEffect(() => {
    const show = () => setOpen(true);
    Taro.eventCenter.on(PRIVACY_EVENT, show);
    return () => {
      Taro.eventCenter.off(PRIVACY_EVENT, show);
    };
  }, []);
  if (!open) return null;
  const close = (agree: boolean) => {
    if (agree) agreePrivacy();
    else declinePrivacy();
    setOpen(false);
  };
  return (
    <Dialog title='隐私保护提示' variant='sheet' className='privacy-sheet'>
      <View className='privacy-sheet__text'>为提供以下服务，我们需要使用您的：</View>
      {PRIVACY_PURPOSES.map((p) => (
        <View key={p.item} className='privacy-sheet__item'>
          {p.item}：{p.why}
        </View>
      ))}
      <Tap className='privacy-sheet__link' onClick={() => void Taro.openPrivacyContract?.({})}>
        查看《用户隐私保护指引》
      </Tap>
      <View className='privacy-sheet__actions'>
        <Button className='btn btn--plain privacy-sheet__decline' onClick={() => close(false)}>
          拒绝
        </Button>
        <Button id={PRIVACY_AGREE_BUTTON} className='btn btn--primary privacy-sheet__agree' openType='agreePrivacyAuthorization' onAgreePrivacyAuthorization={() => close(true)}>
          同意
        </Button>
      </View>
    </Dialog>
  );
}
