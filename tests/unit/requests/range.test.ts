import { slotRange } from '../../../cloudfunctions/lib/requests/range';
import { isTimerTrigger } from '../../../cloudfunctions/lib/platform/cloudbase-entry';

describe('slotRange', () => {
  it.each([
    ['one local day', '2026-10-09', '2026-10-09', '2026-10-08T16:00:00.000Z', '2026-10-09T16:00:00.000Z'],
    ['a week of days, inclusive', '2026-10-12', '2026-10-18', '2026-10-11T16:00:00.000Z', '2026-10-18T16:00:00.000Z'],
    ['instants as given', '2026-10-12T09:30:00+08:00', '2026-10-12T15:00:00Z', '2026-10-12T01:30:00.000Z', '2026-10-12T15:00:00.000Z'],
    ['times without an offset, as Shanghai wall time', '2026-10-12T09:30', '2026-10-12T15:00:30.5', '2026-10-12T01:30:00.000Z', '2026-10-12T07:00:30.500Z'],
    ['exactly 31 days', '2026-10-01', '2026-10-31', '2026-09-30T16:00:00.000Z', '2026-10-31T16:00:00.000Z'],
  ])('%s', (_label, from, to, expectedFrom, expectedTo) => {
    expect(slotRange(from, to)).toEqual({ from: expectedFrom, to: expectedTo });
  });

  it.each([
    ['32 days', '2026-10-01', '2026-11-01'],
    ['an empty window', '2026-10-12T09:00:00Z', '2026-10-12T09:00:00Z'],
    ['to before from', '2026-10-12', '2026-10-11'],
  ])('refuses %s on data.to', (_label, from, to) => {
    expect(() => slotRange(from, to)).toThrow(expect.objectContaining({ code: 'BAD_REQUEST', field: 'data.to' }));
  });
});

describe('the CloudBase timer trigger', () => {
  // The platform's TRIGGER_SRC decides, never the event: anything could send {Type: 'Timer'}.
  it.each([
    ['timer', undefined, true],
    ['timer', 'o-user', false], // a user's call never runs as the timer
    [undefined, undefined, false], // e.g. an HTTP or SDK call sending {Type: 'Timer'}
    ['http', undefined, false],
  ])('TRIGGER_SRC %p with OPENID %p is the timer: %p', (src, openid, expected) => {
    expect(isTimerTrigger(src, openid)).toBe(expected);
  });
});
