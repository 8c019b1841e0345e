import type { Catalog } from '../catalog/schema';
import type { Building, Community, Department, Grid, LatLng, ReportCategory, Subdistrict } from '../domain/community';
import { STATUS_LABELS, type RequestKind, type RequestStatus, type ServiceRequest } from '../domain/requestState';
import { KIND_LABELS } from '../vocabulary/requests';
import { coarsenPoint } from '../privacy/location';
import { maskText } from '../privacy/mask';

/**
 * Our requests as Open311 GeoReport v2 (wiki.open311.org/GeoReport_v2), read-only, for city
 * platforms that pull requests. What leaves here is public: no OPENID, name, phone or photo, and
 * only as much place as a crew needs.
 *
 * Two kinds of request, two levels of detail:
 * - `report` (随手拍) is a problem in a public place: published with its masked description, a
 *   point rounded to ~100 m, and its grid.
 * - `visit` and `consult` are a resident's own affairs (低保, 残疾证, a doorstep visit at home):
 *   published as service, status and dates only — no description, no point, community level —
 *   with times cut to the hour, so an entry cannot be matched to a person seen at the window.
 *   Requests in a category or matter the deployment marks private (`privateCategories`) are not
 *   published at all; in one it marks `noPublicText` they are published without the resident's
 *   words (`NO_PUBLIC_TEXT` instead of the description).
 */

/** What the feed says instead of a description the deployment keeps out of it (`noPublicText`). */
export const NO_PUBLIC_TEXT = '（内容不公开）';

export type Open311Status = 'open' | 'closed';

/**
 * Open while someone still has to act. `resolved` waits only for the resident's rating, and a
 * reopening comes back as `open` with a later updated_datetime. `cancelled` is `closed` rather than
 * hidden: a platform that already pulled the request as open must learn that nobody will work it.
 */
export const OPEN311_STATUS: Record<RequestStatus, Open311Status> = {
  assigned: 'open',
  accepted: 'open',
  escalated: 'open',
  resolved: 'closed',
  closed: 'closed',
  cancelled: 'closed',
};

export const statusesFor = (wanted: readonly Open311Status[]): RequestStatus[] =>
  (Object.keys(OPEN311_STATUS) as RequestStatus[]).filter((s) => wanted.includes(OPEN311_STATUS[s]));

export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: false;
  type: 'realtime';
  keywords: string;
  group: string;
}

export interface Open311Request {
  service_request_id: string;
  status: Open311Status;
  status_notes: string;
  service_name: string;
  service_code: string;
  description: string | null;
  agency_responsible: string;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string;
  address: string;
  zipcode: string | null;
  lat: number | null;
  long: number | null;
  media_url: null;
}

/**
 * Service codes name what a request is about, most specific first: `matter.<code>` (a 百事通
 * matter), `report.<code>` (a 随手拍 category), `category.<code>` (a catalog category without a
 * matter), `other.<kind>`. The dot is in neither kind of code, so a code reads back unambiguously.
 */
export const SERVICE_CODE = /^(matter|report|category|other)\.([a-z0-9][a-z0-9-]{0,40})$/;

// Kind names from the vocabulary (shared/src/vocabulary): the feed says what the pages say.
const OTHER: Record<RequestKind, { name: string; description: string }> = {
  report: { name: `其他${KIND_LABELS.report}问题`, description: '未归入分类的公共区域问题' },
  visit: { name: KIND_LABELS.visit, description: '网格员预约上门协助办理' },
  consult: { name: `其他${KIND_LABELS.consult}`, description: '未指定事项的政策咨询' },
};
const OTHER_GROUP = '其他';
const REPORT_GROUP = KIND_LABELS.report;

type Source = Pick<ServiceRequest, 'kind' | 'matterCode' | 'category'>;

export function serviceCodeOf(request: Source, reportCategories: ReadonlySet<string>): string {
  if (request.matterCode) return `matter.${request.matterCode}`;
  if (request.category) return `${reportCategories.has(request.category) ? 'report' : 'category'}.${request.category}`;
  return `other.${request.kind}`;
}

