import type { FastifyInstance, FastifyReply } from 'fastify';
import { AppError } from '@qgt/shared/errors';
import { georeportMapper, serviceCodeOf, SERVICE_CODE, statusesFor, type Mapper } from '@qgt/shared/open311/georeport';
import { parseRequestsQuery } from '@qgt/shared/open311/query';
import { toXml } from '@qgt/shared/open311/xml';
import { RequestId } from '@qgt/shared/requests/api';
import type { Logger } from '../runtime/context';
import type { Filter, Store } from '../store/port';
import { loadCatalog } from '../catalog/published';
import { loadCommunity } from '../community/store';
import { requests, type RequestDoc } from '../requests/store';
import { TZ } from '../requests/config';
import { devIdentity } from './identity';

/**
 * A read-only Open311 GeoReport v2 endpoint for city platforms: `GET /open311/v2/services.json`,
 * `/requests.json` and `/requests/<id>.json` (and `.xml`). Public and anonymous: what it shows is
 * already stripped of personal data (shared/src/open311). Errors are the spec's
 * `[{code, description}]` with the HTTP status in `code`.
 */
export const OPEN311_BASE = '/open311/v2';
const FORMATS = ['json', 'xml'] as const;
type Format = (typeof FORMATS)[number];

const CONTENT_TYPE: Record<Format, string> = { json: 'application/json; charset=utf-8', xml: 'text/xml; charset=utf-8' };

function send(reply: FastifyReply, format: Format, root: string, item: string, records: readonly object[], status = 200) {
  return reply
    .code(status)
    .type(CONTENT_TYPE[format])
    // Public data, meant to be pulled from anywhere (a platform's browser dashboard included).
    .header('access-control-allow-origin', '*')
    .send(format === 'json' ? JSON.stringify(records) : toXml(root, item, records));
}

/** Which stored requests a service code covers (read back exactly by serviceCodeOf below). */
function serviceFilter(code: string): Filter {
  const [, prefix, value] = SERVICE_CODE.exec(code)!;
  if (prefix === 'matter') return { matterCode: value };
  if (prefix === 'other') return { kind: value, matterCode: { $exists: false }, category: { $exists: false } };
  return { category: value, matterCode: { $exists: false } };
}

export async function registerOpen311Routes(app: FastifyInstance, deps: { store: Store; production: boolean; clock: () => Date; log: Logger }) {
  async function mapper(jurisdiction: unknown): Promise<{ map: Mapper; reportCodes: Set<string> }> {
    const [{ catalog }, state] = await Promise.all([loadCatalog(deps.store), loadCommunity(deps.store)]);
    if (jurisdiction !== undefined && jurisdiction !== state.subdistrict?.code) throw new AppError('NOT_FOUND', `本接口不服务该辖区：${String(jurisdiction).slice(0, 40)}`, { field: 'jurisdiction_id' });
    const map = georeportMapper({ tz: TZ, catalog, ...state });
    return { map, reportCodes: new Set(state.reportCategories.map((c) => c.code)) };
  }

  /** Any failure becomes the spec's error list, never our envelope. */
  async function answer(reply: FastifyReply, format: Format, path: string, handle: () => Promise<unknown>) {
    try {
      return await handle();
    } catch (e) {
      const err = e instanceof AppError ? e : new AppError('INTERNAL');
      if (!(e instanceof AppError)) deps.log.error({ err: e instanceof Error ? e.message : String(e), path }, 'open311 failed');
      return send(reply, format, 'errors', 'error', [{ code: err.status, description: err.message }], err.status);
    }
  }

  type Req<Q> = { query: Q; params: Record<string, string>; headers: Record<string, string | string[] | undefined> };
  /** The same resource as `.json` and `.xml`. */
  function route<Q>(path: string, handle: (req: Req<Q>, format: Format, reply: FastifyReply) => Promise<unknown>) {
    for (const format of FORMATS) app.get(path.replace(':format', format), (req, reply) => answer(reply, format, path, () => handle(req as Req<Q>, format, reply)));
  }

  route<{ jurisdiction_id?: string }>(`${OPEN311_BASE}/services.:format`, async (req, format, reply) => {
    const { map } = await mapper(req.query.jurisdiction_id);
    return send(reply, format, 'services', 'service', map.services);
  });

  route<Record<string, unknown>>(`${OPEN311_BASE}/requests.:format`, async (req, format, reply) => {
    const { now } = devIdentity(req.headers, deps.production, deps.clock);
    const q = parseRequestsQuery(req.query, now, TZ);
    const { map, reportCodes } = await mapper(req.query.jurisdiction_id);
    let docs: RequestDoc[];
    if (q.ids) docs = await requests(deps.store).find({ _id: { $in: q.ids } }, { sort: { createdAt: -1, _id: -1 }, limit: q.ids.length });
    else {
      const filter: Filter = { createdAt: { $gte: q.from, $lte: q.to } };
      if (q.statuses) filter.status = { $in: statusesFor(q.statuses) };
      if (q.serviceCodes) filter.$or = q.serviceCodes.map(serviceFilter);
      docs = await requests(deps.store).find(filter, { sort: { createdAt: -1, _id: -1 }, skip: (q.page - 1) * q.pageSize, limit: q.pageSize });
      // A code that is both a 随手拍 and a catalog category is filtered by category above; keep only exact matches.
      if (q.serviceCodes) docs = docs.filter((d) => q.serviceCodes!.includes(serviceCodeOf(d, reportCodes)));
    }
    return send(reply, format, 'service_requests', 'request', docs.map((d) => map.toRequest(d)));
  });

  route<{ jurisdiction_id?: string }>(`${OPEN311_BASE}/requests/:id.:format`, async (req, format, reply) => {
    const id = req.params.id;
    if (!RequestId.safeParse(id).success) throw new AppError('BAD_REQUEST', '工单编号格式不正确', { field: 'service_request_id' });
    const { map } = await mapper(req.query.jurisdiction_id);
    const doc = await requests(deps.store).get(id);
    if (!doc) throw new AppError('NOT_FOUND', `找不到工单：${id}`, { field: 'service_request_id' });
    return send(reply, format, 'service_requests', 'request', [map.toRequest(doc)]);
  });

  app.get(`${OPEN311_BASE}/*`, (req, reply) =>
    answer(reply, req.url.split('?')[0].endsWith('.xml') ? 'xml' : 'json', req.url, async () => {
      throw new AppError('NOT_FOUND', '未知的 Open311 资源：支持 services、requests 与 requests/<编号>（.json 或 .xml）');
    }),
  );
}
