import { FUNCTIONS } from '../../cloudfunctions/functions';
import { envelopeRow, formatTable, SMOKE_CALLS } from '../../scripts/smoke-cloudbase';

/** `npm run smoke:cloudbase` (run by a person against a real environment): what can be checked here. */
describe('the CloudBase smoke test', () => {
  it('calls every function once, with an action its handler table has', () => {
    expect(Object.keys(SMOKE_CALLS).sort()).toEqual(Object.keys(FUNCTIONS).sort());
    for (const [fn, call] of Object.entries(SMOKE_CALLS)) expect([fn, call.action in FUNCTIONS[fn]]).toEqual([fn, true]);
  });

  it('counts an answer in our envelope, even a refusal, as a running function; anything else as a failure', () => {
    expect(envelopeRow('guide', { ok: true, data: {} }, 12)).toEqual({ check: 'function guide', ok: true, detail: 'ok in 12 ms' });
    expect(envelopeRow('work', { ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录' } }, 9).ok).toBe(true);
    expect(envelopeRow('desk', { errorCode: -1, errorMessage: 'FUNCTIONS_EXECUTE_FAIL' }, 9).ok).toBe(false);
  });

  it('prints a table with one row per check', () => {
    const text = formatTable([
      { check: 'function guide', ok: true, detail: 'ok in 12 ms' },
      { check: 'subscribe message to the tester', ok: false, detail: 'held' },
    ]);
    expect(text.split('\n')).toHaveLength(3);
    expect(text).toMatch(/function guide\s+OK\s+ok in 12 ms/);
    expect(text).toMatch(/subscribe message to the tester\s+FAIL\s+held/);
  });
});