/** Every service a request can carry: 随手拍 categories, matters by catalog category, the rest. */
export function servicesOf(catalog: Catalog, reportCategories: readonly ReportCategory[]): Open311Service[] {
  const service = (service_code: string, service_name: string, description: string, group: string, keywords: string[]): Open311Service => ({
    service_code,
    service_name,
    description,
    metadata: false,
    type: 'realtime',
    keywords: keywords.join(', '),
    group,
  });
  return [
    ...reportCategories.map((c) => service(`report.${c.code}`, c.name, `${REPORT_GROUP}：${c.name}方面的公共区域问题`, REPORT_GROUP, [c.name, REPORT_GROUP])),
    ...catalog.categories.flatMap((c) => [
      ...catalog.matters.filter((m) => m.category === c.code).map((m) => service(`matter.${m.code}`, m.title, m.summary, c.name, m.aliases)),
      service(`category.${c.code}`, `${c.name}（其他事项）`, `${c.name}类未指定具体事项的咨询或帮办`, c.name, [c.name]),
    ]),
    ...(Object.keys(OTHER) as RequestKind[]).map((k) => service(`other.${k}`, OTHER[k].name, OTHER[k].description, OTHER_GROUP, [OTHER[k].name])),
  ];
}

/** Names the mapping needs, looked up once per call. */
export interface Directory {
  tz: string;
  catalog: Catalog;
  subdistrict?: Pick<Subdistrict, 'name'> & Partial<Pick<Subdistrict, 'zipcode' | 'privateCategories' | 'noPublicText'>>;
  reportCategories: readonly ReportCategory[];
  communities: readonly (Pick<Community, 'code' | 'name'> & Partial<Pick<Community, 'zipcode'>>)[];
  buildings?: readonly Pick<Building, 'code' | 'name'>[];
  grids: readonly Pick<Grid, 'code' | 'name'>[];
  departments: readonly Pick<Department, 'code' | 'name'>[];
}

/** One change of a request, as FixMyStreet's `servicerequestupdates` reads them. */
export interface Open311Update {
  /** Unique per change: the request and its version. */
  update_id: string;
  service_request_id: string;
  status: Open311Status;
  updated_datetime: string;
  /** The status in words; handlers' notes may name people and are never published. */
  description: string;
  media_url: null;
}

export interface Mapper {
  services: Open311Service[];
  /** Whether a request may appear in the public feed at all (not in a private category). */
  published(request: Pick<ServiceRequest, 'matterCode' | 'category'>): boolean;
  toRequest(request: PublishedSource): Open311Request;
  toUpdate(request: PublishedSource): Open311Update;
}

/** What the mapping reads of a stored request; nothing else of it can leak. */
export type PublishedSource = Pick<
  ServiceRequest,
  'id' | 'kind' | 'status' | 'matterCode' | 'category' | 'description' | 'location' | 'community' | 'gridCode' | 'department' | 'createdAt' | 'dueAt' | 'timeline' | 'version'
> & { title: string; buildingCode?: string };

const HOUR_MS = 3_600_000;
/** An instant cut to the start of its hour (every zone we serve has whole-hour offsets). */
export const toHour = (iso: string) => new Date(Math.floor(Date.parse(iso) / HOUR_MS) * HOUR_MS).toISOString();

/** When a request last changed: its latest timeline entry. */
export const lastChange = (r: Pick<ServiceRequest, 'createdAt' | 'timeline'>) => r.timeline.reduce((latest, e) => (e.at > latest ? e.at : latest), r.createdAt);

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    const parts = { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' } as const;
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', timeZoneName: 'longOffset', ...parts });
    formatters.set(tz, f);
  }
  return f;
}

/**
 * W3C date-time in the deployment's zone, with its offset (2026-10-09T08:00:00+08:00). One cached
 * Intl formatter per zone: a thousand requests need three thousand of these.
 */
