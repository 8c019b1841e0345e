import { buildNoticeSheet, noticeMaterials, normalizeMaterialName, onDutyOn, relatedAdvice, rosterDates, timeLimitText } from '@qgt/shared/domain/desk';
import type { Matter } from '@qgt/shared/catalog/schema';

const matter = (over: Partial<Matter> = {}): Matter => ({
  code: 'childcare-subsidy',
  title: '育儿补贴申领',
  category: 'shengyu',
  summary: '3周岁以下婴幼儿的育儿补贴',
  aliases: ['育儿补贴'],
  basis: '《育儿补贴制度实施方案》',
  sources: [],
  eligibility: ['3周岁以下婴幼儿'],
  materials: [
    { name: '婴幼儿出生医学证明', form: 'original', copies: 0, required: true },
    { name: '婴幼儿居民户口簿', form: 'original', copies: 0, required: true },
    { name: '申领人居民身份证', form: 'original', copies: 0, required: true },
    { name: '抚养关系证明材料', form: 'copy', copies: 1, required: false, note: '非父母申领时' },
  ],
  steps: ['提交申请', '审核', '发放'],
  timeLimit: { workingDays: 30 },
  where: '社区综合窗口',
  online: ['天府通办'],
  fee: '不收费',
  onTheSpot: false,
  backOffice: '区卫健局',
  doorstep: false,
  proxy: true,
  related: ['newborn-insurance', 'gone'],
  tips: [],
  ...over,
});

describe('noticeMaterials', () => {
  const missingOf = (sel: Parameters<typeof noticeMaterials>[1]) => {
    const r = noticeMaterials(matter(), sel);
    if (!r.ok) throw new Error(JSON.stringify(r));
    return r.missing.map((m) => m.name);
  };
  it.each([
    ['nothing said: nothing missing', {}, []],
    ['missing as given', { missing: ['婴幼儿居民户口簿'] }, ['婴幼儿居民户口簿']],
    ['missing, spacing and case ignored', { missing: [' 申领人 居民身份证 '] }, ['申领人居民身份证']],
    ['have: the required ones not brought', { have: ['婴幼儿出生医学证明'] }, ['婴幼儿居民户口簿', '申领人居民身份证']],
    ['have everything required', { have: ['婴幼儿出生医学证明', '婴幼儿居民户口簿', '申领人居民身份证'] }, []],
    ['missing wins over have', { missing: ['抚养关系证明材料'], have: ['婴幼儿出生医学证明'] }, ['抚养关系证明材料']],
  ])('%s', (_name, sel, expected) => expect(missingOf(sel)).toEqual(expected));

  // The 一次性告知单 ticks only what the resident brought.
  const tickedOf = (sel: Parameters<typeof noticeMaterials>[1]) => {
    const r = noticeMaterials(matter(), sel);
    if (!r.ok) throw new Error(JSON.stringify(r));
    return r.materials.filter((m) => m.have).map((m) => m.name);
  };
  it.each([
    ['have: only the named ones, not the required ones still missing', { have: ['婴幼儿出生医学证明'] }, ['婴幼儿出生医学证明']],
    ['have: an optional one brought is ticked', { have: ['婴幼儿出生医学证明', '抚养关系证明材料'] }, ['婴幼儿出生医学证明', '抚养关系证明材料']],
    ['missing: the required ones not missing; an optional one nobody named is not', { missing: ['婴幼儿居民户口簿'] }, ['婴幼儿出生医学证明', '申领人居民身份证']],
    ['nothing said: the required ones only', {}, ['婴幼儿出生医学证明', '婴幼儿居民户口簿', '申领人居民身份证']],
    ['a material both brought and missing is not ticked', { have: ['婴幼儿出生医学证明'], missing: ['婴幼儿出生医学证明'] }, []],
  ])('ticks %s', (_name, sel, expected) => expect(tickedOf(sel)).toEqual(expected));

  it('names an unknown material with its position', () => {
    expect(noticeMaterials(matter(), { missing: ['婴幼儿居民户口簿', '结婚证'] })).toEqual({ ok: false, field: 'missing', index: 1, name: '结婚证' });
    expect(noticeMaterials(matter(), { have: ['房产证'] })).toEqual({ ok: false, field: 'have', index: 0, name: '房产证' });
  });

  it('ignores every kind of space and reads a full-width comma as a half-width one', () => {
    expect(normalizeMaterialName(' 户口簿，\t身份证\n（复印件） ')).toBe(normalizeMaterialName('户口簿,身份证(复印件)'));
    expect(normalizeMaterialName('户口簿，身份证')).toBe('户口簿,身份证');
    expect(normalizeMaterialName('A B')).toBe('ab');
  });

  it('brackets compare the same full- or half-width', () => {
    expect(normalizeMaterialName('证明（原件）')).toBe(normalizeMaterialName('证明(原件)'));
  });
});

