import { createHash, randomBytes } from 'node:crypto';
import type * as z from 'zod/mini';
import { AppError } from '@qgt/shared/errors';
import type { ConsoleInput, ConsoleOutput } from '@qgt/shared/admin/api';
import type { InviteListItem } from '@qgt/shared/admin/views';
import { INVITE_ALPHABET, INVITE_MS, INVITE_PAGE, inviteScene, type AccountOutput, type InviteStatus } from '@qgt/shared/account/api';
import type { Role } from '@qgt/shared/roles';
import type { Context } from '../runtime/context';
import { USERS, readableCommunities, type Caller, type StaffUserDoc } from '../runtime/caller';
import { isSubdistrictAdmin, ownCommunity, type AdminScope } from './scope';
import { loadCommunity, type CommunityState } from './store';
import { syncCommunityAdmins } from './roles';

type In<K extends keyof typeof ConsoleInput> = z.output<(typeof ConsoleInput)[K]>;

/**
 * 邀请加入: how someone not yet listed becomes staff without anybody typing an OPENID. An admin
 * makes a one-time code for a role and communities (`admin.roles.invite`); the person opens it in
 * the mini-program, signed in, and accepts (`account.invite.accept`): the OPENID is the platform's.
 * The store keeps only the code's SHA-256, like session tokens. Admins list the invitations in
 * their reach (`admin.roles.invites`) and withdraw one sent to the wrong person (`roles.revokeInvite`).
 */
export const INVITES = 'invites';

export interface InviteDoc {
  _id: string; // SHA-256 of the code, hex
  role: Exclude<Role, 'resident'>;
  communities: string[];
  name?: string;
  by: string;
  createdAt: string;
  expiresAt: string;
  usedBy?: string;
  usedAt?: string;
  /** Withdrawn by an admin (OPENID) before anyone accepted it. */
  revokedAt?: string;
  revokedBy?: string;
}

/** The most invitations one list answers. */
const LIST_MAX = 200;

const invites = (ctx: Context) => ctx.store.collection<InviteDoc>(INVITES);
const hash = (code: string) => createHash('sha256').update(code).digest('hex');
const names = (state: CommunityState, codes: readonly string[]) => codes.map((c) => state.communities.find((x) => x.code === c)?.name ?? c);

function newCode(): string {
  // 32 letters: each byte's low 5 bits pick one, uniformly.
  return [...randomBytes(8)].map((b) => INVITE_ALPHABET[b & 31]).join('');
}

/** `admin.roles.invite`: the same reach as roles.set (admin invitations are the 街道's). */
export async function createInvite(ctx: Context, admin: AdminScope, input: In<'roles.invite'>): Promise<ConsoleOutput['roles.invite']> {
  if (input.role === 'admin' && admin.level === 'community') throw new AppError('FORBIDDEN', '只有街道管理员可以任命社区管理员', { field: 'data.role' });
  input.communities.forEach((c, i) => {
    if (!admin.state.communities.some((x) => x.code === c)) throw new AppError('NOT_FOUND', `未知社区：${c}`, { field: `data.communities.${i}` });
    ownCommunity(admin, c, `data.communities.${i}`);
  });
  const code = newCode();
  const expiresAt = new Date(ctx.now.getTime() + INVITE_MS).toISOString();
  const communities = [...new Set(input.communities)];
  await invites(ctx).insert({ _id: hash(code), role: input.role, communities, ...(input.name && { name: input.name }), by: admin.openid, createdAt: ctx.now.toISOString(), expiresAt });
  const link = `${ctx.platform.publicUrl.replace(/\/$/, '')}/#/${INVITE_PAGE}?code=${code}`;
  const png = await ctx.platform.sceneCode({ scene: inviteScene(code), page: INVITE_PAGE, link });
  return { code, role: input.role, communityNames: names(admin.state, communities), ...(input.name && { name: input.name }), expiresAt, link, image: `data:image/png;base64,${png.toString('base64')}` };
}

async function findInvite(ctx: Context, code: string): Promise<InviteDoc> {
  const doc = await invites(ctx).get(hash(code));
  if (!doc) throw new AppError('NOT_FOUND', '邀请码无效，请向管理员确认', { field: 'data.code' });
  return doc;
}

