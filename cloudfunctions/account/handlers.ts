import { AccountInput, type AccountOutput } from '@qgt/shared/account/api';
import { action, type HandlerTable } from '../lib/runtime/handler';
import { eraseResident } from '../lib/account/erase';
import { USERS } from '../lib/runtime/context';
import type { StaffUserDoc } from '../lib/requests/access';

/** Lets the client show what the caller's role allows (the server still checks every action). */
export const accountHandlers = {
  me: action({
    input: AccountInput.me,
    access: 'anyone',
    async run({ ctx, caller }): Promise<AccountOutput['me']> {
      const me = { openid: caller.openid, role: caller.role, name: caller.name ?? null };
      if (caller.role !== 'worker' || !caller.openid) return me;
      const user = await ctx.store.collection<StaffUserDoc>(USERS).get(caller.openid);
      if (!user?.department) return me;
      const department = await ctx.store.collection<{ _id: string; name?: string }>('departments').get(user.department); // by key: the account bundle stays free of the community model
      return { ...me, department: { code: user.department, name: department?.name ?? user.department } };
    },
  }),
  /** 注销账号 (PIPL): the caller's own data only; staff accounts are removed by an admin. */
  delete: action({
    input: AccountInput.delete,
    access: 'signedIn',
    run: ({ ctx, caller }): Promise<AccountOutput['delete']> => eraseResident(ctx, caller),
  }),
} satisfies HandlerTable;
