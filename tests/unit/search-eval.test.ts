import { buildSearchIndex } from '@qgt/shared/search/build';
import { searchAll } from '@qgt/shared/search/match';
import { readCatalogSource } from '../../cloudfunctions/lib/catalog/source';
import { evaluateSearch, evalQueries } from '../../bench/search-eval';

const index = buildSearchIndex(readCatalogSource());
const top = (q: string) => searchAll(index, q).results[0]?.code;
const top3 = (q: string) => searchAll(index, q).results.slice(0, 3).map((r) => r.code);

describe('the resident query set (tests/fixtures/search-eval.json)', () => {
  const result = evaluateSearch(index);

  it('has at least 200 queries covering every class', () => {
    const queries = evalQueries();
    expect(queries.length).toBeGreaterThanOrEqual(200);
    expect(new Set(queries.map((q) => q.class))).toEqual(
      new Set(['formal', 'traditional', 'homophone', 'fuzzy', 'mixed', 'pinyin', 'colloquial', 'situation', 'broad', 'generic', 'outside', 'problem']),
    );
  });

  it('keeps recall@1 ≥ 95 % and recall@3 ≥ 98 % on answerable queries', () => {
    expect({ at1: result.recallAt1 >= 0.95, at3: result.recallAt3 >= 0.98, misses: result.misses }).toEqual(expect.objectContaining({ at1: true, at3: true }));
    expect(result.mrr).toBeGreaterThanOrEqual(0.96);
  });

  it('gives no matter for generic words, out-of-catalog asks and problems, and the right 去哪办 / 随手拍 answer', () => {
    expect(result.noMatter).toBe(result.noMatterTotal);
    expect(result.answered).toBe(result.answeredTotal);
  });
});

describe('each class of resident query', () => {
  it('folds traditional characters to simplified', () => {
    expect(top('醫療保險')).toMatch(/^(resident-medical-insurance|medical-transfer)$/);
    expect(top('戶口遷移')).toBe('hukou-transfer');
    expect(index.fold).toContain('醫医');
  });

  it('matches homophone typos by sound', () => {
    expect(top('低包')).toBe('dibao');
    expect(top3('养劳保险')).toContain('resident-pension');
    expect(top('残急证')).toBe('disability-card');
  });

  it('treats south-western fuzzy initials and finals as the same sound', () => {
    expect(top('居租证')).toBe('residence-permit'); // zh → z
    expect(top('脑年证')).toBe('senior-card'); // l → n
    expect(top('零时救助')).toBe('temporary-assistance'); // in → ing
    expect(top('富口迁移')).toBe('hukou-transfer'); // h → f
    expect(top('sebaoka')).toBe('social-security-card'); // sh → s in pinyin
  });

  it('reads mixed hanzi and pinyin', () => {
    expect(top('低bao')).toBe('dibao');
    expect(top('jzz证')).toBe('residence-permit');
    expect(top('yd就医')).toBe('medical-remote-filing');
  });

  it('finds nothing for a generic form word alone, and does not let one pick a matter', () => {
    for (const q of ['登记', '申请', '办理', '补办']) expect(searchAll(index, q)).toEqual({ results: [], answers: [] });
    expect(searchAll(index, '补办护照').results).toEqual([]);
  });

  it('understands life situations in everyday words', () => {
    expect(top('公司裁员了')).toMatch(/^unemployment-/);
    expect(top('爸爸过世')).toBe('survivor-benefits');
    expect(top('房子查询')).toBe('property-record-query');
  });

  it('lets the need beat a broad word', () => {
    expect(top('老人去世')).toBe('survivor-benefits');
  });

  it('says where out-of-catalog matters are done instead of naming a wrong matter', () => {
    const answer = searchAll(index, '身份证丢了');
    expect(answer.results).toEqual([]);
    expect(answer.answers[0]).toEqual(expect.objectContaining({ type: 'where', code: 'id-card', office: expect.stringContaining('派出所') }));
    expect(searchAll(index, '换驾照').answers[0]?.office).toContain('车管所');
  });

  it('offers a 去哪办 answer only when the query says its keyword or it fits better than every matter', () => {
    expect(searchAll(index, '户口本丢了')).toEqual({ results: [], answers: [expect.objectContaining({ code: 'hukou-book', type: 'where' })] });
    // 户口 is the start of 户口本, but the resident may as well mean 户口迁移: the matters stay.
    const broad = searchAll(index, '户口');
    expect(broad.answers).toEqual([]);
    expect(broad.results.map((r) => r.code)).toEqual(expect.arrayContaining(['hukou-transfer', 'newborn-hukou']));
  });

  it('leads a problem to 随手拍, an urgent one with its emergency line', () => {
    expect(searchAll(index, '路灯坏了').answers[0]).toEqual(expect.objectContaining({ type: 'report', category: 'shizheng' }));
    expect(searchAll(index, '路灯坏了').answers[0].emergency).toBeUndefined();
    expect(searchAll(index, '燃气漏气').answers[0]).toEqual(expect.objectContaining({ type: 'report', category: 'ranqi', urgent: true, emergency: { name: expect.any(String), phone: '119' } }));
  });

  it('still searches an index published before these keys existed', () => {
    const { fold: _f, sounds: _s, synonyms: _y, places: _p, ...old } = index;
    expect(searchAll(old, '低保').results[0].code).toBe('dibao');
    expect(searchAll(old, '身份证丢了').answers).toEqual([]);
  });

  it('survives the JSON round trip to the device', () => {
    const device = JSON.parse(JSON.stringify(index));
    expect(searchAll(device, '低包').results[0].code).toBe('dibao');
    expect(searchAll(device, '殘疾證').results[0].code).toBe('disability-card');
  });
});
