import * as z from 'zod/mini';
import { Code, Openid } from '../domain/community';
import { optionalText, text } from '../textFields';
import { byId, LocalDate, RequestId } from '../requests/schemas';
import type { RequestView } from '../requests/views';

/** The `work` function (grid workers' inbox and request actions): input schemas and output types. */

export const INBOX_TABS = ['all', 'pending', 'active', 'dueSoon', 'overdue', 'watching'] as const;
export type InboxTab = (typeof INBOX_TABS)[number];

export const WorkInput = {
  /**
   * all: every request assigned to the caller (open ones first, by due time); pending: 待接单;
   * active: 办理中/部门协办; dueSoon: open and ≥ 80% of the time used; overdue: past due;
   * watching: requests the caller is first responder of but no longer assigned.
   */
  inbox: z.object({ tab: z._default(z.enum(INBOX_TABS), 'all') }),
  accept: byId,
  transfer: z.object({
    id: RequestId,
    toOpenid: Openid,
    reason: text(200, '转交原因'),
    done: optionalText(500, '已办事项'),
    pending: optionalText(500, '待办事项'),
  }),
  escalate: z.object({ id: RequestId, department: Code, reason: text(200, '报请原因') }),
  resolve: z.object({ id: RequestId, note: text(500, '办理结果') }),
  note: z.object({ id: RequestId, note: text(500, '备注') }),
  returnFromDepartment: z.object({ id: RequestId, note: text(500, '部门答复') }),
  visits: z.object({ date: z.optional(LocalDate) }),
  /** Colleagues to transfer to and departments to call in, for the caller's communities. */
  directory: z.object({}),
} as const;

// ---- Outputs ----

export interface WorkOutput {
  inbox: { items: RequestView[] };
  accept: RequestView;
  transfer: RequestView;
  escalate: RequestView;
  resolve: RequestView;
  note: RequestView;
  returnFromDepartment: RequestView;
  visits: { date: string; items: RequestView[] };
  directory: {
    workers: { openid: string; name: string; level: 'A' | 'B'; grids: string[]; onLeave: boolean }[];
    departments: { code: string; name: string; categories: string[] }[];
  };
}
