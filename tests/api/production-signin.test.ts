import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { startTestServer, type TestServer } from '../helpers/server';
import { startFakeWechat, wechatEnv, FAKE_SECRET } from '../fakes/wechat-api';
import { ok } from './requests-helpers';
import { DEMO_POINTS } from '../../cloudfunctions/lib/seed/demo-community';

/**
 * Production sign-in on the self-hosted server (NODE_ENV=production): wx.login codes exchanged
 * with a local fake of WeChat's jscode2session, bearer tokens, 退出, 扫码登录 for the web console,
 * and the formerly local-only routes behind the same tokens.
 */

let server: TestServer;
let wechat: Awaited<ReturnType<typeof startFakeWechat>>;
beforeAll(async () => {
  wechat = await startFakeWechat();
  server = await startTestServer({ NODE_ENV: 'production', ...wechatEnv(wechat.url) });
});
afterAll(async () => {
  await server.close();
  await wechat.close();
});

let codes = 0;
/** A fresh wx.login code for `openid` (the fake takes each code once, as WeChat does). */
const codeFor = (openid: string) => `code-${openid}~${++codes}`;
const bearer = (token: string | null): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {});
const call = (fn: string, action: string, data: unknown, token: string | null) => server.call(fn, action, data, bearer(token));
async function signIn(openid: string): Promise<string> {
  return ok(await call('account', 'login', { code: codeFor(openid) }, null)).token;
}
const sessions = () => server.store.collection<{ _id: string; openid: string; via: string; expiresAt: string }>('sessions');

