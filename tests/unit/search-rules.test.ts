/**
 * Exact expectations on the search rules (scores, ranks, index fields, normalisation), so a changed
 * weight, threshold or branch shows (issue 22, `npm run mutation`). The ranking quality on the real
 * catalog is measured by search-eval.test.ts; here small hand-made indexes make every number traceable
 * to the rule in shared/src/search/match.ts that produces it. Indexes are built in each test (or
 * beforeEach), never at load: Stryker runs a mutant only with the tests that executed it.
 */
import type { Catalog } from '@qgt/shared/catalog/schema';
import { FIELD_WEIGHTS, buildSearchIndex, searchField, syllablesOf } from '@qgt/shared/search/build';
import { search, searchAll } from '@qgt/shared/search/match';
import { fuzzySyllable, hasHan, isPinyinQuery, normalize } from '@qgt/shared/search/normalize';
import type { SearchEntry, SearchField, SearchIndex } from '@qgt/shared/search/types';
import { testMatter } from '../fixtures/mini-catalog';

const ln = Math.log;
const round1 = (x: number) => Math.round(x * 10) / 10;
/** A text-only field (no pinyin), as an index built elsewhere could carry. */
const textField = (text: string, weight: number): SearchField => ({ text, weight, py: '', starts: [0], initials: '' });
const entry = (code: string, title: string, fields: SearchField[]): SearchEntry => ({ code, title, category: 'c', fields });
const manual = (entries: SearchEntry[]): SearchIndex => ({ version: 't', entries });
const scored = (index: SearchIndex, q: string) => search(index, q).map((h) => [h.code, h.score]);

/**
 * buildSearchIndex from a fresh copy of its module: the traditional pairs and the common readings are
 * computed once per process, so only a test that computes them itself shows a change in them.
 */
function freshBuild(): typeof buildSearchIndex {
  let build!: typeof buildSearchIndex;
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    build = require('@qgt/shared/search/build').buildSearchIndex;
  });
  return build;
}

type Mini = Pick<Catalog, 'version' | 'categories' | 'matters' | 'places' | 'synonyms'>;
const catalog = (matters: [code: string, title: string, aliases?: string[], category?: string][], extra: Partial<Mini> = {}): Mini => ({
  version: 'r',
  categories: [{ code: 'yl', name: '医疗', icon: '', order: 1 }],
  matters: matters.map(([code, title, aliases = [], category = 'none']) => testMatter({ code, title, category, aliases, summary: '' })),
  ...extra,
});

describe('normalize.ts', () => {
  it('tells Han text from the rest, compatibility ideographs included', () => {
    expect([hasHan('abc12'), hasHan('a低'), hasHan('\u3400'), hasHan('\u9fff'), hasHan('\uf900'), hasHan('\u33ff')]).toEqual([false, true, true, true, true, false]);
  });

  it('lower-cases, maps ü to v and drops whitespace, punctuation and symbols', () => {
    expect(normalize('绿色 LÜ')).toBe('绿色lv');
    expect(normalize('a b\tc')).toBe('abc');
    expect(normalize('低保，（办）')).toBe('低保办');
    expect(normalize('a+b=¥c')).toBe('abc');
    expect(normalize('Ａ１')).toBe('a1');
  });

  it('treats only whole latin words as pinyin queries', () => {
    expect(['dibao', 'db1', '1db', '低bao', '', 'a'].map(isPinyinQuery)).toEqual([true, false, false, false, false, true]);
  });

  it('folds the initials and finals south-western typing blurs, only at the ends of a syllable', () => {
    expect(['zhi', 'chi', 'shi', 'nv', 'ning', 'ng', 'hu', 'heng', 'bing', 'beng', 'ai'].map(fuzzySyllable)).toEqual([
      'zi', 'ci', 'si', 'lv', 'lin', 'ng', 'fu', 'fen', 'bin', 'ben', 'ai',
    ]);
    // Anchored: an inner zh / n / h and an inner ing / eng are left alone.
    expect(['azhi', 'ana', 'aha', 'ingo', 'engo'].map(fuzzySyllable)).toEqual(['azhi', 'ana', 'aha', 'ingo', 'engo']);
  });
});

