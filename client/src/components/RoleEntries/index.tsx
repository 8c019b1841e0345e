import { View } from '@tarojs/components';
import { demoIdentitiesEnabled } from '../../api/identity';
import { useMe } from '../../lib/account';
import { openPage, type RouteName } from '../../lib/nav';
import Notice from '../Notice';
import Tap from '../Tap';
import './index.scss';
import SectionTitle from '../SectionTitle';

interface Entry {
  key: string;
  icon: string;
  name: string;
  page: RouteName;
}

const RESIDENT: Entry[] = [
  { key: 'report', icon: '📷', name: '随手拍', page: 'report' },
  { key: 'booking', icon: '🏠', name: '预约上门帮办', page: 'booking' },
  { key: 'mine', icon: '📋', name: '我的诉求', page: 'mine' },
];
const WORKER: Entry = { key: 'worker', icon: '🧭', name: '网格员工作台', page: 'workerHome' };
const ADMIN: Entry = { key: 'admin', icon: '🗂️', name: '管理后台', page: 'adminHome' };

function Tiles({ entries }: { entries: Entry[] }) {
  return (
    <View className='entries'>
      {entries.map((e) => (
        <Tap key={e.key} className={`entry entry--${e.key}`} onClick={() => openPage(e.page)}>
          <View className='entry__icon'>{e.icon}</View>
          <View className='entry__name'>{e.name}</View>
        </Tap>
      ))}
    </View>
  );
}

/**
 * What the caller can do besides reading the guide, by role from `account.me`: residents' 随手拍,
 * 上门帮办 and 我的诉求 for anyone signed in; the workbench for workers; the back office for admins.
 * The guide never waits for this: failures show a quiet notice with a retry.
 */
export default function RoleEntries() {
  const { state, retry } = useMe();
  if (state.status === 'loading') return <View className='block muted entries__hint'>正在识别身份…</View>;
  if (state.status === 'error') return <Notice tone='warn' text={`暂时无法获取您的身份：${state.message}`} actionText='重试' onAction={retry} />;
  const { me } = state;
  if (!me.openid) {
    return (
      <View className='block muted entries__hint'>
        {demoIdentitiesEnabled() ? '在页面底部选择演示身份后，可使用随手拍、预约上门帮办和我的诉求。' : process.env.TARO_ENV === 'h5' ? '随手拍、预约上门帮办和我的诉求请在全岗通小程序中使用。' : '登录后可使用随手拍、预约上门帮办和我的诉求。'}
        {process.env.TARO_ENV === 'h5' ? (
          <Tap className='entries__pc-signin' onClick={() => openPage('pcSignin')}>
            工作人员在电脑上登录（扫码）
          </Tap>
        ) : null}
      </View>
    );
  }
  const staff = [...(me.role === 'worker' ? [WORKER] : []), ...(me.role === 'admin' ? [ADMIN, WORKER] : [])];
  return (
    <View className='role-entries'>
      <SectionTitle>
        我要办{me.name ? ` · ${me.name}` : ''}
      </SectionTitle>
      <Tiles entries={RESIDENT} />
      {staff.length ? (
        <View>
          <SectionTitle>工作入口</SectionTitle>
          <Tiles entries={staff} />
        </View>
      ) : null}
      {me.role === 'resident' ? (
        // Someone a community admin invited by code (not by QR) accepts it here.
        <Tap className='block entries__pc-signin entries__invite' onClick={() => openPage('invite')}>
          社区工作人员：输入邀请码加入
        </Tap>
      ) : null}
    </View>
  );
}
