/**
 * Sliding-window rate limiting as pure functions. A budget of `max` hits per `windowMs` is `max`
 * slots, each holding the time of the hit that took it; a slot is free again once its hit is a full
 * window old. So "20 a minute" means any 60 seconds: a burst straddling a minute boundary cannot
 * double it, as it could with fixed minute buckets.
 */
export interface RateRule {
  /** Names the budget; actions sharing a name share it. */
  name: string;
  max: number;
  windowMs: number;
}

export interface TakenSlot {
  slot: number;
  at: number;
}

export interface FreeSlot {
  slot: number;
  /** The expired hit it still holds (undefined: never used). */
  at?: number;
}

/**
 * The slots a hit at `now` may take; when there are none, how long until the
 * oldest hit leaves the window. A hit "from the future" (a dev clock moved back) frees its slot:
 * it cannot belong to the present window.
 */
export function freeSlots(taken: readonly TakenSlot[], now: number, rule: RateRule): { free: FreeSlot[]; retryAfterMs: number } {
  const bySlot = new Map(taken.filter((t) => Number.isInteger(t.slot) && t.slot >= 0 && t.slot < rule.max).map((t) => [t.slot, t.at]));
  const unused: FreeSlot[] = [];
  const expired: FreeSlot[] = [];
  let oldest = Infinity;
  for (let slot = 0; slot < rule.max; slot++) {
    const at = bySlot.get(slot);
    if (at === undefined) unused.push({ slot });
    else if (at <= now - rule.windowMs || at > now) expired.push({ slot, at });
    else oldest = Math.min(oldest, at);
  }
  const free = [...unused, ...expired];
  return { free, retryAfterMs: free.length ? 0 : Math.max(1, oldest + rule.windowMs - now) };
}
