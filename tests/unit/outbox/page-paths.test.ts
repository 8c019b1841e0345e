import tcb from '@cloudbase/node-sdk';
import { SUBSCRIBE_TEMPLATES } from '../../../cloudfunctions/lib/outbox/templates';
import { messageFor, pageFor, subscribeMessageSender } from '../../../cloudfunctions/lib/outbox/cloudbase-sender';
import type { OutboxEntry, Template } from '../../../cloudfunctions/lib/outbox/outbox';
import { appPages } from '../../fakes/app-pages';
import { CLOUD_CALL_TOKEN, startFakeCloudbase, type FakeCloudbase } from '../../fakes/cloudbase-server';

/**
 * A subscribe message's `page` must be a page of the released mini-program, or WeChat refuses
 * the message with 41030 (and the resident or worker gets nothing): every template's page, with
 * the defaults and with the deploy's own settings, is a page of client/src/app.config.ts.
 */
const T0 = '2026-10-09T00:00:00.000Z';
const entry = (template: Template): OutboxEntry => ({
  _id: `R1:${template}`,
  to: 'o-1',
  template,
  data: { requestId: 'RB6HK2RECHX8C', title: '随手拍·市政设施', message: '您的诉求已受理，正在办理', at: T0 },
  notBefore: T0,
  status: 'sending',
  attempts: 1,
  createdAt: T0,
});
const TEMPLATES = Object.keys(SUBSCRIBE_TEMPLATES) as Template[];
const pages = appPages();

it('reads the pages of app.config.ts, subpackages included', () => {
  expect(pages.has('pages/index/index')).toBe(true);
  expect(pages.has('resident/pages/detail/index')).toBe(true);
  expect(pages.has('worker/pages/request/index')).toBe(true);
});

it.each(TEMPLATES)('%s opens a real page of the mini-program, with the request id', (template) => {
  // An empty setting is what the deploy passes for an unset {{env.REQUEST_PAGE}}: the defaults apply.
  for (const env of [{}, { REQUEST_PAGE: '', STAFF_REQUEST_PAGE: '' }]) {
    const [page, query] = pageFor(entry(template), env).split('?');
    expect({ template, page, known: pages.has(page) }).toEqual({ template, page, known: true });
    expect(query).toBe('id=RB6HK2RECHX8C');
  }
});

it('staff messages open the worker’s request page, residents’ their own', () => {
  expect(pageFor(entry('taskNotice'), {})).toMatch(/^worker\//);
  expect(pageFor(entry('dueAlert'), {})).toMatch(/^worker\//);
  expect(pageFor(entry('requestUpdate'), {})).toMatch(/^resident\//);
});

describe('against the fake WeChat', () => {
  let fake: FakeCloudbase;
  let app: ReturnType<typeof tcb.init>;
  const previous = process.env.TENCENTCLOUD;
  const env = { TEMPLATE_TASK_NOTICE: 'tmpl-task' };

  beforeAll(async () => {
    process.env.TENCENTCLOUD = 'true';
    Object.assign(process.env, CLOUD_CALL_TOKEN);
    fake = await startFakeCloudbase();
    app = tcb.init({ env: 'test-env', secretId: 'x', secretKey: 'y', serviceUrl: `${fake.url}/admin` });
    fake.subscribe.templates.set('tmpl-task', Object.fromEntries(Object.entries(SUBSCRIBE_TEMPLATES.taskNotice.fields).map(([k, f]) => [k, (f as { type: string }).type])));
  });
  afterAll(async () => {
    await fake.close();
    for (const k of Object.keys(CLOUD_CALL_TOKEN)) delete process.env[k];
    if (previous === undefined) delete process.env.TENCENTCLOUD;
    else process.env.TENCENTCLOUD = previous;
  });

  it('a page that is not in the mini-program is 41030, for good; the right page is sent', async () => {
    fake.subscribe.grant('o-1', 'tmpl-task', 2);
    const wrong = { ...env, STAFF_REQUEST_PAGE: 'pages/worker/request' }; // a path from before the subpackages
    await expect(subscribeMessageSender(wrong, app).send(entry('taskNotice'))).rejects.toMatchObject({ errcode: 41030 });
    await subscribeMessageSender(env, app).send(entry('taskNotice'));
    expect(fake.subscribe.sent).toEqual([messageFor(entry('taskNotice'), env)]);
  });
});
