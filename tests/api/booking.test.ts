import { OUTBOX, NOTIFICATIONS, type OutboxEntry } from '../../cloudfunctions/lib/outbox/outbox';
import { SLOTS, type SlotDoc } from '../../cloudfunctions/lib/requests/slots';
import { NOW, ok, P, serverPerFile } from './requests-helpers';

const T = serverPerFile();

type SlotView = { slotId: string; start: string; end: string; remaining: number; capacity: number; worker: { openid: string; name: string } };
const slotsOf = async (data: Record<string, unknown>, now = NOW): Promise<SlotView[]> => ok(await T.api.booking('slots', data, null, now)).slots;
const remaining = async (slotId: string, location: object, day: string) => (await slotsOf({ location, from: day, to: day })).find((s) => s.slotId === slotId)?.remaining;
const visit = (slotId: string, over: Record<string, unknown> = {}) => ({ kind: 'visit', matterCode: 'dibao', slotId, location: P.G2, address: '锦绣西苑1栋3单元', contactPhone: '13900000000', ...over });
const CONTACT = { buildingCode: 'G1-1', contactPhone: '13900000000' };
const taken = async (slotId: string) => (await T.server.store.collection<SlotDoc>(SLOTS).get(slotId))?.taken;
const worker = (openid: string, name: string, over: Record<string, unknown>) => T.api.admin('workers.upsert', { openid, name, level: 'A', ...over }, 'demo-admin');

describe('booking.slots', () => {
  it('offers the routed worker’s slots in standard hours, after 2 hours’ notice, to anyone', async () => {
    expect(await slotsOf({ location: P.G2, from: '2026-10-09', to: '2026-10-09' })).toEqual(
      [
        ['2026-10-09T02:30:00.000Z', '2026-10-09T03:30:00.000Z'], // 10:30–11:30 (09:00 is within the notice)
        ['2026-10-09T06:00:00.000Z', '2026-10-09T07:00:00.000Z'], // 14:00–15:00
        ['2026-10-09T07:30:00.000Z', '2026-10-09T08:30:00.000Z'], // 15:30–16:30 (a 30-minute buffer between visits)
      ].map(([start, end]) => ({ slotId: `demo-worker-2:${start}`, start, end, remaining: 3, capacity: 3, worker: { openid: 'demo-worker-2', name: '陈网格' } })),
    );
  });

  it('accepts instants as the window', async () => {
    const s = await slotsOf({ location: P.G1, from: '2026-10-12T09:30:00+08:00', to: '2026-10-12T15:00:00+08:00' });
    expect(s.map((x) => x.start)).toEqual(['2026-10-12T02:30:00.000Z', '2026-10-12T06:00:00.000Z']);
  });

  it('without a place, merges every on-duty worker who can handle the matter', async () => {
    const all = await slotsOf({ from: '2026-10-12', to: '2026-10-12' });
    expect(all).toHaveLength(12);
    const legal = await slotsOf({ matterCode: 'legal-aid', from: '2026-10-12', to: '2026-10-12' });
    expect(new Set(legal.map((s) => s.worker.openid))).toEqual(new Set(['demo-worker-1', 'demo-worker-2'])); // demo-worker-3 is level B without it
    expect(legal.map((s) => s.start)).toEqual([...legal.map((s) => s.start)].sort());
  });

  it('has no slots on holidays or weekends, and follows a 调休 Saturday', async () => {
    expect(await slotsOf({ location: P.G1, from: '2026-10-01', to: '2026-10-07' }, '2026-09-28T08:00:00+08:00')).toEqual([]);
    expect(await slotsOf({ location: P.G1, from: '2026-10-11', to: '2026-10-11' })).toEqual([]);
    expect((await slotsOf({ location: P.G1, from: '2026-10-10', to: '2026-10-10' })).map((s) => s.start)).toEqual([
      '2026-10-10T01:00:00.000Z',
      '2026-10-10T02:30:00.000Z',
      '2026-10-10T06:00:00.000Z',
      '2026-10-10T07:30:00.000Z',
    ]);
  });

  it('follows leave: a worker on leave hands the place to the B角; a dated leave removes its hours', async () => {
    ok(await worker('demo-worker-1', '刘网格', { onLeave: true }));
    try {
      expect(new Set((await slotsOf({ location: P.G1, from: '2026-10-12', to: '2026-10-12' })).map((s) => s.worker.openid))).toEqual(new Set(['demo-worker-2']));
    } finally {
      ok(await worker('demo-worker-1', '刘网格', { onLeave: false }));
    }
    ok(await worker('demo-worker-1', '刘网格', { leave: [{ start: '2026-10-12T00:00:00+08:00', end: '2026-10-12T12:00:00+08:00' }] }));
    try {
      expect((await slotsOf({ location: P.G1, from: '2026-10-12', to: '2026-10-12' })).map((s) => s.start)).toEqual(['2026-10-12T06:00:00.000Z', '2026-10-12T07:30:00.000Z']);
    } finally {
      ok(await worker('demo-worker-1', '刘网格', { leave: [] }));
    }
  });

  it('follows a worker’s own weekly plan', async () => {
    ok(await worker('demo-worker-1', '刘网格', { workingPlan: { mon: [{ start: '08:00', end: '10:00' }] } }));
    try {
      expect((await slotsOf({ location: P.G1, from: '2026-10-12', to: '2026-10-16' })).map((s) => s.start)).toEqual(['2026-10-12T00:00:00.000Z']);
    } finally {
      ok(await worker('demo-worker-1', '刘网格', { workingPlan: null }));
    }
    expect(await slotsOf({ location: P.G1, from: '2026-10-12', to: '2026-10-12' })).toHaveLength(4);
  });
});

