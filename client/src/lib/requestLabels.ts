import type { RequestKind, RequestStatus } from '@qgt/shared/domain/requestState';
import type { InboxTab } from '@qgt/shared/work/api';

/** Words for the request pipeline's codes (types only from shared: no zod on the device). */

export const STATUS_LABELS: Record<RequestStatus, string> = {
  assigned: '待接单',
  accepted: '办理中',
  escalated: '部门协办中',
  resolved: '已办结待评价',
  closed: '已完成',
  cancelled: '已取消',
};

/** Chip colour of a status. */
export const STATUS_TONES: Record<RequestStatus, 'wait' | 'doing' | 'done' | 'off'> = {
  assigned: 'wait',
  accepted: 'doing',
  escalated: 'doing',
  resolved: 'done',
  closed: 'done',
  cancelled: 'off',
};

export const KIND_LABELS: Record<RequestKind, string> = { report: '随手拍', visit: '上门帮办', consult: '咨询' };

/** Timeline entry types (the events, plus `create`). */
export const EVENT_LABELS: Record<string, string> = {
  create: '提交诉求',
  accept: '工作人员接单',
  transfer: '转交办理',
  escalate: '吹哨报到',
  returnFromDepartment: '部门答复',
  resolve: '办结',
  close: '关闭',
  cancel: '取消',
  reopen: '重新办理',
  addNote: '内部备注',
  rate: '评价',
  reschedule: '改约',
};

export function statusLabel(s: string): string {
  return STATUS_LABELS[s as RequestStatus] ?? s;
}

export function kindLabel(k: string): string {
  return KIND_LABELS[k as RequestKind] ?? k;
}

export function eventLabel(t: string): string {
  return EVENT_LABELS[t] ?? t;
}

/** The worker inbox tabs, in order, as the backend names them. */
export const INBOX_TAB_LIST: { tab: InboxTab; label: string; empty: string }[] = [
  { tab: 'pending', label: '待签收', empty: '没有待签收的工单' },
  { tab: 'active', label: '处理中', empty: '没有处理中的工单' },
  { tab: 'dueSoon', label: '即将超期', empty: '没有即将超期的工单' },
  { tab: 'overdue', label: '已超期', empty: '没有超期工单' },
];

/** Department staff: everything called in to them first (吹哨 and urgent reports), then the usual tabs. */
export const DEPARTMENT_TAB_LIST: typeof INBOX_TAB_LIST = [{ tab: 'all', label: '全部', empty: '没有需要部门处理的工单' }, ...INBOX_TAB_LIST];

/** 已解决 / 部分解决 / 未解决, asked with the rating. */
/** 问题解决了吗: the rating's `outcome` codes, in the order the form offers them. */
export const OUTCOMES = [
  { value: 'resolved', label: '已解决' },
  { value: 'partial', label: '部分解决' },
  { value: 'unresolved', label: '未解决' },
] as const;
export type Outcome = (typeof OUTCOMES)[number]['value'];
export const OUTCOME_LABELS: Record<Outcome, string> = { resolved: '已解决', partial: '部分解决', unresolved: '未解决' };
