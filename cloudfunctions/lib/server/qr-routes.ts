import { AppError } from '@qgt/shared/errors';
import { MATTER_CODE } from '@qgt/shared/catalog/codes';
import { matterScene, stationScene } from '@qgt/shared/guide/scene';
import { MATTER_PAGE, STATION_PAGE } from '@qgt/shared/guide/api';
import type { Station } from '@qgt/shared/domain/community';
import { loadCatalog } from '../catalog/published';
import type { Platform } from '../platform/platform';
import type { Store } from '../store/port';
import { matterLink, stationLink } from '../catalog/guide';
import { getStation, STATIONS } from '../community/stations';
import { posterSheetHtml } from './posters';
import { sniffImage } from '../files/sniff';
import type { RouteHost } from '../http/host';

/** Printable QR codes: one PNG per matter and per station, and a poster sheet of all of them for the stations. */
export async function registerQrRoutes(app: RouteHost, { store, platform }: { store: Store; platform: Platform }) {
  app.get<{ Params: { file: string } }>('/qr/matter/:file', async (req, reply) => {
    const code = req.params.file.replace(/\.png$/, '');
    if (!req.params.file.endsWith('.png') || !MATTER_CODE.test(code)) throw new AppError('BAD_REQUEST', '二维码地址应为 /qr/matter/<事项编码>.png', { field: 'code' });
    const { byCode } = await loadCatalog(store);
    if (!byCode.has(code)) throw new AppError('NOT_FOUND', `找不到事项：${code}`, { field: 'code' });
    const png = await platform.sceneCode({ scene: matterScene(code), page: MATTER_PAGE, link: matterLink(platform.publicUrl, code) });
    return reply.type(sniffImage(png) ?? 'image/png').header('cache-control', 'public, max-age=3600').send(png);
  });

  app.get<{ Params: { file: string } }>('/qr/station/:file', async (req, reply) => {
    const code = req.params.file.replace(/\.png$/, '');
    if (!req.params.file.endsWith('.png') || !MATTER_CODE.test(code)) throw new AppError('BAD_REQUEST', '二维码地址应为 /qr/station/<站点编码>.png', { field: 'code' });
    if (!(await getStation(store, code))) throw new AppError('NOT_FOUND', `找不到服务站点：${code}`, { field: 'code' });
    const png = await platform.sceneCode({ scene: stationScene(code), page: STATION_PAGE, link: stationLink(platform.publicUrl, code) });
    return reply.type(sniffImage(png) ?? 'image/png').header('cache-control', 'public, max-age=3600').send(png);
  });

  app.get('/qr/posters', async (_req, reply) => {
    const { catalog } = await loadCatalog(store);
    const stations = (await store.collection<Station & { _id: string }>(STATIONS).find({}, { sort: { _id: 1 } })).map(({ _id, ...s }) => s);
    return reply
      .type('text/html; charset=utf-8')
      .send(posterSheetHtml(catalog, (code) => matterLink(platform.publicUrl, code), stations, (code) => stationLink(platform.publicUrl, code)));
  });
}
