import { AppError } from '@qgt/shared/errors';
import { localDate } from '@qgt/shared/domain/calendar';
import type { Context } from '../runtime/context';
import { requireSubdistrictAdmin } from '../community/scope';
import { loadAdminScope, loadViewer } from '../runtime/caller';
import { BOM, csvLine } from '../metrics/csv';
import { TZ } from '../requests/config';
import { auditActionLabel } from '@qgt/shared/vocabulary/audit';
import { AUDIT_LIST_MAX, auditReach, listAudit } from './audit';

const VIA: Record<string, string> = { phone: '手机', pc: '电脑' };
// 操作 in words for the reader; 操作代码 last, for matching records across exports and versions.
const HEADER = ['时间', '操作人', '姓名', '操作', '对象', '终端', '操作代码'];

/** Local time as the trail's readers say it: 2026-10-09 09:30. */
const local = (iso: string) => `${localDate(iso, TZ)} ${new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(11, 16)}`;

/**
 * `GET /admin/export/audit.csv?from&to`: the audit trail as `admin.audit.list` shows it to the same
 * admin (街道 admins; their own 街道 in a 区 environment), at most AUDIT_LIST_MAX records, newest
 * first. Residents stay masked and targets keep their masking: the file leaves the system.
 */
export async function auditCsv(ctx: Context, from: string, to: string): Promise<string> {
  const caller = await ctx.identify();
  if (!caller.openid) throw new AppError('UNAUTHENTICATED');
  const scope = await loadAdminScope(ctx.store, await loadViewer(ctx.store, caller));
  requireSubdistrictAdmin(scope, '导出操作审计');
  const { items } = await listAudit(ctx, { from, to, limit: AUDIT_LIST_MAX }, auditReach(scope));
  return BOM + csvLine(HEADER) + items.map((e) => csvLine([local(e.at), e.actor, e.actorName ?? '', auditActionLabel(e.action), e.target ?? '', VIA[e.via] ?? e.via, e.action])).join('');
}
