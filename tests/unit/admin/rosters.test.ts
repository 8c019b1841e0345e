import { parseRoster, problemText } from '@qgt/shared/admin/rosters';

describe('parseRoster', () => {
  const head = ['姓名', '微信OpenID', '等级', '社区编码', '网格编码', '电话'];

  it('finds columns by header in any order, reads lists and numbers, skips blank lines', () => {
    const { rows, problems } = parseRoster('workers', [head, ['张三', 'w-1', 'A', 'c1', 'G1、G2', 13800000001], [null, '', undefined], ['李四', 'w-2', 'B', 'c1', '', '']]);
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { row: 2, value: { name: '张三', openid: 'w-1', level: 'A', community: 'c1', grids: ['G1', 'G2'], phone: '13800000001' } },
      { row: 4, value: { name: '李四', openid: 'w-2', level: 'B', community: 'c1' } },
    ]);
  });

  it('names row, column and reason; a missing required cell is 必填; a repeated key points at its first row', () => {
    const { problems } = parseRoster('workers', [head, ['', 'w-1', 'A', 'c1', '', '123'], ['王五', 'w-1', 'A', 'c1', '', '']]);
    expect(problems.map(problemText)).toEqual(['第2行「姓名」：必填', '第2行「电话」：电话号码格式不正确']);
    const dup = parseRoster('buildings', [['楼栋编码', '楼栋名称', '网格编码'], ['B1', '一栋', 'G1'], ['B1', '又一栋', 'G1']]);
    expect(dup.problems.map(problemText)).toEqual(['第3行「楼栋编码」：与第2行重复：B1']);
  });

  it('reports a missing required column once, on the header row', () => {
    expect(parseRoster('buildings', [['楼栋编码', '楼栋名称'], ['B1', '一栋']]).problems.map(problemText)).toEqual(['第1行「网格编码」：缺少此列（请使用模板）']);
  });
});
