import { CHINA_CALENDAR_FIRST_YEAR, CHINA_CALENDAR_LAST_YEAR, chinaCalendar, chinaDayName, withAdjustments } from '@qgt/shared/domain/calendar';
import {
  computeDueAt,
  DeadlineConfigSchema,
  dueLevel,
  progress,
  timerDecisions,
  workingDaysFor,
  workingMs,
  type TimedRequest,
} from '@qgt/shared/domain/deadlines';

const TZ = 'Asia/Shanghai';

describe('chinese-days facts the expectations below rely on', () => {
  it.each([
    // Mid-Autumn and National Day 2026: 9/25–27 and 10/1–7 off; Sun 9/20 and Sat 10/10 are 调休 workdays.
    ['2026-09-20', true],
    ['2026-09-24', true],
    ['2026-09-25', false],
    ['2026-09-27', false],
    ['2026-09-28', true],
    ['2026-09-30', true],
    ['2026-10-01', false],
    ['2026-10-05', false],
    ['2026-10-07', false],
    ['2026-10-08', true],
    ['2026-10-10', true],
    ['2026-10-11', false],
    // Spring Festival 2026: 2/15–23 off; Sat 2/14 and Sat 2/28 are 调休 workdays.
    ['2026-02-13', true],
    ['2026-02-14', true],
    ['2026-02-15', false],
    ['2026-02-23', false],
    ['2026-02-24', true],
    ['2026-02-28', true],
    ['2026-03-01', false],
  ])('%s workday=%p', (date, expected) => {
    expect(chinaCalendar.isWorkday(date)).toBe(expected);
  });

  it('names the days', () => {
    expect(chinaDayName('2026-10-10')).toContain('国庆节');
    expect(chinaDayName('2026-09-25')).toContain('中秋');
    expect(chinaDayName('2026-10-12')).toBeUndefined();
  });

  it(`reads chinese-days from ${CHINA_CALENDAR_FIRST_YEAR} on: earlier days are plain Mon–Fri, as in the bundles that leave them out`, () => {
    expect(CHINA_CALENDAR_FIRST_YEAR).toBeLessThanOrEqual(2025); // the product's first records
    expect(chinaDayName(`${CHINA_CALENDAR_FIRST_YEAR}-10-01`)).toContain('国庆节');
    expect(chinaCalendar.isWorkday(`${CHINA_CALENDAR_FIRST_YEAR}-10-01`)).toBe(false);
    // 2023-10-02 was a Monday off for 国庆节 and 2023-10-07 a Saturday worked (调休): both ignored now.
    expect(chinaDayName('2023-10-02')).toBeUndefined();
    expect(chinaCalendar.isWorkday('2023-10-02')).toBe(true);
    expect(chinaCalendar.isWorkday('2023-10-07')).toBe(false);
  });

  it('has official data at least through 2026 (2027 is plain Mon–Fri until chinese-days publishes it)', () => {
    expect(CHINA_CALENDAR_LAST_YEAR).toBeGreaterThanOrEqual(2026);
  });

  it('gives the same answers whatever the host time zone (chinese-days itself shifts west of UTC)', () => {
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'America/Los_Angeles';
      expect([chinaCalendar.isWorkday('2026-10-10'), chinaCalendar.isWorkday('2026-10-12'), chinaCalendar.isWorkday('2026-10-01')]).toStrictEqual([true, true, false]);
      expect(computeDueAt('2026-09-30T10:00:00+08:00', 1, TZ)).toBe('2026-10-08T16:00:00.000Z');
    } finally {
      process.env.TZ = saved;
    }
  });
});