describe('timeLimitText', () => {
  // Issue 21: "N个工作日内办结" is printed only for a local promise with its source; the deadline
  // figure alone (workingDays) is never printed as a promise.
  const promise = { title: '某区政务服务事项清单', url: 'https://example.org/list' };
  it.each([
    [{ workingDays: 0 }, '一般当场办结（以当地规定为准）'],
    [{ workingDays: 5 }, '办理时限以当地承诺为准'],
    [{ workingDays: 20, note: '不含公示期' }, '办理时限以当地承诺为准（不含公示期）'],
    [{ workingDays: 20, note: '不含公示期', local: { value: 20, unit: 'workday' as const, source: promise } }, '20个工作日内办结（不含公示期）'],
    [{ workingDays: 10, legal: { value: 15, unit: 'day' as const } }, '法定15日（以当地承诺为准）'],
  ])('%j → %s', (t, text) => expect(timeLimitText(t)).toBe(text));
});

describe('buildNoticeSheet', () => {
  it('carries basis, missing, every material, steps, time limit, where and contact', () => {
    const r = buildNoticeSheet({
      id: 'N1',
      walkinId: 'W1',
      requestId: 'R1',
      issuedAt: '2026-10-09T01:00:00.000Z',
      issuedBy: { openid: 'w-1', name: '刘网格' },
      resident: { name: '张阿姨' },
      matter: matter(),
      selection: { missing: ['婴幼儿居民户口簿'] },
      dueAt: '2026-11-20T16:00:00.000Z',
      contact: { name: '刘网格', phone: '13800000000', community: '锦绣社区' },
      related: [],
    });
    if (!r.ok) throw new Error('not ok');
    expect(r.sheet).toMatchObject({
      id: 'N1',
      requestId: 'R1',
      resident: { name: '张阿姨' },
      basis: '《育儿补贴制度实施方案》',
      missing: [{ name: '婴幼儿居民户口簿', have: false, required: true }],
      steps: ['提交申请', '审核', '发放'],
      timeLimit: { workingDays: 30, text: '办理时限以当地承诺为准', promised: false },
      review: { reviewedAt: null, status: 'draft', line: '本页内容尚未核对，请以办理机关的规定为准' },
      dueAt: '2026-11-20T16:00:00.000Z',
      where: '社区综合窗口',
      backOffice: '区卫健局',
      contact: { name: '刘网格', phone: '13800000000' },
      printPath: '/desk/notice/N1',
    });
    // The optional 抚养关系证明材料 was not said to be brought: unticked.
    expect(r.sheet.materials.map((m) => m.have)).toEqual([true, false, true, false]);
  });
});