describe('booking a slot (requests.create kind visit)', () => {
  const SLOT = 'demo-worker-2:2026-10-12T01:00:00.000Z'; // Monday 09:00, capacity 3

  it('lets exactly 3 of 50 parallel bookings into a slot with room for 3; the rest get 409', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => T.api.requests('create', visit(SLOT), `booker-${i}`)));
    const winners = results.map((r, i) => [r, `booker-${i}`] as const).filter(([r]) => r.status === 200);
    const okOnes = winners.map(([r]) => r);
    expect(okOnes).toHaveLength(3);
    const full = results.filter((r) => r.status === 409);
    expect(full).toHaveLength(47);
    for (const r of full) expect(r.body.error).toMatchObject({ code: 'CONFLICT', reason: 'slotFull', field: 'data.slotId' });
    for (const r of okOnes)
      expect(r.body.data).toMatchObject({ kind: 'visit', status: 'assigned', assignee: { openid: 'demo-worker-2' }, slot: { slotId: SLOT, start: '2026-10-12T01:00:00.000Z', end: '2026-10-12T02:00:00.000Z' } });
    expect(await taken(SLOT)).toBe(3);
    expect(await remaining(SLOT, P.G2, '2026-10-12')).toBe(0);

    // A cancellation gives the place back; the next booking takes it, and no more.
    ok(await T.api.requests('cancel', { id: okOnes[0].body.data.id }, winners[0][1]));
    expect(await remaining(SLOT, P.G2, '2026-10-12')).toBe(1);
    const again = await Promise.all(Array.from({ length: 5 }, (_, i) => T.api.requests('create', visit(SLOT), `late-${i}`)));
    expect(again.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409]);
    expect(await taken(SLOT)).toBe(3);
  });

  it('gives the place back on cancel', async () => {
    const r = ok(await T.api.requests('create', visit('demo-worker-2:2026-10-12T02:30:00.000Z'), 'demo-resident'));
    expect(await taken(r.slot.slotId)).toBe(1);
    ok(await T.api.requests('cancel', { id: r.id, reason: '家人已代办' }, 'demo-resident'));
    expect(await taken(r.slot.slotId)).toBe(0);
    expect(await remaining(r.slot.slotId, P.G2, '2026-10-12')).toBe(3);
  });

  it('assigns the visit to the slot’s worker, due no earlier than the end of the visit day', async () => {
    const r = ok(await T.api.requests('create', { kind: 'visit', description: '老人行动不便，需上门办理', slotId: 'demo-worker-1:2026-10-12T06:00:00.000Z', ...CONTACT }, 'demo-resident'));
    expect(r).toMatchObject({ assignee: { openid: 'demo-worker-1' }, firstResponder: { openid: 'demo-worker-1' }, community: 'demo-community' });
    expect(r.dueAt).toBe('2026-10-13T16:00:00.000Z'); // 3 working days after Friday 10-09: 10-10 (调休), 10-12, 10-13 → 24:00 of 10-13
    const later = ok(await T.api.requests('create', { kind: 'visit', description: '下周再来', slotId: 'demo-worker-1:2026-10-20T06:00:00.000Z', ...CONTACT }, 'demo-resident'));
    expect(later.dueAt).toBe('2026-10-20T16:00:00.000Z'); // the visit day's 24:00, not before the visit
    const second = await T.api.requests('create', { kind: 'visit', description: '再约一户', slotId: 'demo-worker-1:2026-10-12T06:00:00.000Z', ...CONTACT }, 'demo-resident-2');
    expect(second.status).toBe(409); // capacity 1
    expect(ok(await T.api.work('visits', { date: '2026-10-12' }, 'demo-worker-1')).items.map((i: { id: string }) => i.id)).toContain(r.id);
  });

  it('books only a worker who serves the place: another grid’s worker is 409 on the slot, and the place is kept', async () => {
    // G1-1 lies in G1 (刘网格 demo-worker-1, B角 demo-worker-2); demo-worker-3 serves G3 only.
    const other = 'demo-worker-3:2026-10-13T01:00:00.000Z';
    const res = await T.api.requests('create', { kind: 'visit', description: '上门', slotId: other, ...CONTACT }, 'place-resident-1');
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'CONFLICT', field: 'data.slotId' });
    expect(await taken(other)).toBe(0);
    // The grid's B角 serves it too (booking.slots offers them while the worker is away).
    const backup = ok(await T.api.requests('create', { kind: 'visit', description: '上门', slotId: 'demo-worker-2:2026-10-13T01:00:00.000Z', ...CONTACT }, 'place-resident-1'));
    expect(backup.assignee.openid).toBe('demo-worker-2');
    // Only an address (no grid known): any offered slot may be booked.
    const { buildingCode: _b, ...phoneOnly } = CONTACT;
    ok(await T.api.requests('create', { kind: 'visit', description: '上门', slotId: other, address: '外区某路1号', ...phoneOnly }, 'place-resident-2'));
  });

  it('booking.slots with a building offers only the slots of the worker responsible for it', async () => {
    const all = await slotsOf({ from: '2026-10-13', to: '2026-10-13' });
    expect(new Set(all.map((s) => s.worker.openid)).size).toBeGreaterThan(1);
    expect(new Set((await slotsOf({ buildingCode: 'G1-1', from: '2026-10-13', to: '2026-10-13' })).map((s) => s.worker.openid))).toEqual(new Set(['demo-worker-1']));
    expect(new Set((await slotsOf({ buildingCode: 'G2-1', from: '2026-10-13', to: '2026-10-13' })).map((s) => s.worker.openid))).toEqual(new Set(['demo-worker-2']));
  });

  it('never trusts a client-made slot id', async () => {
    for (const slotId of [
      'demo-worker-1:2026-10-12T00:00:00.000Z', // 08:00: outside working hours
      'demo-worker-1:2026-10-09T01:00:00.000Z', // 09:00 today: inside the 2-hour notice
      'demo-worker-1:2026-10-11T01:00:00.000Z', // Sunday
      'demo-worker-1:2026-10-12T01:10:00.000Z', // off the slot grid
    ]) {
      const res = await T.api.requests('create', visit(slotId), 'demo-resident');
      expect(res.status).toBe(404);
      expect(res.body.error.field).toBe('data.slotId');
    }
    const unskilled = await T.api.requests('create', visit('demo-worker-3:2026-10-12T01:00:00.000Z', { matterCode: 'legal-aid' }), 'demo-resident');
    expect(unskilled.body.error).toMatchObject({ code: 'BAD_REQUEST', field: 'data.slotId' });
    expect(await taken('demo-worker-3:2026-10-12T01:00:00.000Z')).toBeFalsy();
  });
});