describe('build.ts: index fields', () => {
  it('weights titles, aliases, category names and summaries', () => {
    expect(FIELD_WEIGHTS).toEqual({ title: 1, alias: 0.95, category: 0.5, summary: 0.35 });
  });

  it('keeps digits as their own syllable in mixed text', () => {
    expect(searchField('12333认证', 1)).toEqual({ text: '12333认证', weight: 1, py: '12333renzheng', starts: [0, 5, 8], initials: '1rz' });
  });

  it('gives latin text its letters as pinyin, and text-only fields no pinyin', () => {
    expect(searchField('ABC 12', 0.5)).toEqual({ text: 'abc12', weight: 0.5, py: 'abc', starts: [0], initials: '' });
    expect(searchField('ABC 12', 0.5, false)).toEqual({ text: 'abc12', weight: 0.5, py: '', starts: [0], initials: '' });
    expect(searchField('低保', 0.35, false)).toEqual({ text: '低保', weight: 0.35, py: '', starts: [0], initials: '' });
  });

  it('skips a character pinyin-pro has no reading for', () => {
    expect(searchField('低㐀保', 1)).toEqual({ text: '低㐀保', weight: 1, py: 'dibao', starts: [0, 2], initials: 'db' });
  });

  it('splits pinyin back into syllables', () => {
    expect(syllablesOf({ py: 'tuixiuyanzheng', starts: [0, 3, 6, 9] })).toEqual(['tui', 'xiu', 'yan', 'zheng']);
    expect(syllablesOf({ py: '', starts: [0] })).toEqual([]);
  });

  it('indexes a matter by title, aliases and category name, leaving out empty fields', () => {
    const index = buildSearchIndex(catalog([['a', '低保', ['吃低保'], 'yl'], ['b', '坐月子']]));
    expect(index.version).toBe('r');
    expect(index.entries).toEqual([
      {
        code: 'a',
        title: '低保',
        category: 'yl',
        fields: [
          { text: '低保', weight: 1, py: 'dibao', starts: [0, 2], initials: 'db' },
          { text: '吃低保', weight: 0.95, py: 'chidibao', starts: [0, 3, 5], initials: 'cdb' },
          { text: '医疗', weight: 0.5, py: 'yiliao', starts: [0, 2], initials: 'yl' },
        ],
      },
      // Unknown category and empty summary: no field for either.
      { code: 'b', title: '坐月子', category: 'none', fields: [{ text: '坐月子', weight: 1, py: 'zuoyuezi', starts: [0, 3, 6], initials: 'zyz' }] },
    ]);
    expect('places' in index).toBe(false);
    expect('synonyms' in index).toBe(false);
  });

  it('matches a summary as text only', () => {
    const c = catalog([]);
    c.matters = [testMatter({ code: 'a', title: '低保', category: 'none', aliases: [], summary: '每月发放' })];
    expect(buildSearchIndex(c).entries[0].fields[1]).toEqual({ text: '每月发放', weight: 0.35, py: '', starts: [0], initials: '' });
  });

  it('indexes places with their optional facts and synonyms as normalised pairs', () => {
    const index = buildSearchIndex(
      catalog([['a', '失业登记']], {
        places: [
          { code: 'p1', type: 'report', title: '燃气泄漏', category: 'gas', urgent: true, emergency: { name: '燃气抢修', phone: '96777' }, note: '先开窗', keywords: ['煤气味'] },
          { code: 'p2', type: 'where', title: '护照', office: '出入境', urgent: false, keywords: ['办护照'] },
        ],
        synonyms: [{ word: '失业', variants: ['裁 员', '丢工作'] }],
      }),
    );
    expect(index.places).toEqual([
      {
        code: 'p1',
        title: '燃气泄漏',
        category: 'gas',
        type: 'report',
        note: '先开窗',
        urgent: true,
        emergency: { name: '燃气抢修', phone: '96777' },
        fields: [searchField('燃气泄漏', 1), searchField('煤气味', 0.95)],
      },
      { code: 'p2', title: '护照', category: '', type: 'where', office: '出入境', fields: [searchField('护照', 1), searchField('办护照', 0.95)] },
    ]);
    expect(index.synonyms).toEqual([
      ['裁员', '失业'],
      ['丢工作', '失业'],
    ]);
  });

  it('carries the traditional forms of exactly the characters the index (and its synonyms) holds', () => {
    const index = freshBuild()(catalog([['a', '医疗']], { synonyms: [{ word: '业', variants: ['员'] }] }));
    // Pairs of (traditional, simplified), in code-point order of the traditional character.
    expect(index.fold).toBe('員员業业療疗醫医');
  });

  it('lists the common characters read like each syllable the index has, fuzzy variants included', () => {
    const build = freshBuild();
    const sounds = build(catalog([['a', '坐保']])).sounds!;
    expect(Object.keys(sounds).sort()).toEqual(['bao', 'zhuo', 'zuo']);
    // First and last characters of GB2312 level 1 rows (B0A1 啊 … B0FE 剥, B1A1 薄, D7F9 座).
    expect(sounds.bao).toBe('苞胞包褒剥薄雹保堡饱宝抱报暴豹鲍爆刨炮曝瀑');
    expect(sounds.zuo).toBe('撮琢昨左佐柞做作坐座');
    expect(sounds.zhuo).toBe('缴淖著捉拙卓桌琢茁酌啄着灼浊');
    const vowels = build(catalog([['a', '阿姨', ['ma']], ['b', '天鹅']])).sounds!;
    expect(vowels.a).toContain('啊');
    // Only Han characters, and only for syllables read from Han text (the latin alias ma is none).
    expect(Object.values(vowels).join('')).toMatch(/^[\u4e00-\u9fff]+$/);
    expect(vowels.ma).toBeUndefined();
  });
});

