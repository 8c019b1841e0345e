import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { Role } from '@qgt/shared/roles';
import { useMe, type Me } from '../../lib/account';
import LoadState from '../LoadState';
import Notice from '../Notice';
import PageShell from '../PageShell';
import StaffHeader, { allowed } from '../StaffHeader';

export const NO_PERMISSION = '您的账号没有此功能的权限；如需开通，请联系社区管理员。';

interface Props {
  /** The header's title; a function when it depends on the caller (部门工作台). */
  title: string | ((me: Me | undefined) => string);
  /** Who may use the page (account.me's role). */
  roles: readonly Role[];
  /** What others see instead of the body (default: a no-permission notice). */
  denied?: ReactNode;
  /** The page's own useMe(), when it reads the caller too (one state, one 重试). */
  account?: ReturnType<typeof useMe>;
  /** Rendered once account.me says the caller may use the page; data inside goes through Loaded. */
  children: (me: Me) => ReactNode;
}

/** A staff page: the Page skeleton with a header saying who is calling and the role gate. */
export default function StaffPage({ title, roles, denied, account, children }: Props) {
  const own = useMe();
  const { state, retry } = account ?? own;
  const me = state.status === 'ready' ? state.me : undefined;
  return (
    <PageShell>
      <StaffHeader title={typeof title === 'function' ? title(me) : title} me={state} />
      {state.status === 'loading' ? (
        <LoadState loading='正在识别身份…' />
      ) : state.status === 'error' ? (
        <LoadState error={state.message} onRetry={retry} />
      ) : !allowed(state.me, roles) ? (
        denied ?? <Notice tone='warn' text={NO_PERMISSION} />
      ) : (
        <View>{children(state.me)}</View>
      )}
    </PageShell>
  );
}
