import type { FastifyInstance } from 'fastify';
import { AppError } from '@qgt/shared/errors';
import { DateOrInstant } from '@qgt/shared/requests/schemas';
import { createContext, type Logger } from '../runtime/context';
import type { Store } from '../store/port';
import type { Platform } from '../platform/platform';
import { requestIdentity } from './identity';
import { metricsCsv, requestsCsv } from '../metrics/csv';
import { recordAudit } from '../audit/audit';
import { auditCsv } from '../audit/csv';

/** `GET /admin/export/requests.csv?from&to`, `metrics.csv` (admins) and `audit.csv` (街道 admins): x-openid locally. */
export async function registerExportRoutes(app: FastifyInstance, deps: { store: Store; platform: Platform; production: boolean; clock: () => Date; log: Logger }) {
  const route = (name: string, build: typeof requestsCsv) =>
    app.get<{ Querystring: { from?: string; to?: string } }>(`/admin/export/${name}.csv`, async (req, reply) => {
      const { openid, now, via } = await requestIdentity(req.headers, { production: deps.production, clock: deps.clock, store: deps.store });
      for (const field of ['from', 'to'] as const) {
        if (!DateOrInstant.safeParse(req.query[field]).success) throw new AppError('BAD_REQUEST', `${field} 应为日期（YYYY-MM-DD）或ISO 8601时间`, { field });
      }
      const ctx = createContext({ store: deps.store, now, log: deps.log, platform: deps.platform, openid, via });
      const csv = await build(ctx, req.query.from!, req.query.to!);
      // An export takes data out of the system: it is in the audit trail like any staff change.
      await recordAudit(ctx, await ctx.identify(), { action: `admin.export.${name}`, target: `${req.query.from}~${req.query.to}` });
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}-${req.query.from}-${req.query.to}.csv"`)
        .send(csv);
    });
  route('requests', requestsCsv);
  route('metrics', metricsCsv);
  route('audit', auditCsv);
}
