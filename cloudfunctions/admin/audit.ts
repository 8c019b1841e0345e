import { AuditInput, type AuditOutput } from '@qgt/shared/admin/api';
import { action, type HandlerTable } from '../lib/runtime/handler';
import { auditReach, listAudit } from '../lib/audit/audit';
import { loadAdminScope, requireSubdistrictAdmin } from '../lib/community/scope';

/**
 * `admin.audit.list`: the audit trail, for 街道 admins only. A community admin gets 403: the trail
 * records what the community's own admins do, so it is read one level up (the 街道 that oversees
 * them), as an auditor's log is kept apart from those it audits.
 */
export const auditHandlers = {
  'audit.list': action({
    input: AuditInput['audit.list'],
    access: ['admin'],
    async run({ ctx, caller, input }): Promise<AuditOutput['audit.list']> {
      const scope = await loadAdminScope(ctx, caller);
      requireSubdistrictAdmin(scope, '查看操作审计');
      // A 街道 admin of a 区 environment reads their own 街道's records only; a 区 admin reads all.
      return { items: await listAudit(ctx, input, auditReach(scope)) };
    },
  }),
} satisfies HandlerTable;
