import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { parseWebLoginScene } from '@qgt/shared/account/weblogin';
import { callFunction } from '../../../api/call';
import FormError from '../../../components/Form/FormError';
import SubmitButton from '../../../components/Form/SubmitButton';
import Notice from '../../../components/Notice';
import { Loaded, StaffPage } from '../../../components/Page';
import { backOrHome } from '../../../lib/nav';
import { readQuery } from '../../../lib/routes';
import { useRemote } from '../../../lib/useRemote';
import { useSubmit, useSubmitFailure } from '../../../lib/useSubmit';
import Tap from '../../../components/Tap';
import { showToast } from '../../../lib/toast';
import '../signin.scss';

const STAFF = ['worker', 'admin'] as const;

/** The session this page is for: `session=` (a link, 扫一扫) or `scene=w=…` (a mini-program code). */
function sessionOf(params: Record<string, string | undefined>): string {
  const direct = readQuery('signinConfirm', params).session;
  return parseWebLoginScene(`w=${direct}`) ?? parseWebLoginScene(params.scene) ?? '';
}

function Confirm({ session }: { session: string }) {
  const info = useRemote(() => callFunction('account', 'webLogin.get', { session }), [session]);
  const [done, setDone] = useState(false);
  const failed = useSubmitFailure();
  const { busy, run } = useSubmit();
  const confirm = () =>
    run(async () => {
      failed.clear();
      try {
        await callFunction('account', 'webLogin.confirm', { session });
        setDone(true);
        void showToast({ title: '已在电脑上登录', icon: 'success' });
      } catch (e) {
        failed.set(e, () => void confirm());
      }
    });

  const ask = (request: { status: string; device: string | null }) => {
    if (done) return <View className='signin__done signin__confirmed'>已在电脑上登录。离开电脑时，请在电脑上点“退出”。</View>;
    if (request.status !== 'pending')
      return <Notice tone='warn' text={request.status === 'expired' ? '二维码已过期，请在电脑上刷新后重新扫码' : '该二维码已确认过，不能再次使用'} />;
    return (
    <View className='signin__ask'>
      <View className='signin__question'>在电脑上登录全岗通管理端？</View>
      <View className='signin__device'>{request.device ?? '未知浏览器'}</View>
      <View className='muted signin__hint'>请确认是您本人正在使用的电脑；登录后电脑上将以您的身份操作，12 小时内有效。</View>
      <FormError failure={failed.failure} onRetry={failed.retry} />
      <View className='form-actions'>
        <SubmitButton name='web-login-confirm' text='确认登录' busyText='正在确认…' busy={busy} onClick={() => void confirm()} />
        <Tap className='btn btn--plain signin__cancel' onClick={backOrHome}>
          取消
        </Tap>
      </View>
    </View>
    );
  };
  return (
    <Loaded state={info.state} onRetry={() => void info.reload()} loading='正在读取登录请求…'>
      {ask}
    </Loaded>
  );
}

/** 扫码登录, on the phone: a staff member lets the PC in as themselves (residents are told they cannot). */
export default function ConfirmWebLogin() {
  const { params } = useRouter();
  const session = sessionOf(params);
  return (
    <StaffPage title='电脑端登录' roles={STAFF}>
      {() => (session ? <Confirm session={session} /> : <Notice tone='warn' text='这不是全岗通电脑端的登录二维码' />)}
    </StaffPage>
  );
}
