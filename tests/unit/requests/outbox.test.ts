import { openEmbeddedStore } from '../../../cloudfunctions/lib/store/embedded';
import type { Store } from '../../../cloudfunctions/lib/store/port';
import {
  cancelEntry,
  claim,
  deliver,
  enqueueClaimed,
  sendClaimed,
  enqueue,
  LEASE_MS,
  MAX_ATTEMPTS,
  NOTIFICATIONS,
  outbox,
  PermanentSendError,
  type NewOutboxEntry,
  type OutboxEntry,
  type Sender,
} from '../../../cloudfunctions/lib/outbox/outbox';
import { storeSender } from '../../../cloudfunctions/lib/outbox/sender';
import { messageFor } from '../../../cloudfunctions/lib/outbox/cloudbase-sender';

const T0 = new Date('2026-10-09T00:00:00.000Z');
const later = (ms: number) => new Date(T0.getTime() + ms);
const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
const ENTRY: NewOutboxEntry = { _id: 'R1:v1:res-1', to: 'res-1', template: 'requestUpdate', data: { requestId: 'R1', title: '随手拍·市政设施', message: '您的诉求已受理，正在办理', at: T0.toISOString() } };

let store: Store;
beforeEach(() => {
  store = openEmbeddedStore(null);
});

/** A sender that records each call and then does what it is told. */
function recording(behaviour: (entry: OutboxEntry, n: number) => Promise<void> = async () => undefined): Sender & { calls: string[] } {
  const calls: string[] = [];
  return { name: 'test', calls, send: (e) => behaviour(e, calls.push(e._id)) };
}
const sent = () => store.collection(NOTIFICATIONS).count({});
const entry = async () => (await outbox(store).get(ENTRY._id))!;

