import { AppError } from '@qgt/shared/errors';
import type { RateRule } from '@qgt/shared/domain/rateLimit';
import { freeSlots } from '@qgt/shared/domain/rateLimit';
import type { Store } from '../store/port';

/**
 * Recent hits per identity and budget, in the store: CloudBase runs many instances of a function,
 * so a counter in memory would let a caller multiply their budget by the instance count.
 * A budget of `max` a window is `max` slot documents, each holding the time of the hit that took it;
 * a hit claims a free slot with a conditional write on that one document, so parallel calls of one
 * caller never share a slot and never wait on each other (no hot document to retry on).
 */
export const RATE_LIMITS = 'rate_limits';

export interface RateSlotDoc {
  _id: string;
  /** `<rule>:<openid>`: the budget this slot belongs to. */
  key: string;
  /** The hit holding the slot, ms since epoch. */
  at: number;
  /** When the hit leaves the window: the timer removes slots past it. */
  expiresAt: string;
}

/** Gives back a spent unit, for a call refused after the budget was taken (bad data is not abuse). */
export type Refund = () => Promise<void>;

const ROUNDS = 3;

/** Spends one unit of `rule` for `openid` at `now`, or throws RATE_LIMITED. */
export async function spendRate(store: Store, openid: string, rule: RateRule, now: Date): Promise<Refund> {
  const coll = store.collection(RATE_LIMITS);
  const key = `${rule.name}:${openid}`;
  const at = now.getTime();
  const expiresAt = new Date(at + rule.windowMs).toISOString();
  for (let round = 0; round < ROUNDS; round++) {
    const taken = await coll.find({ key }, { limit: rule.max });
    const { free, retryAfterMs } = freeSlots(taken.map((d) => ({ slot: slotOf(d._id), at: d.at })), at, rule);
    if (!free.length) throw limited(retryAfterMs);
    // Parallel calls start at different free slots, so they rarely try the same one.
    const offset = Math.floor(Math.random() * free.length);
    for (const { slot, at: prev } of [...free.slice(offset), ...free.slice(0, offset)]) {
      const _id = `${key}#${slot}`;
      const claimed =
        prev === undefined
          ? (await coll.insertIfAbsent({ _id, key, at, expiresAt })).inserted
          : await coll.updateById(_id, { $set: { at, expiresAt } }, { at: prev });
      if (claimed)
        return async () => {
          if (prev === undefined) await coll.removeMany({ _id, at });
          else await coll.updateById(_id, { $set: { at: prev, expiresAt: new Date(prev + rule.windowMs).toISOString() } }, { at });
        };
    }
  }
  // Every free slot was taken under us, round after round: the caller is far past the budget.
  throw limited(1000);
}

const slotOf = (id: string) => Number(id.slice(id.lastIndexOf('#') + 1));

function limited(retryAfterMs: number): AppError {
  return new AppError('RATE_LIMITED', `操作太频繁，请 ${Math.ceil(retryAfterMs / 1000)} 秒后再试`, { reason: 'tooFrequent' });
}

/** Drops slots whose hit has left the window (called by the timer). */
export function pruneRates(store: Store, now: Date): Promise<number> {
  return store.collection(RATE_LIMITS).removeMany({ expiresAt: { $lt: now.toISOString() } });
}

/** This area's collection, typed by name (see CollectionDocs in lib/store/port). */
declare module '../store/port' {
  interface CollectionDocs {
    rate_limits: RateSlotDoc;
  }
}