describe('computeDueAt', () => {
  it.each([
    // [what, createdAt, N, dueAt]
    ['the day before National Day', '2026-09-30T10:00:00+08:00', 1, '2026-10-08T16:00:00.000Z'],
    ['late at night before National Day', '2026-09-30T23:59:00+08:00', 1, '2026-10-08T16:00:00.000Z'],
    ['one second before midnight counts as that day', '2026-09-29T23:59:59+08:00', 1, '2026-09-30T16:00:00.000Z'],
    ['exactly midnight belongs to the new day', '2026-09-30T00:00:00+08:00', 1, '2026-10-08T16:00:00.000Z'],
    ['exactly midnight on the first holiday', '2026-10-01T00:00:00+08:00', 1, '2026-10-08T16:00:00.000Z'],
    ['on a holiday, across the 调休 Saturday', '2026-10-03T15:00:00+08:00', 3, '2026-10-10T16:00:00.000Z'],
    ['on the 调休 Saturday', '2026-10-10T10:00:00+08:00', 1, '2026-10-12T16:00:00.000Z'],
    ['on the 调休 Sunday, across Mid-Autumn', '2026-09-20T09:00:00+08:00', 5, '2026-09-28T16:00:00.000Z'],
    ['just before Mid-Autumn', '2026-09-24T12:00:00+08:00', 3, '2026-09-30T16:00:00.000Z'],
    ['straddling National Day', '2026-09-29T10:00:00+08:00', 3, '2026-10-09T16:00:00.000Z'],
    ['N = 0 on a holiday: that day at 24:00', '2026-10-01T10:00:00+08:00', 0, '2026-10-01T16:00:00.000Z'],
    ['N = 0 at 23:59', '2026-09-30T23:59:00+08:00', 0, '2026-09-30T16:00:00.000Z'],
    ['UTC input, 23:59 local', '2026-09-30T15:59:00Z', 0, '2026-09-30T16:00:00.000Z'],
    ['UTC input, 00:00 local next day', '2026-09-30T16:00:00Z', 0, '2026-10-01T16:00:00.000Z'],
    ['Friday before Spring Festival, across the 调休 Saturday', '2026-02-13T17:00:00+08:00', 2, '2026-02-24T16:00:00.000Z'],
    ['on the Spring Festival 调休 Saturday, late', '2026-02-14T23:59:00+08:00', 1, '2026-02-24T16:00:00.000Z'],
    ['during Spring Festival', '2026-02-18T10:00:00+08:00', 3, '2026-02-26T16:00:00.000Z'],
    ['into the second 调休 Saturday', '2026-02-26T10:00:00+08:00', 2, '2026-02-28T16:00:00.000Z'],
    ['an ordinary Thursday', '2026-02-12T10:00:00+08:00', 1, '2026-02-13T16:00:00.000Z'],
    ['an ordinary Friday skips the weekend', '2026-03-06T10:00:00+08:00', 1, '2026-03-09T16:00:00.000Z'],
  ])('%s: %s + %i working days → %s', (_, createdAt, n, due) => {
    expect(computeDueAt(createdAt, n, TZ)).toBe(due);
  });

  it('follows a calendar with local adjustments (e.g. a 2027 holiday not yet in chinese-days)', () => {
    // The plain calendar's answer for that day first: the adjusted one must not be served it from memory.
    expect(computeDueAt('2027-02-05T09:00:00+08:00', 2, TZ)).toBe('2027-02-09T16:00:00.000Z');
    const cal = withAdjustments(chinaCalendar, { holidays: ['2027-02-08', '2027-02-09'], workdays: ['2027-02-06'] });
    // Fri 2027-02-05 + 2: Sat 2/6 (made a workday), Mon 2/8 and Tue 2/9 off → Wed 2/10.
    expect(computeDueAt('2027-02-05T10:00:00+08:00', 2, TZ, cal)).toBe('2027-02-10T16:00:00.000Z');
    expect(computeDueAt('2027-02-05T10:00:00+08:00', 2, TZ)).toBe('2027-02-09T16:00:00.000Z');
  });

  it('refuses a calendar without working days instead of looping forever', () => {
    expect(() => computeDueAt('2026-10-08T10:00:00+08:00', 1, TZ, { isWorkday: () => false })).toThrow('工作日历异常：2026-10-08 之后找不到工作日');
  });

  it('still finds a working day 3,661 days on (the guard stops after ten years, not before)', () => {
    const only = (date: string) => ({ isWorkday: (d: string) => d === date });
    // 2026-10-08 + 3,661 days = 2036-10-16; its end (24:00 Shanghai) is 16:00 UTC.
    expect(computeDueAt('2026-10-08T10:00:00+08:00', 1, TZ, only('2036-10-16'))).toBe('2036-10-16T16:00:00.000Z');
    expect(() => computeDueAt('2026-10-08T10:00:00+08:00', 1, TZ, only('2036-10-17'))).toThrow('工作日历异常');
  });
});

