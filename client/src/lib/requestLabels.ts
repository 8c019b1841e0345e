import type { RequestStatus } from '@qgt/shared/vocabulary/requests';
import type { InboxTab } from '@qgt/shared/work/api';
import { OUTCOME_LABELS, RATING_OUTCOMES } from '@qgt/shared/vocabulary/requests';

/**
 * The request pipeline's words come from shared's vocabulary (zod-free, so safe on the device);
 * this file adds what only the pages need (chip tones, inbox tabs).
 */
export { EVENT_LABELS, KIND_LABELS, OUTCOME_LABELS, STATUS_LABELS, eventLabel, kindLabel, statusLabel, type RatingOutcome as Outcome } from '@qgt/shared/vocabulary/requests';

/** Chip colour of a status. */
export const STATUS_TONES: Record<RequestStatus, 'wait' | 'doing' | 'done' | 'off'> = {
  assigned: 'wait',
  accepted: 'doing',
  escalated: 'doing',
  resolved: 'done',
  closed: 'done',
  cancelled: 'off',
};

/** The worker inbox tabs, in order, as the backend names them. */
export const INBOX_TAB_LIST: { tab: InboxTab; label: string; empty: string }[] = [
  { tab: 'pending', label: '待签收', empty: '没有待签收的工单' },
  { tab: 'active', label: '处理中', empty: '没有处理中的工单' },
  { tab: 'dueSoon', label: '即将超期', empty: '没有即将超期的工单' },
  { tab: 'overdue', label: '已超期', empty: '没有超期工单' },
];

/** Department staff: everything called in to them first (吹哨 and urgent reports), then the usual tabs. */
export const DEPARTMENT_TAB_LIST: typeof INBOX_TAB_LIST = [{ tab: 'all', label: '全部', empty: '没有需要部门处理的工单' }, ...INBOX_TAB_LIST];

/** 问题解决了吗: the rating's `outcome` codes, in the order the form offers them. */
export const OUTCOMES = RATING_OUTCOMES.map((value) => ({ value, label: OUTCOME_LABELS[value] }));
