import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { buildFunctions, FUNCTIONS_DIST } from '../../scripts/build-functions';
import { cloudbaseMain } from '../../cloudfunctions/lib/platform/cloudbase-entry';
import { accountHandlers } from '../../cloudfunctions/account/handlers';
import { customLoginIssuer, PC_TICKET_EXPIRE_MS } from '../../cloudfunctions/lib/platform/custom-login';
import type { FakeCloudbase } from '../fakes/cloudbase-server';
import { bundleEnv, contextFor, startSeededCloudbase } from './cloudbase-fixture';

/**
 * 扫码登录 on CloudBase: after the phone confirms, `account.webLogin.poll` hands the PC a custom-login
 * ticket signed with the environment's key (node-sdk createTicket), for the person who confirmed;
 * a call made by the console signed in with it (TCB_CUSTOM_USER_ID) is that person, from a PC.
 */
jest.setTimeout(60_000);

const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const KEY = { private_key_id: 'kid-1', private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), env_id: 'test-env' };

/** The JWT inside a ticket, its signature checked with the key pair's public half (RS256). */
function readTicket(ticket: string): Record<string, unknown> {
  const [kid, jwt] = ticket.split('/@@/');
  expect(kid).toBe('kid-1');
  const [header, payload, signature] = jwt.split('.');
  expect(crypto.verify('RSA-SHA256', Buffer.from(`${header}.${payload}`), publicKey, Buffer.from(signature, 'base64url'))).toBe(true);
  return JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
}

let fake: FakeCloudbase;
const saved = { ...process.env };
beforeAll(async () => {
  fake = await startSeededCloudbase();
  Object.assign(process.env, bundleEnv(fake));
  // SCF names the environment in SCF_NAMESPACE; createTicket checks the key was made for it.
  process.env.SCF_NAMESPACE = 'test-env';
});
afterAll(async () => {
  process.env = saved;
  await fake?.close();
});

it('signs a ticket for the OPENID with the environment’s key, valid for the 12-hour PC session', () => {
  const now = new Date('2026-12-07T08:00:00Z');
  const ticket = customLoginIssuer({ CUSTOM_LOGIN_KEY: JSON.stringify(KEY) })!('demo-worker-1', now)!;
  const claims = readTicket(ticket);
  expect(claims).toMatchObject({ uid: 'demo-worker-1', env: 'test-env', expire: now.getTime() + PC_TICKET_EXPIRE_MS });
  // No key configured, or not JSON: no issuer at all.
  expect(customLoginIssuer({})).toBeUndefined();
  expect(customLoginIssuer({ CUSTOM_LOGIN_KEY: 'not json' })).toBeUndefined();
});

it('a key of another environment issues nothing rather than a ticket CloudBase would refuse', () => {
  const errors: unknown[] = [];
  const log = { info() {}, warn() {}, error: (o: unknown) => errors.push(o) };
  expect(customLoginIssuer({ CUSTOM_LOGIN_KEY: JSON.stringify({ ...KEY, env_id: 'other-env' }) }, log as never)!('demo-worker-1', new Date())).toBeNull();
  expect(errors).toHaveLength(1);
});

it('the PC polls a ticket after the phone confirms; calls with it are that staff member', async () => {
  process.env.CUSTOM_LOGIN_KEY = JSON.stringify(KEY);
  const main = cloudbaseMain('account', accountHandlers) as (event: unknown, context: unknown) => Promise<any>;
  const started = await main({ action: 'webLogin.start', data: { device: 'Chrome on Windows' } }, contextFor());
  expect(started.ok).toBe(true);
  const session = started.data.session as string;
  expect((await main({ action: 'webLogin.poll', data: { session } }, contextFor())).data).toEqual({ status: 'pending' });
  expect((await main({ action: 'webLogin.confirm', data: { session } }, contextFor('demo-resident'))).error.code).toBe('FORBIDDEN');
  expect((await main({ action: 'webLogin.confirm', data: { session } }, contextFor('demo-worker-1'))).ok).toBe(true);
  const polled = (await main({ action: 'webLogin.poll', data: { session } }, contextFor())).data;
  expect(polled).toEqual(expect.objectContaining({ status: 'confirmed', ticket: expect.any(String) }));
  expect(readTicket(polled.ticket)).toMatchObject({ uid: 'demo-worker-1' });
  // Handed over once.
  expect((await main({ action: 'webLogin.poll', data: { session } }, contextFor())).data.ticket).toBeUndefined();

  const asConsole = { request_id: 'r2', environment: JSON.stringify({ TCB_CUSTOM_USER_ID: 'demo-worker-1', TCB_UUID: 'u-1' }) };
  const me = await main({ action: 'me', data: {} }, asConsole);
  expect(me.data).toMatchObject({ openid: 'demo-worker-1', role: 'worker' });
});

it('without a key the PC still gets its session token, and no ticket', async () => {
  delete process.env.CUSTOM_LOGIN_KEY;
  const main = cloudbaseMain('account', accountHandlers) as (event: unknown, context: unknown) => Promise<any>;
  const { session } = (await main({ action: 'webLogin.start', data: {} }, contextFor())).data;
  await main({ action: 'webLogin.confirm', data: { session } }, contextFor('demo-admin'));
  const polled = (await main({ action: 'webLogin.poll', data: { session } }, contextFor())).data;
  expect(polled).toEqual(expect.objectContaining({ status: 'confirmed', token: expect.any(String) }));
  expect(polled.ticket).toBeUndefined();
});

it('the built account bundle signs the same ticket (jsonwebtoken’s stand-in in scripts/sdk-stubs)', async () => {
  process.env.CUSTOM_LOGIN_KEY = JSON.stringify(KEY);
  const file = path.join(FUNCTIONS_DIST, 'account', 'index.js');
  if (!fs.existsSync(file)) await buildFunctions(['account']);
  let main!: (event: unknown, context: unknown) => Promise<any>;
  jest.isolateModules(() => {
    main = (require(file) as { main: typeof main }).main;
  });
  const { session } = (await main({ action: 'webLogin.start', data: {} }, contextFor())).data;
  await main({ action: 'webLogin.confirm', data: { session } }, contextFor('demo-admin'));
  const { ticket } = (await main({ action: 'webLogin.poll', data: { session } }, contextFor())).data;
  expect(readTicket(ticket)).toMatchObject({ uid: 'demo-admin', env: 'test-env' });
  delete process.env.CUSTOM_LOGIN_KEY;
});
