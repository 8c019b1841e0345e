import type { AuditQuery } from '@qgt/shared/admin/api';
import type { AuditEntry, RoleView } from '@qgt/shared/admin/views';
import { AUDIT_ACTION_LABELS } from '@qgt/shared/vocabulary/audit';
import { roleLabel } from '@qgt/shared/vocabulary/roles';
import type { Choice } from '../../components/Form/Choices';

/** What the audit page's boxes hold (also its URL's query: a shared link repeats the search). */
export interface AuditForm {
  from: string;
  to: string;
  actor: string;
  action: string;
  target: string;
}

/** Records per page of the audit search. */
export const AUDIT_PAGE = 50;

/** The `admin.audit.list` input of a search: boxes trimmed, empty ones left out (the server checks the rest). */
export function auditQuery(form: AuditForm, before?: string): AuditQuery {
  const q: Record<string, string | number> = { limit: AUDIT_PAGE };
  for (const key of ['from', 'to', 'actor', 'action', 'target'] as const) {
    const v = form[key].trim();
    if (v) q[key] = v;
  }
  if (before) q.before = before;
  return q as AuditQuery;
}

const VIA: Record<string, string> = { phone: '手机', pc: '电脑' };

/** Every audited action by name, after 全部操作 (the empty value searches them all). */
export const ACTION_CHOICES: Choice[] = [{ value: '', label: '全部操作' }, ...Object.entries(AUDIT_ACTION_LABELS).map(([value, label]) => ({ value, label }))];

/**
 * The people an admin can search the trail for, by name: 全部人员, then the staff listed for them.
 * Someone searched for by a shared link who is no longer listed stays as 其他人员.
 */
export function peopleChoices(staff: readonly Pick<RoleView, 'openid' | 'name' | 'role'>[], current: string): Choice[] {
  const people = staff.map((p) => ({ value: p.openid, label: p.name ?? '未填姓名', desc: roleLabel(p.role) }));
  const missing = current && !people.some((p) => p.value === current) ? [{ value: current, label: '其他人员', desc: '不在人员列表中' }] : [];
  return [{ value: '', label: '全部人员' }, ...people, ...missing];
}

/** How a record reads on the page: who (by name; the system and unnamed people in words), where from. */
export function auditRowText(e: AuditEntry): { who: string; via: string } {
  const who = e.actorName ?? (e.actor === 'system' ? '系统' : '未登记姓名的用户');
  return { who, via: VIA[e.via] ?? e.via };
}