const statusOf = (doc: InviteDoc, now: Date): InviteStatus => (doc.usedBy ? 'used' : doc.revokedAt ? 'revoked' : doc.expiresAt <= now.toISOString() ? 'expired' : 'open');

/** Names of the people an invitation mentions (inviter, taker), by OPENID; an OPENID never stands in for a name. */
async function peopleNames(ctx: Context, docs: readonly InviteDoc[]): Promise<Map<string, string>> {
  const ids = [...new Set(docs.flatMap((d) => [d.by, ...(d.usedBy ? [d.usedBy] : [])]))];
  const users = ids.length ? await ctx.store.collection<StaffUserDoc>(USERS).find({ _id: { $in: ids } }) : [];
  return new Map(users.filter((u) => u.name).map((u) => [u._id, u.name!]));
}

function listItem(doc: InviteDoc, state: CommunityState, people: Map<string, string>, now: Date): InviteListItem {
  const usedByName = doc.usedBy ? people.get(doc.usedBy) : undefined;
  return {
    id: doc._id,
    role: doc.role,
    communityNames: names(state, doc.communities),
    ...(doc.name && { name: doc.name }),
    invitedBy: people.get(doc.by) ?? '未填姓名',
    createdAt: doc.createdAt,
    expiresAt: doc.expiresAt,
    status: statusOf(doc, now),
    ...(usedByName && { usedByName }),
  };
}

/**
 * `admin.roles.invites`: a community admin sees the invitations all of whose communities they run
 * (one shared with another community is that community's business too, so the 街道's); a 街道/区
 * admin those touching a community they read. Few documents: the collection needs no index.
 */
export async function listInvites(ctx: Context, admin: AdminScope, input: In<'roles.invites'>): Promise<ConsoleOutput['roles.invites']> {
  const readable = readableCommunities(admin);
  const now = ctx.now.toISOString();
  const others = admin.level === 'community' ? admin.state.communities.map((c) => c.code).filter((c) => !readable.includes(c)) : [];
  const open = input.status === 'open' ? { usedBy: { $exists: false }, revokedAt: { $exists: false }, expiresAt: { $gt: now } } : {};
  const docs = await invites(ctx).find({ communities: { $in: readable, ...(others.length && { $nin: others }) }, ...open }, { sort: { createdAt: -1 }, limit: LIST_MAX });
  const seen = admin.level === 'community' ? docs.filter((d) => d.communities.every((c) => readable.includes(c))) : docs;
  const people = await peopleNames(ctx, seen);
  return { items: seen.map((d) => listItem(d, admin.state, people, ctx.now)) };
}

/**
 * `admin.roles.revokeInvite`: the reach of making it (every community the caller's; an admin
 * invitation the 街道's). Compare-and-set against an accept racing it: exactly one of them wins.
 */
export async function revokeInvite(ctx: Context, admin: AdminScope, input: In<'roles.revokeInvite'>): Promise<ConsoleOutput['roles.revokeInvite']> {
  const doc = await invites(ctx).get(input.id);
  if (!doc) throw new AppError('NOT_FOUND', '未找到该邀请', { field: 'data.id' });
  if (doc.role === 'admin' && admin.level === 'community') throw new AppError('FORBIDDEN', '只有街道管理员可以撤销管理员邀请', { field: 'data.id' });
  doc.communities.forEach((c) => ownCommunity(admin, c, 'data.id'));
  const revoked = { revokedAt: ctx.now.toISOString(), revokedBy: admin.openid };
  const won = !doc.usedBy && !doc.revokedAt && (await invites(ctx).updateById(doc._id, { $set: revoked }, { usedBy: { $exists: false }, revokedAt: { $exists: false } }));
  const after = won ? { ...doc, ...revoked } : await invites(ctx).get(doc._id);
  if (!after) throw new AppError('NOT_FOUND', '未找到该邀请', { field: 'data.id' });
  if (after.usedBy) throw new AppError('CONFLICT', '该邀请已被接受，无法撤销；如需调整，请在角色管理中修改其角色', { field: 'data.id', reason: 'inviteUsed' });
  if (won) ctx.log.info({ role: doc.role, communities: doc.communities }, 'invitation revoked');
  return listItem(after, admin.state, await peopleNames(ctx, [after]), ctx.now);
}