describe('account.login', () => {
  it('exchanges a wx.login code with WeChat for a token that identifies the caller', async () => {
    const before = Date.now();
    const res = ok(await call('account', 'login', { code: codeFor('demo-admin') }, null));
    expect(res.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    // A phone session lasts days, not forever.
    const ttl = Date.parse(res.expiresAt) - before;
    expect(ttl).toBeGreaterThan(24 * 3600_000);
    expect(ttl).toBeLessThanOrEqual(31 * 24 * 3600_000);
    expect(ok(await call('account', 'me', {}, res.token))).toMatchObject({ openid: 'demo-admin', role: 'admin', name: '王主任' });

    const sent = wechat.requests.at(-1)!;
    expect(sent.pathname).toBe('/sns/jscode2session');
    expect(Object.fromEntries(sent.searchParams)).toMatchObject({ appid: 'wx-test-appid', secret: FAKE_SECRET, grant_type: 'authorization_code' });
  });

  it.each([
    ['a code WeChat does not know', 'not-a-code'],
    ['a code already used', null],
  ])('401 for %s', async (_what, given) => {
    let code = given;
    if (!code) {
      code = codeFor('demo-resident');
      ok(await call('account', 'login', { code }, null));
    }
    const res = await call('account', 'login', { code }, null);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('400 without a code', async () => {
    expect((await call('account', 'login', {}, null)).status).toBe(400);
  });

  it('stores only the SHA-256 of a token', async () => {
    const token = await signIn('demo-worker-1');
    const doc = await sessions().get(createHash('sha256').update(token).digest('hex'));
    expect(doc).toMatchObject({ openid: 'demo-worker-1', via: 'phone' });
    // Nowhere on disk: not as an id, not in a field.
    for (const file of fs.readdirSync(server.dataDir).filter((f) => f.endsWith('.db')))
      expect(fs.readFileSync(path.join(server.dataDir, file), 'utf8')).not.toContain(token);
  });
});

describe('calls without a valid token are anonymous', () => {
  it.each([
    ['no header', null],
    ['a token nobody issued', 'A'.repeat(43)],
    ['a malformed header', 'not a bearer'],
  ])('%s: the guide works, signed-in actions are 401', async (_what, token) => {
    const headers = token === 'not a bearer' ? { authorization: 'Basic abc' } : bearer(token);
    expect((await server.call('guide', 'get', { code: 'dibao' }, headers)).status).toBe(200);
    expect(ok(await server.call('account', 'me', {}, headers))).toMatchObject({ openid: null, role: null });
    expect((await server.call('requests', 'mine', {}, headers)).status).toBe(401);
    expect((await server.call('work', 'inbox', {}, headers)).status).toBe(401);
  });

  it('an expired token', async () => {
    const token = await signIn('demo-resident');
    expect((await call('requests', 'mine', {}, token)).status).toBe(200);
    await sessions().updateById(createHash('sha256').update(token).digest('hex'), { $set: { expiresAt: new Date(Date.now() - 1000).toISOString() } });
    expect((await call('requests', 'mine', {}, token)).status).toBe(401);
  });

  it('退出 revokes the token; another session of the same person goes on', async () => {
    const token = await signIn('demo-resident-2');
    const other = await signIn('demo-resident-2');
    expect(ok(await call('account', 'logout', {}, token))).toEqual({ revoked: true });
    expect((await call('requests', 'mine', {}, token)).status).toBe(401);
    expect((await call('requests', 'mine', {}, other)).status).toBe(200);
    expect(ok(await call('account', 'logout', {}, token))).toEqual({ revoked: false });
  });

  it('the dev headers stay refused, token or not', async () => {
    const token = await signIn('demo-resident');
    expect((await server.call('account', 'me', {}, { 'x-openid': 'demo-admin' })).status).toBe(403);
    expect((await server.call('account', 'me', {}, { ...bearer(token), 'x-openid': 'demo-admin' })).status).toBe(403);
    expect((await server.call('account', 'me', {}, { ...bearer(token), 'x-now': '2026-10-09' })).status).toBe(403);
  });
});

describe('扫码登录 (web console)', () => {
  const start = async (device = 'Chrome 131 · Windows') => ok(await call('account', 'webLogin.start', { device }, null));
  const poll = async (session: string) => ok(await call('account', 'webLogin.poll', { session }, null));

  it('start → the staff member confirms on the phone → the PC polls once for a 12-hour token', async () => {
    const started = await start();
    expect(started.session).toMatch(/^[0-9a-f]{28}$/);
    expect(started.scene).toBe(`w=${started.session}`);
    expect(started.scene.length).toBeLessThanOrEqual(32);
    expect(Date.parse(started.expiresAt) - Date.now()).toBeGreaterThan(4 * 60_000);
    expect(Date.parse(started.expiresAt) - Date.now()).toBeLessThanOrEqual(5 * 60_000);
    expect(await poll(started.session)).toEqual({ status: 'pending' });

    const phone = await signIn('demo-worker-1');
    expect(ok(await call('account', 'webLogin.get', { session: started.session }, phone))).toMatchObject({ status: 'pending', device: 'Chrome 131 · Windows' });
    expect(ok(await call('account', 'webLogin.confirm', { session: started.session }, phone))).toEqual({ status: 'confirmed' });

    const first = await poll(started.session);
    expect(first).toMatchObject({ status: 'confirmed', token: expect.any(String) });
    const ttl = Date.parse(first.expiresAt) - Date.now();
    expect(ttl).toBeGreaterThan(11 * 3600_000);
    expect(ttl).toBeLessThanOrEqual(12 * 3600_000);
    // The token is handed over once: a photographed QR polled later gets nothing.
    expect(await poll(started.session)).toEqual({ status: 'confirmed' });

    // The PC is that person, and a PC session cannot confirm another PC.
    expect(ok(await call('account', 'me', {}, first.token))).toMatchObject({ openid: 'demo-worker-1', role: 'worker' });
    const second = await start();
    expect((await call('account', 'webLogin.confirm', { session: second.session }, first.token)).status).toBe(403);

    // 退出 on the PC ends that session only.
    expect(ok(await call('account', 'logout', {}, first.token))).toEqual({ revoked: true });
    expect((await call('work', 'inbox', {}, first.token)).status).toBe(401);
    expect((await call('work', 'inbox', {}, phone)).status).toBe(200);
  });

  it('with qr: the QR image and the link it carries, to the confirm page of that session', async () => {
    const started = ok(await call('account', 'webLogin.start', { qr: true }, null));
    expect(started.image).toMatch(/^data:image\/png;base64,iVBOR/);
    expect(started.link).toBe(`${server.url}/#/signin/pages/confirm/index?session=${started.session}`);
    expect(ok(await call('account', 'webLogin.get', { session: started.session }, await signIn('demo-admin')))).toMatchObject({ status: 'pending', device: null });
  }, 60_000); // a PNG costs seconds under jest (pngjs in the vm sandbox)

  it('a confirmation works once: 409 after', async () => {
    const { session } = await start();
    const admin = await signIn('demo-admin');
    ok(await call('account', 'webLogin.confirm', { session }, admin));
    const again = await call('account', 'webLogin.confirm', { session }, admin);
    expect(again.status).toBe(409);
    expect((await call('account', 'webLogin.confirm', { session }, await signIn('demo-worker-2'))).status).toBe(409);
  });

  it('residents cannot confirm (403), anonymous callers 401; the QR stays pending', async () => {
    const { session } = await start();
    expect((await call('account', 'webLogin.confirm', { session }, await signIn('demo-resident'))).status).toBe(403);
    expect((await call('account', 'webLogin.get', { session }, await signIn('demo-resident'))).status).toBe(403);
    expect((await call('account', 'webLogin.confirm', { session }, null)).status).toBe(401);
    expect(await poll(session)).toEqual({ status: 'pending' });
  });

  it('after 5 minutes the QR is expired: confirm 409, poll "expired"', async () => {
    const { session } = await start();
    await server.store.collection('web_logins').updateById(session, { $set: { expiresAt: new Date(Date.now() - 1).toISOString() } });
    expect(await poll(session)).toEqual({ status: 'expired' });
    const res = await call('account', 'webLogin.confirm', { session }, await signIn('demo-admin'));
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('过期');
  });

  it('an unknown session: poll says expired, confirm 404; a malformed one 400', async () => {
    expect(await poll('0'.repeat(28))).toEqual({ status: 'expired' });
    expect((await call('account', 'webLogin.confirm', { session: '0'.repeat(28) }, await signIn('demo-admin'))).status).toBe(404);
    expect((await call('account', 'webLogin.poll', { session: 'x' }, null)).status).toBe(400);
  });
});

describe('the formerly local-only routes, with the bearer token', () => {
  const range = '?from=2026-01-01&to=2026-12-31';

  it('CSV exports: admins 200, residents 403, no token 401', async () => {
    const admin = await signIn('demo-admin');
    const res = await server.get(`/admin/export/requests.csv${range}`, bearer(admin));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect((await server.get(`/admin/export/metrics.csv${range}`, bearer(admin))).status).toBe(200);
    expect((await server.get(`/admin/export/requests.csv${range}`, bearer(await signIn('demo-resident')))).status).toBe(403);
    expect((await server.get(`/admin/export/requests.csv${range}`)).status).toBe(401);
    expect((await server.get(`/admin/export/requests.csv${range}`, { 'x-openid': 'demo-admin' })).status).toBe(403);
  });

  it('photo uploads need a token', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    expect((await server.postBytes('/api/upload', png, { 'content-type': 'image/png' })).status).toBe(401);
  });

  it('the public ones stay public: QR codes, posters, Open311; the 告知单 by its link', async () => {
    expect((await server.get('/qr/posters')).status).toBe(200);
    expect((await server.get('/open311/v2/services.json')).status).toBe(200);
    expect((await server.get('/open311/v2/requests.json')).status).toBe(200);
    const worker = await signIn('demo-worker-1');
    const w = ok(await call('desk', 'walkin', { matterCode: 'childcare-subsidy', outcome: 'handoff', resident: { name: '李女士' }, missing: ['婴幼儿居民户口簿'] }, worker));
    const sheet = await server.get(`/desk/notice/${w.noticeId}`);
    expect(sheet.status).toBe(200);
    expect(sheet.bytes.toString('utf8')).toContain('一次性告知单');
  });

  it('a resident signed in by token files a report', async () => {
    const token = await signIn('demo-resident');
    const created = ok(await call('requests', 'create', { kind: 'report', category: 'shizheng', description: '路灯不亮', location: DEMO_POINTS.G1 }, token));
    expect(ok(await call('requests', 'mine', {}, token)).items.map((i: { id: string }) => i.id)).toContain(created.id);
  });
});

describe('the timer sweeps what has expired', () => {
  it('expired sessions go; live ones stay', async () => {
    const { pruneSessions } = await import('../../cloudfunctions/lib/account/sessions');
    const live = await signIn('demo-worker-2');
    const dead = await signIn('demo-worker-3');
    const hash = (t: string) => createHash('sha256').update(t).digest('hex');
    await sessions().updateById(hash(dead), { $set: { expiresAt: new Date(Date.now() - 1000).toISOString() } });
    expect(await pruneSessions(server.store, new Date())).toBeGreaterThanOrEqual(1);
    expect(await sessions().get(hash(dead))).toBeNull();
    expect(await sessions().get(hash(live))).not.toBeNull();
    expect((await call('work', 'inbox', {}, live)).status).toBe(200);
  });
});
