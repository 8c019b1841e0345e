import * as z from 'zod/mini';
import { CatalogSchema, type Catalog } from '../catalog/schema';
import { MATTER_CODE } from '../catalog/codes';
import type { ReviewList } from '../catalog/checks';
import type { CatalogReportView } from '../desk/api';
import { MatterCode } from '../catalog/codeSchemas';
import { Code, LatLngSchema, Openid, STATION_KINDS, type Station } from '../domain/community';
import { ROLES, type Role } from '../roles';
import { optionalText } from '../textFields';

/**
 * Admin console (the `admin` function, beside grids/workers/departments in requests/api.ts):
 * catalog drafts and publishing, buildings, stations (with their QR), roles. Admin only; an admin
 * sees and changes only their own communities (403 otherwise).
 */

/** Station codes double as QR scenes (`s=<code>`), so they follow the matter-code rule. */
export const StationCode = z.string().check(z.regex(MATTER_CODE, '站点编码只能包含小写字母、数字和连字符，2–30位'));

export { CALL_PAYLOAD_LIMIT, INLINE_INPUT_LIMIT } from '../limits';

export const ConsoleInput = {
  /** The current published catalog, as the starting point of a draft. */
  'catalog.draft.get': z.object({}),
  /**
   * Publish a whole catalog; its version must be greater than the current one (else 409). The
   * catalog comes inline or, past a function call's 100 KB payload limit on CloudBase, as the
   * cloud storage `fileId` of its JSON (uploaded first; see CALL_PAYLOAD_LIMIT).
   */
  'catalog.publish': z.object({
    catalog: z.optional(CatalogSchema),
    fileId: z.optional(z.string().check(z.regex(/^cloud:\/\/[^\s]{1,300}$/, '目录文件地址无效'))),
    note: optionalText(200, '发布说明'),
  }),
  'catalog.versions': z.object({}),
  /** 需复核 / 待核实: matters whose review is due, drafts, and cited documents not plainly in force. */
  'catalog.review': z.object({}),
  /** Close a 报告错误 once handled (fixed in a publish, or not an error), with a note. */
  'catalog.reportClose': z.object({
    id: z.string().check(z.regex(/^CR[0-9A-Z]{14}$/, '报告编号格式不正确')),
    note: optionalText(200, '处理说明'),
  }),
  'buildings.upsert': z.object({
    code: Code,
    name: z.string().check(z.trim(), z.minLength(1, '请填写楼栋名称'), z.maxLength(30, '楼栋名称不能超过30个字')),
    grid: Code,
    point: z.optional(LatLngSchema),
  }),
  'buildings.list': z.object({ grid: z.optional(Code) }),
  'stations.upsert': z.object({
    code: StationCode,
    name: z.string().check(z.trim(), z.minLength(2, '站点名称至少2个字'), z.maxLength(30, '站点名称不能超过30个字')),
    kind: z.enum(STATION_KINDS, { error: 'kind 应为 window 或 point' }),
    /** Defaults to the admin's (first) community. */
    community: z.optional(Code),
    address: optionalText(80, '地址'),
    point: z.optional(LatLngSchema),
    hours: optionalText(60, '开放时间'),
    phone: z.optional(z.string().check(z.regex(/^[0-9-]{3,20}$/, '电话号码格式不正确'))),
    matters: z.optional(z.array(MatterCode).check(z.maxLength(200))),
  }),
  'stations.list': z.object({}),
  /**
   * Who is admin/worker of which communities. Only a 街道 admin may grant admin; nobody changes
   * their own role; a community admin may only name communities they run.
   */
  'roles.set': z.object({
    openid: Openid,
    role: z.enum(ROLES, { error: 'role 应为 admin、worker 或 resident' }),
    communities: z._default(z.array(Code).check(z.maxLength(20)), []),
    name: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(20, '姓名不能超过20个字'))),
  }),
  'roles.list': z.object({}),
  /**
   * An Open311 partner (a city platform, the 12345 hotline) that may POST requests: 街道 admins
   * only. Returns a new API key, shown this once (stored hashed); upserting an existing code
   * renames it and rotates its key (the old one stops working at once).
   */
  'partners.upsert': z.object({
    code: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{1,39}$/, '合作方编码只能包含小写字母、数字和连字符，2–40位')),
    name: z.string().check(z.trim(), z.minLength(2, '合作方名称至少2个字'), z.maxLength(40, '合作方名称不能超过40个字')),
  }),
} as const;

export interface CatalogVersionView {
  version: string;
  publishedAt: string;
  /** OPENID of the publishing admin (absent for versions synced from the repository). */
  by?: string;
  byName?: string;
  note?: string;
  matters: number;
  current: boolean;
}

export interface BuildingAdminView {
  code: string;
  name: string;
  grid: string;
  gridName: string;
  community: string;
  point?: { lat: number; lng: number };
}

export type StationView = Station & {
  /** QR scene `s=<code>`. */
  scene: string;
  /** Printable QR of the H5 link (local server / H5 deployments). */
  qr: string;
};

export interface RoleView {
  openid: string;
  role: Role;
  name?: string;
  communities: string[];
  /** True for 街道 admins (may grant admin). */
  subdistrictAdmin: boolean;
}

export interface ConsoleOutput {
  'catalog.draft.get': { catalog: Catalog; publishedAt: string | null };
  'catalog.publish': { version: string; previous: string | null; publishedAt: string };
  'catalog.versions': { current: string | null; items: CatalogVersionView[] };
  'catalog.review': ReviewList & { reports: CatalogReportView[] };
  'catalog.reportClose': CatalogReportView;
  'buildings.upsert': BuildingAdminView;
  'buildings.list': { items: BuildingAdminView[] };
  'stations.upsert': StationView;
  'stations.list': { items: StationView[] };
  'roles.set': RoleView;
  'roles.list': { items: RoleView[] };
  'partners.upsert': { code: string; name: string; apiKey: string };
}
