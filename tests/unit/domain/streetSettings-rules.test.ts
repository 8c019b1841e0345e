import { chinaCalendar } from '@qgt/shared/domain/calendar';
import { calendarOf, FeaturesSchema, HolidayAdjustmentsSchema, open311Enabled, open311Withheld } from '@qgt/shared/domain/streetSettings';

/** The date rule of 调休 settings, when a 街道 keeps the official calendar, and the Open311 switches' defaults. */

const dateIssues = (holidays: unknown[]) => {
  const r = HolidayAdjustmentsSchema.safeParse({ holidays });
  return r.success ? [] : r.error.issues.map((i) => [i.path, i.message]);
};

describe('调休 dates', () => {
  it('accepts real dates, leap days included', () => {
    expect(HolidayAdjustmentsSchema.parse({ holidays: ['2028-02-29', '2000-02-29', '2026-12-31'] })).toStrictEqual({
      holidays: ['2028-02-29', '2000-02-29', '2026-12-31'],
      workdays: [],
    });
  });

  it('refuses dates that do not exist or are not written YYYY-MM-DD, naming each', () => {
    const bad = '日期应为有效的 YYYY-MM-DD';
    expect(dateIssues(['2026-02-30', '2026-02-29', '2100-02-29', '2026-13-01', '2026-04-31', '2026-01-00'])).toStrictEqual([
      [['holidays', 0], bad],
      [['holidays', 1], bad],
      [['holidays', 2], bad],
      [['holidays', 3], bad],
      [['holidays', 4], bad],
      [['holidays', 5], bad],
    ]);
    expect(dateIssues(['2026/10/01', '2026-1-01', '20261001', ' 2026-10-01'])).toStrictEqual([
      [['holidays', 0], bad],
      [['holidays', 1], bad],
      [['holidays', 2], bad],
      [['holidays', 3], bad],
    ]);
  });

  it('refuses a year before 100 (Date.UTC would read 0026 as 1926)', () => {
    expect(dateIssues(['0026-01-01'])).toStrictEqual([[['holidays', 0], '日期应为有效的 YYYY-MM-DD']]);
  });

  it('names the date that is both a day off and a workday', () => {
    const r = HolidayAdjustmentsSchema.safeParse({ holidays: ['2026-10-12', '2026-10-13'], workdays: ['2026-10-11', '2026-10-13'] });
    expect(r.success ? [] : r.error.issues.map((i) => [i.code, i.path, i.message])).toStrictEqual([['custom', ['workdays', 1], '2026-10-13 不能既是放假日又是调休上班日']]);
  });
});

describe('calendarOf', () => {
  it('is the official calendar without a 街道, without adjustments, or with empty ones', () => {
    expect(calendarOf(undefined)).toBe(chinaCalendar);
    expect(calendarOf({})).toBe(chinaCalendar);
    expect(calendarOf({ holidayAdjustments: { holidays: [], workdays: [] } })).toBe(chinaCalendar);
  });

  it('applies holidays alone, or workdays alone', () => {
    const off = calendarOf({ holidayAdjustments: { holidays: ['2026-10-12'], workdays: [] } });
    expect([off === chinaCalendar, chinaCalendar.isWorkday('2026-10-12'), off.isWorkday('2026-10-12')]).toStrictEqual([false, true, false]);
    const on = calendarOf({ holidayAdjustments: { holidays: [], workdays: ['2026-10-18'] } });
    expect([on === chinaCalendar, chinaCalendar.isWorkday('2026-10-18'), on.isWorkday('2026-10-18')]).toStrictEqual([false, false, true]);
  });
});

describe('Open311 switches', () => {
  it('default to on and to everything when the 街道 or its features say nothing', () => {
    expect([open311Enabled(undefined), open311Enabled({}), open311Enabled({ features: {} })]).toStrictEqual([true, true, true]);
    expect([open311Withheld(undefined, ['a']), open311Withheld({ features: {} }, ['a'])]).toStrictEqual([[], []]);
  });

  it('read `enabled` (true by default in the file) and the allow-list', () => {
    const features = FeaturesSchema.parse({ open311: { categories: ['shizheng'] } });
    expect(features).toStrictEqual({ open311: { enabled: true, categories: ['shizheng'] } });
    expect(open311Enabled({ features })).toBe(true);
    expect(open311Enabled({ features: { open311: { enabled: false } } })).toBe(false);
    expect(open311Withheld({ features }, ['shizheng', 'huanjing'])).toStrictEqual(['huanjing']);
    expect(open311Withheld({ features: { open311: { enabled: true, categories: [] } } }, ['shizheng', 'huanjing'])).toStrictEqual(['shizheng', 'huanjing']);
  });
});
