import { AppError } from '@qgt/shared/errors';
import { maskPhone, maskText } from '@qgt/shared/privacy/mask';
import { localDate } from '@qgt/shared/domain/calendar';
import { kindLabel, statusLabel } from '@qgt/shared/vocabulary/requests';
import type { MetricsRow, MetricsView } from '@qgt/shared/metrics/views';
import type { Context } from '../runtime/context';
import type { Filter } from '../store/port';
import { requests, type RequestDoc } from '../requests/store';
import { computeMetrics, metricsWindow } from './metrics';
import { METRICS_TZ } from '@qgt/shared/domain/metrics';
import { loadCommunity } from '../community/store';
import { loadCatalog } from '../catalog/published';
import { loadNames } from '../requests/view';
import { USERS, loadAdminScope, loadViewer, readableCommunities, type UserDoc } from '../runtime/caller';

/**
 * CSV exports for admins (local routes `GET /admin/export/requests.csv` and `metrics.csv`): UTF-8
 * with a BOM so Excel reads the Chinese, CRLF lines, RFC 4180 quoting. Phone and ID numbers are
 * masked (138****0001), in the phone column and wherever one appears in a description: an export
 * leaves the system, so it carries no one's number whole.
 */
export const BOM = '\uFEFF';

export function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  // A leading = + - @ (or a tab or CR before one) is read as a formula by Excel and its kin:
  // `-2+3+cmd|' /C calc'!A0` starts like a number and is one. Only a whole number is left as it is.
  const safe = /^[=+\-@\t\r]/.test(s) && !/^-?\d+$/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
export const csvLine = (cells: unknown[]) => `${cells.map(csvCell).join(',')}\r\n`;

const local = (iso?: string) => (iso ? `${localDate(iso, METRICS_TZ)} ${new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(11, 16)}` : '');

/** An admin (401/403 otherwise) with the communities the export covers. */
async function exporter(ctx: Context) {
  const caller = await ctx.identify();
  if (!caller.openid) throw new AppError('UNAUTHENTICATED');
  if (caller.role !== 'admin') throw new AppError('FORBIDDEN', '仅管理员可导出');
  return loadAdminScope(ctx.store, await loadViewer(ctx.store, caller));
}

const PAGE = 1000;

/** The requests of a window as rows, the header first (a CSV or a sheet of them). */
export async function requestRows(ctx: Context, from: string, to: string): Promise<unknown[][]> {
  const viewer = await exporter(ctx);
  const window = metricsWindow(from, to);
  const communities = readableCommunities(viewer);
  const [state, catalog] = await Promise.all([loadCommunity(ctx.store), loadCatalog(ctx.store).catch(() => null)]);
  // People read names; the codes stay in their own columns beside them for sorting and joins.
  const names = {
    category: new Map<string, string>([...(catalog?.catalog.categories ?? []).map((c) => [c.code, c.name] as const), ...state.reportCategories.map((c) => [c.code, c.name] as const)]),
    community: new Map(state.communities.map((c) => [c.code, c.name])),
    grid: new Map(state.grids.map((g) => [g.code, g.name])),
    department: new Map(state.departments.map((d) => [d.code, d.name])),
  };
  const matterOrCategory = (d: RequestDoc) => (d.matterCode ? catalog?.byCode.get(d.matterCode)?.title : d.category ? names.category.get(d.category) : undefined) ?? '';
  const head = [
    '编号', '类型', '状态', '紧急', '事项/类别', '事项/类别编码', '标题', '描述', '社区', '社区编码', '网格', '网格编码', '楼栋', '上门地址',
    '承办人', '承办人编号', '部门', '部门编码', '提交时间', '办理期限', '受理时间', '办结时间', '按时办结', '办理时长(小时)', '评分', '满意', '重办次数', '居民电话',
  ];
  const out: unknown[][] = [head];
  const filter: Filter = { createdAt: { $gte: window.from, $lt: window.to }, community: { $in: communities } };
  for (let after = ''; ; ) {
    const page: RequestDoc[] = await requests(ctx.store).find({ ...filter, _id: { $gt: after } }, { sort: { _id: 1 }, limit: PAGE });
    const owners = [...new Set(page.map((d) => d.owner))];
    const phones = new Map((await ctx.store.collection(USERS).find({ _id: { $in: owners } }, { limit: PAGE })).map((u) => [u._id, u.phone]));
    const people = await loadNames(ctx, page.map((d) => d.assignee));
    for (const d of page) {
      const f = d.facts;
      const phone = d.contactPhone ?? phones.get(d.owner);
      out.push([
        d._id, kindLabel(d.kind), statusLabel(d.status), d.urgent ? '是' : '', matterOrCategory(d), d.category ?? d.matterCode ?? '', maskText(d.title), maskText(d.description),
        d.community ? names.community.get(d.community) ?? '' : '', d.community ?? '', d.gridCode ? names.grid.get(d.gridCode) ?? '' : '', d.gridCode ?? '',
        d.buildingName ?? d.buildingCode ?? '', d.address ?? '',
        people.get(d.assignee) ?? '', d.assignee, d.department ? names.department.get(d.department) ?? '' : '', d.department ?? '',
        local(d.createdAt), local(d.dueAt), local(d.acceptedAt), local(d.resolvedAt),
        f?.onTime === null || f?.onTime === undefined ? '' : f.onTime ? '是' : '否', f?.handlingHours ?? '', d.rating?.score ?? '',
        d.rating ? (d.rating.score >= 4 ? '是' : '否') : '', d.reopenCount ?? 0, phone ? maskPhone(phone) : '',
      ]);
    }
    if (page.length < PAGE) break;
    after = page[page.length - 1]._id;
  }
  return out;
}