/** `account.invite.get`: what the invitation offers, in names. */
export async function getInvite(ctx: Context, code: string): Promise<AccountOutput['invite.get']> {
  const doc = await findInvite(ctx, code);
  const [state, inviter] = await Promise.all([loadCommunity(ctx.store), ctx.store.collection<StaffUserDoc>(USERS).get(doc.by)]);
  return {
    status: statusOf(doc, ctx.now),
    role: doc.role,
    communityNames: names(state, doc.communities),
    ...(doc.name && { name: doc.name }),
    ...(inviter?.name && { invitedBy: inviter.name }),
    expiresAt: doc.expiresAt,
  };
}

/** Why an invitation no longer can be accepted, by its status. */
const CLOSED: Record<Exclude<InviteStatus, 'open'>, { message: string; reason: string }> = {
  used: { message: '该邀请已被使用', reason: 'inviteUsed' },
  revoked: { message: '该邀请已被撤销，请向管理员确认', reason: 'inviteRevoked' },
  expired: { message: '邀请已过期，请管理员重新邀请', reason: 'inviteExpired' },
};

/** 409 unless the invitation is still open (a missing one reads as used: it was there a moment ago). */
function requireOpen(doc: InviteDoc | null, now: Date): void {
  const status = doc ? statusOf(doc, now) : 'used';
  if (status !== 'open') throw new AppError('CONFLICT', CLOSED[status].message, { field: 'data.code', reason: CLOSED[status].reason });
}

/**
 * `account.invite.accept`: once, before it expires (compare-and-set, so two phones racing get one
 * yes and one 409). Someone already staff keeps their role: the same role gains the communities,
 * another role is for an admin to change in 角色管理 (an invitation never widens a role elsewhere).
 */
export async function acceptInvite(ctx: Context, caller: Caller, code: string): Promise<AccountOutput['invite.accept']> {
  const openid = caller.openid!;
  const doc = await findInvite(ctx, code);
  requireOpen(doc, ctx.now);
  const state = await loadCommunity(ctx.store);
  const users = ctx.store.collection<StaffUserDoc>(USERS);
  const user = await users.get(openid);
  if (isSubdistrictAdmin(state, openid)) throw new AppError('CONFLICT', '您是街道管理员，无需接受邀请', { field: 'data.code' });
  if (user && user.role !== 'resident' && user.role !== doc.role)
    throw new AppError('CONFLICT', '您已有其他工作角色，请联系管理员在角色管理中调整', { field: 'data.code', reason: 'otherRole' });
  const won = await invites(ctx).updateById(
    doc._id,
    { $set: { usedBy: openid, usedAt: ctx.now.toISOString() } },
    { usedBy: { $exists: false }, revokedAt: { $exists: false }, expiresAt: { $gt: ctx.now.toISOString() } },
  );
  if (!won) {
    // Lost a race (another accept, an admin revoking it) or the clock: say which.
    requireOpen(await invites(ctx).get(doc._id), ctx.now);
    throw new AppError('CONFLICT', CLOSED.used.message, { field: 'data.code', reason: CLOSED.used.reason });
  }
  const kept = user && user.role === doc.role ? (user.communities ?? []) : [];
  const communities = [...new Set([...kept, ...doc.communities])];
  const name = user?.name ?? doc.name;
  await users.put({ ...user, _id: openid, role: doc.role, ...(name && { name }), communities, createdAt: user?.createdAt ?? ctx.now.toISOString() });
  if (doc.role === 'admin') await syncCommunityAdmins(ctx, state, doc.communities, openid, communities);
  ctx.log.info({ role: doc.role, communities: doc.communities }, 'invitation accepted');
  return { role: doc.role, communityNames: names(state, doc.communities) };
}

/** This area's collections, typed by name (see CollectionDocs in lib/store/port). */
declare module '../store/port' {
  interface CollectionDocs {
    invites: InviteDoc;
  }
}
