import { AppError } from '@qgt/shared/errors';
import { DeskId } from '@qgt/shared/desk/api';
import type { Store } from '../store/port';
import { noticeById } from '../desk/desk';
import { noticeHtml } from '../desk/notice-html';
import type { RouteHost } from '../http/host';

/** `GET /desk/notice/<id>`: the sheet as printable HTML (JSON with `?format=json`), by its link. */
export async function registerNoticeRoutes(app: RouteHost, { store }: { store: Store }) {
  app.get<{ Params: { id: string }; Querystring: { format?: string } }>('/desk/notice/:id', async (req, reply) => {
    if (!DeskId.safeParse(req.params.id).success) throw new AppError('BAD_REQUEST', '告知单编号格式不正确', { field: 'id' });
    const sheet = await noticeById({ store }, req.params.id);
    if (!sheet) throw new AppError('NOT_FOUND', `找不到告知单：${req.params.id}`);
    if (req.query.format === 'json') return { ok: true, data: sheet };
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(noticeHtml(sheet));
  });
}
