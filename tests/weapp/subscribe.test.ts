import { fakeGuide } from './fake-guide';
import { FakeBackend, WORKER, requestView } from './fake-requests';
import { testCatalog } from './fixture';
import { asyncApi, bootApp, tap, textOf, waitFor, type Callbacks, type WeappHarness } from './harness';
import { DEMO, RealBackend } from './real-backend';

/**
 * Going live on WeChat, in the built weapp: subscribe messages asked at the staff taps with the
 * server's template ids (no build-time variable), what was accepted reported to the server, the
 * message list with its badge as the visible fallback, and our privacy consent sheet.
 */
// A test on the real handlers seeds a store first (demo deployment and the repository catalog).
jest.setTimeout(20_000);

let h: WeappHarness | undefined;
afterEach(() => h?.closeAll());

const pending = requestView({ id: 'req-1', status: 'assigned', owner: { openid: 'demo-resident', name: '张阿姨' } });

function backend() {
  const b = new FakeBackend({ me: WORKER, requests: [pending] });
  b.subscribeTemplates = { taskNotice: 'tmpl-task', dueAlert: 'tmpl-due', requestUpdate: 'tmpl-update' };
  return b;
}

describe('subscribe messages at the staff taps', () => {
  it('签收 asks for 新工单 and 督办 with the ids account.me gave, and reports what was accepted', async () => {
    const b = backend();
    const asked: string[][] = [];
    h = bootApp({
      cloud: b.handler(fakeGuide(testCatalog)),
      wx: {
        requestSubscribeMessage: asyncApi<Callbacks & { tmplIds: string[] }>('requestSubscribeMessage', ({ tmplIds }) => {
          asked.push(tmplIds);
          return { 'tmpl-task': 'accept', 'tmpl-due': 'reject' };
        }),
      },
    });
    const page = await h.open('/worker/pages/home/index');
    await waitFor(() => page.querySelectorAll('.request-card').length === 1);
    tap(page, '.submit--accept');
    await waitFor(() => b.callsOf('account', 'subscribed').length === 1);
    expect(asked).toEqual([['tmpl-task', 'tmpl-due']]);
    expect(b.callsOf('account', 'subscribed')[0].data).toEqual({ accepted: ['tmpl-task'] });
    expect(b.callsOf('work', 'accept')).toHaveLength(1);
  });

  it('shows undelivered messages with a badge, and 全部已读 clears it', async () => {
    const b = backend();
    b.messages = [
      { id: 'm2', template: 'taskNotice', requestId: 'req-1', title: '随手拍·路灯照明', message: '您有新的工单', at: '2026-11-24T01:00:00.000Z', pushed: false, unread: true },
      { id: 'm1', template: 'dueAlert', requestId: 'req-0', title: '随手拍·垃圾清运', message: '工单即将到期，请抓紧办理', at: '2026-11-23T01:00:00.000Z', pushed: true, unread: true },
    ];
    h = bootApp({ cloud: b.handler(fakeGuide(testCatalog)) });
    const page = await h.open('/worker/pages/home/index');
    await waitFor(() => page.querySelector('.messages__badge'));
    expect(textOf(page.querySelector('.messages__badge')!)).toBe('2');
    tap(page, '.messages__head');
    await waitFor(() => page.querySelectorAll('.messages__item').length === 2);
    expect(textOf(page.querySelectorAll('.messages__item')[0])).toContain('未推送到微信');
    expect(textOf(page.querySelectorAll('.messages__item')[1])).not.toContain('未推送到微信');
    tap(page, '.messages__read');
    await waitFor(() => !page.querySelector('.messages__badge'));
    expect(b.callsOf('account', 'messages.read')).toHaveLength(1);
  });
});

describe('privacy authorization', () => {
  it('answers wx.onNeedPrivacyAuthorization with our sheet; 拒绝 tells WeChat so', async () => {
    let need: ((resolve: (a: unknown) => void) => void) | undefined;
    const answers: unknown[] = [];
    h = bootApp({ cloud: new RealBackend({ as: DEMO.worker }).handler(fakeGuide(testCatalog)), wx: { onNeedPrivacyAuthorization: (cb: typeof need) => (need = cb) } });
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
