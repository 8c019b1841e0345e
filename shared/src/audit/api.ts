import * as z from 'zod/mini';
import type { Via } from '../account/api';
import { DateOrInstant } from '../requests/api';

/** The audit trail as `admin.audit.list` shows it: 街道 admins only. */
export const AuditInput = {
  /**
   * `from`/`to`: dates (whole local days, `to` inclusive) or ISO instants; `actor` an OPENID;
   * `action` as `"<function>.<action>"`. Newest first, at most `limit` (200, ≤ 500).
   */
  'audit.list': z.object({
    from: z.optional(DateOrInstant),
    to: z.optional(DateOrInstant),
    actor: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(64))),
    action: z.optional(z.string().check(z.trim(), z.regex(/^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9]+){1,4}$/, 'action 应为 "<函数>.<操作>"，如 admin.workers.upsert'), z.maxLength(64))),
    limit: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(500))),
  }),
} as const;

export type AuditQuery = z.output<(typeof AuditInput)['audit.list']>;

export interface AuditEntry {
  at: string;
  /** The staff member's OPENID; a resident shows only as 居民（已脱敏）. */
  actor: string;
  actorName?: string;
  /** `"<function>.<action>"`. */
  action: string;
  /** The object acted on; phone and ID numbers masked. */
  target: string | null;
  via: Via;
}

export interface AuditOutput {
  'audit.list': { items: AuditEntry[] };
}
