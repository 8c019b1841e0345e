import { AccountInput, type AccountOutput } from '@qgt/shared/account/api';
import { action, type HandlerTable } from '../lib/runtime/handler';
import { eraseResident } from '../lib/account/erase';
import { markSeen, messagesOf, recordGrants, templatesOf, unreadCount } from '../lib/outbox/grants';
import { templateIds } from '../lib/outbox/templates';

/** Lets the client show what the caller's role allows (the server still checks every action). */
export const accountHandlers = {
  me: action({
    input: AccountInput.me,
    access: 'anyone',
    async run({ ctx, caller }): Promise<AccountOutput['me']> {
      const me = { openid: caller.openid, role: caller.role, name: caller.name ?? null };
      // Where WeChat pushes (CloudBase): the template ids the client asks for at the taps, and the badge.
      if (ctx.platform.name !== 'cloudbase') return me;
      return { ...me, subscribeTemplates: templateIds(), unread: caller.openid ? await unreadCount(ctx.store, caller.openid, ctx.now) : 0 };
    },
  }),
  /** 注销账号 (PIPL): the caller's own data only; staff accounts are removed by an admin. */
  delete: action({
    input: AccountInput.delete,
    access: 'signedIn',
    run: ({ ctx, caller }): Promise<AccountOutput['delete']> => eraseResident(ctx, caller),
  }),
  /** One-time subscribe grants the caller just accepted (lib/outbox/grants). */
  subscribed: action({
    input: AccountInput.subscribed,
    access: 'signedIn',
    async run({ ctx, caller, input }): Promise<AccountOutput['subscribed']> {
      return { grants: await recordGrants(ctx.store, caller.openid!, templatesOf(input.accepted), ctx.now) };
    },
  }),
  messages: action({
    input: AccountInput.messages,
    access: 'signedIn',
    run: ({ ctx, caller }): Promise<AccountOutput['messages']> => messagesOf(ctx.store, caller.openid!, ctx.now),
  }),
  'messages.read': action({
    input: AccountInput['messages.read'],
    access: 'signedIn',
    async run({ ctx, caller }): Promise<AccountOutput['messages.read']> {
      await markSeen(ctx.store, caller.openid!, ctx.now);
      return { unread: 0 };
    },
  }),
} satisfies HandlerTable;