describe('workingMs', () => {
  const ms = (a: string, b: string) => workingMs(Date.parse(a), Date.parse(b), TZ) / 3_600_000;
  it.each([
    ['9/30 and 10/8 around National Day', '2026-09-30T00:00:00+08:00', '2026-10-09T00:00:00+08:00', 48],
    ['partial first and last days', '2026-09-30T12:00:00+08:00', '2026-10-08T06:00:00+08:00', 18],
    ['inside the holiday', '2026-10-02T08:00:00+08:00', '2026-10-06T08:00:00+08:00', 0],
    ['the 调休 Saturday counts in full', '2026-10-10T00:00:00+08:00', '2026-10-11T00:00:00+08:00', 24],
    ['an empty or reversed range', '2026-10-09T00:00:00+08:00', '2026-10-08T00:00:00+08:00', 0],
  ])('%s', (_, a, b, hours) => {
    expect(ms(a, b)).toBe(hours);
  });
});

describe('workingDaysFor', () => {
  const config = DeadlineConfigSchema.parse({ byCategory: { environment: 2, safety: 1 } });
  it.each([
    ['the matter’s own limit', { matter: { timeLimit: { workingDays: 5 } }, category: 'environment' }, 5],
    ['the matter’s 0 (即办件) is kept', { matter: { timeLimit: { workingDays: 0 } } }, 0],
    ['the category default', { category: 'safety' }, 1],
    ['the deployment default', { category: 'noise' }, 3],
    ['nothing known', {}, 3],
  ])('%s', (_, req, n) => {
    expect(workingDaysFor(req, config)).toBe(n);
  });

  it('defaults to 3 working days without a configuration', () => {
    expect(workingDaysFor({})).toBe(3);
    expect(workingDaysFor({ category: 'noise' })).toBe(3);
  });

  it('never reads a category named "undefined" for a request without a category', () => {
    expect(workingDaysFor({}, { defaultWorkingDays: 3, byCategory: { undefined: 9 } })).toBe(3);
  });
});

describe('progress and dueLevel', () => {
  // Filed Tue 9/29 10:00, N = 3 → due Fri 10/9 24:00; budget = 9/30, 10/8, 10/9 (72 working hours).
  const created = '2026-09-29T10:00:00+08:00';
  const due = '2026-10-09T16:00:00.000Z';
  it.each([
    ['on the day of submission', '2026-09-29T22:00:00+08:00', 0, 'ok'],
    ['half-way through the first working day', '2026-09-30T12:00:00+08:00', 1 / 6, 'ok'],
    ['holidays do not count', '2026-10-05T12:00:00+08:00', 1 / 3, 'ok'],
    ['the morning after the holiday', '2026-10-08T00:00:00+08:00', 1 / 3, 'ok'],
    ['80%: remind', '2026-10-09T09:36:00+08:00', 0.8, 'remind'],
    ['due: overdue', '2026-10-10T00:00:00+08:00', 1, 'overdue'],
    ['the 调休 Saturday counts', '2026-10-10T12:00:00+08:00', 84 / 72, 'overdue'],
    ['an ordinary Sunday does not', '2026-10-11T23:00:00+08:00', 96 / 72, 'overdue'],
    ['150%: escalate', '2026-10-12T12:00:00+08:00', 1.5, 'escalate'],
  ])('%s', (_, now, p, level) => {
    const got = progress(created, due, now, TZ);
    expect(got).toBeCloseTo(p, 10);
    expect(dueLevel(got)).toBe(level);
  });

  it.each([
    // N = 0, filed on a holiday at 12:00: wall-clock budget of 12 hours to 24:00.
    ['2026-10-01T18:00:00+08:00', 0.5],
    ['2026-10-01T21:36:00+08:00', 0.8],
    ['2026-10-02T00:00:00+08:00', 1],
    ['2026-10-02T06:00:00+08:00', 1.5],
  ])('N = 0 uses wall-clock time: at %s → %p', (now, p) => {
    expect(progress('2026-10-01T12:00:00+08:00', '2026-10-01T16:00:00.000Z', now, TZ)).toBeCloseTo(p, 10);
  });

  it.each([
    [0, 'ok'],
    [0.79, 'ok'],
    [0.8, 'remind'],
    [0.99, 'remind'],
    [1, 'overdue'],
    [1.49, 'overdue'],
    [1.5, 'escalate'],
    [3, 'escalate'],
  ])('dueLevel(%p) = %s', (p, level) => {
    expect(dueLevel(p)).toBe(level);
  });
});