describe('match.ts: direct text matches', () => {
  let index: SearchIndex;
  beforeEach(() => (index = manual([
    entry('n', '一二三', [textField('12333', 1)]),
    entry('m', '四', [textField('912333', 0.35)]),
    entry('low', '五', [textField('87777', 0.19), textField('97777', 0.21)]),
  ])));

  it('scores exact 100, prefix 90 and substring 75, times the field weight', () => {
    expect(scored(index, '12333')).toEqual([
      ['n', 100],
      ['m', round1(75 * 0.35)],
    ]);
    expect(scored(index, '1233')).toEqual([
      ['n', 90],
      ['m', round1(75 * 0.35)],
    ]);
    expect(scored(index, '233')).toEqual([
      ['n', 75],
      ['m', round1(75 * 0.35)],
    ]);
    expect(scored(index, '912333')).toEqual([['m', 35]]);
    expect(scored(index, '9123')).toEqual([['m', round1(90 * 0.35)]]);
  });

  it('drops hits below 15 and adds 5 % of each further matching field', () => {
    // 97777: prefix 90 × 0.21 = 18.9 plus 5 % of the other field's 75 × 0.19 (alone below 15).
    expect(scored(index, '97777')).toEqual([['low', round1(100 * 0.21)]]);
    expect(scored(index, '777')).toEqual([['low', round1(75 * 0.21 + 0.05 * 75 * 0.19)]]);
    expect(scored(index, '8777')).toEqual([['low', round1(90 * 0.19)]]);
  });

  it('drops a lone hit below 15', () => {
    expect(scored(manual([entry('x', 'x', [textField('87777', 0.19)])]), '777')).toEqual([]);
  });

  it('caps the bonus of further matching fields at 10', () => {
    const two = manual([entry('x', 'x', [textField('12333', 1), textField('12333认证', 0.95)])]);
    expect(scored(two, '12333')).toEqual([['x', round1(100 + 0.05 * 90 * 0.95)]]);
    const many = manual([entry('x', 'x', [1, 2, 3, 4, 5].map(() => textField('12333', 1)))]);
    expect(scored(many, '12333')).toEqual([['x', 110]]);
  });

  it('breaks ties by the shorter title, then by code', () => {
    const tie = manual([
      entry('d', '长标题长', [textField('12333', 1)]),
      entry('c', '短', [textField('12333', 1)]),
      entry('b', '中等', [textField('12333', 1)]),
      entry('a', '中等', [textField('12333', 1)]),
    ]);
    expect(search(tie, '12333').map((h) => h.code)).toEqual(['c', 'a', 'b', 'd']);
    expect(search(tie, '12333', 2).map((h) => h.code)).toEqual(['c', 'a']);
  });

  it('returns code, title, category and the score to one decimal', () => {
    expect(search(index, '12333')[1]).toEqual({ code: 'm', title: '四', category: 'c', score: 26.3 });
  });

  it('finds nothing for an empty or filler-only query', () => {
    expect(searchAll(index, ' ， ')).toEqual({ results: [], answers: [] });
    expect(searchAll(index, '我想办个')).toEqual({ results: [], answers: [] });
  });
});