describe('buildNoticeSheet: what the sheet prints beside the materials', () => {
  const sheetOf = (m: Matter) => {
    const r = buildNoticeSheet({ id: 'N2', walkinId: 'W2', issuedAt: '2026-10-09T01:00:00.000Z', issuedBy: { openid: 'w-1', name: '刘网格' }, matter: m, contact: { name: '刘网格' }, related: [] });
    if (!r.ok) throw new Error('not ok');
    return r.sheet;
  };

  it('lists each document once, by 文号 when it has one, else by its link, the legal time limit’s source too', () => {
    const law = { title: '社会救助暂行办法', docNo: '国务院令第649号' };
    const sheet = sheetOf(
      matter({
        sources: [
          { ...law, article: '第十一条', field: 'eligibility' },
          { ...law, article: '第十二条', field: 'steps' },
          { title: '省政务服务网办事指南', url: 'https://example.gov.cn/guide', field: 'materials' },
        ],
        timeLimit: { workingDays: 30, legal: { value: 30, unit: 'workday', source: { title: '民政部审核确认办法', docNo: '民发〔2021〕57号', url: 'https://example.gov.cn/law' } } },
      }),
    );
    expect(sheet.sources).toStrictEqual([law, { title: '省政务服务网办事指南', url: 'https://example.gov.cn/guide' }, { title: '民政部审核确认办法', docNo: '民发〔2021〕57号' }]);
  });

  it('keeps a material’s note and a time limit’s note, and adds none where there is none', () => {
    const sheet = sheetOf(matter({ timeLimit: { workingDays: 30, note: '发放周期以当地通知为准' } }));
    expect(sheet.timeLimit).toStrictEqual({ workingDays: 30, note: '发放周期以当地通知为准', text: '办理时限以当地承诺为准（发放周期以当地通知为准）', promised: false });
    expect(sheet.materials[3]).toStrictEqual({ name: '抚养关系证明材料', form: 'copy', copies: 1, required: false, note: '非父母申领时', have: false });
    expect('note' in sheet.materials[0]).toBe(false);
    expect('note' in sheetOf(matter()).timeLimit).toBe(false);
  });
});

describe('relatedAdvice', () => {
  const byCode = new Map<string, Matter>([
    ['childcare-subsidy', matter()],
    ['newborn-insurance', matter({ code: 'newborn-insurance', title: '新生儿参加城乡居民医保', onTheSpot: true, related: ['childcare-subsidy'] })],
  ]);
  it.each([
    ['newborn-insurance', ['childcare-subsidy']],
    ['childcare-subsidy', ['newborn-insurance']], // unknown codes are skipped
    ['nothing', []],
  ])('%s → %j', (code, expected) => expect(relatedAdvice(byCode, code).map((a) => a.code)).toEqual(expected));

  it('says whether the related matter is done on the spot', () => {
    expect(relatedAdvice(byCode, 'childcare-subsidy')).toEqual([{ code: 'newborn-insurance', title: '新生儿参加城乡居民医保', summary: '3周岁以下婴幼儿的育儿补贴', onTheSpot: true }]);
  });
});

describe('roster', () => {
  const roster = [
    { date: '2026-10-09', community: 'c1', openids: ['w-1', 'w-2'] },
    { date: '2026-10-09', community: 'c2', openids: ['w-2', 'w-9'] },
    { date: '2026-10-10', community: 'c1', openids: ['w-3'] },
  ];
  it.each([
    ['2026-10-09', ['c1'], ['w-1', 'w-2']],
    ['2026-10-09', ['c1', 'c2'], ['w-1', 'w-2', 'w-9']],
    ['2026-10-10', ['c1'], ['w-3']],
    ['2026-10-10', ['c2'], []],
    ['2026-10-11', ['c1'], []],
  ])('%s in %j → %j', (date, communities, expected) => expect(onDutyOn(roster, date, communities)).toEqual(expected));

  it.each([
    ['2026-10-09', '2026-10-09', 1],
    ['2026-10-09', '2026-10-15', 7],
    ['2026-12-30', '2027-01-02', 4],
    ['2026-10-09', '2026-12-09', 62],
    ['2026-10-09', '2026-12-10', null],
    ['2026-10-10', '2026-10-09', null],
  ])('dates %s … %s → %s days', (from, to, n) => expect(rosterDates(from, to)?.length ?? null).toBe(n));
});