describe('reschedule and cancel until the cut-off, with reminders the day before', () => {
  const A = 'demo-worker-1:2026-10-13T01:00:00.000Z'; // Tuesday 09:00
  const B = 'demo-worker-1:2026-10-13T02:30:00.000Z'; // Tuesday 10:30
  const outbox = () => T.server.store.collection<OutboxEntry>(OUTBOX);

  it('moves the booking, gives back the old place and moves the reminder', async () => {
    const r = ok(await T.api.requests('create', visit(A, { location: P.G1 }), 'demo-resident'));
    const oldReminder = await outbox().get(`visit:${r.id}:${A}`);
    expect(oldReminder).toMatchObject({ to: 'demo-resident', template: 'visitReminder', status: 'pending', notBefore: '2026-10-12T10:00:00.000Z' }); // 18:00 the day before
    const moved = ok(await T.api.booking('reschedule', { id: r.id, slotId: B, reason: '上午要去医院' }, 'demo-resident'));
    expect(moved.slot).toEqual({ slotId: B, start: '2026-10-13T02:30:00.000Z', end: '2026-10-13T03:30:00.000Z' });
    // The entry shows the old and the new time (Shanghai), then the reason.
    expect(moved.timeline.at(-1)).toMatchObject({ type: 'reschedule', note: '预约已改期：10月13日 09:00 → 10月13日 10:30（上午要去医院）' });
    expect([await taken(A), await taken(B)]).toEqual([0, 1]);
    expect((await outbox().get(`visit:${r.id}:${A}`))!.status).toBe('cancelled');
    expect((await outbox().get(`visit:${r.id}:${B}`))!.status).toBe('pending');

    // Not to another worker's slot, not to a full one (and a refused move changes nothing).
    expect((await T.api.booking('reschedule', { id: r.id, slotId: 'demo-worker-2:2026-10-13T01:00:00.000Z', reason: '换人' }, 'demo-resident')).body.error).toMatchObject({ code: 'BAD_REQUEST', field: 'data.slotId' });
    ok(await T.api.requests('create', visit(A, { location: P.G1 }), 'demo-resident-2'));
    expect((await T.api.booking('reschedule', { id: r.id, slotId: A, reason: '还是早上' }, 'demo-resident')).status).toBe(409);
    expect([await taken(A), await taken(B)]).toEqual([1, 1]);
    expect((await T.api.booking('reschedule', { id: r.id, slotId: B, reason: '同一时段' }, 'demo-resident')).status).toBe(409);
    expect((await T.api.booking('reschedule', { id: r.id, slotId: B, reason: '别人的' }, 'demo-resident-2')).status).toBe(403);

    // The evening before, the timer sends the reminder once.
    const evening = '2026-10-12T18:05:00+08:00';
    ok(await T.api.timer('tick', {}, 'demo-admin', evening));
    ok(await T.api.timer('tick', {}, 'demo-admin', evening));
    const sent = await T.server.store.collection(NOTIFICATIONS).find({ _id: `visit:${r.id}:${B}` });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ to: 'demo-resident', template: 'visitReminder', data: { message: '明天（10月13日 10:30）工作人员将上门服务，请留意' } });

    // Within 2 hours of the visit the resident can no longer change it; an admin still can.
    const late = '2026-10-13T09:00:00+08:00';
    const tooLate = await T.api.booking('reschedule', { id: r.id, slotId: 'demo-worker-1:2026-10-13T06:00:00.000Z', reason: '改下午' }, 'demo-resident', late);
    expect(tooLate.status).toBe(409);
    expect(tooLate.body.error.message).toContain('2小时');
    expect((await T.api.booking('cancel', { id: r.id, reason: '不需要了' }, 'demo-resident', late)).status).toBe(409);
    expect(ok(await T.api.booking('cancel', { id: r.id, reason: '居民电话取消' }, 'demo-admin', late)).status).toBe('cancelled');
    expect(await taken(B)).toBe(0);
  });

  it('withdraws the reminder when a visit is cancelled', async () => {
    const slot = 'demo-worker-1:2026-10-14T01:00:00.000Z';
    const r = ok(await T.api.requests('create', visit(slot, { location: P.G1 }), 'demo-resident'));
    ok(await T.api.booking('cancel', { id: r.id, reason: '已在窗口办好' }, 'demo-resident'));
    expect((await outbox().get(`visit:${r.id}:${slot}`))!.status).toBe('cancelled');
    expect((await T.api.booking('reschedule', { id: r.id, slotId: slot, reason: 'x' }, 'demo-resident')).status).toBe(409);
  });

  it('refuses to reschedule a request that is not a visit', async () => {
    const r = ok(await T.api.requests('create', { kind: 'report', category: 'shizheng', description: '井盖松动', location: P.G1 }, 'demo-resident'));
    expect((await T.api.booking('reschedule', { id: r.id, slotId: B, reason: '改约' }, 'demo-resident')).body.error).toMatchObject({ code: 'BAD_REQUEST', field: 'data.id' });
  });
});
