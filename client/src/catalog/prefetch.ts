import type { GuideOutput } from '@qgt/shared/guide/api';
import { unwrap } from '../api/call';

/**
 * h5: index.html starts `guide.catalog` before the app's scripts arrive (on Slow 3G that saves a
 * round trip and the download after them), with the version it read from the stored cache. The
 * first sync takes that reply when it asked for the same version; otherwise, or when the early
 * call failed, it calls as usual. Only for an API on the page's own origin (the inline call's).
 */
interface Prefetch {
  version: string;
  reply: Promise<unknown>;
}

type Holder = { __qgtCatalog?: Prefetch };

export async function prefetchedCatalog(version: string | undefined): Promise<GuideOutput['catalog'] | undefined> {
  if (process.env.TARO_ENV !== 'h5' || process.env.TARO_APP_API_BASE || typeof window === 'undefined') return undefined;
  const holder = window as unknown as Holder;
  const early = holder.__qgtCatalog;
  holder.__qgtCatalog = undefined; // used once: a later sync asks afresh
  if (!early || early.version !== (version ?? '')) return undefined;
  const envelope = await early.reply;
  if (!envelope) return undefined;
  try {
    return unwrap(envelope) as GuideOutput['catalog'];
  } catch {
    return undefined;
  }
}
