import type { ReactNode } from 'react';
import PageShell from '../PageShell';
import Loaded, { type LoadProps } from './Loaded';

export { default as Loaded, type Loadable, type LoadProps } from './Loaded';
export { default as StaffPage } from './StaffPage';

type Props<T> = ({ children: ReactNode } & { [K in keyof LoadProps<T>]?: never }) | (LoadProps<T> & { children: (data: T) => ReactNode });

/**
 * The one page skeleton: the page root (长辈模式, privacy sheet) and, given `state`, the body only
 * once its data is in — loading, failed with 重试, empty, refresh failures (see Loaded). Pull-down
 * and on-show refresh come with the data (useRemote's `pullDown`, `refreshOnShow`). Staff pages
 * add the role gate with StaffPage.
 */
export default function Page<T>(props: Props<T>) {
  if (!('state' in props) || props.state === undefined) return <PageShell>{props.children as ReactNode}</PageShell>;
  const { children, ...load } = props as LoadProps<T> & { children: (data: T) => ReactNode };
  return (
    <PageShell>
      <Loaded {...load}>{children}</Loaded>
    </PageShell>
  );
}
