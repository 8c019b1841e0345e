import { isoWeek } from '../../../shared/src/domain/metrics';
import { weekLabel } from '../../../client/src/lib/time';

/** The dashboard's weekly trend names weeks by their days (issue 16), not `2026-W49`. */
describe('weekLabel', () => {
  it.each([
    ['2026-W49', '11月30日–12月6日'], // Monday 30 Nov 2026 to Sunday 6 Dec: two months
    ['2026-W50', '12月7日–13日'],
    ['2026-W01', '12月29日–1月4日'], // 2026's week 1 starts on Monday 29 Dec 2025
    ['2020-W53', '12月28日–1月3日'], // a 53-week year
    ['其他', '其他'],
  ])('%s → %s', (week, label) => expect(weekLabel(week)).toBe(label));

  it('labels the week each day falls in (as metrics counts it) with that day inside', () => {
    for (const [date, label] of [
      ['2026-12-07', '12月7日–13日'],
      ['2026-12-13', '12月7日–13日'],
      ['2027-01-01', '12月28日–1月3日'],
    ])
      expect(weekLabel(isoWeek(date))).toBe(label);
  });
});
