import { WorkingPlanSchema, type WorkingPlan } from '@qgt/shared/domain/communityData';
import { canChange, DEFAULT_SLOT_PARAMS, findSlot, generateSlots, parseSlotId, SlotParamsSchema, type SlotQuery } from '@qgt/shared/domain/slots';

const TZ = 'Asia/Shanghai';
/** Local wall time on a date → UTC ISO, to keep expectations readable. */
const at = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+08:00`).toISOString();
const starts = (q: Partial<SlotQuery>) => generateSlots(query(q)).map((s) => s.start);

const query = (over: Partial<SlotQuery> = {}): SlotQuery => ({
  ...DEFAULT_SLOT_PARAMS,
  worker: { openid: 'w-1', onLeave: false, leave: [] },
  from: at('2026-10-08', '00:00'),
  to: at('2026-10-09', '00:00'),
  now: at('2026-10-08', '06:00'),
  tz: TZ,
  ...over,
});

const plan = (p: Partial<Record<keyof WorkingPlan, unknown>>): WorkingPlan => WorkingPlanSchema.parse(p);

describe('generateSlots', () => {
  it('lays out 60-minute visits with a 30-minute buffer inside 09:00–12:00 and 14:00–17:30', () => {
    expect(generateSlots(query())).toStrictEqual([
      { slotId: 'w-1:2026-10-08T01:00:00.000Z', start: '2026-10-08T01:00:00.000Z', end: '2026-10-08T02:00:00.000Z', capacity: 1, remaining: 1 },
      { slotId: 'w-1:2026-10-08T02:30:00.000Z', start: '2026-10-08T02:30:00.000Z', end: '2026-10-08T03:30:00.000Z', capacity: 1, remaining: 1 },
      { slotId: 'w-1:2026-10-08T06:00:00.000Z', start: '2026-10-08T06:00:00.000Z', end: '2026-10-08T07:00:00.000Z', capacity: 1, remaining: 1 },
      { slotId: 'w-1:2026-10-08T07:30:00.000Z', start: '2026-10-08T07:30:00.000Z', end: '2026-10-08T08:30:00.000Z', capacity: 1, remaining: 1 },
    ]);
  });

  const D = '2026-10-08';
  it.each<[string, Partial<SlotQuery>, string[]]>([
    ['no buffer, 30-minute visits fill the periods', { visitMinutes: 30, bufferMinutes: 0 }, [
      ...['09:00', '09:30', '10:00', '10:30', '11:00', '11:30'].map((t) => at(D, t)),
      ...['14:00', '14:30', '15:00', '15:30', '16:00', '16:30', '17:00'].map((t) => at(D, t)),
    ]],
    ['a visit never straddles the lunch break', { worker: { openid: 'w-1', workingPlan: plan({ thu: [{ start: '09:00', end: '10:30' }, { start: '10:45', end: '12:00' }] }) } }, [at(D, '09:00'), at(D, '10:45')]],
    ['notice removes slots starting too soon', { now: at(D, '09:00') }, [at(D, '14:00'), at(D, '15:30')]],
    ['a slot exactly at the notice limit stays', { now: at(D, '08:30') }, [at(D, '10:30'), at(D, '14:00'), at(D, '15:30')]],
    ['no notice', { now: at(D, '09:00'), noticeMinutes: 0 }, [at(D, '09:00'), at(D, '10:30'), at(D, '14:00'), at(D, '15:30')]],
    ['leave removes overlapping slots only (half-open ranges)', { worker: { openid: 'w-1', leave: [{ start: at(D, '10:00'), end: at(D, '14:30') }] } }, [at(D, '09:00'), at(D, '15:30')]],
    // Half-open at both ends: leave that ends as a slot starts, or starts as one ends, takes nothing.
    ['leave ending exactly as a slot starts and starting exactly as one ends', { worker: { openid: 'w-1', leave: [{ start: at(D, '08:00'), end: at(D, '09:00') }, { start: at(D, '10:00'), end: at(D, '10:30') }] } }, [at(D, '09:00'), at(D, '10:30'), at(D, '14:00'), at(D, '15:30')]],
    ['leave of exactly one slot takes that slot', { worker: { openid: 'w-1', leave: [{ start: at(D, '10:30'), end: at(D, '11:30') }] } }, [at(D, '09:00'), at(D, '14:00'), at(D, '15:30')]],
    ['leave one minute into a slot at either end takes it', { worker: { openid: 'w-1', leave: [{ start: at(D, '09:59'), end: at(D, '10:31') }] } }, [at(D, '14:00'), at(D, '15:30')]],
    ['a window starting exactly on a slot and ending exactly at another’s end keeps both', { from: at(D, '09:00'), to: at(D, '11:30') }, [at(D, '09:00'), at(D, '10:30')]],
    ['a window starting a minute after a slot drops it', { from: at(D, '09:01'), to: at(D, '11:29') }, []],
    ['a plan listed afternoon-first still gives slots in time order', { worker: { openid: 'w-1', workingPlan: { ...plan({}), thu: [{ start: '14:00', end: '15:00' }, { start: '09:00', end: '10:00' }] } } }, [at(D, '09:00'), at(D, '14:00')]],
    ['open-ended leave removes everything', { worker: { openid: 'w-1', onLeave: true } }, []],
    ['the window cuts slots that do not fit in it', { from: at(D, '10:00'), to: at(D, '15:00') }, [at(D, '10:30'), at(D, '14:00')]],
    ['National Day has no slots', { from: at('2026-10-01', '00:00'), to: at('2026-10-08', '00:00'), now: at('2026-09-30', '20:00') }, []],
    ['an ordinary Sunday has none, whatever the plan says', { from: at('2026-10-11', '00:00'), to: at('2026-10-12', '00:00'), worker: { openid: 'w-1', workingPlan: plan({ sun: [{ start: '09:00', end: '12:00' }] }) } }, []],
    ['the 调休 Saturday follows the Monday plan', { from: at('2026-10-10', '00:00'), to: at('2026-10-11', '00:00') }, ['09:00', '10:30', '14:00', '15:30'].map((t) => at('2026-10-10', t))],
    [
      'the 调休 Saturday follows the chosen makeup weekday',
      { from: at('2026-10-10', '00:00'), to: at('2026-10-11', '00:00'), worker: { openid: 'w-1', workingPlan: plan({ mon: [{ start: '09:00', end: '10:00' }], fri: [{ start: '13:00', end: '14:00' }], makeupWeekday: 'fri' }) } },
      [at('2026-10-10', '13:00')],
    ],
    ['a personal plan replaces the standard hours', { worker: { openid: 'w-1', workingPlan: plan({ thu: [{ start: '19:00', end: '21:00' }] }) } }, [at(D, '19:00')]],
    [
      'across the holiday: 9/30 then 10/8',
      { from: at('2026-09-30', '00:00'), to: at('2026-10-09', '00:00'), now: at('2026-09-29', '20:00') },
      [...['09:00', '10:30', '14:00', '15:30'].map((t) => at('2026-09-30', t)), ...['09:00', '10:30', '14:00', '15:30'].map((t) => at('2026-10-08', t))],
    ],
    ['Spring Festival 调休 Saturday 2/14 has slots, 2/15–2/23 none', { from: at('2026-02-14', '00:00'), to: at('2026-02-24', '00:00'), now: at('2026-02-13', '20:00'), visitMinutes: 180, bufferMinutes: 0 }, [at('2026-02-14', '09:00'), at('2026-02-14', '14:00')]],
  ])('%s', (_, over, expected) => {
    expect(starts(over)).toStrictEqual(expected);
  });

  it('keeps slot ids stable as time passes', () => {
    const early = generateSlots(query({ now: at(D, '06:00') })).map((s) => s.slotId);
    const later = generateSlots(query({ now: at(D, '12:00') })).map((s) => s.slotId);
    expect(later).toStrictEqual(early.slice(2));
  });

  it('reports remaining capacity and keeps full slots', () => {
    const slots = generateSlots(query({ capacity: 3, booked: { 'w-1:2026-10-08T01:00:00.000Z': 2, 'w-1:2026-10-08T02:30:00.000Z': 3, 'w-1:2026-10-08T06:00:00.000Z': 5 } }));
    expect(slots.map((s) => [s.capacity, s.remaining])).toStrictEqual([[3, 1], [3, 0], [3, 0], [3, 3]]);
  });
});

describe('parseSlotId', () => {
  it.each([
    ['w-1:2026-10-08T01:00:00.000Z', { openid: 'w-1', start: '2026-10-08T01:00:00.000Z' }],
    ['o:x:y:2026-10-08T01:00:00.000Z', { openid: 'o:x:y', start: '2026-10-08T01:00:00.000Z' }],
    ['w-1:2026-10-08T01:00:00Z', null],
    ['w-1:2026-10-08T09:00:00.000+08:00', null],
    ['w-1:2026-13-40T01:00:00.000Z', null],
    [':2026-10-08T01:00:00.000Z', null],
    ['w-1', null],
    ['', null],
    ['x\nw-1:2026-10-08T01:00:00.000Z', null], // the whole id, not its last line
    ['w-1:2026-10-08T01:00:00.000Z ', null], // nothing after the instant
    ['w-1:2026-02-30T01:00:00.000Z', null], // a date that does not exist (Date.parse rolls it into March)
  ])('%p → %p', (id, expected) => {
    expect(parseSlotId(id)).toStrictEqual(expected);
  });

  it('round-trips every generated id', () => {
    for (const s of generateSlots(query())) expect(parseSlotId(s.slotId)).toStrictEqual({ openid: 'w-1', start: s.start });
  });
});

describe('findSlot', () => {
  const q = () => {
    const { from: _f, to: _t, ...rest } = query();
    return rest;
  };
  it.each([
    ['an offered slot', 'w-1:2026-10-08T06:00:00.000Z', at('2026-10-08', '08:00'), '2026-10-08T07:00:00.000Z'],
    ['a time off the slot grid', 'w-1:2026-10-08T01:15:00.000Z', at('2026-10-04', '08:00'), undefined],
    ['another worker’s slot', 'w-2:2026-10-08T06:00:00.000Z', at('2026-10-04', '08:00'), undefined],
    ['a slot on a holiday', 'w-1:2026-10-05T01:00:00.000Z', at('2026-10-04', '08:00'), undefined],
    ['a slot inside the notice period', 'w-1:2026-10-08T01:00:00.000Z', at('2026-10-08', '08:00'), undefined],
    ['the same slot with enough notice', 'w-1:2026-10-08T01:00:00.000Z', at('2026-10-08', '07:00'), '2026-10-08T02:00:00.000Z'],
    ['garbage', 'nonsense', at('2026-10-04', '08:00'), undefined],
  ])('%s', (_, id, now, end) => {
    expect(findSlot(id, { ...q(), now })?.end).toBe(end);
  });
});

describe('canChange', () => {
  const start = at('2026-10-08', '14:00');
  it.each([
    [at('2026-10-08', '11:59'), true],
    [at('2026-10-08', '12:00'), true],
    [at('2026-10-08', '12:01'), false],
    [at('2026-10-08', '14:30'), false],
  ])('with a 120-minute cut-off, at %s → %p', (now, expected) => {
    expect(canChange(start, now, 120)).toBe(expected);
  });
});

describe('SlotParamsSchema', () => {
  it('takes a notice of up to 14 days, in minutes', () => {
    expect(SlotParamsSchema.safeParse({ noticeMinutes: 60 * 24 * 14 }).success).toBe(true);
    expect(SlotParamsSchema.safeParse({ noticeMinutes: 60 * 24 * 14 + 1 }).success).toBe(false);
  });
});
