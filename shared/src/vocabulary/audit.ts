/**
 * What each audited action is called on the audit page and in its export (`<function>.<action>`,
 * as the trail records it). tests/unit/vocabulary.test.ts checks every action that declares an
 * audit record has a name here, so a new one cannot reach the page as a code. No imports.
 */
export const AUDIT_ACTION_LABELS = {
  'account.delete': '注销账号',
  'account.invite.accept': '接受人员邀请',
  'account.webLogin.confirm': '确认电脑端登录',
  'requests.create': '提交诉求',
  'requests.mediaChecked': '图片审核结果',
  'requests.cancel': '撤回诉求',
  'booking.reschedule': '改约上门时间',
  'booking.cancel': '取消上门预约',
  'work.accept': '签收工单',
  'work.transfer': '转派工单',
  'work.escalate': '吹哨报到',
  'work.resolve': '办结工单',
  'work.note': '添加办理备注',
  'work.returnFromDepartment': '部门退回',
  'admin.catalog.draft.save': '保存办事指南草稿',
  'admin.catalog.draft.discard': '放弃办事指南草稿',
  'admin.catalog.publish': '发布办事指南',
  'admin.catalog.reportClose': '处理指南纠错',
  'admin.buildings.upsert': '维护楼栋',
  'admin.stations.upsert': '维护服务站点',
  'admin.roles.set': '设置人员角色',
  'admin.roles.invite': '邀请工作人员',
  'admin.roles.revokeInvite': '撤销人员邀请',
  'admin.partners.upsert': '维护对接单位',
  'admin.grids.import': '导入网格',
  'admin.rosters.import': '导入名册',
  'admin.communities.upsert': '维护社区',
  'admin.categories.upsert': '维护问题类别',
  'admin.workers.upsert': '维护网格员',
  'admin.departments.upsert': '维护职能部门',
  'admin.followups.record': '记录回访结果',
  'admin.export.requests': '导出工单',
  'admin.export.metrics': '导出统计',
  'admin.export.audit': '导出审计记录',
  'visits.log': '记录走访',
  'visits.households.upsert': '维护重点户',
  'desk.walkin': '窗口受理',
  'desk.roster.set': '排班',
  'desk.reportError': '报告指南错误',
} as const satisfies Record<string, string>;

/** The name of an audited action; an action this version does not know reads as 其他操作 with its code. */
export function auditActionLabel(action: string): string {
  return Object.prototype.hasOwnProperty.call(AUDIT_ACTION_LABELS, action) ? AUDIT_ACTION_LABELS[action as keyof typeof AUDIT_ACTION_LABELS] : `其他操作（${action}）`;
}
