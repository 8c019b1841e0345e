import { fromNow } from './clock';
import { asyncApi, bootApp, tap, textOf, waitFor, type Callbacks, type WeappHarness } from './harness';
import { DEMO, FIRST_LOAD_MS, report } from './real-backend';
import { allOn, testBackend } from './real-ops';
import { fileReport, messagesTo, onCloudBase } from './real-requests';
import { grantsOf } from '../../cloudfunctions/lib/outbox/grants';
import { OUTBOX, type OutboxEntry } from '../../cloudfunctions/lib/outbox/outbox';
import { REQUESTS, type RequestDoc } from '../../cloudfunctions/lib/requests/store';

/**
 * Going live on WeChat, in the built weapp: subscribe messages asked at the staff taps with the
 * server's template ids (no build-time variable), what was accepted reported to the server, the
 * message list with its badge as the visible fallback, and our privacy consent sheet.
 */
// A test on the real handlers seeds a store first (demo deployment and the test catalog, which the real guide function answers from).
jest.setTimeout(20_000);

let h: WeappHarness | undefined;
afterEach(() => h?.closeAll());

// The template ids a CloudBase environment is configured with; account.me hands them out.
const TEMPLATES = { TEMPLATE_TASK_NOTICE: 'tmpl-task', TEMPLATE_DUE_ALERT: 'tmpl-due', TEMPLATE_REQUEST_UPDATE: 'tmpl-update' };
const saved = Object.fromEntries(Object.keys(TEMPLATES).map((k) => [k, process.env[k]]));
beforeAll(() => Object.assign(process.env, TEMPLATES));
afterAll(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

describe('subscribe messages at the staff taps', () => {
  it('签收 asks for 新工单 and 督办 with the ids account.me gave, and reports what was accepted', async () => {
    const backend = testBackend({ as: DEMO.worker });
    const id = await fileReport(backend, report());
    const asked: string[][] = [];
    h = bootApp({
      cloud: onCloudBase(backend),
      wx: {
        requestSubscribeMessage: asyncApi<Callbacks & { tmplIds: string[] }>('requestSubscribeMessage', ({ tmplIds }) => {
          asked.push(tmplIds);
          return { 'tmpl-task': 'accept', 'tmpl-due': 'reject' };
        }),
      },
    });
    const page = await h.open('/worker/pages/home/index');
    await waitFor(() => page.querySelectorAll('.request-card').length === 1, FIRST_LOAD_MS);
    tap(page, '.submit--accept');
    await waitFor(() => backend.callsOf('account', 'subscribed').length === 1);
    expect(asked).toEqual([['tmpl-task', 'tmpl-due']]);
    expect(backend.callsOf('account', 'subscribed')[0].data).toEqual({ accepted: ['tmpl-task'] });
    await waitFor(() => backend.callsOf('work', 'accept').length === 1);
    expect(backend.callsOf('work', 'accept')[0].data).toEqual({ id });
    // The server counted one 新工单 push the worker may now receive, and the request is signed for.
    await waitFor(() => textOf(page).includes('没有待签收的工单'));
    expect(await grantsOf(backend.store, DEMO.worker)).toMatchObject({ taskNotice: 1, dueAlert: 0 });
    expect(await backend.store.collection<RequestDoc>(REQUESTS).get(id)).toMatchObject({ status: 'accepted', assignee: DEMO.worker });
  });

  it('shows undelivered messages with a badge, and 全部已读 clears it', async () => {
    // Two reports filed in G1 an hour apart: each tells the worker 您有新的工单. WeChat delivered the
    // first; the second found no subscribe grant left and is held for the in-app list.
    const backend = testBackend({ as: DEMO.worker, now: fromNow(-2 * 3_600_000) });
    const first = await fileReport(backend, report({ description: '路灯不亮，晚上很黑' }));
    backend.setNow(fromNow(-3_600_000));
    const second = await fileReport(backend, report({ category: 'huanjing', description: '垃圾桶满了' }));
    backend.setNow(fromNow(0));
    const [pushed, held] = await messagesTo(backend, DEMO.worker);
    expect([pushed.data.requestId, held.data.requestId]).toEqual([first, second]);
    expect(pushed.status).toBe('sent');
    await backend.store.collection<OutboxEntry>(OUTBOX).updateById(held._id, { $set: { status: 'held' } });

    h = bootApp({ cloud: onCloudBase(backend) });
    const page = await h.open('/worker/pages/home/index');
    await waitFor(() => page.querySelector('.messages__badge'), FIRST_LOAD_MS);
    expect(textOf(page.querySelector('.messages__badge')!)).toBe('2');
    tap(page, '.messages__head');
    await waitFor(() => page.querySelectorAll('.messages__item').length === 2);
    // Newest first: the held one says it did not reach WeChat.
    expect(textOf(page.querySelectorAll('.messages__item')[0])).toContain('未推送到微信');
    expect(textOf(page.querySelectorAll('.messages__item')[0])).toContain('环境卫生');
    expect(textOf(page.querySelectorAll('.messages__item')[1])).not.toContain('未推送到微信');
    tap(page, '.messages__read');
    await waitFor(() => !page.querySelector('.messages__badge'));
    expect(backend.callsOf('account', 'messages.read')).toHaveLength(1);
    expect(await backend.ok('account', 'messages', {})).toMatchObject({ unread: 0 });
  });
});

describe('privacy authorization', () => {
  it('answers wx.onNeedPrivacyAuthorization with our sheet; 拒绝 tells WeChat so', async () => {
    let need: ((resolve: (a: unknown) => void) => void) | undefined;
    const answers: unknown[] = [];
    h = bootApp({ cloud: allOn(testBackend({ as: DEMO.worker })), wx: { onNeedPrivacyAuthorization: (cb: typeof need) => (need = cb) } });
    const page = await h.open('/worker/pages/home/index');
    expect(need).toBeDefined();
    expect(page.querySelector('.privacy-sheet')).toBeFalsy();
    need!((a) => answers.push(a));
    await waitFor(() => page.querySelector('.privacy-sheet'));
    expect(textOf(page.querySelector('.privacy-sheet')!)).toContain('位置信息');
    expect(answers).toEqual([{ event: 'exposureAuthorization' }]);
    tap(page, '.privacy-sheet__decline');
    await waitFor(() => !page.querySelector('.privacy-sheet'));
    expect(answers).toEqual([{ event: 'exposureAuthorization' }, { event: 'disagree' }]);
  });
});
