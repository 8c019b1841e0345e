import type { FastifyInstance } from 'fastify';
import { AppError } from '@qgt/shared/errors';
import type { Store } from '../store/port';
import { NOTIFICATIONS, OUTBOX, type OutboxEntry } from '../outbox/outbox';
import type { NotificationDoc } from '../outbox/sender';

const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * `GET /dev/outbox`: what the local sender "sent" (the latest 200 notifications) and what is still
 * queued, as HTML, or JSON with `?format=json` / `Accept: application/json`. Refused in production.
 */
export async function registerDevRoutes(app: FastifyInstance, { store, production }: { store: Store; production: boolean }) {
  app.get<{ Querystring: { format?: string } }>('/dev/outbox', async (req, reply) => {
    if (production) throw new AppError('FORBIDDEN', '生产环境不提供调试页面');
    const [sent, queued] = await Promise.all([
      store.collection<NotificationDoc>(NOTIFICATIONS).find({}, { sort: { at: -1 }, limit: 200 }),
      store.collection<OutboxEntry>(OUTBOX).find({ status: { $in: ['pending', 'sending', 'failed'] } }, { sort: { createdAt: -1 }, limit: 200 }),
    ]);
    if (req.query.format === 'json' || /application\/json/.test(req.headers.accept ?? '')) return { ok: true, data: { notifications: sent, queued } };
    const rows = (items: { _id: string; to: string; template: string; data: NotificationDoc['data'] }[], extra: (i: number) => string) =>
      items.map((n, i) => `<tr><td>${extra(i)}</td><td>${esc(n.to)}</td><td>${esc(n.template)}</td><td>${esc(n.data.title)}</td><td>${esc(n.data.message)}</td><td><code>${esc(n._id)}</code></td></tr>`).join('');
    const table = (title: string, body: string) =>
      `<h2>${title}</h2><table><tr><th>时间/状态</th><th>收件人</th><th>模板</th><th>标题</th><th>内容</th><th>编号</th></tr>${body}</table>`;
    return reply.type('text/html; charset=utf-8').send(`<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>通知发件箱（本地）</title>
<style>body{font-family:sans-serif;margin:16px}table{border-collapse:collapse;width:100%;font-size:13px}td,th{border:1px solid #ddd;padding:4px 6px;text-align:left}</style>
<h1>通知发件箱（本地调试）</h1>
${table(`已发送（最近 ${sent.length} 条）`, rows(sent, (i) => esc(sent[i].at)))}
${table(`待发送 / 失败（${queued.length} 条）`, rows(queued, (i) => `${esc(queued[i].status)} · ${esc(queued[i].notBefore)}`))}
</html>`);
  });
}
