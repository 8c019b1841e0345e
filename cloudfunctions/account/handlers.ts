import { AccountInput, type AccountOutput } from '@qgt/shared/account/api';
import { action, type HandlerTable } from '../lib/runtime/handler';
import { eraseResident } from '../lib/account/erase';

/** Lets the client show what the caller's role allows (the server still checks every action). */
export const accountHandlers = {
  me: action({
    input: AccountInput.me,
    access: 'anyone',
    async run({ caller }): Promise<AccountOutput['me']> {
      return { openid: caller.openid, role: caller.role, name: caller.name ?? null };
    },
  }),
  /** 注销账号 (PIPL): the caller's own data only; staff accounts are removed by an admin. */
  delete: action({
    input: AccountInput.delete,
    access: 'signedIn',
    run: ({ ctx, caller }): Promise<AccountOutput['delete']> => eraseResident(ctx, caller),
  }),
} satisfies HandlerTable;
