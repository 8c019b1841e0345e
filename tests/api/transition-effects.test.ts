import { transition } from '@qgt/shared/domain/requestState';
import { NOTIFICATIONS, OUTBOX } from '../../cloudfunctions/lib/outbox/outbox';
import { requests, saveTransition } from '../../cloudfunctions/lib/requests/store';
import { SLOTS, type SlotDoc } from '../../cloudfunctions/lib/requests/slots';
import { runEffects } from '../../cloudfunctions/lib/requests/notify';
import { createContext } from '../../cloudfunctions/lib/runtime/context';
import { localPlatform } from '../../cloudfunctions/lib/platform/local';
import { NOW, ok, P, report, serverPerFile } from './requests-helpers';

const T = serverPerFile();
const later = (ms: number) => new Date(Date.parse(NOW) + ms).toISOString();
/** The call's clock as the server stores instants. */
const AT = later(0);
const WORKER = { openid: 'demo-worker-1', role: 'worker' as const };

/** What applyEvent does up to a crash right after the save: the transition stored with its effects, none run. */
async function acceptThenCrash(id: string, at: string) {
  const store = T.server.store;
  const doc = (await requests(store).get(id))!;
  const result = transition(doc, { type: 'accept' }, WORKER, at);
  if (!result.ok) throw new Error(result.message);
  await saveTransition(store, doc, result.next, {}, { effects: result.effects, at });
  return result.next.version;
}

describe('a transition’s notices survive a crash between storing it and queueing them', () => {
  it('on the normal path, the effects leave the request once they are in the outbox', async () => {
    const created = ok(await T.api.requests('create', report({ description: '路灯闪烁' }), 'effects-a'));
    const accepted = ok(await T.api.work('accept', { id: created.id }, 'demo-worker-1'));
    const doc = (await requests(T.server.store).get(created.id))!;
    expect(doc.status).toBe('accepted');
    expect(doc.pendingEffects ?? {}).toEqual({});
    expect(doc.pendingSince).toBeUndefined();
    expect(await T.server.store.collection(NOTIFICATIONS).get(`${created.id}:v${doc.version}:effects-a`)).toMatchObject({ to: 'effects-a' });
    expect(accepted.status).toBe('accepted');
  });

  it('the timer queues them after the grace minute, once, and clears them', async () => {
    const created = ok(await T.api.requests('create', report({ description: '井盖缺失' }), 'effects-b'));
    const version = await acceptThenCrash(created.id, AT);
    const noticeId = `${created.id}:v${version}:effects-b`;
    const stored = (await requests(T.server.store).get(created.id))!;
    expect(stored.pendingEffects).toEqual({ [`v${version}`]: [expect.objectContaining({ type: 'notify', to: 'effects-b' })] });
    const sent = T.server.store.collection(NOTIFICATIONS);

    // Within the grace minute the action may still be queueing them itself: the timer waits.
    ok(await T.api.timer('tick', {}, 'demo-admin', later(30_000)));
    expect(await T.server.store.collection(OUTBOX).get(noticeId)).toBeNull();
    ok(await T.api.timer('tick', {}, 'demo-admin', later(120_000)));
    expect(await sent.get(noticeId)).toMatchObject({ to: 'effects-b', data: { requestId: created.id, message: '您的诉求已受理，正在办理' } });
    const settled = (await requests(T.server.store).get(created.id))!;
    expect(settled.pendingEffects ?? {}).toEqual({});
    expect(settled.pendingSince).toBeUndefined();

    ok(await T.api.timer('tick', {}, 'demo-admin', later(180_000)));
    expect(await sent.count({ _id: noticeId })).toBe(1);
    expect(await T.server.store.collection(OUTBOX).count({ _id: noticeId })).toBe(1);
  });

  it('a replay of effects that did get out before the crash sends nothing twice', async () => {
    const created = ok(await T.api.requests('create', report({ description: '路面塌陷' }), 'effects-c'));
    ok(await T.api.work('accept', { id: created.id }, 'demo-worker-1'));
    const doc = (await requests(T.server.store).get(created.id))!;
    const noticeId = `${created.id}:v${doc.version}:effects-c`;
    // The crash came after the outbox write but before the effects were cleared.
    await requests(T.server.store).updateById(created.id, { $set: { [`pendingEffects.v${doc.version}`]: [{ type: 'notify', to: 'effects-c', message: '您的诉求已受理，正在办理' }], pendingSince: AT } });
    ok(await T.api.timer('tick', {}, 'demo-admin', later(120_000)));
    expect(await T.server.store.collection(NOTIFICATIONS).count({ _id: noticeId })).toBe(1);
    expect((await requests(T.server.store).get(created.id))!.pendingSince).toBeUndefined();
  });

  it('a later transition keeps its own pending effects when an older version is settled', async () => {
    const created = ok(await T.api.requests('create', report({ description: '路灯全灭' }), 'effects-d'));
    const version = await acceptThenCrash(created.id, AT);
    // Another transition (resolve) runs normally before the timer: the accept's notice is still owed.
    ok(await T.api.work('resolve', { id: created.id, note: '已更换灯泡' }, 'demo-worker-1', later(10_000)));
    const after = (await requests(T.server.store).get(created.id))!;
    expect(Object.keys(after.pendingEffects ?? {})).toEqual([`v${version}`]);
    ok(await T.api.timer('tick', {}, 'demo-admin', later(120_000)));
    expect(await T.server.store.collection(NOTIFICATIONS).get(`${created.id}:v${version}:effects-d`)).toMatchObject({ to: 'effects-d' });
    const settled = (await requests(T.server.store).get(created.id))!;
    expect(settled.pendingEffects ?? {}).toEqual({});
    expect(settled.pendingSince).toBeUndefined();
  });
});

