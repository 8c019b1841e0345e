import { FUNCTIONS } from '../../cloudfunctions/functions';
import { RATE_RULES } from '../../cloudfunctions/lib/runtime/rate-policy';
import { pngStripped } from '../fixtures/images';
import { as, NOW, ok, report, serverPerFile } from './requests-helpers';

const T = serverPerFile();

const MAX = RATE_RULES.create.max;
const later = (ms: number) => new Date(Date.parse(NOW) + ms).toISOString();

describe('rate limits per caller identity', () => {
  it('refuses the 21st create within a minute with 429 and a Chinese message, and allows it again after the window', async () => {
    for (let i = 0; i < MAX; i++) ok(await T.api.requests('create', report({ description: `第${i}条：路灯不亮` }), 'rl-a', later(i * 1000)));
    const refused = await T.api.requests('create', report(), 'rl-a', later(MAX * 1000));
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('RATE_LIMITED');
    expect(refused.body.error.message).toMatch(/操作太频繁，请 \d+ 秒后再试/);
    // Sliding: the first hit (t=0) leaves the window at t=60 s, not at the next minute boundary.
    expect((await T.api.requests('create', report(), 'rl-a', later(59_999))).status).toBe(429);
    ok(await T.api.requests('create', report(), 'rl-a', later(60_000)));
    // The refused call created nothing.
    expect(ok(await T.api.requests('mine', {}, 'rl-a', later(60_000))).items).toHaveLength(MAX + 1);
  });

  it('counts per OPENID, never per address, for signed-in callers: another resident calling from the same address is unaffected', async () => {
    for (let i = 0; i < MAX; i++) ok(await T.api.requests('create', report(), 'rl-b'));
    expect((await T.api.requests('create', report(), 'rl-b')).status).toBe(429);
    ok(await T.api.requests('create', report(), 'rl-c'));
    // Reads are not limited.
    ok(await T.api.requests('mine', {}, 'rl-b'));
  });

  it('lets exactly the budget through when a caller fires 35 creates at once', async () => {
    const results = await Promise.all(Array.from({ length: 35 }, () => T.api.requests('create', report(), 'rl-burst')));
    expect(results.filter((r) => r.status === 200)).toHaveLength(MAX);
    expect(results.filter((r) => r.status === 429)).toHaveLength(35 - MAX);
    expect(ok(await T.api.requests('mine', {}, 'rl-burst')).items).toHaveLength(MAX);
  });

  it('does not charge calls that are refused as bad input', async () => {
    for (let i = 0; i < 30; i++) {
      const bad = await T.api.requests('create', { kind: 'report', description: '缺少分类' }, 'rl-typo');
      expect(bad.status).toBe(400);
    }
    for (let i = 0; i < MAX; i++) ok(await T.api.requests('create', report(), 'rl-typo'));
    expect((await T.api.requests('create', report(), 'rl-typo')).status).toBe(429);
  });

  it('keeps the unit of a call refused after it ran the content check (WeChat’s quota on CloudBase)', async () => {
    for (let i = 0; i < MAX; i++) {
      const blocked = await T.api.requests('create', report({ description: `路灯不亮，${i}号加微信领红包` }), 'rl-spam');
      expect(blocked.status).toBe(400);
      expect(blocked.body.error.field).toBe('data.description');
    }
    expect((await T.api.requests('create', report(), 'rl-spam')).status).toBe(429);
  });

  it('gives anonymous callers a budget by address: the guide’s QR codes', async () => {
    const qr = (openid: string | null) => T.server.call('guide', 'qr', { code: 'dibao' }, as(openid, later(120_000)));
    const statuses = await Promise.all(Array.from({ length: RATE_RULES.qr.max + 5 }, () => qr(null)));
    expect(statuses.filter((r) => r.status === 200)).toHaveLength(RATE_RULES.qr.max);
    expect(statuses.filter((r) => r.status === 429)).toHaveLength(5);
    // A signed-in resident on the same address keeps their own budget; reads stay free.
    ok(await qr('rl-qr-resident'));
    ok(await T.server.call('guide', 'list', {}, as(null, later(120_000))));
  }, 60_000); // drawing the first QR code takes seconds on a loaded machine

  it('limits photo uploads per identity too', async () => {
    const png = pngStripped();
    const statuses: number[] = [];
    for (let i = 0; i <= RATE_RULES.upload.max; i++) statuses.push((await T.server.postBytes('/api/upload', png, as('rl-up'))).status);
    expect(statuses.slice(0, -1).every((s) => s === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});

describe('the rate policy', () => {
  it('every action of every function declares a budget it names (or none), next to its access', () => {
    const actions = Object.entries(FUNCTIONS).flatMap(([fn, table]) => Object.entries(table).map(([a, act]) => ({ key: `${fn}.${a}`, act })));
    expect(actions.length).toBeGreaterThan(50);
    const undeclared = actions.filter(({ act }) => !('rate' in act) || (act.rate !== null && !Object.prototype.hasOwnProperty.call(RATE_RULES, act.rate))).map((a) => a.key);
    expect(undeclared).toEqual([]);
    // The costly and abused ones spend the budgets made for them.
    expect(FUNCTIONS.requests!.create!.rate).toBe('create');
    expect(FUNCTIONS.guide!.qr!.rate).toBe('qr');
    expect(FUNCTIONS.timer!.tick!.rate).toBeNull();
  });
});
