import { nextMonth, RowSum, storedSpec, sumGroups, topCells, ValueIds } from '@qgt/shared/domain/metricsRollup';
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

  it('counts no missing value (undefined as well as null)', () => {
    const sum = new RowSum(residents);
    sum.addRows([pair('m1', 'a'), { key: { matterCode: 'm1' }, count: 2, sums: {} }]);
    expect(sum.result()).toEqual([{ key: { matterCode: 'm1' }, count: 3, sums: {}, distinct: { 'resident.openid': 1 } }]);
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

describe('RowSum columns and sums', () => {
  const spec = { by: ['a', 'b', 'c'], sum: ['x', 'y'] };
  const row = (a: string, b: string, c: string, count: number, x: number, y: number) => ({ key: { a, b, c }, count, sums: { x, y } });

  it('round-trips rows with three keys and two sums through stored columns, no distinct column', () => {
    const day1 = new RowSum(spec);
    day1.addRows([row('p', 'q', 'r', 1, 0.1, 2), row('p', 'q', 's', 2, 0.2, 0)]);
    const day2 = new RowSum(spec);
    day2.addRows([row('p', 'q', 'r', 3, 0.2, 1), row('s', 'q', 'r', 1, 1, 1)]);
    const cols = day1.columns();
    expect(cols).toEqual({ k: ['p', 'q', 'r', 'p', 'q', 's'], c: [1, 2], s: [0.1, 2, 0.2, 0] });
    const month = new RowSum(spec);
    month.addColumns(cols);
    month.addColumns(day2.columns());
    month.addColumns(undefined); // a rollup stored before this grouping existed
    expect(month.result()).toEqual([
      { key: { a: 'p', b: 'q', c: 'r' }, count: 4, sums: { x: 0.3, y: 3 } },
      { key: { a: 'p', b: 'q', c: 's' }, count: 2, sums: { x: 0.2, y: 0 } },
      { key: { a: 's', b: 'q', c: 'r' }, count: 1, sums: { x: 1, y: 1 } },
    ]);
    expect(month.columns().s).toEqual([0.3, 3, 0.2, 0, 1, 1]);
  });

  it('keeps rows apart that differ only in a middle key', () => {
    const one = new RowSum(spec);
    one.addRows([row('p', 'q', 'r', 1, 0, 0)]);
    const other = new RowSum(spec);
    other.addRows([row('p', 'z', 'r', 1, 0, 0)]);
    const both = new RowSum(spec);
    both.addColumns(one.columns());
    both.addColumns(other.columns());
    expect(both.result().map((r) => [r.key.b, r.count])).toEqual([['q', 1], ['z', 1]]);
  });

  it('sumGroups skips a rollup that is missing and one without a grouping', () => {
    const sum = sumGroups({ residents });
    sum.add(undefined);
    sum.add({});
    expect(sum.result()).toEqual({ residents: [] });
  });

  it('storedSpec adds only distinct paths to the key', () => {
    expect(storedSpec({ by: ['a'], sum: ['x'] })).toEqual({ by: ['a'], sum: ['x'] });
    expect(storedSpec(residents)).toEqual({ by: ['matterCode', 'resident.openid'], where: residents.where });
  });
});

describe('rollup periods and top cells', () => {
  it('the month after December is January of the next year', () => {
    expect(nextMonth('2026-12')).toBe('2027-01');
    expect(nextMonth('2026-09')).toBe('2026-10');
  });

  it('top cells: most requests first, ties by cell, requests without a cell left out', () => {
    const cell = (c: string | null, count: number) => ({ key: { 'facts.hotCell': c }, count, sums: {} });
    expect(topCells([cell('b', 2), cell(null, 9), cell('c', 5), cell('a', 2), { key: {}, count: 7, sums: {} }], 3)).toEqual(['c', 'a', 'b']);
    expect(topCells([cell('b', 2), cell('c', 5), cell('a', 2)], 2)).toEqual(['c', 'a']);
  });
});
