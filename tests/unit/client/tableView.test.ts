import { routeUrl, readQuery } from '../../../client/src/lib/routes';
import { formatSort, parseSort, readTableView, tableViewQuery } from '../../../client/src/lib/tableView';

describe('a table view in the URL', () => {
  it('sort reads `<column>` as ascending and `-<column>` as descending, and writes them back', () => {
    expect(parseSort('due')).toEqual({ key: 'due', dir: 'asc' });
    expect(parseSort('-due')).toEqual({ key: 'due', dir: 'desc' });
    expect(formatSort({ key: 'due', dir: 'desc' })).toBe('-due');
    expect(formatSort({ key: 'total', dir: 'asc' })).toBe('total');
    expect(formatSort(undefined)).toBeUndefined();
  });

  it('a hand-edited sort is ignored rather than breaking the page', () => {
    for (const bad of ['', '-', '--due', 'due;drop', '<script>', 'a'.repeat(40)]) expect(parseSort(bad)).toBeUndefined();
  });

  it('the filter is kept as typed (bounded like the box); empty parts are left out of the link', () => {
    expect(readTableView({ q: '王 G2', sort: '-total' })).toEqual({ q: '王 G2', sort: { key: 'total', dir: 'desc' } });
    expect(readTableView({ q: 'x'.repeat(100) }).q).toHaveLength(60);
    expect(tableViewQuery({ q: '  ' })).toEqual({ sort: undefined, q: undefined });
  });

  it('round-trips through the typed route: a shared link opens the same view, other filters kept', () => {
    const url = routeUrl('adminRequests', { overdue: '1', ...tableViewQuery({ q: '锦绣 东苑&', sort: { key: 'due', dir: 'desc' } }) });
    expect(url).toBe('/admin/pages/requests/index?overdue=1&sort=-due&q=%E9%94%A6%E7%BB%A3%20%E4%B8%9C%E8%8B%91%26');
    const params = Object.fromEntries(new URLSearchParams(url.split('?')[1]));
    const back = readQuery('adminRequests', params);
    expect(back.overdue).toBe('1');
    expect(readTableView(back)).toEqual({ q: '锦绣 东苑&', sort: { key: 'due', dir: 'desc' } });
  });
});
