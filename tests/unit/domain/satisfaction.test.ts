import { autoCloseCutoff, deriveOutcome, judgeRating, RATING_OUTCOME_LABELS, shouldAutoClose } from '@qgt/shared/domain/satisfaction';

describe('rating rules', () => {
  it.each([
    // score, outcome given → outcome, satisfied, reopen
    [5, undefined, 'resolved', true, false],
    [4, undefined, 'resolved', true, false],
    [3, undefined, 'partial', false, false],
    [2, undefined, 'unresolved', false, true],
    [1, undefined, 'unresolved', false, true],
    [5, 'partial', 'partial', true, false],
    [4, 'unresolved', 'unresolved', true, true],
    [3, 'resolved', 'resolved', false, false],
    [2, 'resolved', 'resolved', false, true],
    [1, 'partial', 'partial', false, true],
  ] as const)('score %i, outcome %s → %s (satisfied %s, reopen %s)', (score, outcome, expected, satisfied, reopen) => {
    expect(judgeRating({ score, ...(outcome && { outcome }) })).toEqual({ outcome: expected, satisfied, reopen });
  });

  it.each([
    [5, 'resolved'],
    [4, 'resolved'],
    [3, 'partial'],
    [2, 'unresolved'],
    [1, 'unresolved'],
  ] as const)('score %i alone stands for %s', (score, outcome) => expect(deriveOutcome(score)).toBe(outcome));
});

describe('auto-close of unrated requests', () => {
  const RESOLVED = '2026-10-09T02:00:00.000Z';
  it.each([
    // request, now → close?
    [{ status: 'resolved', resolvedAt: RESOLVED }, '2026-10-16T01:59:59.999Z', false],
    [{ status: 'resolved', resolvedAt: RESOLVED }, '2026-10-16T02:00:00.000Z', true],
    [{ status: 'resolved', resolvedAt: RESOLVED }, '2026-10-16T10:00:00+08:00', true],
    [{ status: 'resolved', resolvedAt: RESOLVED }, '2026-11-30T00:00:00.000Z', true],
    [{ status: 'resolved', resolvedAt: RESOLVED, rating: { score: 3 } }, '2026-11-30T00:00:00.000Z', false],
    [{ status: 'closed', resolvedAt: RESOLVED }, '2026-11-30T00:00:00.000Z', false],
    [{ status: 'accepted' }, '2026-11-30T00:00:00.000Z', false],
    [{ status: 'resolved' }, '2026-11-30T00:00:00.000Z', false],
  ])('%j at %s → %s', (request, now, close) => expect(shouldAutoClose(request, now)).toBe(close));

  it('the store cutoff is 7 × 24 h before now', () => {
    expect(autoCloseCutoff('2026-10-16T10:00:00+08:00')).toBe('2026-10-09T02:00:00.000Z');
  });
});

describe('outcome labels', () => {
  it('name each answer to 问题解决了吗 as residents read it', () => {
    expect(RATING_OUTCOME_LABELS).toStrictEqual({ resolved: '已解决', partial: '部分解决', unresolved: '未解决' });
  });
});
