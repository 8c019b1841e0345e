import { View } from '@tarojs/components';
import type { Role } from '@qgt/shared/roles';
import { useMe } from '../../lib/account';
import { backOrHome, openPage } from '../../lib/nav';
import LoadState from '../LoadState';
import Notice from '../Notice';
import PageShell from '../PageShell';
import StaffHeader, { allowed } from '../StaffHeader';
import Tap from '../Tap';
import './index.scss';

interface Props {
  title: string;
  /** Who may use the page (account.me's role); others are told so. */
  roles: readonly Role[];
  /** What this area will hold, said plainly. */
  upcoming: string;
  /** Entries to the area's pages, shown to allowed callers. */
  links?: { page: string; label: string; name: string }[];
}

/** The entry page of a staff area that has no tools yet: who is calling, what is coming, a way back. */
export default function StaffHome({ title, roles, upcoming, links }: Props) {
  const { state, retry } = useMe();
  return (
    <PageShell>
      <View className='staff'>
        <StaffHeader title={title} me={state} />
        {state.status === 'error' ? (
          <LoadState error={state.message} onRetry={retry} />
        ) : state.status === 'ready' && !allowed(state.me, roles) ? (
          <Notice tone='warn' text='您的账号没有此功能的权限；如需开通，请联系社区管理员。' />
        ) : state.status === 'ready' && links?.length ? (
          <View className='staff__links'>
            {links.map((l) => (
              <Tap key={l.page} className={`btn btn--plain staff__link staff__link--${l.name}`} onClick={() => openPage(l.page)}>
                {l.label}
              </Tap>
            ))}
          </View>
        ) : null}
        <View className='staff__text'>{upcoming}</View>
        <View className='staff__text'>身份和权限以服务端登记为准；没有权限的操作会被拒绝。</View>
        <Tap className='btn btn--plain staff__back' onClick={backOrHome}>
          返回办事指南
        </Tap>
      </View>
    </PageShell>
  );
}