export async function requestsCsv(ctx: Context, from: string, to: string): Promise<string> {
  return BOM + (await requestRows(ctx, from, to)).map(csvLine).join('');
}

const pct = (r: number) => `${(r * 100).toFixed(1)}%`;

/** The dashboard as rows: the headline figures, then each breakdown and the daily volume (blank rows between). */
export function metricsRows(m: MetricsView): unknown[][] {
  const out: unknown[][] = [['指标', '值']];
  const rows: Array<[string, unknown]> = [
    ['统计起', local(m.from)], ['统计止(不含)', local(m.to)], ['诉求总数', m.total], ['已办结', m.resolved], ['按时办结率', pct(m.onTimeRate)],
    ['满意率(评分≥4/已评价)', pct(m.satisfactionRate)], ['已评价', m.rated], ['未评价占比', pct(m.unratedShare)], ['重办率', pct(m.reopenRate)],
    ['当前超期', m.overdueNow], ['平均办理时长(小时)', m.avgHandlingHours], ['P90办理时长(小时)', m.p90HandlingHours],
    ['窗口来访', m.walkins.total], ['窗口当场办结率', pct(m.onTheSpotRate)],
  ];
  out.push(...rows);
  const table = (title: string, list: MetricsRow[]) => {
    out.push([], [title], ['编码', '名称', '总数', '已办结', '按时办结率', '满意率', '已评价', '平均办理时长(小时)', '当前超期', '重办率']);
    for (const r of list) out.push([r.key, r.name, r.total, r.resolved, pct(r.onTimeRate), pct(r.satisfactionRate), r.rated, r.avgHandlingHours, r.overdueNow, pct(r.reopenRate)]);
  };
  table('按类别', m.byCategory);
  table('按网格', m.byGrid);
  table('按工作人员', m.byWorker);
  table('按部门', m.byDepartment);
  out.push([], ['按日诉求量'], ['日期', '数量']);
  for (const d of m.volume.byDay) out.push([d.date, d.count]);
  return out;
}

/** The dashboard as a CSV sheet. */
export function metricsCsvOf(m: MetricsView): string {
  return BOM + metricsRows(m).map(csvLine).join('');
}

/** The dashboard of a window as rows, for an admin. */
export async function metricsTable(ctx: Context, from: string, to: string): Promise<unknown[][]> {
  const viewer = await exporter(ctx);
  return metricsRows(await computeMetrics(ctx, viewer, { from, to }));
}

export async function metricsCsv(ctx: Context, from: string, to: string): Promise<string> {
  const viewer = await exporter(ctx);
  return metricsCsvOf(await computeMetrics(ctx, viewer, { from, to }));
}