describe('a cancelled visit’s seat survives a crash between the cancel and its release', () => {
  const visit = (slotId: string) => ({ kind: 'visit', matterCode: 'dibao', slotId, location: P.G2, buildingCode: 'G2-1', contactPhone: '13900000000' });

  it('the timer gives the seat back after the grace minute, and a replayed release gives nothing back twice', async () => {
    const store = T.server.store;
    const day = '2026-10-12';
    const [slot] = ok(await T.api.booking('slots', { location: P.G2, from: day, to: day }, null)).slots as { slotId: string }[];
    const taken = async () => (await store.collection<SlotDoc>(SLOTS).get(slot.slotId))!.taken;
    const cancelled = ok(await T.api.requests('create', visit(slot.slotId), 'seat-a'));
    ok(await T.api.requests('create', visit(slot.slotId), 'seat-b'));
    expect(await taken()).toBe(2);

    // The cancel is stored with its effects, then the process dies before running them.
    const doc = (await requests(store).get(cancelled.id))!;
    const result = transition(doc, { type: 'cancel', reason: '家人已代办' }, { openid: 'seat-a', role: 'resident' }, AT);
    if (!result.ok) throw new Error(result.message);
    expect(result.effects).toContainEqual({ type: 'releaseSlot', slotId: slot.slotId });
    await saveTransition(store, doc, result.next, {}, { effects: result.effects, at: AT });
    expect(await taken()).toBe(2);

    ok(await T.api.timer('tick', {}, 'demo-admin', later(30_000)));
    expect(await taken()).toBe(2);
    ok(await T.api.timer('tick', {}, 'demo-admin', later(120_000)));
    expect(await taken()).toBe(1);
    expect((await requests(store).get(cancelled.id))!.pendingEffects ?? {}).toEqual({});

    // A crash after the release but before the effects were cleared: the replay finds it done.
    const stored = (await requests(store).get(cancelled.id))!;
    const ctx = createContext({ store, now: new Date(later(180_000)), log: { info() {}, warn() {}, error() {} }, platform: localPlatform(() => T.server.url), openid: null });
    expect(await runEffects(ctx, stored, result.effects)).toBe(true);
    expect(await taken()).toBe(1);

    // The other booking still holds its seat, and the seat given back can be booked again.
    ok(await T.api.requests('create', visit(slot.slotId), 'seat-c'));
    expect(await taken()).toBe(2);
  });
});
