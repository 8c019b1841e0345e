import crypto from 'node:crypto';
import { cloudbaseMain } from '../../cloudfunctions/lib/platform/cloudbase-entry';
import { accountHandlers } from '../../cloudfunctions/account/handlers';
import { adminHandlers } from '../../cloudfunctions/admin/handlers';
import type { FakeCloudbase } from '../fakes/cloudbase-server';
import { bundleEnv, contextFor, startSeededCloudbase } from './cloudbase-fixture';

/**
 * The web console on CloudBase static hosting signs in the way @cloudbase/js-sdk does (requests
 * shaped as the SDK sends them, tests/fakes/cloudbase-web.ts): anonymous until 扫码登录 is
 * confirmed on the phone, then custom login with the ticket `account.webLogin.poll` hands over.
 * The fake accepts only a ticket signed with the environment's custom-login key, and the
 * functions then see that staff member (TCB_CUSTOM_USER_ID), from a PC.
 */
jest.setTimeout(60_000);

const pair = () => crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const ENV_KEY = pair();
const OTHER_KEY = pair();
const keyJson = (k: ReturnType<typeof pair>, env = 'test-env') =>
  JSON.stringify({ private_key_id: 'kid-1', private_key: k.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), env_id: env });

let fake: FakeCloudbase;
const saved = { ...process.env };
beforeAll(async () => {
  fake = await startSeededCloudbase();
  Object.assign(process.env, bundleEnv(fake));
  process.env.SCF_NAMESPACE = 'test-env';
  process.env.CUSTOM_LOGIN_KEY = keyJson(ENV_KEY);
  fake.web.customLoginKeys.set('kid-1', ENV_KEY.publicKey);
  fake.web.functions.set('account', cloudbaseMain('account', accountHandlers) as never);
  fake.web.functions.set('admin', cloudbaseMain('admin', adminHandlers) as never);
});
afterAll(async () => {
  process.env = saved;
  await fake?.close();
});

async function post(path: string, body: unknown, token?: string) {
  const res = await fetch(`${fake.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as any };
}
const signInCustom = (ticket: string) => post('/auth/v1/signin/custom', { provider_id: 'custom', ticket });
/** A function call as the SDK makes it; the function's envelope. */
async function invoke(token: string, name: string, action: string, data: unknown = {}) {
  const { body } = await post('/web', { action: 'functions.invokeFunction', function_name: name, request_data: JSON.stringify({ action, data }) }, token);
  if (body.code) throw new Error(`${body.code} ${body.message}`);
  return JSON.parse(body.data.response_data);
}
/** The phone's side: a staff member confirms in the mini-program (WX_OPENID from the platform). */
const confirmOnPhone = (session: string, openid: string) => (cloudbaseMain('account', accountHandlers) as any)({ action: 'webLogin.confirm', data: { session } }, contextFor(openid));

/** A ticket as node-sdk createTicket makes it, signed with `key` (for forgeries). */
function ticketWith(key: crypto.KeyObject, claims: Record<string, unknown>, kid = 'kid-1'): string {
  const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const head = `${enc({ alg: 'RS256', typ: 'JWT' })}.${enc(claims)}`;
  return `${kid}/@@/${head}.${crypto.sign('RSA-SHA256', Buffer.from(head), key).toString('base64url')}`;
}

it('the console: anonymous, confirmed on the phone, signed in with the ticket — functions see the same staff member, via PC', async () => {
  const anon = await post('/auth/v1/signin/anonymously', {});
  expect(anon.status).toBe(200);
  const started = await invoke(anon.body.access_token, 'account', 'webLogin.start', { device: 'Chrome on Windows' });
  expect(started.ok).toBe(true);
  // Anonymous: no person yet.
  expect((await invoke(anon.body.access_token, 'admin', 'audit.list', {})).error.code).toBe('UNAUTHENTICATED');

  expect((await confirmOnPhone(started.data.session, 'demo-street-admin')).ok).toBe(true);
  const polled = await invoke(anon.body.access_token, 'account', 'webLogin.poll', { session: started.data.session });
  expect(polled.data).toEqual(expect.objectContaining({ status: 'confirmed', ticket: expect.any(String) }));

  const signed = await signInCustom(polled.data.ticket);
  expect(signed.status).toBe(200);
  const token = signed.body.access_token as string;
  const me = await invoke(token, 'account', 'me');
  expect(me.data).toMatchObject({ openid: 'demo-street-admin', role: 'admin' });
  expect(fake.web.invocations.at(-1)).toMatchObject({ name: 'account', customUserId: 'demo-street-admin' });

  // What the console does next is recorded as that person, from a PC.
  ok(await invoke(token, 'admin', 'departments.upsert', { code: 'web-dept', name: '网页部门', categories: [] }));
  const trail = await invoke(token, 'admin', 'audit.list', { action: 'admin.departments.upsert', target: 'web-dept' });
  expect(trail.data.items[0]).toMatchObject({ actor: 'demo-street-admin', via: 'pc' });
});

function ok(envelope: any) {
  if (!envelope.ok) throw new Error(`${envelope.error.code} ${envelope.error.message}`);
  return envelope.data;
}

it('refuses a ticket not signed with the environment’s key, altered, of another environment or expired', async () => {
  const now = Date.now();
  const good = { uid: 'demo-admin', env: 'test-env', refresh: 3_600_000, expire: now + 3_600_000 };
  expect((await signInCustom(ticketWith(ENV_KEY.privateKey, good))).status).toBe(200);

  const forged = await signInCustom(ticketWith(OTHER_KEY.privateKey, good));
  expect(forged.status).toBe(400);
  expect(forged.body.error_description).toBe('bad signature');
  // A real ticket with its uid swapped: the signature no longer matches.
  const [kid, jwt] = ticketWith(ENV_KEY.privateKey, good).split('/@@/');
  const [h, , s] = jwt.split('.');
  const swapped = `${kid}/@@/${h}.${Buffer.from(JSON.stringify({ ...good, uid: 'demo-street-admin' })).toString('base64url')}.${s}`;
  expect((await signInCustom(swapped)).body.error_description).toBe('bad signature');
  expect((await signInCustom(ticketWith(ENV_KEY.privateKey, good, 'kid-2'))).body.error_description).toBe('unknown private_key_id');
  expect((await signInCustom(ticketWith(ENV_KEY.privateKey, { ...good, env: 'other-env' }))).body.error_description).toBe('ticket of another environment');
  expect((await signInCustom(ticketWith(ENV_KEY.privateKey, { ...good, expire: now - 1 }))).body.error_description).toBe('ticket expired');
  expect((await signInCustom('not a ticket')).status).toBe(400);

  // No token, no call.
  const { body } = await post('/web', { action: 'functions.invokeFunction', function_name: 'account', request_data: '{"action":"me"}' }, 'made-up');
  expect(body.code).toBe('INVALID_ACCESS_TOKEN');
});
