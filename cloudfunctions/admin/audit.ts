import { AuditInput, type AuditOutput } from '@qgt/shared/audit/api';
import { action, type HandlerTable } from '../lib/runtime/handler';
import { listAudit } from '../lib/audit/audit';
import { requireSubdistrictAdmin } from '../lib/community/scope';
import { loadAdminScope } from '../lib/runtime/caller';

/**
 * `admin.audit.list`: the audit trail, for 街道 admins only. A community admin gets 403: the trail
 * records what the community's own admins do, so it is read one level up (the 街道 that oversees
 * them), as an auditor's log is kept apart from those it audits.
 */
export const auditHandlers = {
  'audit.list': action({
    input: AuditInput['audit.list'],
    access: ['admin'],
    rate: null,
    async run({ ctx, caller, input }): Promise<AuditOutput['audit.list']> {
      requireSubdistrictAdmin(caller, '查看操作审计');
      return { items: await listAudit(ctx, input) };
    },
  }),
} satisfies HandlerTable;
