import * as z from 'zod';
import type { Role } from '../roles';

/** The `account` function: who the platform says is calling, and their role from the store. */
export const AccountInput = {
  me: z.object({}),
} as const;

export interface AccountOutput {
  me: { openid: string | null; role: Role | null; name: string | null };
}
