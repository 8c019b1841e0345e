import { ariaSortOf, filterRows, nextSort, sortRows, tableRows, type ColumnDef } from '../../../client/src/lib/table';

interface Row {
  name: string;
  open?: number;
  grid: string;
}
const rows: Row[] = [
  { name: '王芳', open: 3, grid: 'G2' },
  { name: 'Li Lei', open: 10, grid: 'G10' },
  { name: '张伟', grid: 'G1' },
  { name: '赵敏', open: 3, grid: 'G3' },
];
const columns: ColumnDef<Row>[] = [
  { key: 'name', label: '姓名', text: (r) => r.name },
  { key: 'open', label: '在办', text: (r) => (r.open === undefined ? '' : String(r.open)), sortValue: (r) => r.open },
  { key: 'grid', label: '网格', text: (r) => r.grid },
];
const names = (rs: Row[]) => rs.map((r) => r.name);

describe('console table sorting', () => {
  it('sorts numbers as numbers, keeps equal keys in order and empty values last both ways', () => {
    expect(names(sortRows(rows, columns, { key: 'open', dir: 'asc' }))).toEqual(['王芳', '赵敏', 'Li Lei', '张伟']);
    expect(names(sortRows(rows, columns, { key: 'open', dir: 'desc' }))).toEqual(['Li Lei', '王芳', '赵敏', '张伟']);
  });

  it('sorts text with numbers inside naturally (G2 before G10)', () => {
    expect(sortRows(rows, columns, { key: 'grid', dir: 'asc' }).map((r) => r.grid)).toEqual(['G1', 'G2', 'G3', 'G10']);
  });

  it('leaves the order alone without a sort or with an unknown column, and never mutates the input', () => {
    const copy = [...rows];
    expect(sortRows(rows, columns, undefined)).toEqual(rows);
    expect(sortRows(rows, columns, { key: 'nope', dir: 'desc' })).toEqual(rows);
    sortRows(rows, columns, { key: 'name', dir: 'desc' });
    expect(rows).toEqual(copy);
  });

  it('cycles a header: a new column ascending, the same one flips, with the matching aria-sort', () => {
    const first = nextSort(undefined, 'name');
    expect(first).toEqual({ key: 'name', dir: 'asc' });
    const second = nextSort(first, 'name');
    expect(second).toEqual({ key: 'name', dir: 'desc' });
    expect(nextSort(second, 'grid')).toEqual({ key: 'grid', dir: 'asc' });
    expect(ariaSortOf(first, 'name')).toBe('ascending');
    expect(ariaSortOf(second, 'name')).toBe('descending');
    expect(ariaSortOf(second, 'grid')).toBe('none');
    expect(ariaSortOf(undefined, 'grid')).toBe('none');
  });
});

describe('console table filter', () => {
  it('matches any column, case-insensitively, every word required', () => {
    expect(names(filterRows(rows, columns, 'li'))).toEqual(['Li Lei']);
    expect(names(filterRows(rows, columns, 'g1'))).toEqual(['Li Lei', '张伟']);
    expect(names(filterRows(rows, columns, '王 G2'))).toEqual(['王芳']);
    expect(names(filterRows(rows, columns, '王 G3'))).toEqual([]);
  });

  it('shows everything for an empty or blank query', () => {
    expect(filterRows(rows, columns, '   ')).toEqual(rows);
  });

  it('filters, then sorts', () => {
    expect(names(tableRows(rows, columns, 'g', { key: 'name', dir: 'desc' }))).toHaveLength(4);
    expect(names(tableRows(rows, columns, '3', { key: 'grid', dir: 'desc' }))).toEqual(['赵敏', '王芳']);
  });
});
