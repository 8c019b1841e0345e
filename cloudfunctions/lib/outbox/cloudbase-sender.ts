import tcb from '@cloudbase/node-sdk';
import { decodeOpenApiResponse, encodeOpenApiRequest } from '../platform/cloudbase';
import { localClock } from '../requests/clock';
import { PermanentSendError, type OutboxEntry, type Sender, type Template } from './outbox';

/**
 * On CloudBase an outbox entry becomes a WeChat subscribe message (subscribeMessage.send through
 * cloud openapi, as wx-server-sdk's `cloud.openapi.subscribeMessage.send` calls it; the function's
 * config.json lists the API). Template ids come from the environment; the template's fields are
 * assumed to be thing1 (title), thing2 (message) and time3 (time).
 * NOT tested against WeChat: only the local sender runs in tests.
 */
export const SUBSCRIBE_API = 'subscribeMessage.send';

export const TEMPLATE_ENV: Record<Template, string> = {
  requestUpdate: 'TEMPLATE_REQUEST_UPDATE',
  taskNotice: 'TEMPLATE_TASK_NOTICE',
  dueAlert: 'TEMPLATE_DUE_ALERT',
  visitReminder: 'TEMPLATE_VISIT_REMINDER',
  rateReminder: 'TEMPLATE_RATE_REMINDER',
};

/** WeChat errcodes a retry cannot fix: no subscription left (43101), bad template/field (40037, 47003), bad openid (40003). */
const PERMANENT = new Set([40003, 40037, 43101, 47003]);

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function messageFor(entry: OutboxEntry, env: NodeJS.ProcessEnv): Record<string, unknown> {
  const templateId = env[TEMPLATE_ENV[entry.template]];
  if (!templateId) throw new PermanentSendError(`未配置订阅消息模板 ${TEMPLATE_ENV[entry.template]}`);
  const { date, time } = localClock(entry.data.at);
  return {
    touser: entry.to,
    template_id: templateId,
    page: `${env.REQUEST_PAGE ?? 'pages/index/index'}?id=${encodeURIComponent(entry.data.requestId)}`,
    miniprogram_state: env.MINIPROGRAM_STATE ?? 'formal',
    lang: 'zh_CN',
    data: { thing1: { value: clip(entry.data.title, 20) }, thing2: { value: clip(entry.data.message, 20) }, time3: { value: `${date} ${time}` } },
  };
}

export function subscribeMessageSender(env: NodeJS.ProcessEnv = process.env): Sender {
  let app: ReturnType<typeof tcb.init> | undefined;
  return {
    name: 'cloudbase',
    async send(entry) {
      const message = messageFor(entry, env);
      app ??= tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
      const reply: unknown = await app.callCompatibleWxOpenApi({ apiName: SUBSCRIBE_API, requestData: encodeOpenApiRequest(message) });
      if (!Buffer.isBuffer(reply)) throw new Error(`${SUBSCRIBE_API}: unexpected reply ${JSON.stringify(reply)}`);
      const decoded = decodeOpenApiResponse(reply);
      if (decoded.errorCode) throw new Error(`${SUBSCRIBE_API}: cloud openapi error ${decoded.errorCode}`);
      const body = JSON.parse(decoded.respData.toString() || '{}') as { errcode?: number; errmsg?: string };
      if (body.errcode) {
        const err = `${SUBSCRIBE_API}: errcode ${body.errcode} ${body.errmsg ?? ''}`;
        throw PERMANENT.has(body.errcode) ? new PermanentSendError(err) : new Error(err);
      }
    },
  };
}
