import { AppError } from '@qgt/shared/errors';
import { georeportMapper, serviceCodeOf, SERVICE_CODE, statusesFor, type Mapper } from '@qgt/shared/open311/georeport';
import { parseRequestsQuery, parseWindow, MAX_PAGE_SIZE } from '@qgt/shared/open311/query';
import { objectToXml, toXml } from '@qgt/shared/open311/xml';
import { kindOfService, Open311PostSchema, postFields } from '@qgt/shared/open311/post';
import { RequestId } from '@qgt/shared/requests/schemas';
import { RequestsInput } from '@qgt/shared/requests/api';
import type { Building } from '@qgt/shared/domain/community';
import { createContext, type Logger } from '../runtime/context';
import { parseInput } from '../runtime/parse';
import { RATE_RULES } from '../runtime/rate-policy';
import { spendRate } from '../runtime/rate-limit';
import type { Platform } from '../platform/platform';
import { createFlow } from '../requests/create';
import { partnerByKey, partnerOwner } from '../partners/partners';
import type { Filter, Store } from '../store/port';
import { loadCatalog } from '../catalog/published';
import { BUILDINGS, communitiesOf, communityAt, departmentsServing, loadCommunity, type WithId } from '../community/store';
import { open311Enabled, open311Withheld } from '@qgt/shared/domain/streetSettings';
import { requests, type RequestDoc } from '../requests/store';
import { TZ } from '../requests/config';
import { devIdentity } from './identity';
import type { HttpReply, RouteHost } from '../http/host';

/**
 * Open311 GeoReport v2 for city platforms, every resource as `.json` and `.xml`. Reading
 * (`discovery`, `services`, `requests`, `requests/<id>`, `servicerequestupdates`) is public and
 * anonymous: what it shows is already stripped of personal data (shared/src/open311). Writing
 * (`POST requests`) takes a partner's API key (lib/partners). Errors are the spec's
 * `[{code, description}]` with the HTTP status in `code`.
 */
export const OPEN311_BASE = '/open311/v2';
const FORMATS = ['json', 'xml'] as const;
type Format = (typeof FORMATS)[number];

const CONTENT_TYPE: Record<Format, string> = { json: 'application/json; charset=utf-8', xml: 'text/xml; charset=utf-8' };