describe('match.ts: pinyin', () => {
  let index: SearchIndex;
  beforeEach(() => (index = manual([entry('p', '退休验证', [searchField('退休验证', 1)]), entry('x', '先安安', [searchField('先安安', 1)])])));

  it.each([
    ['tuixiuyanzheng', 95], // whole pinyin
    ['txyz', 90], // initials
    ['tuixiu', 85], // pinyin prefix
    ['tu', 85], // from two letters on
    ['tx', 80], // initials prefix
    ['yanzheng', 70], // from a later syllable's start
    ['xiu', 70],
    ['xyz', 60], // initials inside, from three letters on
  ])('%s scores %d', (q, score) => {
    expect(scored(index, q)).toEqual([['p', score]]);
  });

  it('ignores one letter, two inner initials and pinyin starting inside a syllable', () => {
    expect(scored(index, 't')).toEqual([]);
    expect(scored(index, 'xy')).toEqual([]);
    expect(scored(index, 'uix')).toEqual([]);
    expect(scored(index, 'an')).toEqual([]); // a later syllable only from three letters on
  });

  it('looks past an occurrence inside a syllable for one at a syllable start', () => {
    // xian|an|an: "ana" first occurs at 2 (inside xian), then at 4 (the start of the second an).
    expect(scored(index, 'ana')).toEqual([['x', 70]]);
  });
});

describe('match.ts: colloquial phrases by rare shared bigrams', () => {
  it('scores 20 + 25 × field coverage + 30 × query coverage', () => {
    const index = manual([entry('a', '异地就医备案', [textField('异地就医备案', 1)]), entry('b', '居住证', [textField('居住证', 1)])]);
    // 就医 医备 备案 known (ln 3 each); 案怎 么办 unknown (ln 3 / 2 each); 怎么 is filler.
    const w = ln(3);
    expect(scored(index, '就医备案怎么办')).toEqual([['a', round1(20 + (25 * 3) / 5 + (30 * 3 * w) / (3 * w + w))]]);
  });

  it('counts broad words (老人, 补贴) for 0.35', () => {
    const index = manual([entry('a', '高龄老人补贴', [textField('高龄老人补贴', 1)]), entry('b', '居住证', [textField('居住证', 1)])]);
    const field = 1 + 1 + 0.35 + 1 + 0.35; // 高龄 龄老 老人 人补 补贴
    const matched = 0.35 + 1 + 0.35; // 老人 人补 补贴
    const query = matched + 0.5; // and the unknown 贴申 (申请 is filler)
    expect(scored(index, '老人补贴申请')).toEqual([['a', round1(20 + (25 * matched) / field + (30 * matched) / query)]]);
  });

  it('counts a bigram once per matter for its rarity, however many fields hold it', () => {
    const index = manual([entry('a', '甲', [textField('异地就医', 1), textField('就医备案', 0.95)]), entry('b', '乙', [textField('居住证', 1)])]);
    // 就医: prefix of the alias (90 × 0.95); the title holds it (75); both phrase scores add 5 % each.
    // 就医 has df 1 (one matter of two), as rare as each field's other two bigrams: it covers a third of each.
    const phrase = 20 + 25 / 3 + 30;
    const hits = search(index, '就医');
    expect(hits.map((h) => h.code)).toEqual(['a']);
    expect(hits[0].score).toBe(round1(90 * 0.95 + 0.05 * (75 + phrase + phrase * 0.95)));
  });
});

