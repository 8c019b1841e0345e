import { AccountInput, type AccountOutput } from '@qgt/shared/account/api';
import { action, type HandlerTable } from '../lib/runtime/handler';
import { eraseResident } from '../lib/account/erase';
import { confirmWebLogin, getWebLogin, login, pollWebLogin, revokeSession, revokeSessionsOf, startWebLogin } from '../lib/account/sessions';
import { markSeen, messagesOf, recordGrants, templatesOf, unreadCount } from '../lib/outbox/grants';
import { templateIds } from '../lib/outbox/templates';

const invites = () => import('../lib/community/invites');

/** Lets the client show what the caller's role allows (the server still checks every action). */
export const accountHandlers = {
  me: action({
    input: AccountInput.me,
    access: 'anyone',
    rate: null,
    async run({ ctx, caller }): Promise<AccountOutput['me']> {
      const me = { openid: caller.openid, role: caller.role, name: caller.name ?? null };
      // Where WeChat pushes (CloudBase): the template ids the client asks for at the taps, and the badge.
      const pushes = ctx.platform.name === 'cloudbase' ? { subscribeTemplates: templateIds(), unread: caller.openid ? await unreadCount(ctx.store, caller.openid, ctx.now) : 0 } : {};
      // The user record was read once, by identify: its department comes with the caller.
      if (caller.role !== 'worker' || !caller.openid || !caller.department) return { ...me, ...pushes };
      const department = await ctx.store.collection<{ _id: string; name?: string }>('departments').get(caller.department); // by key: the account bundle stays free of the community model
      return { ...me, ...pushes, department: { code: caller.department, name: department?.name ?? caller.department } };
    },
  }),
  /** 注销账号 (PIPL): the caller's own data only; staff accounts are removed by an admin. */
  delete: action({
    input: AccountInput.delete,
    access: 'signedIn',
    rate: 'write',
    async run({ ctx, caller }): Promise<AccountOutput['delete']> {
      const erased = await eraseResident(ctx, caller);
      // Signed out everywhere: a token must not outlive the account it opens.
      await revokeSessionsOf(ctx.store, caller.openid!);
      return erased;
    },
    audit: { residents: true, target: () => null },
  }),

  /** Self-hosted production: `wx.login` code → session token (lib/account/sessions.ts). */
  login: action({
    input: AccountInput.login,
    access: 'anyone',
    rate: null,
    run: ({ ctx, input }) => login(ctx, input.code),
  }),

  /** 退出: ends the session this call carries (a PC's, or the phone's). */
  logout: action({
    input: AccountInput.logout,
    access: 'anyone',
    rate: null,
    async run({ ctx }): Promise<AccountOutput['logout']> {
      return { revoked: await revokeSession(ctx.store, ctx.sessionId) };
    },
  }),

  /** 邀请加入 (lib/community/invites): a signed-in person reads an invitation, then takes its role; a rare path, loaded on use. */
  'invite.get': action({
    input: AccountInput['invite.get'],
    access: 'signedIn',
    rate: 'write', // a guessed code costs a unit: codes are not enumerated for free
    run: async ({ ctx, input }) => (await invites()).getInvite(ctx, input.code),
  }),

  'invite.accept': action({
    input: AccountInput['invite.accept'],
    access: 'signedIn',
    rate: 'write',
    audit: { residents: true, target: () => null },
    run: async ({ ctx, caller, input }) => (await invites()).acceptInvite(ctx, caller, input.code),
  }),

  /** 扫码登录 (web console): the PC starts, a staff member confirms on the phone, the PC polls. */
  'webLogin.start': action({
    input: AccountInput['webLogin.start'],
    access: 'anyone',
    rate: null,
    run: ({ ctx, input }) => startWebLogin(ctx, input.device, input.qr),
  }),

  'webLogin.get': action({
    input: AccountInput['webLogin.get'],
    access: ['worker', 'admin'],
    rate: null,
    run: ({ ctx, input }) => getWebLogin(ctx, input.session),
  }),

  'webLogin.confirm': action({
    input: AccountInput['webLogin.confirm'],
    access: ['worker', 'admin'],
    rate: 'write',
    run: ({ ctx, caller, input }) => confirmWebLogin(ctx, caller, input.session),
    // The object is the staff member's new PC session, not the QR's secret id.
    audit: { target: () => '电脑端登录' },
  }),

  'webLogin.poll': action({
    input: AccountInput['webLogin.poll'],
    access: 'anyone',
    rate: null,
    run: ({ ctx, input }) => pollWebLogin(ctx, input.session),
  }),
  /** One-time subscribe grants the caller just accepted (lib/outbox/grants). */
  subscribed: action({
    input: AccountInput.subscribed,
    access: 'signedIn',
    rate: 'write',
    async run({ ctx, caller, input }): Promise<AccountOutput['subscribed']> {
      return { grants: await recordGrants(ctx.store, caller.openid!, templatesOf(input.accepted), ctx.now) };
    },
  }),
  messages: action({
    input: AccountInput.messages,
    access: 'signedIn',
    rate: null,
    run: ({ ctx, caller }): Promise<AccountOutput['messages']> => messagesOf(ctx.store, caller.openid!, ctx.now),
  }),
  'messages.read': action({
    input: AccountInput['messages.read'],
    access: 'signedIn',
    rate: 'write',
    async run({ ctx, caller }): Promise<AccountOutput['messages.read']> {
      await markSeen(ctx.store, caller.openid!, ctx.now);
      return { unread: 0 };
    },
  }),
} satisfies HandlerTable;

