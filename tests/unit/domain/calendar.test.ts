import fc from 'fast-check';
import { addDays, localDate, localHourMinute, localTime, startOfDate, weekdayOf } from '../../../shared/src/domain/calendar';
import { WEEKDAYS } from '../../../shared/src/domain/community';

/**
 * The calendar computes local dates by arithmetic on a fixed UTC+8; here it is held against Date's
 * own UTC fields shifted by eight hours, over instants from 1992 (China's last daylight saving ended
 * in 1991) to 2100, on whatever time zone the host has.
 */
const TZ = 'Asia/Shanghai';
const EIGHT_HOURS = 8 * 3_600_000;
const instants = fc.integer({ min: Date.UTC(1992, 0, 1), max: Date.UTC(2100, 0, 1) });
const dates = instants.map((t) => new Date(t).toISOString().slice(0, 10));
const shifted = (t: number) => new Date(t + EIGHT_HOURS).toISOString();

describe('calendar arithmetic', () => {
  it('gives the local date and time of an instant, as epoch milliseconds or ISO text', () => {
    fc.assert(
      fc.property(instants, (t) => {
        expect(localDate(t, TZ)).toBe(shifted(t).slice(0, 10));
        expect(localDate(new Date(t).toISOString(), TZ)).toBe(shifted(t).slice(0, 10));
        expect(localHourMinute(t, TZ)).toBe(shifted(t).slice(11, 16));
      }),
    );
  });

  it('adds days across months, leap days and years', () => {
    fc.assert(
      fc.property(dates, fc.integer({ min: -800, max: 800 }), (date, n) => {
        expect(addDays(date, n)).toBe(new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10));
      }),
    );
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2100-02-28', 1)).toBe('2100-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('names the weekday and finds local wall times', () => {
    fc.assert(
      fc.property(dates, fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), (date, h, m) => {
        expect(weekdayOf(date)).toBe(WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()]);
        const hhmm = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
        expect(localTime(date, hhmm, TZ)).toBe(Date.parse(`${date}T${hhmm}:00+08:00`));
      }),
    );
    expect(localTime('2026-11-26', '24:00', TZ)).toBe(startOfDate('2026-11-27', TZ));
  });

  it('refuses a zone without a fixed offset and an instant that is not one', () => {
    expect(() => localDate(0, 'Europe/Berlin')).toThrow('unsupported time zone');
    expect(() => localDate('not a time', TZ)).toThrow(RangeError);
  });
});