describe('timerDecisions', () => {
  const base = { createdAt: '2026-09-29T10:00:00+08:00', dueAt: '2026-10-09T16:00:00.000Z', assignee: 'w-1', community: 'c1' };
  const requests: TimedRequest[] = [
    { ...base, id: 'fresh', status: 'accepted', createdAt: '2026-10-09T08:00:00+08:00', dueAt: '2026-10-14T16:00:00.000Z', emittedLevels: [] },
    { ...base, id: 'near', status: 'accepted', dueAt: '2026-10-10T16:00:00.000Z', emittedLevels: [] },
    { ...base, id: 'late', status: 'escalated', emittedLevels: ['remind'] },
    { ...base, id: 'forgotten', status: 'assigned', createdAt: '2026-09-21T10:00:00+08:00', dueAt: '2026-09-22T16:00:00.000Z', emittedLevels: [] },
    { ...base, id: 'done', status: 'resolved', createdAt: '2026-09-21T10:00:00+08:00', dueAt: '2026-09-22T16:00:00.000Z', emittedLevels: [] },
    { ...base, id: 'closed', status: 'closed', emittedLevels: [] },
  ];
  // Sat 10/10 14:00, a 调休 workday: 'near' (budget 9/30, 10/8, 10/9, 10/10) is at 86/96 ≈ 0.9.
  const NOW = '2026-10-10T14:00:00+08:00';

  it('emits every level reached and not yet emitted, to the right audience', () => {
    expect(timerDecisions(requests, NOW, TZ)).toStrictEqual([
      { key: 'near:remind', requestId: 'near', level: 'remind', audience: 'assignee', to: 'w-1', message: '工单即将到期，请抓紧办理' },
      { key: 'late:overdue', requestId: 'late', level: 'overdue', audience: 'communityAdmin', to: 'c1', message: '工单已超期，请督办' },
      { key: 'forgotten:remind', requestId: 'forgotten', level: 'remind', audience: 'assignee', to: 'w-1', message: '工单即将到期，请抓紧办理' },
      { key: 'forgotten:overdue', requestId: 'forgotten', level: 'overdue', audience: 'communityAdmin', to: 'c1', message: '工单已超期，请督办' },
      { key: 'forgotten:escalate', requestId: 'forgotten', level: 'escalate', audience: 'subdistrict', message: '工单严重超期（超过时限50%），报街道督办' },
    ]);
  });

  it('is idempotent once the emitted levels are recorded', () => {
    const first = timerDecisions(requests, NOW, TZ);
    expect(first.length).toBeGreaterThan(0);
    const recorded = requests.map((r) => ({ ...r, emittedLevels: [...r.emittedLevels, ...first.filter((d) => d.requestId === r.id).map((d) => d.level)] }));
    expect(timerDecisions(recorded, NOW, TZ)).toStrictEqual([]);
    expect(timerDecisions(recorded, '2026-10-10T15:00:00+08:00', TZ)).toStrictEqual([]);
  });

  it('emits the next level later, once', () => {
    const recorded: TimedRequest[] = [{ ...requests[2], emittedLevels: ['remind', 'overdue'] }];
    // 'late' (72 h budget) reaches 150% at Mon 10/12 12:00; Sunday 10/11 does not count.
    expect(timerDecisions(recorded, '2026-10-12T11:59:00+08:00', TZ)).toStrictEqual([]);
    expect(timerDecisions(recorded, '2026-10-12T12:00:00+08:00', TZ).map((d) => d.key)).toStrictEqual(['late:escalate']);
  });

  it('omits the community when the request has none', () => {
    const [d] = timerDecisions([{ ...requests[2], community: undefined }], NOW, TZ);
    expect(d).toStrictEqual({ key: 'late:overdue', requestId: 'late', level: 'overdue', audience: 'communityAdmin', message: '工单已超期，请督办' });
  });
});
