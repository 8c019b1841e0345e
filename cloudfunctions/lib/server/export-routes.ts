import { AppError } from '@qgt/shared/errors';
import { DateOrInstant } from '@qgt/shared/requests/schemas';
import { createContext, type Context, type Logger } from '../runtime/context';
import type { Store } from '../store/port';
import type { Platform } from '../platform/platform';
import { requestIdentity } from './identity';
import { metricsCsv, metricsTable, requestRows, requestsCsv } from '../metrics/csv';
import { writeWorkbook, XLSX_TYPE } from '../rosters/xlsx';
import { recordAudit } from '../audit/audit';
import { auditCsv } from '../audit/csv';
import type { RouteHost } from '../http/host';

/** `GET /admin/export/{requests,metrics}.{csv,xlsx}?from&to` (admins) and `audit.csv` (街道 admins): x-openid locally. */
export async function registerExportRoutes(app: RouteHost, deps: { store: Store; platform: Platform; production: boolean; clock: () => Date; log: Logger }) {
  /** One export as `.csv` or `.xlsx`: the same rows, names beside codes. */
  const route = (name: string, ext: 'csv' | 'xlsx', build: (ctx: Context, from: string, to: string) => Promise<string | Buffer>, type: string) =>
    app.get<{ Querystring: { from?: string; to?: string } }>(`/admin/export/${name}.${ext}`, async (req, reply) => {
      const { openid, now, via } = await requestIdentity(req.headers, { production: deps.production, clock: deps.clock, store: deps.store });
      for (const field of ['from', 'to'] as const) {
        if (!DateOrInstant.safeParse(req.query[field]).success) throw new AppError('BAD_REQUEST', `${field} 应为日期（YYYY-MM-DD）或ISO 8601时间`, { field });
      }
      const ctx = createContext({ store: deps.store, now, log: deps.log, platform: deps.platform, openid, via });
      const body = await build(ctx, req.query.from!, req.query.to!);
      // An export takes data out of the system: it is in the audit trail like any staff change.
      await recordAudit(ctx, await ctx.identify(), { action: `admin.export.${name}`, target: `${req.query.from}~${req.query.to}` });
      return reply
        .header('content-type', type)
        .header('content-disposition', `attachment; filename="${name}-${req.query.from}-${req.query.to}.${ext}"`)
        .send(body);
    });
  const CSV = 'text/csv; charset=utf-8';
  route('requests', 'csv', requestsCsv, CSV);
  route('metrics', 'csv', metricsCsv, CSV);
  route('audit', 'csv', auditCsv, CSV);
  route('requests', 'xlsx', async (ctx, from, to) => writeWorkbook([{ name: '诉求明细', rows: await requestRows(ctx, from, to), bold: [1] }]), XLSX_TYPE);
  route('metrics', 'xlsx', async (ctx, from, to) => writeWorkbook([{ name: '统计', rows: await metricsTable(ctx, from, to), bold: [1] }]), XLSX_TYPE);
}
