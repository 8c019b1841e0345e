import * as z from 'zod/mini';
import type { Role } from '../roles';

/** The `account` function: who the platform says is calling, and their role from the store. */
export const AccountInput = {
  me: z.object({}),
  /** 注销账号: the caller's own data; `confirm` must be literally true so it is never sent by accident. */
  delete: z.object({ confirm: z.literal(true) }),
} as const;

export interface AccountOutput {
  /** `department`: department staff (燃气公司…) get their department's page, not the grid workbench. */
  me: { openid: string | null; role: Role | null; name: string | null; department?: { code: string; name: string } };
  /**
   * 注销账号: open requests withdrawn; handling records kept without the person (see
   * domain/erasure.ts); photos, follows, messages and the account deleted.
   */
  delete: {
    cancelled: number;
    anonymized: { requests: number; followups: number; walkins: number };
    deleted: { account: boolean; photos: number; follows: number; messages: number };
  };
}
