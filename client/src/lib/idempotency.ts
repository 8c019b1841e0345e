/**
 * An idempotency key for one submission (a draft): the same key on a double tap or a retry makes
 * the server return the first request instead of filing a second. Fits `[A-Za-z0-9_.:-]{1,64}`.
 */
export function newIdempotencyKey(prefix: string): string {
  const rand = Math.random().toString(36).slice(2, 10).padEnd(8, '0');
  return `${prefix}-${Date.now().toString(36)}-${rand}`;
}