describe('match.ts: sound, traditional characters and mixed pinyin', () => {
  let index: SearchIndex;
  beforeEach(() => (index = buildSearchIndex(
    catalog([
      ['dibao', '最低生活保障', ['低保']],
      ['card', '社保卡'],
      ['join', '参加社保'],
      ['permit', '居住证', [], 'yl'],
    ]),
  )));

  it('matches a homophone by the readings of its characters, for 0.85 of a phrase match', () => {
    // 低包 reads di|bao like the alias 低保, its only sound bigram: full coverage both ways (75).
    expect(scored(index, '低包')).toEqual([['dibao', round1(0.85 * 75 * 0.95)]]);
  });

  it('folds traditional characters before matching', () => {
    expect(scored(index, '醫療')).toEqual(scored(index, '医疗'));
    // The category name 医疗 (weight 0.5): exact 100, plus 5 % of its phrase (75) and sound (0.85 × 75) scores.
    expect(scored(index, '醫療')).toEqual([['permit', round1(0.5 * (100 + 0.05 * (75 + 0.85 * 75)))]]);
    expect(scored(index, '居住證')).toEqual(scored(index, '居住证'));
  });

  it('aligns mixed hanzi and pinyin with a field read the same, and adds the sound bigram', () => {
    // 低bao: di|bao as a sound bigram (0.85 × 75 × 0.95), then the whole query aligned with 低保 (0.85 × 92 × 0.95).
    const bigram = 0.85 * 75 * 0.95;
    const aligned = 0.85 * 92 * 0.95;
    expect(scored(index, '低bao')).toEqual([['dibao', round1(aligned + 0.05 * bigram)]]);
  });

  it('aligns whole pinyin syllables with fuzzy readings: the whole field 92, its start 82, later 68', () => {
    expect(scored(index, 'sebaoka')).toEqual([['card', round1(0.85 * 92)]]);
    expect(scored(index, 'sebao')).toEqual([
      ['card', round1(0.85 * 82)],
      ['join', round1(0.85 * 68)],
    ]);
  });

  it('matches typed initials beside characters, and the latin run alone when nothing reads like the query', () => {
    expect(scored(index, 'jz证')).toEqual([['permit', round1(0.85 * 92)]]);
    // jzz证 is longer than 居住证: no alignment, but jzz are the title's initials (0.85 × 90).
    expect(scored(index, 'jzz证')).toEqual([['permit', round1(0.85 * 90)]]);
  });

  it('reads the pinyin of a query with digits by sound', () => {
    expect(search(index, 'dibao1')[0]?.code).toBe('dibao');
  });

  it('does not align initials alone (a latin query)', () => {
    expect(scored(index, 'zz')).toEqual([]);
  });
});

