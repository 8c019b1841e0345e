import {
  VISIT_FREQUENCIES,
  coveringRange,
  householdDue,
  householdsDue,
  lastVisits,
  monthTally,
  overdueHouseholds,
  periodsIn,
  weekStart,
  weekTally,
  workerTargets,
  type VisitFact,
} from '@qgt/shared/domain/visits';
import { demoVisitData } from '../../../cloudfunctions/lib/seed/demo-visits';

const visit = (date: string, household: string, worker = 'w-1'): VisitFact => ({ worker, date, household });

describe('householdDue', () => {
  it.each([
    // frequency, last visit, today → due date, overdue days
    [VISIT_FREQUENCIES.weekly, '2026-10-01', '2026-10-08', '2026-10-08', 0],
    [VISIT_FREQUENCIES.weekly, '2026-10-01', '2026-10-09', '2026-10-08', 1],
    [VISIT_FREQUENCIES.biweekly, '2026-09-20', '2026-10-09', '2026-10-04', 5],
    [VISIT_FREQUENCIES.monthly, '2026-09-30', '2026-10-09', '2026-10-30', 0],
    [VISIT_FREQUENCIES.monthly, '2026-01-31', '2026-03-03', '2026-03-02', 1], // across February
    [VISIT_FREQUENCIES.weekly, '2026-12-28', '2027-01-05', '2027-01-04', 1], // across the year
    [VISIT_FREQUENCIES.weekly, null, '2026-10-09', '2026-10-09', 0], // never visited: due today, not overdue
  ])('every %i days, last %s, on %s → due %s, %i days overdue', (frequencyDays, last, today, dueDate, overdueDays) => {
    expect(householdDue({ code: 'H', frequencyDays }, last, today)).toEqual({ lastVisit: last, dueDate, overdue: overdueDays > 0, overdueDays });
  });
});

describe('householdsDue / overdueHouseholds', () => {
  const households = [
    { code: 'A', frequencyDays: 7 },
    { code: 'B', frequencyDays: 14 },
    { code: 'C', frequencyDays: 30 },
    { code: 'D', frequencyDays: 7 },
  ];
  const visits = [
    visit('2026-09-20', 'A'),
    visit('2026-09-28', 'A'), // latest of A counts: due 10-05
    visit('2026-09-20', 'B'), // due 10-04
    visit('2026-10-01', 'C'),
    visit('2026-10-20', 'D'), // in the future: ignored, D never visited
    visit('2026-10-08', '3栋502'), // free text, not a key household
  ];

  it('orders the most overdue first, then by due date', () => {
    expect(householdsDue(households, visits, '2026-10-09').map((h) => [h.code, h.lastVisit, h.dueDate, h.overdueDays])).toEqual([
      ['B', '2026-09-20', '2026-10-04', 5],
      ['A', '2026-09-28', '2026-10-05', 4],
      ['D', null, '2026-10-09', 0],
      ['C', '2026-10-01', '2026-10-31', 0],
    ]);
  });

  it('lists only overdue households', () => {
    expect(overdueHouseholds(households, visits, '2026-10-09').map((h) => h.code)).toEqual(['B', 'A']);
    expect(overdueHouseholds(households, visits, '2026-10-04').map((h) => h.code)).toEqual([]);
  });
});

describe('weekStart (Monday-based)', () => {
  it.each([
    ['2026-10-05', '2026-10-05'], // Monday
    ['2026-10-09', '2026-10-05'], // Friday
    ['2026-10-11', '2026-10-05'], // Sunday belongs to the week before
    ['2026-10-12', '2026-10-12'],
    ['2027-01-01', '2026-12-28'], // across the year
  ])('%s → %s', (date, monday) => expect(weekStart(date)).toBe(monday));
});

