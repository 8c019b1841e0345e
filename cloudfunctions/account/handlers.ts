import { AccountInput, type AccountOutput } from '@qgt/shared/account/api';
import { action, type HandlerTable } from '../lib/runtime/handler';

/** Lets the client show what the caller's role allows (the server still checks every action). */
export const accountHandlers = {
  me: action({
    input: AccountInput.me,
    access: 'anyone',
    async run({ caller }): Promise<AccountOutput['me']> {
      return { openid: caller.openid, role: caller.role, name: caller.name ?? null };
    },
  }),
} satisfies HandlerTable;
