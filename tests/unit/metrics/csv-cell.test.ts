import { csvCell } from '../../../cloudfunctions/lib/metrics/csv';

/** CSV cells that a spreadsheet would run as formulas are neutralised with a leading quote. */
describe('csvCell', () => {
  it.each([
    ["-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['+1+1', "'+1+1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['-1.5e3', "'-1.5e3"],
    ['\t=1+1', "'\t=1+1"],
    ['-3-1', "'-3-1"],
  ])('%j → %j', (input, cell) => expect(csvCell(input)).toBe(cell));

  it.each([
    ['-42', '-42'],
    ['7', '7'],
    [-3, '-3'],
    ['路灯不亮', '路灯不亮'],
    ['a,b', '"a,b"'],
    [null, ''],
  ])('leaves %j as %j', (input, cell) => expect(csvCell(input)).toBe(cell));
});
