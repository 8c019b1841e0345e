/**
 * The page tests' one clock: the harness holds the pages' `Date` at FIXED_NOW and the backends
 * answer at it, so dates in a test are written from it, never from the machine's `Date.now()`.
 */

/** Tuesday 2026-11-24 10:00 in Shanghai: a working day. */
export const FIXED_NOW = '2026-11-24T02:00:00.000Z';
export const FIXED_MS = Date.parse(FIXED_NOW);

/** The instant `ms` after (or before) FIXED_NOW, as ISO. */
export const fromNow = (ms: number) => new Date(FIXED_MS + ms).toISOString();

/** `hh:mm` Shanghai time on the day `offset` days after FIXED_NOW's, as ISO. */
export function shanghaiDay(offset: number, hhmm: string): string {
  const d = new Date(FIXED_MS + 8 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);
  return new Date(`${d}T${hhmm}:00+08:00`).toISOString();
}
