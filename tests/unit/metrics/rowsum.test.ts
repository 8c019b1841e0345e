import { RowSum, storedSpec, sumGroups, ValueIds } from '@qgt/shared/domain/metricsRollup';
import { WALKIN_GROUPINGS, VISIT_GROUPINGS } from '@qgt/shared/domain/metrics';

/**
 * RowSum's distinct counts: a union over rollups, whichever way the values arrive (rows as the
 * store groups `storedSpec`, stored columns, columns interned with this or another table).
 */

const residents = WALKIN_GROUPINGS.residents;
const pair = (matterCode: string, openid: string | null, count = 1) => ({ key: { matterCode, 'resident.openid': openid }, count, sums: {} });

describe('RowSum distinct counts', () => {
  it('counts a value met in several rollups once, and null not at all', () => {
    const march = new RowSum(residents);
    march.addRows([pair('m1', 'a'), pair('m1', 'b', 2), pair('m2', 'a')]);
    const may = new RowSum(residents);
    may.addRows([pair('m1', 'a', 3), pair('m1', null)]);
    const year = new RowSum(residents);
    year.addColumns(march.columns());
    year.addColumns(may.columns());
    expect(year.result()).toEqual([
      { key: { matterCode: 'm1' }, count: 7, sums: {}, distinct: { 'resident.openid': 2 } },
      { key: { matterCode: 'm2' }, count: 1, sums: {}, distinct: { 'resident.openid': 1 } },
    ]);
  });

  it('stores each row’s distinct values once', () => {
    const sum = new RowSum(residents);
    sum.addRows([pair('m1', 'a'), pair('m1', 'a'), pair('m1', 'b')]);
    expect(sum.columns()).toEqual({ k: ['m1'], c: [3], s: [], d: [['a', 'b']] });
  });

  it('reads columns interned with its own table by id, and with another table by value', () => {
    const mine = new ValueIds();
    const other = new ValueIds();
    other.id('zzz'); // the other table's ids differ from mine
    const built = new RowSum(residents);
    built.addRows([pair('m1', 'a'), pair('m1', 'b')]);
    const stored = { residents: built.columns() };
    const sum = sumGroups({ residents }, mine);
    sum.add(mine.intern(stored));
    sum.add(other.intern({ residents: { k: ['m1'], c: [2], s: [], d: [['b', 'c']] } }));
    expect(sum.result().residents).toEqual([{ key: { matterCode: 'm1' }, count: 4, sums: {}, distinct: { 'resident.openid': 3 } }]);
  });

  it('keeps two distinct paths apart (grid visits: days out and households)', () => {
    const spec = VISIT_GROUPINGS.byWorker;
    expect(storedSpec(spec).by).toEqual(['worker', 'date', 'household']);
    const sum = new RowSum(spec);
    sum.addRows([
      { key: { worker: 'w1', date: '2026-03-02', household: 'h1' }, count: 1, sums: {} },
      { key: { worker: 'w1', date: '2026-03-02', household: 'h2' }, count: 1, sums: {} },
      { key: { worker: 'w1', date: '2026-03-03', household: 'h1' }, count: 2, sums: {} },
    ]);
    expect(sum.result()).toEqual([{ key: { worker: 'w1' }, count: 4, sums: {}, distinct: { date: 2, household: 2 } }]);
  });
});