describe('match.ts: synonyms and 去哪办 / 随手拍 answers', () => {
  let index: SearchIndex;
  beforeEach(() => (index = buildSearchIndex(
    catalog([['lose', '失业登记'], ['work', '就业登记'], ['id', '居民身份证'], ['pass', '护照签注']], {
      // The shorter variant first: the longer one must still be replaced first.
      synonyms: [
        { word: '就业', variants: ['工作'] },
        { word: '失业', variants: ['丢了工作', '裁员'] },
      ],
      places: [
        { code: 'lost-id', type: 'where', title: '身份证挂失', office: '派出所户籍窗口', note: '带户口簿', keywords: ['身份证丢了'] },
        { code: 'gas', type: 'report', title: '燃气泄漏', category: 'gas', urgent: true, emergency: { name: '燃气抢修', phone: '96777' }, keywords: ['煤气味'] },
        { code: 'passport', type: 'where', title: '出入境证件', office: '出入境', keywords: ['去哪办护照'] },
      ],
    }),
  )));

  it('replaces an everyday word by the catalog word, longest first', () => {
    // 失业: prefix of 失业登记 (90) + 5 % of its phrase score: 失业 (df 1 of 4) covers that much of 失业 业登
    // (业登 df 2: 就业登记 too; 登记 is filler), and all of the query.
    const expected = round1(90 + 0.05 * (20 + (25 * ln(5)) / (ln(5) + ln(3)) + 30));
    expect(scored(index, '裁员')).toEqual([['lose', expected]]);
    expect(search(index, '丢了工作')[0]).toEqual({ code: 'lose', title: '失业登记', category: 'none', score: expected });
    expect(search(index, '工作')[0].code).toBe('work');
  });

  it('answers with the place a query names outright and leaves out matters that fit less', () => {
    expect(searchAll(index, '身份证丢了')).toEqual({
      results: [],
      answers: [{ type: 'where', code: 'lost-id', title: '身份证挂失', office: '派出所户籍窗口', note: '带户口簿' }],
    });
    expect(searchAll(index, '煤气味').answers).toEqual([
      { type: 'report', code: 'gas', title: '燃气泄漏', category: 'gas', urgent: true, emergency: { name: '燃气抢修', phone: '96777' } },
    ]);
  });

  it('offers a place found only in part when it fits better than every matter', () => {
    // 护照: prefix of 护照签注 (90), inside the keyword 去哪办护照 (75 × 0.95): the matter fits better, no answer.
    const passport = searchAll(index, '护照');
    expect(passport.answers).toEqual([]);
    expect(passport.results.map((r) => r.code)).toEqual(['pass']);
    // 办护照: inside the keyword only; 护照签注 shares the bigram 护照 (a phrase score below the answer's).
    expect(searchAll(index, '办护照')).toEqual({ results: [], answers: [{ type: 'where', code: 'passport', title: '出入境证件', office: '出入境' }] });
  });

  it('offers at most three answers, best first', () => {
    const places = ['a1', 'a2', 'a3', 'a4'].map((code) => ({ code, type: 'report' as const, title: `路灯${code}`, keywords: ['路灯坏了'] }));
    places[3].keywords = ['路灯坏了', '灯坏了'];
    const answers = searchAll(buildSearchIndex(catalog([['x', '居住证']], { places })), '路灯坏了').answers;
    expect(answers.map((a) => a.code)).toEqual(['a4', 'a1', 'a2']);
  });

  it('keeps matters that fit better than the answer', () => {
    const r = searchAll(index, '居民身份证');
    expect(r.results.map((h) => h.code)).toEqual(['id']);
    expect(r.results[0].score).toBeGreaterThanOrEqual(100);
  });
});

describe('match.ts: every reading of a character', () => {
  let index: SearchIndex;
  beforeEach(() => (index = buildSearchIndex(catalog([['bank', '银行卡'], ['walk', '步行街'], ['xian', '西安']]))));
  // Sound bigrams cover the field both ways (0.85 × 75); the one shared character bigram (行卡 / 行街,
  // with the unknown 吟行 / 布行 at half weight) adds 5 % of its phrase score (20 + 25 / 2 + 30 / 1.5).
  const expected = round1(0.85 * 75 + 0.05 * (20 + 25 / 2 + 30 / 1.5));

  it('reads 行 as hang and as xing', () => {
    expect(scored(index, '吟行卡')).toEqual([['bank', expected]]);
    expect(scored(index, '布行街')).toEqual([['walk', expected]]);
  });

  it('aligns a pinyin syllable or a typed initial in either position', () => {
    const aligned = round1(0.85 * 92 + 0.05 * 0.85 * 75);
    expect(scored(index, 'xi安')).toEqual([['xian', aligned]]);
    expect(scored(index, '西an')).toEqual([['xian', aligned]]);
    expect(scored(index, '银h卡')).toEqual([['bank', round1(0.85 * 92)]]);
  });
});

