import { useDidHide, useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useMe, type MeState } from './account';
import { readStorage, removeStorage, writeStorage } from './storage';

/**
 * A form's draft kept on the device as it is filled in, so closing the mini-program (or a failed
 * submit) loses nothing: restored when the page opens again, dropped with `reset()` once the
 * server has accepted it. Stored per signed-in user and kind, so two residents on one phone, or a
 * 随手拍 and a booking, never overwrite each other. Writes are debounced while typing and flushed
 * when the page hides or closes.
 */
export type DraftKind = 'report' | 'visit';

export interface DraftSpec<T extends { key: string }> {
  kind: DraftKind;
  /** A new, empty draft with a fresh idempotency key. */
  fresh: () => T;
  /** A stored value checked and repaired (stale parts dropped), or undefined when unusable. */
  restore: (stored: unknown) => T | undefined;
  /** What goes to storage, e.g. without local file paths that will not survive a restart. */
  persist?: (draft: T) => unknown;
}

export const SAVE_DELAY_MS = 400;

export function draftStorageKey(kind: DraftKind, openid: string | null): string {
  return `qgt.draft.${kind}.${openid || 'guest'}`;
}

type Patch<T> = Partial<T> | ((draft: T) => Partial<T>);

export interface Draft<T> {
  /** Undefined until the owner (account.me) is known; see `me` for loading / failure. */
  draft: T | undefined;
  me: MeState;
  retryMe: () => void;
  update: (patch: Patch<T>) => void;
  /** Forgets the stored draft and starts a fresh one (new idempotency key). */
  reset: () => void;
  /** Writes pending changes now (before opening another page that reads the same draft). */
  flush: () => void;
}

interface Entry<T> {
  storageKey: string;
  draft: T;
}

export function useDraft<T extends { key: string }>(spec: DraftSpec<T>): Draft<T> {
  const specRef = useRef(spec);
  specRef.current = spec;
  const { state: me, retry: retryMe } = useMe();
  const storageKey = me.status === 'ready' ? draftStorageKey(spec.kind, me.me.openid) : undefined;
  // The entry as read from storage (or made fresh): only changes after it are written.
  const baseline = useRef<Entry<T>>();
  const load = useCallback((key: string, fresh = false): Entry<T> => {
    const { restore, fresh: empty } = specRef.current;
    baseline.current = { storageKey: key, draft: (fresh ? undefined : restore(readStorage(key))) ?? empty() };
    return baseline.current;
  }, []);
  const [entry, setEntry] = useState<Entry<T> | undefined>(() => (storageKey ? load(storageKey) : undefined));

  const pending = useRef<Entry<T>>();
  const timer = useRef<ReturnType<typeof setTimeout>>();

  const flush = useCallback(() => {
    clearTimeout(timer.current);
    const p = pending.current;
    pending.current = undefined;
    if (p) writeStorage(p.storageKey, specRef.current.persist ? specRef.current.persist(p.draft) : p.draft);
  }, []);

  // Owner known or changed (h5 demo identity): that owner's draft.
  useEffect(() => {
    if (!storageKey || entry?.storageKey === storageKey) return;
    flush();
    setEntry(load(storageKey));
  }, [storageKey, entry?.storageKey, flush, load]);

  // Only the person's own changes are written (a restored draft is already stored).
  useEffect(() => {
    if (!entry || entry === baseline.current) return;
    pending.current = entry;
    clearTimeout(timer.current);
    timer.current = setTimeout(flush, SAVE_DELAY_MS);
  }, [entry, flush]);

  useEffect(() => flush, [flush]);
  useDidHide(flush);
  // Back on this page after another page changed the same draft (a later booking step): re-read it,
  // so this page neither shows nor writes back a stale copy.
  const shown = useRef(false);
  useDidShow(() => {
    if (!shown.current) {
      shown.current = true;
      return;
    }
    if (storageKey && !pending.current) setEntry(load(storageKey));
  });

  const update = useCallback((patch: Patch<T>) => {
    setEntry((e) => (e ? { ...e, draft: { ...e.draft, ...(typeof patch === 'function' ? patch(e.draft) : patch) } } : e));
  }, []);

  const reset = useCallback(() => {
    if (!storageKey) return;
    clearTimeout(timer.current);
    pending.current = undefined;
    removeStorage(storageKey);
    setEntry(load(storageKey, true));
  }, [storageKey, load]);

  return { draft: entry?.storageKey === storageKey ? entry?.draft : undefined, me, retryMe, update, reset, flush };
}
