import { useCallback, useRef, useState } from 'react';

/**
 * One submission at a time: a second tap while the first is in flight does nothing (the ref
 * blocks it before React re-renders the disabled button).
 */
export function useSubmit(): { busy: boolean; run: <T>(fn: () => Promise<T>) => Promise<T | undefined> } {
  const inFlight = useRef(false);
  const [busy, setBusy] = useState(false);
  const run = useCallback(async <T>(fn: () => Promise<T>): Promise<T | undefined> => {
    if (inFlight.current) return undefined;
    inFlight.current = true;
    setBusy(true);
    try {
      return await fn();
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  }, []);
  return { busy, run };
}
