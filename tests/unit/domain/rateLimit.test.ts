import { freeSlots, type RateRule } from '../../../shared/src/domain/rateLimit';

const rule: RateRule = { name: 'create', max: 3, windowMs: 60_000 };
const T = Date.parse('2026-11-23T10:00:00Z');

describe('freeSlots (sliding window of slots)', () => {
  it('offers every slot of an unused budget', () => {
    expect(freeSlots([], T, rule)).toEqual({ free: [{ slot: 0 }, { slot: 1 }, { slot: 2 }], retryAfterMs: 0 });
  });

  it('offers unused slots and slots whose hit is a full window old', () => {
    const { free } = freeSlots([{ slot: 0, at: T - 60_000 }, { slot: 1, at: T - 59_999 }], T, rule);
    expect(free).toEqual([{ slot: 2 }, { slot: 0, at: T - 60_000 }]);
  });

  it('refuses when every slot holds a hit of the last window, saying when the oldest leaves it', () => {
    const taken = [{ slot: 0, at: T - 10_000 }, { slot: 1, at: T - 50_000 }, { slot: 2, at: T }];
    expect(freeSlots(taken, T, rule)).toEqual({ free: [], retryAfterMs: 10_000 });
  });

  it('frees a slot holding a hit from the future (a dev clock moved back)', () => {
    const taken = [{ slot: 0, at: T + 1 }, { slot: 1, at: T }, { slot: 2, at: T }];
    expect(freeSlots(taken, T, rule).free).toEqual([{ slot: 0, at: T + 1 }]);
  });

  it('ignores slot numbers outside the budget (a smaller max after a policy change)', () => {
    const taken = [{ slot: 7, at: T }, { slot: -1, at: T }, { slot: 0.5, at: T }];
    expect(freeSlots(taken, T, rule).free.map((f) => f.slot)).toEqual([0, 1, 2]);
  });

  it('is a sliding window: 3 hits at the end of one minute block the start of the next', () => {
    const taken = [0, 1, 2].map((slot) => ({ slot, at: T - 1_000 }));
    expect(freeSlots(taken, T + 1_000, rule).free).toEqual([]);
    expect(freeSlots(taken, T + 59_000, rule).free).toHaveLength(3);
  });
});
