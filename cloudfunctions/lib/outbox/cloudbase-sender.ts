import tcb from '@cloudbase/node-sdk';
import { decodeOpenApiResponse, encodeOpenApiRequest } from '../platform/cloudbase';
import { PermanentSendError, type OutboxEntry, type Sender, type Template } from './outbox';
import { SUBSCRIBE_TEMPLATES, templateData } from './templates';

/**
 * On CloudBase an outbox entry becomes a WeChat subscribe message (subscribeMessage.send through
 * cloud openapi, as wx-server-sdk's `cloud.openapi.subscribeMessage.send` calls it; the function's
 * config.json lists the API). Template ids come from the environment, each template's field keys
 * from lib/outbox/templates (tested against WeChat's per-type rules and refused by the fake when
 * wrong). Pushes go through grantedSender (lib/outbox/grants): one per one-time grant.
 */
export const SUBSCRIBE_API = 'subscribeMessage.send';

export const TEMPLATE_ENV: Record<Template, string> = Object.fromEntries(Object.entries(SUBSCRIBE_TEMPLATES).map(([t, spec]) => [t, spec.env])) as Record<Template, string>;

/** WeChat errcodes a retry cannot fix: no subscription left (43101), bad template/field (40037, 47003), bad openid (40003), bad page (41030). */
const PERMANENT = new Set([40003, 40037, 41030, 43101, 47003]);

/** The page a message opens: the request itself, for residents and for staff (REQUEST_PAGE / STAFF_REQUEST_PAGE). */
export function pageFor(entry: OutboxEntry, env: NodeJS.ProcessEnv): string {
  const staff = entry.template === 'taskNotice' || entry.template === 'dueAlert';
  const page = staff ? (env.STAFF_REQUEST_PAGE || 'worker/pages/request/index') : (env.REQUEST_PAGE || 'resident/pages/detail/index');
  return `${page}?id=${encodeURIComponent(entry.data.requestId)}`;
}

export function messageFor(entry: OutboxEntry, env: NodeJS.ProcessEnv): Record<string, unknown> {
  const templateId = env[TEMPLATE_ENV[entry.template]];
  if (!templateId) throw new PermanentSendError(`未配置订阅消息模板 ${TEMPLATE_ENV[entry.template]}`);
  return {
    touser: entry.to,
    template_id: templateId,
    page: pageFor(entry, env),
    miniprogram_state: env.MINIPROGRAM_STATE || 'formal',
    lang: 'zh_CN',
    data: templateData(entry),
  };
}

/** A WeChat error with its errcode, so grantedSender can tell 43101 from the rest. */
export class SubscribeSendError extends PermanentSendError {
  constructor(
    message: string,
    readonly errcode: number,
  ) {
    super(message);
  }
}

export function subscribeMessageSender(env: NodeJS.ProcessEnv = process.env, sdkApp?: ReturnType<typeof tcb.init>): Sender {
  let app = sdkApp;
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
        throw PERMANENT.has(body.errcode) ? new SubscribeSendError(err, body.errcode) : Object.assign(new Error(err), { errcode: body.errcode });
      }
    },
  };
}
