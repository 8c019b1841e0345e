/**
 * The datums coordinates arrive in: WeChat (weapp) and Chinese maps give GCJ-02, browsers and GPS
 * WGS-84 (CGCS2000 differs from it by centimetres), Baidu BD-09. Everything is stored in GCJ-02,
 * the datum the mini-program reports in. The names only, without the converter (datum.ts), so input
 * schemas can list them without carrying gcoord into every cloud function.
 */
export const DATUMS = ['gcj02', 'wgs84', 'cgcs2000', 'bd09'] as const;
export type Datum = (typeof DATUMS)[number];
export const STORED_DATUM: Datum = 'gcj02';
