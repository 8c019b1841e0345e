import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { Role } from '@qgt/shared/roles';
import { useMe, type Me } from '../../lib/account';
import LoadState from '../LoadState';
import Notice from '../Notice';
import PageShell from '../PageShell';
import StaffHeader, { allowed } from '../StaffHeader';

interface Props {
  title: string;
  roles: readonly Role[];
  /** Rendered once account.me says the caller may use the page. */
  children: (me: Me) => ReactNode;
}

/** A staff page's frame: header with who is calling, then the page body only for allowed roles. */
export default function StaffGate({ title, roles, children }: Props) {
  const { state, retry } = useMe();
  return (
    <PageShell>
      <StaffHeader title={title} me={state} />
      {state.status === 'loading' ? (
        <LoadState loading='正在识别身份…' />
      ) : state.status === 'error' ? (
        <LoadState error={state.message} onRetry={retry} />
      ) : !allowed(state.me, roles) ? (
        <Notice tone='warn' text='您的账号没有此功能的权限；如需开通，请联系社区管理员。' />
      ) : (
        <View>{children(state.me)}</View>
      )}
    </PageShell>
  );
}