export function w3cTime(instant: string, tz: string): string {
  const p = Object.fromEntries(formatterFor(tz).formatToParts(new Date(instant)).map((x) => [x.type, x.value]));
  const offset = p.timeZoneName === 'GMT' ? '+00:00' : p.timeZoneName.slice(3);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${offset}`;
}

const PUBLIC_PLACE: ReadonlySet<RequestKind> = new Set(['report']);

export function georeportMapper(dir: Directory): Mapper {
  const services = servicesOf(dir.catalog, dir.reportCategories);
  const byCode = new Map(services.map((s) => [s.service_code, s]));
  const reportCodes = new Set(dir.reportCategories.map((c) => c.code));
  const nameIn = (list: readonly { code: string; name: string }[]) => {
    const names = new Map(list.map((x) => [x.code, x.name]));
    return (code?: string) => (code ? names.get(code) : undefined);
  };
  const community = nameIn(dir.communities);
  const grid = nameIn(dir.grids);
  const building = nameIn(dir.buildings ?? []);
  const department = nameIn(dir.departments);
  const zipcodes = new Map(dir.communities.filter((c) => c.zipcode).map((c) => [c.code, c.zipcode!]));
  const matterCategory = new Map(dir.catalog.matters.map((m) => [m.code, m.category]));
  const hidden = new Set(dir.subdistrict?.privateCategories ?? []);
  const quiet = new Set(dir.subdistrict?.noPublicText ?? []);
  const codesOf = (r: Pick<ServiceRequest, 'matterCode' | 'category'>) => [r.category, r.matterCode, r.matterCode && matterCategory.get(r.matterCode)];
  /** The resident's own words (masked), or none for a category the deployment keeps them out of. */
  const textOf = (r: Pick<ServiceRequest, 'matterCode' | 'category'>, text: string) => (codesOf(r).some((c) => c && quiet.has(c)) ? NO_PUBLIC_TEXT : maskText(text));
  // A resident's own affairs are published to the hour only.
  const timeOf = (r: PublishedSource) => (PUBLIC_PLACE.has(r.kind) ? (iso: string) => w3cTime(iso, dir.tz) : (iso: string) => w3cTime(toHour(iso), dir.tz));

  return {
    services,
    published(r) {
      return !codesOf(r).some((c) => c && hidden.has(c));
    },
    toUpdate(r) {
      const status = OPEN311_STATUS[r.status];
      return {
        update_id: `${r.id}-${r.version}`,
        service_request_id: r.id,
        status,
        updated_datetime: timeOf(r)(lastChange(r)),
        description: STATUS_LABELS[r.status],
        media_url: null,
      };
    },
    toRequest(r) {
      const code = serviceCodeOf(r, reportCodes);
      const publicPlace = PUBLIC_PLACE.has(r.kind);
      const time = timeOf(r);
      const point: LatLng | null = publicPlace && r.location ? coarsenPoint(r.location) : null;
      const updated = lastChange(r);
      const agency = (r.status === 'escalated' && department(r.department)) || community(r.community) || dir.subdistrict?.name || '';
      // A public place by name: the grid (a block of streets) and, when the report named one, the building.
      const place = publicPlace ? [grid(r.gridCode), building(r.buildingCode)] : [];
      const address = [dir.subdistrict?.name, community(r.community), ...place].filter(Boolean).join(' ');
      return {
        service_request_id: r.id,
        status: OPEN311_STATUS[r.status],
        status_notes: STATUS_LABELS[r.status],
        service_name: byCode.get(code)?.service_name ?? textOf(r, r.title),
        service_code: code,
        description: publicPlace ? textOf(r, r.description) : null,
        agency_responsible: agency,
        service_notice: null,
        requested_datetime: time(r.createdAt),
        updated_datetime: time(updated),
        expected_datetime: time(r.dueAt),
        address,
        zipcode: (r.community && zipcodes.get(r.community)) || dir.subdistrict?.zipcode || null,
        lat: point?.lat ?? null,
        long: point?.lng ?? null,
        // Photos are residents' own and may show people or homes: never published.
        media_url: null,
      };
    },
  };
}
