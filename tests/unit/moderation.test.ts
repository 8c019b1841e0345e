import { findBlockedWord, normalizeForFilter } from '../../shared/src/moderation/keywords';

describe('keyword filter', () => {
  it.each([
    ['代开发票', '代开发票'],
    ['代 开-发·票，联系我', '代开发票'],
    ['ＫＦＥＮ出售：k粉', 'k粉'],
    ['网\u200b络\u200b赌\u200b博', '网络赌博'],
  ])('finds a blocked word in %j despite separators, width and case', (text, word) => {
    expect(findBlockedWord(text)).toBe(word);
  });

  it('passes ordinary community text', () => {
    expect(findBlockedWord('小区路灯不亮，晚上很黑，老人出门不方便')).toBeNull();
    expect(findBlockedWord('申请居住证需要带哪些材料？')).toBeNull();
  });

  it('normalizes full-width letters and digits to half width and drops punctuation', () => {
    expect(normalizeForFilter('ＡＢＣ１２３，。！ a b')).toBe('abc123ab');
  });
});
