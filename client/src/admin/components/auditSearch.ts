import type { AuditQuery } from '@qgt/shared/admin/api';
import type { AuditEntry } from '@qgt/shared/admin/views';

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

/** How a record reads on the page: who (name and OPENID), where from. */
export function auditRowText(e: AuditEntry): { who: string; via: string } {
  return { who: e.actorName ? `${e.actorName}（${e.actor}）` : e.actor, via: VIA[e.via] ?? e.via };
}