describe('match.ts: sound sums, segmentation and the thresholds between passes', () => {
  it('credits a field once per pair of query characters, however many of their readings it holds', () => {
    // 行 reads hang and xing: 行星 is hang|xing and xing|xing, both bigrams of 航星星 (ln 3 each).
    // Credited once: the pair covers half the field and all of the query (known = the higher weight).
    const index = buildSearchIndex(catalog([['star', '航星星'], ['other', '居住证']]));
    expect(scored(index, '行星')).toEqual([['star', round1(0.85 * (20 + 25 / 2 + 30))]]);
  });

  it('counts a pair of characters with no known reading at half an unknown weight in the query', () => {
    // 哈 has no reading in this index: the pair 星哈 adds ln 3 / 2 to the query's total.
    const index = buildSearchIndex(catalog([['star', '航星星'], ['other', '居住证']]));
    expect(scored(index, '行星哈')).toEqual([['star', round1(0.85 * (20 + 25 / 2 + 30 / 1.5))]]);
  });

  it('splits a latin run into the longest syllables first', () => {
    // xian is one syllable (先), not xi|an (西安): the whole of 先卡 aligns (92), plus 5 % of the sound bigram.
    const index = buildSearchIndex(catalog([['xa', '西安卡'], ['xk', '先卡']]));
    expect(scored(index, 'xian卡')).toEqual([['xk', round1(0.85 * 92 + 0.05 * 0.85 * 75)]]);
  });

  it('knows syllables of six letters and of one', () => {
    const aligned = round1(0.85 * 92 + 0.05 * 0.85 * 75);
    expect(scored(buildSearchIndex(catalog([['z', '装卡'], ['x', '居住证']])), 'zhuang卡')).toEqual([['z', aligned]]);
    // e (鹅) is a syllable, not an initial: it forms the sound bigram e|gan as well as aligning.
    expect(scored(buildSearchIndex(catalog([['e', '鹅肝'], ['o', '居住证']])), 'e肝')).toEqual([['e', aligned]]);
  });

  it('skips matching by sound once a text match reaches 70, and not below', () => {
    const at = (weight: number) => {
      const index = buildSearchIndex(catalog([['a', '低包'], ['b', '低保']]));
      index.entries[0].fields[0].weight = weight;
      return scored(index, '低包');
    };
    // 70: exact (100 × 0.7) plus 5 % of its phrase score; the homophone 低保 is not looked for.
    expect(at(0.7)).toEqual([['a', round1(70 + 0.05 * 75 * 0.7)]]);
    // 69: the sound pass runs and finds 低保 (0.85 × 75), and adds 低包's own sound score as a bonus.
    expect(at(0.69)).toEqual([
      ['a', round1(69 + 0.05 * 75 * 0.69 + 0.05 * 0.85 * 75 * 0.69)],
      ['b', round1(0.85 * 75)],
    ]);
  });

  it('aligns a pinyin-only query by sound only while direct matches stay below 60', () => {
    const at = (weight: number) => {
      const index = buildSearchIndex(catalog([['card', '社保卡'], ['t', '某某']]));
      index.entries[1].fields.push(textField('sebaoka', weight));
      return scored(index, 'sebaoka');
    };
    expect(at(0.6)).toEqual([['t', 60]]);
    expect(at(0.59)).toEqual([
      ['card', round1(0.85 * 92)],
      ['t', 59],
    ]);
  });

  it('still aligns a mixed query by sound when its characters matched some other matter well', () => {
    // 低bao is typed inside 低bao卡 (a sure text match), yet 低保 reads exactly like it (0.85 × 92, no sound bigram pass).
    const index = buildSearchIndex(catalog([['dibao', '低保'], ['t', '低bao卡']]));
    const hits = search(index, '低bao');
    expect(hits.map((h) => h.code)).toEqual(['t', 'dibao']);
    expect(hits[1].score).toBe(round1(0.85 * 92));
  });

  it('matches typed initials beside a character with no reading, by the latin run alone', () => {
    // 猫 has no reading in this index: nothing anchors the alignment; jz is the prefix of 居住证's initials (80).
    const index = buildSearchIndex(catalog([['permit', '居住证'], ['x', '社保卡']]));
    expect(searchAll(index, 'jz猫')).toEqual({ results: [{ code: 'permit', title: '居住证', category: 'none', score: round1(0.85 * 80) }], answers: [] });
  });

  it('weights the latin run alone by the field it matches', () => {
    // jzz are the initials of the alias 居住证 (0.95), not of the title.
    const index = buildSearchIndex(catalog([['permit', '暂住登记', ['居住证']], ['x', '社保卡']]));
    expect(scored(index, 'jzz证')).toEqual([['permit', round1(0.85 * 90 * 0.95)]]);
  });
});

