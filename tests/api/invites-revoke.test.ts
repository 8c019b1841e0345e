import { createHash } from 'node:crypto';
import { startTestServer, type TestServer } from '../helpers/server';
import { COMMUNITIES, bumpCommunityVersion } from '../../cloudfunctions/lib/community/store';
import { INVITES } from '../../cloudfunctions/lib/community/invites';
import { USERS } from '../../cloudfunctions/lib/runtime/caller';
import { as, NOW, ok } from './requests-helpers';

/**
 * 邀请加入, follow-up of issue 16: an admin lists the invitations still open in their reach and
 * withdraws one sent to the wrong person; a withdrawn one can no longer be accepted.
 */
jest.setTimeout(30_000);
let server: TestServer;
const STREET = 'demo-street-admin';
const admin = (action: string, data: unknown, who: string | null, now = NOW) => server.call('admin', action, data, as(who, now));
const account = (action: string, data: unknown, who: string | null, now = NOW) => server.call('account', action, data, as(who, now));
const later = (minutes: number) => new Date(Date.parse(NOW) + minutes * 60_000).toISOString();
const openOf = async (who: string) => ok(await admin('roles.invites', {}, who)).items as any[];

/** Invitations made once for the whole file, a minute apart (newest last). */
let mine: any; // demo-admin → worker of 锦绣社区
let theirs: any; // other-admin → worker of 幸福社区
let adminInvite: any; // 街道 admin → admin of 幸福社区
let both: any; // 街道 admin → worker of both
/** The id the list gives an invitation: its code's SHA-256, as stored. */
const idOf = (code: string) => createHash('sha256').update(code).digest('hex');

beforeAll(async () => {
  server = await startTestServer();
  await server.store.collection<any>(COMMUNITIES).put({ _id: 'other-community', code: 'other-community', name: '幸福社区', subdistrict: 'demo-street', admins: ['other-admin'] });
  await bumpCommunityVersion(server.store);
  await server.store.collection<any>(USERS).put({ _id: 'other-admin', role: 'admin', name: '钱主任', communities: ['other-community'], createdAt: '2026-10-01T00:00:00Z' });
  mine = ok(await admin('roles.invite', { role: 'worker', communities: ['demo-community'], name: '赵网格' }, 'demo-admin', later(1)));
  theirs = ok(await admin('roles.invite', { role: 'worker', communities: ['other-community'] }, 'other-admin', later(2)));
  adminInvite = ok(await admin('roles.invite', { role: 'admin', communities: ['other-community'], name: '吴主任' }, STREET, later(3)));
  both = ok(await admin('roles.invite', { role: 'worker', communities: ['demo-community', 'other-community'] }, STREET, later(4)));
});
afterAll(() => server.close());

it('lists the open invitations in the admin’s reach, newest first, people by name and never by OPENID', async () => {
  const street = await openOf(STREET);
  expect(street.map((i) => i.communityNames)).toEqual([['锦绣社区', '幸福社区'], ['幸福社区'], ['幸福社区'], ['锦绣社区']]);
  expect(street[3]).toEqual({
    id: idOf(mine.code),
    role: 'worker',
    communityNames: ['锦绣社区'],
    name: '赵网格',
    invitedBy: '王主任',
    createdAt: later(1),
    expiresAt: mine.expiresAt,
    status: 'open',
  });
  expect(street.map((i) => i.invitedBy)).toEqual(['孙科长', '孙科长', '钱主任', '王主任']);
  expect(JSON.stringify(street)).not.toMatch(/demo-|other-admin|wx-/);
  for (const i of street) expect(i.id).toMatch(/^[0-9a-f]{64}$/);

  // A community admin sees only the invitations all of whose communities they run.
  expect((await openOf('demo-admin')).map((i) => i.communityNames)).toEqual([['锦绣社区']]);
  expect((await openOf('other-admin')).map((i) => i.role)).toEqual(['admin', 'worker']); // 幸福社区's admin invitation too (revoking it is the 街道's)

  // The listed id is the stored hash: it does not accept anything.
  expect((await account('invite.get', { code: street[0].id }, 'demo-resident')).status).toBe(400);
  expect((await admin('roles.invites', {}, 'demo-worker-1')).status).toBe(403);
  expect((await admin('roles.invites', {}, null)).status).toBe(401);
});

