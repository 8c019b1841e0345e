import { pngStripped } from '../fixtures/images';
import { ADMINS, EVERYONE, MONTH, PNG_ROUTE, SEES_A, SIGNED_IN, assert, type ProbeContext, type Row } from './probe';
import type { RoleName } from './world';

/** The authorization matrix of the routes outside the function tables that hand out data. */

export interface RouteProbe {
  /** `METHOD path` as fastify prints it (a parenthesis may say more). */
  route: string;
  send(ctx: ProbeContext, role: RoleName): Promise<{ status: number; text: string }>;
  expect: Row;
  check?(text: string, role: RoleName): void;
  publicBecause?: string;
  /** Open data: 随手拍 descriptions are published (numbers masked); every other secret is still scanned for. */
  publishes?: string;
  only?: { roles: readonly RoleName[]; because: string };
}

/** Routes that need no row: the function calls (./matrix.ts), the health check and the H5 files. */
export const UNPROBED_ROUTES = ['POST /api/:fn', 'GET /api/health', 'GET /*'];

async function get({ w }: ProbeContext, role: RoleName, path: string) {
  const res = await w.server.get(path, w.headers(role));
  return { status: res.status, text: res.bytes.toString('utf8') };
}

const NOBODY = [403, 403, 403, 403, 403, 403, 403, 403] as const;

async function postForm({ w }: ProbeContext, role: RoleName, path: string) {
  const res = await fetch(w.server.url + path, {
    method: 'POST',
    headers: { ...w.headers(role), 'content-type': 'application/x-www-form-urlencoded' },
    body: 'service_code=report.shizheng&lat=30.99&long=103.626&description=%E6%8E%A2%E9%92%88',
  });
  return { status: res.status, text: await res.text() };
}

/** CSV exports and open data mask every phone number (138****0001). */
const noWholePhones = (text: string, role: RoleName) => assert(!/(?<!\d)1\d{10}(?!\d)/.test(text), `${role} got a whole phone number`);

const OPEN_DATA = 'Open311 publishes 随手拍 of public places: description with numbers masked, point coarsened, no person, no photo';
/** Open311 names no person: no OPENID of the matrix in it. */
function openData(text: string, role: RoleName): void {
  noWholePhones(text, role);
  for (const openid of ['demo-resident', 'demo-resident-2', 'c2-resident', 'demo-worker-1', 'demo-admin']) assert(!text.includes(openid), `Open311 names ${openid}`);
}

