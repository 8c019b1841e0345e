import { buildSearchIndex, searchField } from '@qgt/shared/search/build';
import { search } from '@qgt/shared/search/match';
import { normalize } from '@qgt/shared/search/normalize';
import { miniCatalog } from '../fixtures/mini-catalog';

// Built before each test (not once at load), so a mutant of the index code is active when the test runs.
let index: ReturnType<typeof buildSearchIndex>;
beforeEach(() => {
  index = buildSearchIndex(miniCatalog);
});
const top = (q: string) => search(index, q)[0]?.code;
const codes = (q: string) => search(index, q).map((h) => h.code);

describe('search keys built from pinyin', () => {
  it('stores full pinyin, syllable starts and initials', () => {
    expect(searchField('退休验证', 1)).toEqual({ text: '退休验证', weight: 1, py: 'tuixiuyanzheng', starts: [0, 3, 6, 9], initials: 'txyz' });
  });

  it('uses v for ü so residents can type lv / nv', () => {
    expect(searchField('女', 1).py).toBe('nv');
  });

  it('keeps the catalog version', () => {
    expect(index.version).toBe('2026.1.0');
  });
});

describe('search', () => {
  it.each([
    ['养老保险待遇资格认证', 'pension-certification'], // exact title
    ['退休验证', 'pension-certification'], // alias
    ['低保', 'dibao'],
    ['tuixiuyanzheng', 'pension-certification'], // full pinyin of an alias
    ['tuixiu', 'pension-certification'], // pinyin prefix
    ['yanzheng', 'pension-certification'], // pinyin from a later syllable
    ['txyz', 'pension-certification'], // initials
    ['db', 'dibao'],
    ['DiBao', 'dibao'], // case
    ['  居住证  ', 'residence-permit'], // whitespace
    ['暂住证', 'residence-permit'], // old colloquial name
    ['ydjyba', 'medical-remote-filing'],
    ['12333', 'pension-certification'], // digits match as text
  ])('%s → %s', (q, code) => {
    expect(top(q)).toBe(code);
  });

  it('finds matters from colloquial phrases', () => {
    expect(top('我家小孩刚出生怎么上医保')).toBe('newborn-insurance');
    expect(top('去外地看病怎么报销')).toBe('medical-remote-filing');
    expect(top('老人每年养老金认证在哪里办')).toBe('pension-certification');
  });

  it('ranks an exact alias above a partial match', () => {
    const hits = search(index, '医保');
    expect(hits.length).toBeGreaterThanOrEqual(2);
    const scores = hits.map((h) => h.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('matches the category name with a lower weight than a title', () => {
    const hits = search(index, '民政救助');
    expect(hits[0].code).toBe('dibao');
    expect(hits[0].score).toBeLessThan(search(index, '最低生活保障')[0].score);
  });

  it('returns nothing for filler-only or unrelated queries', () => {
    expect(codes('怎么办理')).toEqual([]);
    expect(codes('火星签证')).toEqual([]);
    expect(codes('zzzz')).toEqual([]);
    expect(codes('')).toEqual([]);
    expect(codes('，。！')).toEqual([]);
  });

  it('matches initials inside a word only from three letters on', () => {
    expect(codes('xy')).not.toContain('pension-certification'); // t[xy]z: too weak a signal
    expect(codes('xyz')).toContain('pension-certification');
  });

  it('honours the limit', () => {
    expect(search(index, '证', 2)).toHaveLength(2);
  });
});

describe('normalize', () => {
  it('folds full-width letters, case and punctuation', () => {
    expect(normalize('ＤＩ　ｂａｏ！')).toBe('dibao');
    expect(normalize('低保？')).toBe('低保');
  });
});
