import { AppError } from '@qgt/shared/errors';
import { AuditInput, type AuditOutput } from '@qgt/shared/audit/api';
import { action, type HandlerTable } from '../lib/runtime/handler';
import { listAudit } from '../lib/audit/audit';
import { consoleAdmin } from './console';

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
      const admin = await consoleAdmin(ctx, caller);
      if (!admin.subdistrictAdmin) throw new AppError('FORBIDDEN', '只有街道管理员可以查看操作审计');
      return { items: await listAudit(ctx, input) };
    },
  }),
} satisfies HandlerTable;
