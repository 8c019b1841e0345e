import { openEmbeddedStore } from '../../../cloudfunctions/lib/store/embedded';
import { pruneRates, RATE_LIMITS, spendRate } from '../../../cloudfunctions/lib/runtime/rate-limit';
import type { RateRule } from '../../../shared/src/domain/rateLimit';

const rule: RateRule = { name: 'create', max: 3, windowMs: 60_000 };
const T = Date.parse('2026-11-23T10:00:00Z');
const at = (ms: number) => new Date(T + ms);

describe('spendRate (budgets in the store)', () => {
  it('slides: a unit comes back exactly a window after it was spent', async () => {
    const store = openEmbeddedStore(null);
    for (const ms of [0, 10_000, 20_000]) await spendRate(store, 'o1', rule, at(ms));
    await expect(spendRate(store, 'o1', rule, at(59_999))).rejects.toMatchObject({ code: 'RATE_LIMITED', message: '操作太频繁，请 1 秒后再试' });
    await spendRate(store, 'o1', rule, at(60_000));
    await expect(spendRate(store, 'o1', rule, at(60_001))).rejects.toMatchObject({ code: 'RATE_LIMITED', message: '操作太频繁，请 10 秒后再试' });
    await spendRate(store, 'o2', rule, at(60_001)); // another identity has its own budget
  });

  it('gives a refunded unit back, and the timer prunes spent slots once their window has passed', async () => {
    const store = openEmbeddedStore(null);
    const refunds = [];
    for (let i = 0; i < 3; i++) refunds.push(await spendRate(store, 'o1', rule, at(i)));
    await refunds[1]();
    await spendRate(store, 'o1', rule, at(5));
    await expect(spendRate(store, 'o1', rule, at(6))).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    expect(await store.collection(RATE_LIMITS).count({})).toBe(3);
    expect(await pruneRates(store, at(60_004))).toBe(2); // the hits at 0 and 2 ms; the one at 5 ms is still in its window
    expect(await store.collection(RATE_LIMITS).count({})).toBe(1);
  });
});
