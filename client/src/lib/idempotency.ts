/**
 * An idempotency key for one submission (a draft): the same key on a double tap or a retry makes
 * the server return the first request instead of filing a second. Fits `[A-Za-z0-9_.:-]{1,64}`.
 */
export function newIdempotencyKey(prefix: string): string {
  const rand = Math.random().toString(36).slice(2, 10).padEnd(8, '0');
  return `${prefix}-${Date.now().toString(36)}-${rand}`;
}

/** Said under a failed submit that may be tried again: its idempotency key makes that safe. */
export const SAFE_RETRY_HINT = '已填写的内容已保存，重试不会重复提交。';
