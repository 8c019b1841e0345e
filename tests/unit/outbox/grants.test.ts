import { openEmbeddedStore } from '../../../cloudfunctions/lib/store/embedded';
import type { Store } from '../../../cloudfunctions/lib/store/port';
import { enqueueClaimed, outbox, sendClaimed, type NewOutboxEntry, type Sender } from '../../../cloudfunctions/lib/outbox/outbox';
import { grantedSender, grantsOf, markSeen, messagesOf, recordGrants, templatesOf, unreadCount } from '../../../cloudfunctions/lib/outbox/grants';

/**
 * One-time grants: one push per accepted template; when a person's grants for a template run
 * short, the last one is kept for a message they must not miss; what is not pushed is held for
 * the in-app list and counted in the badge.
 */
const T0 = new Date('2026-10-09T00:00:00.000Z');
const at = (min: number) => new Date(T0.getTime() + min * 60_000);
const silent = { info() {}, warn() {}, error() {} };
const ENV = { TEMPLATE_REQUEST_UPDATE: 'tmpl-update', TEMPLATE_TASK_NOTICE: 'tmpl-task' };

let store: Store;
let pushed: string[];
let push: Sender;
beforeEach(() => {
  store = openEmbeddedStore(null);
  pushed = [];
  push = { name: 'wechat', send: async (e) => void pushed.push(e._id) };
});

const entry = (id: string, template: NewOutboxEntry['template'], to = 'o-res'): NewOutboxEntry => ({ _id: id, to, template, data: { requestId: 'R1', title: '路灯不亮', message: '您的诉求已受理', at: T0.toISOString() } });
async function send(e: NewOutboxEntry, now: Date, sender = grantedSender(store, push)) {
  const [claimed] = await enqueueClaimed(store, [e], now);
  return sendClaimed(store, sender, claimed, now, silent);
}

describe('one-time subscribe grants', () => {
  it('maps the ids the client reports to our templates, ignoring unknown ones and repeats', () => {
    expect(templatesOf(['tmpl-task', 'nope', 'tmpl-task', 'tmpl-update'], ENV)).toEqual(['taskNotice', 'requestUpdate']);
    expect(templatesOf(['tmpl-task'], {})).toEqual([]);
  });

  it('pushes once per grant; the next message is held, not lost', async () => {
    await recordGrants(store, 'o-res', ['taskNotice'], T0);
    expect(await send(entry('a', 'taskNotice'), at(1))).toBe(true);
    expect(await send(entry('b', 'taskNotice'), at(2))).toBe(false);
    expect(pushed).toEqual(['a']);
    expect(await outbox(store).get('b')).toMatchObject({ status: 'held' });
    expect((await grantsOf(store, 'o-res')).taskNotice).toBe(0);
  });

  it('when grants are short, keeps the last one for the message that matters (an update waits, the 办结 request to rate goes out)', async () => {
    await recordGrants(store, 'o-res', ['requestUpdate'], T0);
    // requestUpdate is not important: with one grant left it is held for the app…
    expect(await send(entry('progress', 'requestUpdate'), at(1))).toBe(false);
    expect(await outbox(store).get('progress')).toMatchObject({ status: 'held' });
    // …and with two, one goes out and the last is kept.
    await recordGrants(store, 'o-res', ['requestUpdate'], at(2));
    expect(await send(entry('progress-2', 'requestUpdate'), at(3))).toBe(true);
    expect((await grantsOf(store, 'o-res')).requestUpdate).toBe(1);
    // An important template spends the last one.
    await recordGrants(store, 'o-res', ['rateReminder'], at(4));
    expect(await send(entry('rate', 'rateReminder'), at(5))).toBe(true);
    expect(pushed).toEqual(['progress-2', 'rate']);
  });

  it('gives the grant back when the push fails for another reason, and retries', async () => {
    await recordGrants(store, 'o-res', ['taskNotice'], T0);
    const flaky = grantedSender(store, { name: 'wechat', send: async () => Promise.reject(new Error('ECONNRESET')) });
    expect(await send(entry('a', 'taskNotice'), at(1), flaky)).toBe(false);
    expect(await outbox(store).get('a')).toMatchObject({ status: 'pending' });
    expect((await grantsOf(store, 'o-res')).taskNotice).toBe(1);
  });

  it('lists the person’s messages, pushed or held, newest first, with a badge until they look', async () => {
    await recordGrants(store, 'o-res', ['taskNotice'], T0);
    await send(entry('a', 'taskNotice'), at(1));
    await send(entry('b', 'taskNotice'), at(2));
    await send(entry('other', 'taskNotice', 'o-other'), at(2));
    const list = await messagesOf(store, 'o-res', at(3));
    expect(list.items.map((m) => [m.id, m.pushed, m.unread])).toEqual([
      ['b', false, true],
      ['a', true, true],
    ]);
    expect(list.unread).toBe(2);
    expect(await unreadCount(store, 'o-res', at(3))).toBe(2);
    await markSeen(store, 'o-res', at(3));
    expect(await unreadCount(store, 'o-res', at(3))).toBe(0);
    await send(entry('c', 'taskNotice'), at(4));
    expect(await unreadCount(store, 'o-res', at(4))).toBe(1);
  });
});
