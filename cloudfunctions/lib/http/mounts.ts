/**
 * Which function answers which path prefix on CloudBase's HTTP access service (HTTP 访问服务):
 * created by the deploy (scripts/http-routes.ts, deploy/http-routes.json) and read by the
 * functions themselves (lib/http/serve.ts) to serve the routes registered under their prefix.
 */
export interface HttpRoute {
  /** Path prefix on the environment's HTTP access domain. */
  path: string;
  /** The cloud function answering it. */
  function: string;
  serves: string;
}

export const HTTP_ROUTES: readonly HttpRoute[] = [
  { path: '/open311', function: 'requests', serves: 'Open311 GeoReport v2: discovery, services, requests (partners file with their key)' },
  { path: '/admin/export', function: 'admin', serves: 'CSV exports: requests, metrics, audit (admins, bearer sign-in)' },
  { path: '/qr', function: 'guide', serves: 'QR codes of matters and stations, printable posters' },
  { path: '/desk/notice', function: 'desk', serves: 'the printable 一次性告知单 by its link' },
];