describe('outbox', () => {
  it('writes an entry once however often it is decided', async () => {
    await enqueue(store, [ENTRY, ENTRY], T0);
    await enqueue(store, [{ ...ENTRY, data: { ...ENTRY.data, message: '改过' } }], later(5));
    expect(await outbox(store).count({})).toBe(1);
    expect(await entry()).toMatchObject({ status: 'pending', attempts: 0, notBefore: T0.toISOString(), data: { message: '您的诉求已受理，正在办理' } });
  });

  it('sends, then marks sent; a second delivery sends nothing', async () => {
    await enqueue(store, [ENTRY], T0);
    const sender = recording();
    expect(await deliver(store, sender, T0, log)).toBe(1);
    expect(await deliver(store, sender, later(LEASE_MS * 2), log)).toBe(0);
    expect(sender.calls).toEqual([ENTRY._id]);
    expect(await entry()).toMatchObject({ status: 'sent', attempts: 1, sentAt: T0.toISOString() });
  });

  it('sends once when five senders race for the same entry', async () => {
    await enqueue(store, [ENTRY], T0);
    const sender = recording(() => new Promise((r) => setTimeout(r, 5)));
    const counts = await Promise.all(Array.from({ length: 5 }, () => deliver(store, sender, T0, log)));
    expect(counts.reduce((a, b) => a + b)).toBe(1);
    expect(sender.calls).toHaveLength(1);
  });

  it('a sender that crashed after claiming holds the lease; after it expires the entry is sent, once', async () => {
    await enqueue(store, [ENTRY], T0);
    expect(await claim(store, await entry(), T0)).not.toBeNull(); // …and the process dies here
    const sender = storeSender(store, () => T0);
    expect(await deliver(store, sender, later(LEASE_MS - 1), log)).toBe(0);
    expect(await sent()).toBe(0);
    expect(await deliver(store, sender, later(LEASE_MS + 1), log)).toBe(1);
    expect(await sent()).toBe(1);
    expect(await entry()).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('a sender that crashed after sending but before marking it sent does not deliver it twice', async () => {
    await enqueue(store, [ENTRY], T0);
    const token = await claim(store, await entry(), T0);
    await storeSender(store).send({ ...(await entry()), claim: token! }); // delivered, then the process dies
    expect(await deliver(store, storeSender(store), later(LEASE_MS + 1), log)).toBe(1);
    expect(await sent()).toBe(1);
    expect((await entry()).status).toBe('sent');
  });

  it('puts a failed send back for the next sweep, and gives up after MAX_ATTEMPTS', async () => {
    await enqueue(store, [ENTRY], T0);
    const flaky = recording(async (_e, n) => {
      if (n === 1) throw new Error('network down');
    });
    expect(await deliver(store, flaky, T0, log)).toBe(0);
    expect(await entry()).toMatchObject({ status: 'pending', attempts: 1, lastError: 'network down' });
    expect(await deliver(store, flaky, later(1), log)).toBe(1);
    expect(await entry()).toMatchObject({ status: 'sent', attempts: 2 });

    await enqueue(store, [{ ...ENTRY, _id: 'R2' }], T0);
    const broken = recording(async () => {
      throw new Error('still down');
    });
    for (let i = 0; i < MAX_ATTEMPTS + 2; i++) await deliver(store, broken, later(i), log);
    expect((await outbox(store).get('R2'))!).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
  });

  it('does not retry a permanent error', async () => {
    await enqueue(store, [ENTRY], T0);
    const refused = recording(async () => {
      throw new PermanentSendError('用户拒收');
    });
    await deliver(store, refused, T0, log);
    await deliver(store, refused, later(LEASE_MS * 2), log);
    expect(refused.calls).toHaveLength(1);
    expect((await entry()).status).toBe('failed');
  });

  it('holds an entry until notBefore, and a cancelled one never goes out', async () => {
    await enqueue(store, [{ ...ENTRY, notBefore: later(60_000).toISOString() }, { ...ENTRY, _id: 'R3' }], T0);
    expect(await cancelEntry(store, 'R3')).toBe(true);
    const sender = recording();
    expect(await deliver(store, sender, later(59_999), log)).toBe(0);
    expect(await deliver(store, sender, later(60_000), log)).toBe(1);
    expect(sender.calls).toEqual([ENTRY._id]);
    expect(await cancelEntry(store, ENTRY._id)).toBe(false); // already sent
  });
});

describe('the CloudBase subscribe message', () => {
  const pending: OutboxEntry = { ...ENTRY, notBefore: T0.toISOString(), status: 'sending', attempts: 1, createdAt: T0.toISOString() };

  it('fills the configured template’s own keys with the title, status, message and local time', () => {
    expect(messageFor({ ...pending, data: { ...pending.data, status: 'accepted' } }, { TEMPLATE_REQUEST_UPDATE: 'tpl-1', REQUEST_PAGE: 'pages/requests/detail' })).toEqual({
      touser: 'res-1',
      template_id: 'tpl-1',
      page: 'pages/requests/detail?id=R1',
      miniprogram_state: 'formal',
      lang: 'zh_CN',
      data: { thing1: { value: '随手拍·市政设施' }, phrase2: { value: '办理中' }, thing3: { value: '您的诉求已受理，正在办理' }, time4: { value: '2026年10月9日 08:00' } },
    });
  });

  it('opens the request itself: the resident’s detail page, or the worker’s request page for staff messages', () => {
    expect(messageFor(pending, { TEMPLATE_REQUEST_UPDATE: 'tpl-1' }).page).toBe('resident/pages/detail/index?id=R1');
    expect(messageFor({ ...pending, template: 'taskNotice' }, { TEMPLATE_TASK_NOTICE: 'tpl-2' }).page).toBe('worker/pages/request/index?id=R1');
    expect(messageFor({ ...pending, template: 'dueAlert' }, { TEMPLATE_DUE_ALERT: 'tpl-3' }).page).toBe('worker/pages/request/index?id=R1');
  });

  it('is a permanent failure without a template id', () => {
    expect(() => messageFor(pending, {})).toThrow(PermanentSendError);
  });
});

describe('enqueueClaimed (notices sent as they are decided)', () => {
  it('writes the entry claimed, sends it with one more write, and leaves nothing for the sweep', async () => {
    const sender = storeSender(store);
    const [claimed] = await enqueueClaimed(store, [ENTRY], T0);
    expect(claimed).toMatchObject({ status: 'sending', attempts: 1 });
    expect(await sendClaimed(store, sender, claimed, T0, log)).toBe(true);
    expect(await outbox(store).get(ENTRY._id)).toMatchObject({ status: 'sent' });
    expect(await deliver(store, sender, later(LEASE_MS * 2), log)).toBe(0);
  });

  it('leaves an entry that exists to whoever has it (a replayed decision sends nothing twice)', async () => {
    await enqueue(store, [ENTRY], T0);
    expect(await enqueueClaimed(store, [ENTRY], T0)).toEqual([]);
    expect(await outbox(store).get(ENTRY._id)).toMatchObject({ status: 'pending', attempts: 0 });
  });

  it('is picked up by the sweep once its lease runs out when the sender died before sending', async () => {
    await enqueueClaimed(store, [ENTRY], T0); // …and the process died here
    const sender = storeSender(store);
    expect(await deliver(store, sender, later(LEASE_MS - 1), log)).toBe(0);
    expect(await deliver(store, sender, later(LEASE_MS + 1), log)).toBe(1);
    expect(await store.collection(NOTIFICATIONS).count({ _id: ENTRY._id })).toBe(1);
  });
});