describe('targets: ≥ 3 days a week, ≥ 50 households a month', () => {
  it.each([
    [['2026-10-05', '2026-10-05', '2026-10-06'], 2, false], // two visits one day count once
    [['2026-10-05', '2026-10-07', '2026-10-11'], 3, true], // Sunday is in the week
    [['2026-10-04', '2026-10-06', '2026-10-12'], 1, false], // the Sunday before and the Monday after are not
  ])('week of 2026-10-05 with visits %j → %i days, met %s', (dates, days, met) => {
    expect(weekTally(dates.map((d, i) => visit(d, `H${i}`)), '2026-10-05')).toEqual({ week: '2026-10-05', days, target: 3, met });
  });

  it('counts distinct households in the month', () => {
    const oct = Array.from({ length: 50 }, (_, i) => visit(`2026-10-${String((i % 28) + 1).padStart(2, '0')}`, `H${i}`));
    const again = [visit('2026-10-30', 'H0'), visit('2026-10-31', ' H1 ')]; // repeat visits (and stray spaces) count once
    const elsewhere = [visit('2026-09-30', 'X'), visit('2026-11-01', 'Y')];
    expect(monthTally([...oct.slice(0, 49), ...again, ...elsewhere], '2026-10')).toEqual({ month: '2026-10', households: 49, target: 50, met: false });
    expect(monthTally([...oct, ...again], '2026-10')).toEqual({ month: '2026-10', households: 50, target: 50, met: true });
  });

  it('covers every week and month touching a range', () => {
    expect(periodsIn('2026-09-30', '2026-10-09')).toEqual({ weeks: ['2026-09-28', '2026-10-05'], months: ['2026-09', '2026-10'] });
    expect(periodsIn('2026-12-30', '2027-01-02')).toEqual({ weeks: ['2026-12-28'], months: ['2026-12', '2027-01'] });
    expect(coveringRange('2026-10-01', '2026-10-09')).toEqual({ start: '2026-09-28', end: '2026-10-31' });
    expect(coveringRange('2026-11-01', '2026-11-30')).toEqual({ start: '2026-10-26', end: '2026-12-06' });
  });

  it('counts a week that starts on the last day, zero-pads the months and starts a mid-month range on the 1st', () => {
    expect(periodsIn('2026-10-01', '2026-10-05').weeks).toEqual(['2026-09-28', '2026-10-05']);
    expect(periodsIn('2026-08-20', '2026-10-05').months).toEqual(['2026-08', '2026-09', '2026-10']);
    expect(coveringRange('2026-10-20', '2026-10-22')).toEqual({ start: '2026-10-01', end: '2026-10-31' });
  });

  it('tallies one worker over a range', () => {
    const visits = [visit('2026-10-05', 'A'), visit('2026-10-06', 'B'), visit('2026-10-08', 'A'), visit('2026-10-13', 'C')];
    expect(workerTargets(visits, '2026-10-05', '2026-10-13')).toEqual({
      weeks: [
        { week: '2026-10-05', days: 3, target: 3, met: true },
        { week: '2026-10-12', days: 1, target: 3, met: false },
      ],
      months: [{ month: '2026-10', households: 3, target: 50, met: false }],
    });
  });
});

describe('demo seed', () => {
  it('leaves exactly 王奶奶 overdue for demo-worker-1 on the seeding day', () => {
    const { households, visits } = demoVisitData('2026-10-09', '2026-10-09T00:00:00.000Z');
    const mine = households.filter((h) => h.worker === 'demo-worker-1');
    expect(overdueHouseholds(mine, visits, '2026-10-09').map((h) => [h.name, h.lastVisit, h.overdueDays])).toEqual([['王奶奶', '2026-09-29', 3]]);
  });
});

describe('lastVisits', () => {
  it('keeps the latest visit up to today per household, in any order, and ignores later dates', () => {
    const visits = [visit('2026-10-05', 'A'), visit('2026-10-03', 'A'), visit('2026-10-09', 'B'), visit('2026-10-10', 'B'), visit('2026-10-12', 'C')];
    expect(Object.fromEntries(lastVisits(visits, '2026-10-09'))).toEqual({ A: '2026-10-05', B: '2026-10-09' });
  });
});
