/**
 * Why a request went to whom: the routing decision's stable codes (stored as `route.reasonCode`)
 * and their Chinese text, rendered by the view. No zod, no runtime imports.
 */
export const ROUTE_REASONS = {
  noGrid: '不在任何网格内，转社区人工派单',
  noPlace: '未提供位置或楼栋，转社区人工派单',
  unknownBuilding: '楼栋未登记，转社区人工派单',
  gridWorker: '由所在网格的网格员办理',
  workerOnLeave: '网格员请假，转B角',
  workerUnqualified: '网格员不具备该事项资质，转B角',
  workerUnknown: '网格员未登记，转B角',
  pool: '转本社区在岗且具备资质、待办最少的工作人员',
  nobody: '无可派人员，转社区人工派单',
  /** A booked visit goes to the worker of the chosen slot, whatever routing said. */
  slot: '预约上门：由所选时段的工作人员办理',
  /** Filed at a 综合窗口: the clerk is the first responder and sends it on to the back office. */
  desk: '窗口受理：首问负责，流转后台办理',
} as const;
export type RouteReasonCode = keyof typeof ROUTE_REASONS;

/** The Chinese text of a route reason code (an unknown code is shown as it is). */
export function routeReasonText(code: string): string {
  return Object.prototype.hasOwnProperty.call(ROUTE_REASONS, code) ? ROUTE_REASONS[code as RouteReasonCode] : code;
}
