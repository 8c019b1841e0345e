import { FUNCTIONS } from '../../cloudfunctions/functions';
import { envelopeRow, formatTable, httpRow, HTTP_PROBES, SMOKE_CALLS } from '../../scripts/smoke-cloudbase';
import { HTTP_ROUTES } from '../../cloudfunctions/lib/http/mounts';

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

  it('requests one route of every HTTP access prefix, and counts only the function’s own answer', () => {
    expect(HTTP_PROBES.map((p) => p.prefix).sort()).toEqual(HTTP_ROUTES.map((r) => r.path).sort());
    for (const p of HTTP_PROBES) expect(p.path.startsWith(`${p.prefix}/`)).toBe(true);
    const notice = HTTP_PROBES.find((p) => p.prefix === '/desk/notice')!;
    const ours = '{"ok":false,"error":{"code":"NOT_FOUND","message":"找不到告知单：NOPE"}}';
    expect(httpRow(notice, 404, 'application/json; charset=utf-8', ours, 30)).toEqual({ check: 'HTTP /desk/notice/NOPE → desk', ok: true, detail: '404 in 30 ms' });
    // The platform's own 404 (no route) is no answer from the function.
    expect(httpRow(notice, 404, 'application/json', '{"code":"INVALID_PATH","message":"no route"}', 30).ok).toBe(false);
    expect(httpRow(HTTP_PROBES[0], 502, 'application/json', '{}', 30).ok).toBe(false);
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
