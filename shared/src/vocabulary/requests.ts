/**
 * The request pipeline's words, defined once (no zod, no runtime imports): the client and the
 * functions render these from the codes the documents carry, so a copy edit changes one line.
 */

/** The request statuses, in pipeline order. */
export const REQUEST_STATUSES = ['assigned', 'accepted', 'escalated', 'resolved', 'closed', 'cancelled'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const REQUEST_KINDS = ['report', 'visit', 'consult'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

/** What a status means, in words (pages, messages, exports and outside systems). */
export const STATUS_LABELS: Record<RequestStatus, string> = {
  assigned: '待接单',
  accepted: '办理中',
  escalated: '部门协办中',
  resolved: '已办结待评价',
  closed: '已完成',
  cancelled: '已取消',
};

/** A status in at most 5 汉字, for subscribe-message phrase fields. */
export const STATUS_PHRASES: Record<RequestStatus, string> = {
  assigned: '待接单',
  accepted: '办理中',
  escalated: '协办中',
  resolved: '已办结',
  closed: '已完成',
  cancelled: '已取消',
};

/** A deadline alert's level in at most 5 汉字 (phrase fields). */
export const DUE_LEVEL_PHRASES: Record<'remind' | 'overdue' | 'escalate', string> = { remind: '即将超期', overdue: '已超期', escalate: '严重超期' };

export const KIND_LABELS: Record<RequestKind, string> = { report: '随手拍', visit: '上门帮办', consult: '咨询' };

/** Timeline entry types (the request events, plus `create`). */
export const EVENT_LABELS = {
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
} as const;
export type TimelineType = keyof typeof EVENT_LABELS;

/** 问题解决了吗: the rating's outcome codes, in the order a form offers them. */
export const RATING_OUTCOMES = ['resolved', 'partial', 'unresolved'] as const;
export type RatingOutcome = (typeof RATING_OUTCOMES)[number];
export const OUTCOME_LABELS: Record<RatingOutcome, string> = { resolved: '已解决', partial: '部分解决', unresolved: '未解决' };

/** The label of a code, or the code itself for one this version does not know. */
const lookup =
  <K extends string>(labels: Record<K, string>) =>
  (code: string): string =>
    Object.prototype.hasOwnProperty.call(labels, code) ? labels[code as K] : code;

export const statusLabel = lookup(STATUS_LABELS);
export const kindLabel = lookup(KIND_LABELS);
export const eventLabel = lookup(EVENT_LABELS);
export const outcomeLabel = lookup(OUTCOME_LABELS);
