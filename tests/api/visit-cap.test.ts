import { SLOTS, type SlotDoc } from '../../cloudfunctions/lib/requests/slots';
import { MAX_OPEN_VISITS } from '../../cloudfunctions/lib/requests/config';
import { ok, P, serverPerFile } from './requests-helpers';

/** One resident cannot take a worker's week of doorstep-visit seats: open visits are capped per resident. */
const T = serverPerFile();

type SlotView = { slotId: string; remaining: number };
const visit = (slotId: string) => ({ kind: 'visit', matterCode: 'dibao', slotId, location: P.G2, contactPhone: '13900001111', address: '西苑2栋' });
const taken = async (slotId: string) => (await T.server.store.collection<SlotDoc>(SLOTS).get(slotId))?.taken ?? 0;

it(`lets a resident firing 12 bookings at once keep exactly ${MAX_OPEN_VISITS}, and gives the other seats back`, async () => {
  const slots: SlotView[] = ok(await T.api.booking('slots', { location: P.G2, from: '2026-10-12', to: '2026-10-16' }, null)).slots;
  const picked = slots.filter((s) => s.remaining > 0).slice(0, 12);
  expect(picked).toHaveLength(12);
  const results = await Promise.all(picked.map((s) => T.api.requests('create', visit(s.slotId), 'greedy-resident')));
  expect(results.filter((r) => r.status === 200)).toHaveLength(MAX_OPEN_VISITS);
  const refused = results.filter((r) => r.status !== 200);
  expect(refused.every((r) => r.status === 409 && r.body.error.field === 'data.slotId' && /最多同时预约/.test(r.body.error.message))).toBe(true);
  const mine = ok(await T.api.requests('mine', {}, 'greedy-resident')).items;
  expect(mine).toHaveLength(MAX_OPEN_VISITS);
  // Only the kept bookings hold a seat.
  const seats = await Promise.all(picked.map((s) => taken(s.slotId)));
  expect(seats.reduce((a, b) => a + b, 0)).toBe(MAX_OPEN_VISITS);

  // Cancelling one frees a place for another booking; another resident is unaffected.
  ok(await T.api.booking('cancel', { id: mine[0].id, reason: '时间冲突' }, 'greedy-resident'));
  const free = picked.filter((_, i) => seats[i] === 0);
  ok(await T.api.requests('create', visit(free[0].slotId), 'greedy-resident'));
  expect((await T.api.requests('create', visit(free[1].slotId), 'greedy-resident')).status).toBe(409);
  ok(await T.api.requests('create', visit(free[2].slotId), 'demo-resident'));
}, 30_000);