describe('match.ts: answers said outright, and the floor they set', () => {
  const withPlace = (place: { title: string; keywords: string[] }) =>
    buildSearchIndex(catalog([['permit', '居住证'], ['x', '社保卡']], { places: [{ code: 'p', type: 'where', office: '派出所', ...place }] }));

  it('offers a place whose keyword the query contains even when a matter fits better', () => {
    const r = searchAll(withPlace({ title: '证件窗口', keywords: ['居住证'] }), '办居住证');
    expect(r.answers).toEqual([{ type: 'where', code: 'p', title: '证件窗口', office: '派出所' }]);
    // The matter fits better than the answer, so it stays.
    expect(r.results.map((h) => h.code)).toEqual(['permit']);
  });

  it('drops a matter that fits exactly as well as the answer', () => {
    // Title 居住证 on both sides: the same exact score, and the answer wins the tie.
    expect(searchAll(withPlace({ title: '居住证', keywords: ['暂住'] }), '居住证')).toEqual({
      results: [],
      answers: [{ type: 'where', code: 'p', title: '居住证', office: '派出所' }],
    });
  });
});

describe('match.ts: the boundaries Stryker found unpinned', () => {
  it('keeps a hit of exactly 15', () => {
    expect(scored(manual([entry('x', 'x', [textField('87777', 0.2)])]), '777')).toEqual([['x', 15]]);
  });

  it('counts a keyword as said when the query as typed holds it, though its synonym form does not', () => {
    // 下岗证明 holds the keyword; its form 失业证明 does not, and the matter 失业证明 fits it better.
    const index = buildSearchIndex(
      catalog([['cert', '失业证明'], ['x', '居住证']], {
        synonyms: [{ word: '失业', variants: ['下岗'] }],
        places: [{ code: 'p', type: 'where', title: '下岗职工服务', office: '区就业局', keywords: ['下岗证明'] }],
      }),
    );
    const r = searchAll(index, '下岗证明');
    expect(r.answers.map((a) => a.code)).toEqual(['p']);
    expect(r.results.map((h) => h.code)).toEqual(['cert']);
  });

  it('offers a place found only in part when it fits strictly better than every matter, not as well', () => {
    // Both titles start with 护照签注 (90) and share its bigrams alike (5 % of 20 + 25 × 3/4 + 30): a tie.
    const index = buildSearchIndex(
      catalog([['visa', '护照签注补办'], ['x', '居住证']], { places: [{ code: 'p', type: 'where', title: '护照签注办理', office: '出入境', keywords: ['出入境证件'] }] }),
    );
    expect(searchAll(index, '护照签注')).toEqual({
      results: [{ code: 'visa', title: '护照签注补办', category: 'none', score: round1(90 + 0.05 * (20 + 25 * 0.75 + 30)) }],
      answers: [],
    });
  });
});
