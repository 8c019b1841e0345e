import { dateLabel, dateRangeLabel, dateTimeLabel, dayLabel, dueLabel, localDateAfter, localDateKey, relativeDayLabel, slotLabel, timeLabel, whenLabel } from '../../../client/src/lib/time';

// Monday 7 December 2026, 10:00 in China (02:00 UTC).
const NOW = '2026-12-07T02:00:00.000Z';

describe('the date formatter (community time, UTC+8)', () => {
  it('writes dates without the year inside the current year, with it outside', () => {
    expect(dateLabel('2026-12-07T02:00:00.000Z', NOW)).toBe('12月7日');
    expect(dateLabel('2026-01-01', NOW)).toBe('1月1日');
    expect(dateLabel('2025-12-31T15:59:00.000Z', NOW)).toBe('2025年12月31日'); // 23:59 local
    expect(dateLabel('2025-12-31T16:00:00.000Z', NOW)).toBe('1月1日'); // already 1 January in China
    expect(dateLabel('2027-01-06', NOW)).toBe('2027年1月6日');
    expect(dateLabel('not a date', NOW)).toBe('');
  });

  it('takes the local day, not the UTC one', () => {
    expect(localDateKey('2026-12-06T16:30:00.000Z')).toBe('2026-12-07');
    expect(localDateKey('2026-12-06T15:59:59.000Z')).toBe('2026-12-06');
    expect(localDateKey('2026-12-07')).toBe('2026-12-07');
    expect(timeLabel('2026-12-06T16:30:00.000Z')).toBe('00:30');
    expect(localDateAfter(0, NOW)).toBe('2026-12-07');
    expect(localDateAfter(2, NOW)).toBe('2026-12-09');
    expect(localDateAfter(25, NOW)).toBe('2027-01-01');
  });

  it('says when things happened relative to today, then the fixed form', () => {
    expect(whenLabel('2026-12-07T06:00:00.000Z', NOW)).toBe('今天 14:00');
    expect(whenLabel('2026-12-06T16:05:00.000Z', NOW)).toBe('今天 00:05');
    expect(whenLabel('2026-12-06T15:55:00.000Z', NOW)).toBe('昨天 23:55');
    expect(whenLabel('2026-12-08T01:00:00.000Z', NOW)).toBe('明天 09:00');
    expect(whenLabel('2026-12-04T02:00:00.000Z', NOW)).toBe('3天前');
    expect(whenLabel('2026-12-01T02:00:00.000Z', NOW)).toBe('6天前');
    expect(whenLabel('2026-11-30T02:00:00.000Z', NOW)).toBe('11月30日 10:00');
    expect(whenLabel('2026-12-10T02:00:00.000Z', NOW)).toBe('12月10日 10:00');
    expect(whenLabel('2025-12-30T02:00:00.000Z', NOW)).toBe('2025年12月30日 10:00');
    expect(dateTimeLabel('2026-12-07T06:00:00.000Z', NOW)).toBe('12月7日 14:00');
  });

  it('names slot days by weekday, today and tomorrow first', () => {
    expect(dayLabel('2026-12-08T01:00:00.000Z', NOW)).toBe('12月8日 周二');
    expect(relativeDayLabel('2026-12-07T07:00:00.000Z', NOW)).toBe('今天 12月7日 周一');
    expect(relativeDayLabel('2026-12-08T01:00:00.000Z', NOW)).toBe('明天 12月8日 周二');
    expect(relativeDayLabel('2026-12-09T01:00:00.000Z', NOW)).toBe('12月9日 周三');
    expect(slotLabel('2026-12-08T01:00:00.000Z', '2026-12-08T02:00:00.000Z', NOW)).toBe('12月8日 周二 09:00–10:00');
  });

  it('writes a deadline at local midnight as 24:00 of the day before', () => {
    expect(dueLabel('2026-12-09T16:00:00.000Z', NOW)).toBe('12月9日 24:00 前'); // midnight of 10 Dec, local
    expect(dueLabel('2026-12-08T16:00:00.000Z', NOW)).toBe('明天 24:00 前');
    expect(dueLabel('2026-12-07T16:00:00.000Z', NOW)).toBe('今天 24:00 前');
    expect(dueLabel('2026-12-08T10:00:00.000Z', NOW)).toBe('明天 18:00 前');
    expect(dueLabel('2026-12-08T10:00:00.000Z', NOW, true)).toBe('12月8日 18:00 前');
    expect(dueLabel('2027-01-06T16:00:00.000Z', NOW)).toBe('2027年1月6日 24:00 前');
    expect(dueLabel('2026-12-31T16:00:00.000Z', NOW)).toBe('12月31日 24:00 前'); // still this year
  });

  it('writes a period of days', () => {
    expect(dateRangeLabel('2026-11-01', '2026-11-24', NOW)).toBe('11月1日 至 11月24日');
    expect(dateRangeLabel('2025-12-01', '2026-01-31', NOW)).toBe('2025年12月1日 至 1月31日');
    expect(dateRangeLabel('2026-11-01', undefined, NOW)).toBe('11月1日 至 今');
  });
});
