import * as z from 'zod/mini';

/**
 * Field schemas of the community model, apart from community.ts (the rules) and communityData.ts
 * (the documents) so both build on them without importing each other.
 */

/** Codes of communities, grids, buildings, stations and departments (also used in GeoJSON imports). */
export const Code = z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/, '编码只能包含字母、数字、下划线和连字符，1–40位'));
/** A WeChat OPENID (or a demo identity such as `demo-worker-1`). */
/**
 * An OPENID as an input names one (an admin appointing a worker, a transfer, a roster): WeChat's
 * are 28 characters of letters, digits, `_` and `-`; the same form as the dev `x-openid` header.
 * Blanks, paths (`../../etc/passwd`) and operators (`$where`) are refused with the field named.
 */
export const Openid = z.string().check(
  z.minLength(1, '缺少OPENID'),
  z.maxLength(64, 'OPENID过长'),
  z.regex(/^[A-Za-z0-9_-]+$/, 'OPENID 格式不正确：只能包含字母、数字、下划线和连字符'),
);
/** Who a stored record names: an OPENID or a placeholder the server writes (`erased:…`, `walkin:…`, `partner:…`, `system:…`). */
export const RecordedIdentity = z.string().check(z.minLength(1), z.maxLength(100));
/** An instant with an explicit offset; stored and compared as UTC ISO strings. */
export const Instant = z.iso.datetime({ offset: true, error: '时间格式应为ISO 8601（含时区）' });

/**
 * A point as the device reports it. Grid polygons must use the same datum: wx.getLocation with
 * type 'gcj02' (what Tencent maps draw) differs from WGS-84 GPS by several hundred metres.
 */
export const LatLngSchema = z.object({
  lat: z.number().check(z.gte(-90, '纬度超出范围'), z.lte(90, '纬度超出范围')),
  lng: z.number().check(z.gte(-180, '经度超出范围'), z.lte(180, '经度超出范围')),
});
export type LatLng = z.infer<typeof LatLngSchema>;

/** 综合窗口 (the community service hall) or 小区受理点 (a reception point inside a compound). */
export const STATION_KINDS = ['window', 'point'] as const;
export type StationKind = (typeof STATION_KINDS)[number];

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A: 全岗 (handles every matter); B: handles only the matters listed in `skills`. */
export const WORKER_LEVELS = ['A', 'B'] as const;
export type WorkerLevel = (typeof WORKER_LEVELS)[number];
