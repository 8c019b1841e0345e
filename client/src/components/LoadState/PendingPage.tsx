import PageShell from '../PageShell';
import LoadState from './index';

/** A whole page while its data is loading or failed to load (with retry), never a blank page. */
export default function PendingPage({ state, onRetry, loading }: { state: { status: string; message?: string }; onRetry: () => void; loading: string }) {
  return <PageShell>{state.status === 'error' ? <LoadState error={state.message} onRetry={onRetry} /> : <LoadState loading={loading} />}</PageShell>;
}