it('a revoked invitation reads as revoked and cannot be accepted; revoking again answers the same', async () => {
  const id = idOf(mine.code);
  const revoked = ok(await admin('roles.revokeInvite', { id }, 'demo-admin', later(10)));
  expect(revoked).toMatchObject({ id, status: 'revoked', invitedBy: '王主任', communityNames: ['锦绣社区'] });
  const stored = await server.store.collection<any>(INVITES).get(id);
  expect(stored).toMatchObject({ revokedAt: later(10), revokedBy: 'demo-admin' });

  expect(ok(await account('invite.get', { code: mine.code }, 'wx-zhao', later(11))).status).toBe('revoked');
  const refused = await account('invite.accept', { code: mine.code }, 'wx-zhao', later(11));
  expect(refused.status).toBe(409);
  expect(refused.body.error).toMatchObject({ code: 'CONFLICT', reason: 'inviteRevoked', message: '该邀请已被撤销，请向管理员确认' });
  expect(ok(await account('me', {}, 'wx-zhao')).role).toBe('resident');

  // Gone from the open list; `all` still shows it as revoked.
  expect((await openOf('demo-admin')).map((i) => i.id)).not.toContain(id);
  expect(ok(await admin('roles.invites', { status: 'all' }, 'demo-admin', later(12))).items).toEqual([expect.objectContaining({ id, status: 'revoked' })]);

  // Idempotent: 200, and the first revocation stands.
  expect(ok(await admin('roles.revokeInvite', { id }, STREET, later(20)))).toEqual(revoked);
  expect(await server.store.collection<any>(INVITES).get(id)).toMatchObject({ revokedAt: later(10), revokedBy: 'demo-admin' });

  // Audited by its hash (never the code), each call as any other success.
  const trail = ok(await admin('audit.list', { action: 'admin.roles.revokeInvite' }, STREET)).items;
  expect(trail).toEqual([expect.objectContaining({ actor: STREET, target: id }), expect.objectContaining({ actor: 'demo-admin', actorName: '王主任', target: id })]);
  expect(JSON.stringify(trail)).not.toContain(mine.code);
});

it('an accept that read the invitation before it was revoked still loses (the compare-and-set requires no revokedAt)', async () => {
  const made = ok(await admin('roles.invite', { role: 'worker', communities: ['demo-community'] }, 'demo-admin'));
  const id = idOf(made.code);
  const coll = server.store.collection<any>(INVITES);
  const before = await coll.get(id);
  ok(await admin('roles.revokeInvite', { id }, 'demo-admin'));
  // The accept's first read still sees the invitation open, as if the revoke landed just after it.
  const get = coll.get.bind(coll);
  coll.get = jest.fn().mockImplementationOnce(async () => before).mockImplementation(get);
  try {
    const raced = await account('invite.accept', { code: made.code }, 'wx-racer');
    expect(raced.status).toBe(409);
    expect(raced.body.error).toMatchObject({ reason: 'inviteRevoked' });
  } finally {
    coll.get = get;
  }
  expect(ok(await account('me', {}, 'wx-racer')).role).toBe('resident');
  expect((await coll.get(id)).usedBy).toBeUndefined();
});

it('a used invitation cannot be revoked (409), and the list names who took it', async () => {
  const id = idOf(theirs.code);
  ok(await account('invite.accept', { code: theirs.code }, 'demo-resident-2', later(30)));
  const res = await admin('roles.revokeInvite', { id }, 'other-admin', later(31));
  expect(res.status).toBe(409);
  expect(res.body.error).toMatchObject({ code: 'CONFLICT', reason: 'inviteUsed', message: expect.stringContaining('该邀请已被接受，无法撤销') });
  expect((await server.store.collection<any>(INVITES).get(id)).revokedAt).toBeUndefined();
  const all = ok(await admin('roles.invites', { status: 'all' }, 'other-admin', later(32))).items;
  expect(all.find((i: any) => i.id === id)).toMatchObject({ status: 'used', usedByName: '李师傅' });
  expect((await openOf('other-admin')).map((i) => i.id)).not.toContain(id);
});

it('keeps revoking to the reach of inviting; unknown ids 404, malformed input 400', async () => {
  const adminId = idOf(adminInvite.code);
  const bothId = idOf(both.code);
  // An admin invitation is the 街道's, even for the admin of its community.
  const notStreet = await admin('roles.revokeInvite', { id: adminId }, 'other-admin');
  expect(notStreet.status).toBe(403);
  expect(notStreet.body.error.message).toBe('只有街道管理员可以撤销管理员邀请');
  // One naming another community (alone or beside the caller's).
  expect((await admin('roles.revokeInvite', { id: adminId }, 'demo-admin')).status).toBe(403);
  expect((await admin('roles.revokeInvite', { id: bothId }, 'demo-admin')).status).toBe(403);
  expect((await admin('roles.revokeInvite', { id: bothId }, 'demo-worker-1')).status).toBe(403);
  for (const id of [adminId, bothId]) expect((await server.store.collection<any>(INVITES).get(id)).revokedAt).toBeUndefined();
  // The 街道 admin may.
  expect(ok(await admin('roles.revokeInvite', { id: adminId }, STREET)).status).toBe('revoked');

  const unknown = await admin('roles.revokeInvite', { id: 'a'.repeat(64) }, STREET);
  expect(unknown.status).toBe(404);
  expect(unknown.body.error).toMatchObject({ code: 'NOT_FOUND', message: '未找到该邀请' });
  const malformed = await admin('roles.revokeInvite', { id: both.code }, STREET);
  expect(malformed.body.error).toMatchObject({ code: 'BAD_REQUEST', field: 'data.id', message: expect.stringContaining('邀请编号无效') });
  const badStatus = await admin('roles.invites', { status: 'used' }, STREET);
  expect(badStatus.body.error).toMatchObject({ code: 'BAD_REQUEST', field: 'data.status', message: expect.stringContaining('状态只能是 open（待接受）或 all（全部）') });
});
