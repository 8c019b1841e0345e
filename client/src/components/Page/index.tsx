import type { ReactNode } from 'react';
import LoadState from '../LoadState';
import PageShell from '../PageShell';
import Loaded, { type LoadProps } from './Loaded';

export { default as Loaded, type Loadable, type LoadProps } from './Loaded';
export { default as StaffPage } from './StaffPage';

/** A page still getting ready (account, draft, options): its error with 重试, else the loading line. */
interface Preparing {
  pending: { status: string; message?: string };
  onRetry: () => void;
  loading?: string;
}

type Props<T> =
  | ({ children: ReactNode } & { [K in keyof LoadProps<T> | 'pending']?: never })
  | (LoadProps<T> & { children: (data: T) => ReactNode; pending?: never })
  | (Preparing & { children?: never; state?: never });

/**
 * The one page skeleton: the page root (长辈模式, privacy sheet) and, given `state`, the body only
 * once its data is in — loading, failed with 重试, empty, refresh failures (see Loaded); given
 * `pending`, the page while it gets ready. Pull-down and on-show refresh come with the data
 * (useRemote's `pullDown`, `refreshOnShow`). Staff pages add the role gate with StaffPage.
 */
export default function Page<T>(props: Props<T>) {
  if (props.pending) {
    const { pending, onRetry, loading } = props;
    return <PageShell>{pending.status === 'error' ? <LoadState error={pending.message} onRetry={onRetry} /> : <LoadState loading={loading} />}</PageShell>;
  }
  if (!props.state) return <PageShell>{props.children as ReactNode}</PageShell>;
  const { children, ...load } = props as LoadProps<T> & { children: (data: T) => ReactNode };
  return (
    <PageShell>
      <Loaded {...load}>{children}</Loaded>
    </PageShell>
  );
}
