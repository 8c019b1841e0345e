import { View } from '@tarojs/components';
import type { Role } from '@qgt/shared/roles';
import { signOutOfCloudbase } from '../../api/cloudbaseWeb';
import { callFunction } from '../../api/call';
import { clearSession, sessionToken } from '../../api/session';
import { resetMe, roleLabel, type Me, type MeState } from '../../lib/account';
import { relaunch } from '../../lib/nav';
import ElderToggle from '../ElderToggle';
import Tap from '../Tap';
import './index.scss';

/** "<name> · <role>" from account.me. */
export function whoLabel(me: Me): string {
  if (!me.openid) return '未登录';
  const role = me.role ? roleLabel(me.role) : '居民';
  return `${me.name || '微信用户'} · ${role}`;
}

/** Whether account.me says the caller may use a staff page. */
export function allowed(me: Me, roles: readonly Role[]): boolean {
  return !!me.role && roles.includes(me.role);
}

/**
 * 退出 (a signed-in session of the self-hosted server: the PC's 扫码登录, chiefly): the server
 * ends the session, the device forgets it, and the PC goes back to its sign-in page.
 */
async function signOut(): Promise<void> {
  await callFunction('account', 'logout', {}).catch(() => undefined); // it expires anyway; the device forgets it now
  clearSession();
  await signOutOfCloudbase();
  resetMe();
  relaunch(process.env.TARO_ENV === 'h5' ? 'pcSignin' : 'home');
}

/** Title of a staff page and who is signed in (from account.me, not from the device). */
export default function StaffHeader({ title, me }: { title: string; me: MeState }) {
  return (
    <View className='staff-header'>
      <View className='staff-header__body'>
        <View className='staff-header__title'>{title}</View>
        <View className='staff-header__who'>
          {me.status === 'ready' ? `当前身份：${whoLabel(me.me)}` : me.status === 'loading' ? '正在识别身份…' : '身份识别失败'}
        </View>
      </View>
      {process.env.TARO_ENV === 'h5' && sessionToken() ? (
        <Tap className='btn btn--plain staff-header__signout' onClick={() => void signOut()}>
          退出
        </Tap>
      ) : null}
      <ElderToggle />
    </View>
  );
}
