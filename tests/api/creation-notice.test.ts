import { OUTBOX, NOTIFICATIONS, type OutboxEntry } from '../../cloudfunctions/lib/outbox/outbox';
import { creationNotice, urgentNotices } from '../../cloudfunctions/lib/requests/creation-notice';
import { visitReminder } from '../../cloudfunctions/lib/requests/slots';
import { requests } from '../../cloudfunctions/lib/requests/store';
import { loadCommunity } from '../../cloudfunctions/lib/community/store';
import { NOW, ok, report, serverPerFile } from './requests-helpers';

const T = serverPerFile();
const later = (ms: number) => new Date(Date.parse(NOW) + ms).toISOString();

describe('the new-task notice survives a crash between storing the request and queueing it', () => {
  it('is queued by the timer once, for a recent unaccepted request that has none, and never twice', async () => {
    const created = ok(await T.api.requests('create', report({ description: '楼道灯不亮' }), 'notice-a'));
    const doc = (await requests(T.server.store).get(created.id))!;
    const notice = creationNotice(doc);
    const outbox = T.server.store.collection(OUTBOX);
    const sent = T.server.store.collection(NOTIFICATIONS);
    expect(await sent.get(notice._id)).toMatchObject({ to: 'demo-worker-1' }); // the normal path sent it
    // The crash: the request is stored, its notice never queued.
    await outbox.removeById(notice._id);
    await sent.removeById(notice._id);

    // Within the grace minute the create flow may still be sending it: the timer waits.
    ok(await T.api.timer('tick', {}, 'demo-admin', later(30_000)));
    expect(await outbox.get(notice._id)).toBeNull();
    ok(await T.api.timer('tick', {}, 'demo-admin', later(120_000)));
    expect(await sent.get(notice._id)).toMatchObject({ to: 'demo-worker-1', data: { requestId: created.id } });
    ok(await T.api.timer('tick', {}, 'demo-admin', later(180_000)));
    expect(await sent.count({ _id: notice._id })).toBe(1);
    expect(await outbox.count({ _id: notice._id })).toBe(1);
  });

  it('queues a visit’s lost day-before reminder too, for the time it was due, once; never for a cancelled visit', async () => {
    const kept = ok(await T.api.requests('create', { kind: 'visit', description: '老人行动不便，需上门办理', slotId: 'demo-worker-1:2026-10-12T06:00:00.000Z', buildingCode: 'G1-1', contactPhone: '13900000000' }, 'notice-v1'));
    const dropped = ok(await T.api.requests('create', { kind: 'visit', description: '需上门核实材料', slotId: 'demo-worker-1:2026-10-13T06:00:00.000Z', buildingCode: 'G1-1', contactPhone: '13900000000' }, 'notice-v2'));
    const outbox = T.server.store.collection<OutboxEntry>(OUTBOX);
    const reminderOf = async (id: string) => visitReminder((await requests(T.server.store).get(id))!, new Date(NOW))!;
    const reminder = await reminderOf(kept.id);
    const original = await outbox.get(reminder._id);
    expect(original).toMatchObject({ to: 'notice-v1', template: 'visitReminder', status: 'pending' });
    // The crash: both visits stored, their reminders never queued; the second is then cancelled.
    await outbox.removeById(reminder._id);
    await outbox.removeById((await reminderOf(dropped.id))._id);
    ok(await T.api.requests('cancel', { id: dropped.id, reason: '已自行办理' }, 'notice-v2'));

    ok(await T.api.timer('tick', {}, 'demo-admin', later(120_000)));
    expect(await outbox.get(reminder._id)).toMatchObject({ to: 'notice-v1', template: 'visitReminder', notBefore: original!.notBefore });
    expect(await outbox.count({ _id: (await reminderOf(dropped.id))._id, status: { $ne: 'cancelled' } })).toBe(0);
    ok(await T.api.timer('tick', {}, 'demo-admin', later(180_000)));
    expect(await outbox.count({ _id: reminder._id })).toBe(1);
  });

  it('queues an urgent report’s lost department and admin notices, sends each once, even after the worker accepted', async () => {
    const gas = ok(await T.api.requests('create', report({ category: 'ranqi', description: '楼道里很重的煤气味' }), 'notice-u'));
    const doc = (await requests(T.server.store).get(gas.id))!;
    const notices = urgentNotices(doc, await loadCommunity(T.server.store));
    expect(notices.map((n) => n.to).sort()).toEqual(expect.arrayContaining(['demo-admin', 'demo-dept-gas']));
    const outbox = T.server.store.collection(OUTBOX);
    const sent = T.server.store.collection(NOTIFICATIONS);
    for (const n of notices) expect(await sent.get(n._id)).toMatchObject({ to: n.to }); // the normal path sent them
    // The crash: the report is stored, its urgent notices never queued; the worker accepts meanwhile.
    for (const n of notices) {
      await outbox.removeById(n._id);
      await sent.removeById(n._id);
    }
    ok(await T.api.work('accept', { id: gas.id }, 'demo-worker-1'));

    ok(await T.api.timer('tick', {}, 'demo-admin', later(120_000)));
    for (const n of notices) expect(await sent.get(n._id)).toMatchObject({ to: n.to, data: { requestId: gas.id, message: expect.stringContaining('紧急') } });
    ok(await T.api.timer('tick', {}, 'demo-admin', later(180_000)));
    for (const n of notices) {
      expect(await sent.count({ _id: n._id })).toBe(1);
      expect(await outbox.count({ _id: n._id })).toBe(1);
    }
  });

  it('queues no urgent notice for an ordinary report, nor for an urgent one already resolved', async () => {
    const gas = ok(await T.api.requests('create', report({ category: 'ranqi', description: '燃气表附近有异味' }), 'notice-r'));
    const doc = (await requests(T.server.store).get(gas.id))!;
    const notices = urgentNotices(doc, await loadCommunity(T.server.store));
    expect(notices.length).toBeGreaterThan(0);
    expect(urgentNotices({ ...doc, urgent: undefined }, await loadCommunity(T.server.store))).toEqual([]);
    for (const n of notices) await T.server.store.collection(OUTBOX).removeById(n._id);
    await requests(T.server.store).updateById(gas.id, { $set: { status: 'resolved' } });
    ok(await T.api.timer('tick', {}, 'demo-admin', later(120_000)));
    for (const n of notices) expect(await T.server.store.collection(OUTBOX).get(n._id)).toBeNull();
  });

  it('leaves alone requests already accepted, or older than an hour', async () => {
    const accepted = ok(await T.api.requests('create', report({ description: '垃圾桶满了' }), 'notice-b'));
    ok(await T.api.work('accept', { id: accepted.id }, 'demo-worker-1'));
    const old = ok(await T.api.requests('create', report({ description: '井盖松动' }), 'notice-c', later(-2 * 3600_000)));
    for (const id of [accepted.id, old.id]) await T.server.store.collection(OUTBOX).removeById(creationNotice((await requests(T.server.store).get(id))!)._id);
    ok(await T.api.timer('tick', {}, 'demo-admin', later(120_000)));
    for (const id of [accepted.id, old.id]) expect(await T.server.store.collection(OUTBOX).get(creationNotice((await requests(T.server.store).get(id))!)._id)).toBeNull();
  });
});