export const ROUTE_MATRIX: RouteProbe[] = [
  {
    route: 'POST /api/upload',
    send: async ({ w }, role) => {
      const res = await w.server.postBytes('/api/upload', pngStripped(), w.headers(role));
      return { status: res.status, text: JSON.stringify(res.body) };
    },
    expect: SIGNED_IN,
  },
  { route: 'GET /api/files/:fileId', send: (ctx, role) => get(ctx, role, `/api/files/${ctx.t.photoA.fileId}`), expect: SEES_A },
  { route: 'GET /admin/export/requests.csv', send: (ctx, role) => get(ctx, role, `/admin/export/requests.csv?from=${MONTH.from}&to=${MONTH.to}`), expect: ADMINS, check: noWholePhones },
  // 街道 admins only, and none of the matrix's roles is one (tests/api/audit-scope.test.ts has the 200s).
  { route: 'GET /admin/export/audit.csv', send: (ctx, role) => get(ctx, role, `/admin/export/audit.csv?from=${MONTH.from}&to=${MONTH.to}`), expect: [401, 403, 403, 403, 403, 403, 403, 403] },
  { route: 'GET /admin/export/metrics.csv', send: (ctx, role) => get(ctx, role, `/admin/export/metrics.csv?from=${MONTH.from}&to=${MONTH.to}`), expect: ADMINS, check: noWholePhones },
  // The same rows as the CSVs (tests/api/xlsx-export.test.ts reads the sheets for whole numbers).
  { route: 'GET /admin/export/requests.xlsx', send: (ctx, role) => get(ctx, role, `/admin/export/requests.xlsx?from=${MONTH.from}&to=${MONTH.to}`), expect: ADMINS },
  { route: 'GET /admin/export/metrics.xlsx', send: (ctx, role) => get(ctx, role, `/admin/export/metrics.xlsx?from=${MONTH.from}&to=${MONTH.to}`), expect: ADMINS },
  {
    route: 'GET /desk/notice/:id',
    send: (ctx, role) => get(ctx, role, `/desk/notice/${ctx.t.notice.noticeId}`),
    expect: EVERYONE,
    publicBecause: 'the printable 一次性告知单 is handed to the resident as a link: its long random id is the key',
  },
  { route: 'GET /desk/notice/:id (unknown id)', send: (ctx, role) => get(ctx, role, '/desk/notice/N0000000000000000000000000000'), expect: [404, 404, 404, 404, 404, 404, 404, 404] },
  { route: 'GET /qr/matter/:file', send: (ctx, role) => get(ctx, role, '/qr/matter/dibao.png'), expect: EVERYONE, only: PNG_ROUTE },
  { route: 'GET /qr/station/:file', send: (ctx, role) => get(ctx, role, '/qr/station/jinxiu-window.png'), expect: EVERYONE, only: PNG_ROUTE },
  { route: 'GET /qr/posters', send: (ctx, role) => get(ctx, role, '/qr/posters'), expect: EVERYONE },
  { route: 'GET /open311/v2/services.json', send: (ctx, role) => get(ctx, role, '/open311/v2/services.json'), expect: EVERYONE },
  { route: 'GET /open311/v2/services.xml', send: (ctx, role) => get(ctx, role, '/open311/v2/services.xml'), expect: EVERYONE },
  { route: 'GET /open311/v2/requests.json', send: (ctx, role) => get(ctx, role, '/open311/v2/requests.json'), expect: EVERYONE, publishes: OPEN_DATA, check: openData },
  { route: 'GET /open311/v2/requests.xml', send: (ctx, role) => get(ctx, role, '/open311/v2/requests.xml'), expect: EVERYONE, publishes: OPEN_DATA, check: openData },
  // A doorstep visit for 低保 (民政救助, private in the demo deployment) is not published at all.
  { route: 'GET /open311/v2/requests/:id.json', send: (ctx, role) => get(ctx, role, `/open311/v2/requests/${ctx.t.visitA}.json`), expect: [404, 404, 404, 404, 404, 404, 404, 404] },
  { route: 'GET /open311/v2/requests/:id.xml', send: (ctx, role) => get(ctx, role, `/open311/v2/requests/${ctx.t.reportA}.xml`), expect: EVERYONE, publishes: OPEN_DATA, check: openData },
  // Any other Open311 path: the spec's error list, to everyone alike.
  { route: 'GET /open311/v2/*', send: (ctx, role) => get(ctx, role, '/open311/v2/nothing.json'), expect: [404, 404, 404, 404, 404, 404, 404, 404] },
  { route: 'GET /open311/v2/discovery.json', send: (ctx, role) => get(ctx, role, '/open311/v2/discovery.json'), expect: EVERYONE },
  { route: 'GET /open311/v2/discovery.xml', send: (ctx, role) => get(ctx, role, '/open311/v2/discovery.xml'), expect: EVERYONE },
  { route: 'GET /open311/v2/servicerequestupdates.json', send: (ctx, role) => get(ctx, role, '/open311/v2/servicerequestupdates.json'), expect: EVERYONE, publishes: OPEN_DATA, check: openData },
  { route: 'GET /open311/v2/servicerequestupdates.xml', send: (ctx, role) => get(ctx, role, '/open311/v2/servicerequestupdates.xml'), expect: EVERYONE, publishes: OPEN_DATA, check: openData },
  // Partners sign with an API key, never with a person's identity: without one everyone is refused.
  { route: 'POST /open311/v2/requests.json', send: (ctx, role) => postForm(ctx, role, '/open311/v2/requests.json'), expect: NOBODY },
  { route: 'POST /open311/v2/requests.xml', send: (ctx, role) => postForm(ctx, role, '/open311/v2/requests.xml'), expect: NOBODY },
  { route: 'GET /dev/outbox', send: (ctx, role) => get(ctx, role, '/dev/outbox?format=json'), expect: EVERYONE, publicBecause: 'local debugging page, refused in production (tests/api/timer-admin.test.ts)' },
];
