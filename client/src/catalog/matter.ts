import type { GuideOutput } from '@qgt/shared/guide/api';
import type { LifeEventPlan } from '@qgt/shared/guide/lifeEvents';
import { callFunction } from '../api/call';
import { isApiError } from '../api/errors';
import { localDateKey } from '../lib/time';
import { getCatalogState, syncCatalog } from './cache';
import { detailsStore } from './details';

/** A matter as the page shows it: with its sources and its review as of today (as `guide.get`). */
export type MatterView = GuideOutput['get'];

/**
 * Details on demand: the summary the device keeps has no materials or steps, so a page asks for
 * its one matter (or life event), a few KB, and keeps it (catalog/details.ts). A kept copy of the
 * current details version, fetched today (its review status is as of a day), opens without the
 * network; an older one is refetched, and shown anyway when there is no answer (offline).
 */
async function loadDetail<T>(key: string, fetch: () => Promise<T>, versionOf: (data: T) => string | undefined): Promise<T> {
  const today = localDateKey(Date.now());
  const kept = detailsStore.read<T>(key);
  const s = getCatalogState();
  const current = s.status === 'ready' ? s.data.detailsVersion ?? s.data.version : undefined;
  if (kept && current && kept.v === `${current}@${today}`) return kept.data;
  void syncCatalog();
  try {
    const data = await fetch();
    const version = versionOf(data) ?? current;
    if (version) detailsStore.write(key, `${version}@${today}`, data);
    return data;
  } catch (e) {
    // An answer that the thing is gone (or the code is wrong) stands; anything else is the line.
    const answered = isApiError(e) && (e.code === 'NOT_FOUND' || e.code === 'BAD_REQUEST');
    if (kept && !answered) return kept.data;
    throw e;
  }
}

// A load under way, shared: a QR launch starts it before the matter page's code has arrived.
const inFlight = new Map<string, Promise<MatterView>>();

/** A matter's details (rejects with ApiError NOT_FOUND, or NETWORK when offline and never opened here). */
export function loadMatter(code: string): Promise<MatterView> {
  let p = inFlight.get(code);
  if (!p) {
    p = loadDetail(`m.${code}`, () => callFunction('guide', 'get', { code }), (m) => m.detailsVersion).finally(() => inFlight.delete(code));
    inFlight.set(code, p);
  }
  return p;
}

/** Starts loading a matter the app was launched for (QR), while its page's code still downloads. */
export function prefetchMatter(code: string): void {
  loadMatter(code).catch(() => undefined);
}

/** 高效办成一件事: the plan with its merged material list, kept like a matter. */
export function loadLifeEvent(code: string): Promise<LifeEventPlan> {
  const s = getCatalogState();
  return loadDetail(`e.${code}`, () => callFunction('guide', 'lifeEvent', { code }), () => (s.status === 'ready' ? s.data.detailsVersion : undefined));
}
