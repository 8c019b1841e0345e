import { startTestServer, type TestServer } from '../helpers/server';
import { COMMUNITIES, bumpCommunityVersion } from '../../cloudfunctions/lib/community/store';
import { INVITES } from '../../cloudfunctions/lib/community/invites';
import { USERS } from '../../cloudfunctions/lib/runtime/caller';
import { as, NOW, ok } from './requests-helpers';

/**
 * 邀请加入 (issue 16): someone not yet listed becomes staff from a one-time invitation; their
 * OPENID is the caller's own (the platform's), never typed by the admin.
 */
jest.setTimeout(20_000);
let server: TestServer;
const admin = (action: string, data: unknown, who: string | null, now = NOW) => server.call('admin', action, data, as(who, now));
const account = (action: string, data: unknown, who: string | null, now = NOW) => server.call('account', action, data, as(who, now));
const later = (hours: number) => new Date(Date.parse(NOW) + hours * 3600_000).toISOString();

beforeAll(async () => {
  server = await startTestServer();
  await server.store.collection<any>(COMMUNITIES).put({ _id: 'other-community', code: 'other-community', name: '幸福社区', subdistrict: 'demo-street', admins: ['other-admin'] });
  await bumpCommunityVersion(server.store);
  await server.store.collection<any>(USERS).put({ _id: 'other-admin', role: 'admin', name: '钱主任', communities: ['other-community'], createdAt: '2026-10-01T00:00:00Z' });
});
afterAll(() => server.close());

it('a new worker accepts an invitation once; the role list then names them in the community', async () => {
  const invite = ok(await admin('roles.invite', { role: 'worker', communities: ['demo-community'], name: '赵网格' }, 'demo-admin'));
  expect(invite).toMatchObject({ code: expect.stringMatching(/^[A-HJ-NP-Z2-9]{8}$/), role: 'worker', communityNames: ['锦绣社区'], name: '赵网格' });
  expect(Date.parse(invite.expiresAt) - Date.parse(NOW)).toBe(3 * 24 * 3600_000);
  expect(invite.link).toMatch(new RegExp(`/#/signin/pages/invite/index\\?code=${invite.code}$`));
  expect(invite.image).toMatch(/^data:image\/png;base64,/);
  // Only the hash is stored: a copy of the database invites nobody.
  const stored = await server.store.collection<any>(INVITES).find({});
  expect(stored).toHaveLength(1);
  expect(JSON.stringify(stored)).not.toContain(invite.code);

  // The invited person reads it (typed in lower case with spaces is the same code), then accepts.
  const offer = ok(await account('invite.get', { code: ` ${invite.code.toLowerCase()} ` }, 'wx-new-person'));
  expect(offer).toEqual({ status: 'open', role: 'worker', communityNames: ['锦绣社区'], name: '赵网格', invitedBy: '王主任', expiresAt: invite.expiresAt });
  expect(ok(await account('invite.accept', { code: invite.code }, 'wx-new-person'))).toEqual({ role: 'worker', communityNames: ['锦绣社区'] });
  expect(ok(await account('me', {}, 'wx-new-person'))).toMatchObject({ role: 'worker', name: '赵网格' });
  const roles = ok(await admin('roles.list', {}, 'demo-admin')).items;
  expect(roles.find((r: any) => r.openid === 'wx-new-person')).toEqual({ openid: 'wx-new-person', role: 'worker', name: '赵网格', communities: ['demo-community'], communityNames: ['锦绣社区'], subdistrictAdmin: false });

  // Once only: a second person with the same code gets 409 and stays a resident.
  const again = await account('invite.accept', { code: invite.code }, 'demo-resident-2');
  expect(again.status).toBe(409);
  expect(again.body.error).toMatchObject({ code: 'CONFLICT', reason: 'inviteUsed', message: '该邀请已被使用' });
  expect(ok(await account('me', {}, 'demo-resident-2')).role).toBe('resident');
  expect(ok(await account('invite.get', { code: invite.code }, 'demo-resident-2')).status).toBe('used');
});

it('an invitation expires after three days', async () => {
  const invite = ok(await admin('roles.invite', { role: 'worker', communities: ['demo-community'] }, 'demo-admin'));
  expect(ok(await account('invite.get', { code: invite.code }, 'demo-resident', later(71))).status).toBe('open');
  expect(ok(await account('invite.get', { code: invite.code }, 'demo-resident', later(73))).status).toBe('expired');
  const late = await account('invite.accept', { code: invite.code }, 'demo-resident', later(73));
  expect(late.body.error).toMatchObject({ code: 'CONFLICT', reason: 'inviteExpired' });
  expect(ok(await account('me', {}, 'demo-resident')).role).toBe('resident');
});

it('admin invitations are the 街道 admin’s; an accepted one makes a community admin', async () => {
  const refused = await admin('roles.invite', { role: 'admin', communities: ['demo-community'] }, 'demo-admin');
  expect(refused.status).toBe(403);
  expect(refused.body.error.field).toBe('data.role');
  const invite = ok(await admin('roles.invite', { role: 'admin', communities: ['other-community'] }, 'demo-street-admin'));
  ok(await account('invite.accept', { code: invite.code }, 'wx-new-admin'));
  const community = await server.store.collection<any>(COMMUNITIES).get('other-community');
  expect(community.admins).toEqual(['other-admin', 'wx-new-admin']); // the dispatcher stays first
  expect(ok(await admin('roles.list', {}, 'other-admin')).items.map((r: any) => r.openid)).toContain('wx-new-admin');
});

it('keeps invitations inside the inviter’s communities, and a staff member’s other role as it was', async () => {
  const res = await admin('roles.invite', { role: 'worker', communities: ['other-community'] }, 'demo-admin');
  expect(res.status).toBe(403);
  expect(res.body.error.field).toBe('data.communities.0');
  expect((await admin('roles.invite', { role: 'worker', communities: [] }, 'demo-admin')).body.error).toMatchObject({ code: 'BAD_REQUEST', field: 'data.communities', message: expect.stringContaining('请至少选择一个社区') });
  // demo-admin is an admin: a worker invitation does not turn them into a worker.
  const invite = ok(await admin('roles.invite', { role: 'worker', communities: ['other-community'] }, 'other-admin'));
  const clash = await account('invite.accept', { code: invite.code }, 'demo-admin');
  expect(clash.body.error).toMatchObject({ code: 'CONFLICT', reason: 'otherRole' });
  expect(ok(await account('invite.get', { code: invite.code }, 'demo-admin')).status).toBe('open'); // still usable by the right person
  // A worker of one community invited to another keeps both.
  ok(await account('invite.accept', { code: invite.code }, 'demo-worker-1'));
  const user = await server.store.collection<any>(USERS).get('demo-worker-1');
  expect(user.communities).toEqual(['demo-community', 'other-community']);
});

it('refuses anonymous callers, residents as inviters, and malformed or unknown codes', async () => {
  expect((await account('invite.accept', { code: 'ABCDEFGH' }, null)).status).toBe(401);
  expect((await admin('roles.invite', { role: 'worker', communities: ['demo-community'] }, 'demo-resident')).status).toBe(403);
  const malformed = await account('invite.get', { code: 'abc' }, 'demo-resident');
  expect(malformed.body.error).toMatchObject({ code: 'BAD_REQUEST', field: 'data.code', message: expect.stringContaining('邀请码应为8位字母或数字') });
  const unknown = await account('invite.accept', { code: 'ABCDEFGH' }, 'demo-resident');
  expect(unknown.status).toBe(404);
  expect(unknown.body.error.message).toBe('邀请码无效，请向管理员确认');
});