function send(reply: HttpReply, format: Format, root: string, item: string, records: readonly object[], status = 200) {
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

/** The spec's identity of the service: what discovery.json documents (jurisdiction_id = the 街道 code). */
const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';
const CHANGESET = '2026-12-01T00:00:00+08:00';
const MIME: Record<Format, string> = { json: 'application/json', xml: 'text/xml' };

export async function registerOpen311Routes(app: RouteHost, deps: { store: Store; production: boolean; clock: () => Date; log: Logger; platform: Platform; /** Where the feed is served (discovery names it): the server's URL, or the HTTP access domain. */ origin: () => string }) {
  /**
   * The 街道 a call is about: `jurisdiction_id` names one of the environment's 街道 (absent: the
   * first), each fed on its own — its services, and only requests of its communities.
   */
  async function mapper(jurisdiction: unknown): Promise<{ map: Mapper; reportCodes: Set<string>; hidden: { categories: string[]; matters: string[] }; scope: Filter; communities: Set<string> | null }> {
    const [{ catalog }, state, buildings] = await Promise.all([
      loadCatalog(deps.store),
      loadCommunity(deps.store),
      deps.store.collection<WithId<Building>>(BUILDINGS).find({}, { sort: { _id: 1 } }),
    ]);
    // An empty jurisdiction_id (clients send `jurisdiction_id=`) is no jurisdiction.
    const wanted = Array.isArray(jurisdiction) ? jurisdiction.find((j) => j !== '') : jurisdiction;
    const street = wanted !== undefined && wanted !== '' ? state.subdistricts.find((s) => s.code === wanted) : state.subdistrict;
    const served = state.subdistricts.filter((s) => open311Enabled(s)).map((s) => s.code);
    if (!street || !open311Enabled(street))
      throw new AppError('NOT_FOUND', `本接口不服务该辖区：${String(wanted ?? street?.code ?? '').slice(0, 40)}（jurisdiction_id 应为 ${served.join('、') || '本街道编码'}）`, { field: 'jurisdiction_id' });
    // Several 街道 in one environment: each feed holds its own communities' requests only.
    const several = state.subdistricts.length > 1;
    const communities = several ? new Set(communitiesOf(state, street.code).map((c) => c.code)) : null;
    const reportCategories = (several && state.categoriesBySubdistrict.get(street.code)) || state.reportCategories;
    // A feature switch may narrow the feed to some categories: the others are hidden as private ones are.
    const withheld = open311Withheld(street, [...reportCategories.map((c) => c.code), ...catalog.categories.map((c) => c.code)]);
    const privateCodes = new Set([...(street.privateCategories ?? []), ...withheld]);
    const map = georeportMapper({
      tz: TZ,
      catalog,
      ...state,
      subdistrict: { ...street, privateCategories: [...privateCodes] },
      reportCategories,
      ...(communities && {
        communities: state.communities.filter((c) => communities.has(c.code)),
        grids: state.grids.filter((g) => communities.has(g.community)),
        departments: departmentsServing(state, [...communities]),
      }),
      buildings,
    });
    const hidden = {
      categories: [...privateCodes],
      matters: catalog.matters.filter((m) => privateCodes.has(m.code) || privateCodes.has(m.category)).map((m) => m.code),
    };
    const matterCategory = new Map(catalog.matters.map((m) => [m.code, m.category]));
    // Services of a switched-off category are not offered (private ones still are: requests may be filed, never shown).
    const off = new Set(withheld);
    const offered = (code: string) => {
      const [, prefix, value] = SERVICE_CODE.exec(code) ?? [];
      if (prefix === 'report' || prefix === 'category') return !off.has(value);
      if (prefix === 'matter') return !off.has(matterCategory.get(value) ?? '');
      return true;
    };
    map.services = map.services.filter((s) => offered(s.service_code));
    const scope: Filter = communities ? { community: { $in: [...communities] } } : {};
    return { map, reportCodes: new Set(reportCategories.map((c) => c.code)), hidden, scope, communities };
  }

  /** Requests in a private category or matter never leave: excluded in the query, so pages stay full. */
  const publishable = (hidden: { categories: string[]; matters: string[] }): Filter => ({
    ...(hidden.categories.length && { category: { $nin: hidden.categories } }),
    ...(hidden.matters.length && { matterCode: { $nin: hidden.matters } }),
  });

  /** Any failure becomes the spec's error list, never our envelope. */
  async function answer(reply: HttpReply, format: Format, path: string, handle: () => Promise<unknown>) {
    try {
      return await handle();
    } catch (e) {
      const err = e instanceof AppError ? e : new AppError('INTERNAL');
      if (!(e instanceof AppError)) deps.log.error({ err: e instanceof Error ? e.message : String(e), path }, 'open311 failed');
      return send(reply, format, 'errors', 'error', [{ code: err.status, description: err.message }], err.status);
    }
  }

  type Req<Q> = { query: Q; params: Record<string, string>; headers: Record<string, string | string[] | undefined>; body?: unknown };
  /** The same resource as `.json` and `.xml`. */
  function route<Q>(path: string, handle: (req: Req<Q>, format: Format, reply: HttpReply) => Promise<unknown>, method: 'get' | 'post' = 'get') {
    for (const format of FORMATS) app[method](path.replace(':format', format), (req, reply) => answer(reply, format, path, () => handle(req as Req<Q>, format, reply)));
  }

  route<Record<string, unknown>>(`${OPEN311_BASE}/discovery.:format`, async (_req, format, reply) => {
    const state = await loadCommunity(deps.store);
    const jurisdiction = state.subdistrict?.code ?? '';
    const discovery = {
      changeset: CHANGESET,
      contact: `${state.subdistrict?.name ?? ''}（jurisdiction_id=${jurisdiction}）：对接与密钥申请请联系街道管理员`,
      key_service: `API keys for POST requests are issued by the admins of ${jurisdiction} (admin.partners.upsert); GET needs no key. jurisdiction_id is optional (default ${jurisdiction}); when given it must be one of ${state.subdistricts.filter((s) => open311Enabled(s)).map((s) => s.code).join(', ') || jurisdiction}, and each serves its own 街道's services and requests only.`,
      endpoints: [
        {
          specification: SPECIFICATION,
          url: `${deps.origin()}${OPEN311_BASE}`,
          changeset: CHANGESET,
          type: deps.production ? 'production' : 'test',
          formats: FORMATS.map((f) => MIME[f]),
        },
      ],
    };
    return reply
      .type(CONTENT_TYPE[format])
      .header('access-control-allow-origin', '*')
      .send(format === 'json' ? JSON.stringify(discovery) : objectToXml('discovery', discovery, { endpoints: 'endpoint', formats: 'format' }));
  });

  route<{ jurisdiction_id?: string }>(`${OPEN311_BASE}/services.:format`, async (req, format, reply) => {
    const { map } = await mapper(req.query.jurisdiction_id);
    return send(reply, format, 'services', 'service', map.services);
  });

  route<Record<string, unknown>>(`${OPEN311_BASE}/requests.:format`, async (req, format, reply) => {
    const { now } = devIdentity(req.headers, deps.production, deps.clock);
    const q = parseRequestsQuery(req.query, now, TZ);
    const { map, reportCodes, hidden, scope } = await mapper(req.query.jurisdiction_id);
    let docs: RequestDoc[];
    if (q.ids) docs = q.ids.length ? await requests(deps.store).find({ _id: { $in: q.ids }, ...publishable(hidden), ...scope }, { sort: { createdAt: -1, _id: -1 }, limit: q.ids.length }) : [];
    else if (q.serviceCodes?.length === 0) docs = [];
    else {
      const filter: Filter = { createdAt: { $gte: q.from, $lte: q.to }, ...publishable(hidden), ...scope };
      if (q.statuses) filter.status = { $in: statusesFor(q.statuses) };
      if (q.serviceCodes) filter.$or = q.serviceCodes.map(serviceFilter);
      docs = await requests(deps.store).find(filter, { sort: { createdAt: -1, _id: -1 }, skip: (q.page - 1) * q.pageSize, limit: q.pageSize });
      // A code that is both a 随手拍 and a catalog category is filtered by category above; keep only exact matches.
      if (q.serviceCodes) docs = docs.filter((d) => q.serviceCodes!.includes(serviceCodeOf(d, reportCodes)));
    }
    return send(reply, format, 'service_requests', 'request', docs.filter((d) => map.published(d)).map((d) => map.toRequest(d)));
  });

  /**
   * FixMyStreet's `servicerequestupdates`: one entry per request that changed in the window
   * (`start_date`/`end_date` on the time of the change, default the last 90 days), oldest first, so
   * a client follows changes by asking again from the last `updated_datetime` it saw.
   */
  route<Record<string, unknown>>(`${OPEN311_BASE}/servicerequestupdates.:format`, async (req, format, reply) => {
    const { now } = devIdentity(req.headers, deps.production, deps.clock);
    const window = parseWindow(req.query, now, TZ);
    const { page, pageSize } = parseRequestsQuery({ page: req.query.page, page_size: req.query.page_size }, now, TZ);
    const { map, hidden, scope } = await mapper(req.query.jurisdiction_id);
    const docs = await requests(deps.store).find(
      { updatedAt: { $gte: window.from, $lte: window.to }, ...publishable(hidden), ...scope },
      { sort: { updatedAt: 1, _id: 1 }, skip: (page - 1) * pageSize, limit: Math.min(pageSize, MAX_PAGE_SIZE) },
    );
    return send(reply, format, 'service_request_updates', 'request_update', docs.filter((d) => map.published(d)).map((d) => map.toUpdate(d)));
  });

  route<{ jurisdiction_id?: string }>(`${OPEN311_BASE}/requests/:id.:format`, async (req, format, reply) => {
    const id = req.params.id;
    if (!RequestId.safeParse(id).success) throw new AppError('BAD_REQUEST', '工单编号格式不正确', { field: 'service_request_id' });
    const { map, communities } = await mapper(req.query.jurisdiction_id);
    const doc = await requests(deps.store).get(id);
    // A private request, or another 街道's, is as unknown here as one that does not exist.
    if (!doc || !map.published(doc) || (communities && !communities.has(doc.community ?? ''))) throw new AppError('NOT_FOUND', `找不到工单：${id}`, { field: 'service_request_id' });
    return send(reply, format, 'service_requests', 'request', [map.toRequest(doc)]);
  });

  /**
   * GeoReport v2 `POST requests` from a partner holding an API key (admin.partners.upsert). The key
   * is checked first and only read: a wrong or missing key gets 403 and leaves nothing (no request,
   * no rate-limit entry, no log line naming it). Then it is a resident's report through the same
   * create path: content check, routing, deadline, notices. The partner's `external_id` is kept and
   * doubles as the idempotency key, so a resent work order files once.
   */
  route<Record<string, unknown>>(
    `${OPEN311_BASE}/requests.:format`,
    async (req, format, reply) => {
      const { now } = devIdentity(req.headers, deps.production, deps.clock);
      let fields: Record<string, unknown>;
      try {
        fields = postFields(typeof req.body === 'string' ? req.body : '', typeof req.headers['content-type'] === 'string' ? req.headers['content-type'] : undefined);
      } catch {
        fields = {};
      }
      const key = fields.api_key ?? req.query.api_key;
      const partner = await partnerByKey(deps.store, key);
      if (!partner) throw new AppError('FORBIDDEN', 'api_key 无效或缺失：请向街道管理员申请对接密钥');
      const post = parseInput(Open311PostSchema, fields, '');
      const service = kindOfService(post.service_code);
      // A key files into its own 街道 only (keys from before 街道 were told apart: the environment's first).
      const home = partner.subdistrict ?? (await loadCommunity(deps.store)).subdistrict?.code;
      const asked = [fields.jurisdiction_id ?? req.query.jurisdiction_id].flat().find((j) => j !== undefined && j !== '');
      if (asked !== undefined && asked !== home) throw new AppError('FORBIDDEN', `该密钥只能提交到其所属街道（jurisdiction_id 应为 ${home ?? '本街道编码'}）`, { field: 'jurisdiction_id' });
      const { map, communities } = await mapper(home);
      if (!service || !map.services.some((s) => s.service_code === post.service_code))
        throw new AppError('BAD_REQUEST', `service_code 不可用于提交：${post.service_code}（见 services.json；上门帮办需居民自选时段）`, { field: 'service_code' });
      // A 街道's feed takes reports of its own places only (the point of another 街道 is that one's).
      const here = communities && communityAt(await loadCommunity(deps.store), { lat: post.lat, lng: post.long });
      if (here && !communities.has(here)) throw new AppError('BAD_REQUEST', '该位置不属于本辖区，请使用其所在街道的 jurisdiction_id', { field: 'lat' });

      const owner = partnerOwner(partner._id);
      const ctx = createContext({ store: deps.store, now, log: deps.log, platform: deps.platform, openid: owner });
      // A partner's budget is a resident's: spent once the key is known good, refunded on refusal.
      const refund = await spendRate(deps.store, owner, RATE_RULES.create, now);
      const contact = { name: [post.last_name, post.first_name].filter(Boolean).join('') || undefined, phone: post.phone || undefined, email: post.email || undefined };
      try {
        const input = parseInput(
          RequestsInput.create,
          {
            ...service,
            description: post.address_string ? `${post.description}（地址：${post.address_string}）` : post.description,
            location: { lat: post.lat, lng: post.long },
            ...(post.external_id && { idempotencyKey: `ext:${post.external_id}` }),
          },
          '',
        );
        const created = await createFlow(ctx, { openid: owner, role: 'resident', name: partner.name, communities: [], grids: [] }, input, {
          partner: {
            code: partner._id,
            name: partner.name,
            ...(post.external_id && { ref: post.external_id }),
            ...((contact.name || contact.phone || contact.email) && { contact: JSON.parse(JSON.stringify(contact)) }),
          },
        });
        deps.log.info({ partner: partner._id, id: created.id }, 'open311 request filed');
        return send(reply, format, 'service_requests', 'request', [{ service_request_id: created.id, service_notice: '', account_id: null }]);
      } catch (e) {
        if (e instanceof AppError && e.status < 500 && !ctx.reachedContentCheck) await refund().catch(() => undefined);
        throw e;
      }
    },
    'post',
  );

  const unknown = (req: { url: string }, reply: HttpReply) =>
    answer(reply, req.url.split('?')[0].endsWith('.xml') ? 'xml' : 'json', req.url, async () => {
      throw new AppError('NOT_FOUND', '未知的 Open311 资源：支持 discovery、services、requests、requests/<编号> 与 servicerequestupdates（.json 或 .xml）');
    });
  app.get(`${OPEN311_BASE}/*`, unknown);
}
