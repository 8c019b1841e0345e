import { View } from '@tarojs/components';
import type { Role } from '@qgt/shared/roles';
import { ROLE_LABELS, type Me, type MeState } from '../../lib/account';
import ElderToggle from '../ElderToggle';
import './index.scss';

/** "<name> · <role>" from account.me. */
export function whoLabel(me: Me): string {
  if (!me.openid) return '未登录';
  const role = me.role ? ROLE_LABELS[me.role] ?? me.role : '居民';
  return `${me.name || '微信用户'} · ${role}`;
}

/** Whether account.me says the caller may use a staff page. */
export function allowed(me: Me, roles: readonly Role[]): boolean {
  return !!me.role && roles.includes(me.role);
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
      <ElderToggle />
    </View>
  );
}
