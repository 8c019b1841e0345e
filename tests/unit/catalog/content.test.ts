import { readCatalogSource } from '../../../cloudfunctions/lib/catalog/source';
import { checkCatalogContent, checkMatter, effectiveReview, parseNumber, reviewList, timeFigures } from '@qgt/shared/catalog/checks';
import { LAWS, findLaw, lawInForceOn, type Law } from '@qgt/shared/catalog/laws';
import { SourceSchema, type Matter } from '@qgt/shared/catalog/schema';
import { reviewLine, timeLimitLabel, timeLimitLine } from '@qgt/shared/catalog/timeLimit';
import { catalogDiff, unsourcedChanges } from '@qgt/shared/catalog/diff';

/**
 * The content checks over the repository's catalog, run by `npm test`: sources present for every
 * rule-stating field (or the field declared unverified, which keeps the matter a draft), cited
 * documents registered and in force, no time-limit note contradicting its figures, no review
 * overdue. The date is explicit — move it forward when the catalog is re-reviewed.
 */
const CHECK_DATE = '2026-12-07';

const catalog = readCatalogSource();
const byCode = new Map(catalog.matters.map((m) => [m.code, m]));
const matter = (code: string): Matter => structuredClone(byCode.get(code)!);

describe('the repository catalog passes the content checks', () => {
  it(`has no findings on ${CHECK_DATE}`, () => {
    const findings = checkCatalogContent(catalog, { today: CHECK_DATE });
    expect(findings.map((f) => `${f.matter} [${f.check}] ${f.message}`)).toEqual([]);
  });

  it('gives every matter review metadata and at least one source with a title and a 文号 or link', () => {
    for (const m of catalog.matters) {
      expect(m.review).toBeDefined();
      expect(m.sources.length).toBeGreaterThan(0);
      for (const s of m.sources) {
        expect(s.title.length).toBeGreaterThan(1);
        expect(Boolean(s.docNo || s.url)).toBe(true);
      }
    }
  });

  it('marks a matter reviewed only when nothing in it is unverified', () => {
    for (const m of catalog.matters) {
      if (m.review!.status === 'reviewed') expect(m.review!.unverified).toEqual([]);
      else expect(m.review!.unverified.length).toBeGreaterThan(0);
    }
  });

  it('fixes the errors the fact-check found', () => {
    const permit = matter('residence-permit');
    expect(permit.timeLimit.legal).toMatchObject({ value: 15, unit: 'day', source: { title: '居住证暂行条例', docNo: '国务院令第663号', article: '第九条' } });
    expect(timeLimitLabel(permit.timeLimit)).toBe('法定15日（以当地承诺为准）');

    const legalAid = matter('legal-aid');
    expect(legalAid.timeLimit.legal).toMatchObject({ value: 7, unit: 'day' });
    expect(timeLimitLabel(legalAid.timeLimit)).toBe('法定7日（以当地承诺为准）');

    // 国办发〔2019〕8号's five working days are a State Council target, not a legal limit.
    const resale = matter('resale-housing-transfer');
    expect(resale.timeLimit.legal).toBeUndefined();
    expect(timeLimitLine(resale.timeLimit)).toBe('办理时限以当地承诺为准（国务院要求一般登记压缩至5个工作日以内，多地已实现当天办结）');

    const birth = matter('birth-registration');
    expect(birth.basis).toContain('四川省生育登记服务管理办法');
    expect(birth.basis).not.toContain('人口与计划生育法');
    expect(birth.eligibility.join('')).not.toContain('多数省份');

    const benefit = matter('unemployment-benefit');
    expect(benefit.materials.find((x) => x.name.includes('解除劳动关系证明'))?.required).toBe(false);
    expect(benefit.tips.join('')).toContain('第三十八条');

    const poverty = matter('extreme-poverty-support');
    expect(poverty.materials.some((x) => x.name.includes('书面声明') && x.required)).toBe(true);

    const card = matter('disability-card');
    expect(card.eligibility.join('')).not.toContain('部分地区已支持');
    expect(card.fee).not.toContain('多地免收');

    // The printed promises with no source: none of them prints "N个工作日内办结" any more.
    for (const code of ['extreme-poverty-support', 'disability-card', 'hukou-transfer', 'elderly-allowance', 'survivor-benefits', 'legal-aid'])
      expect(timeLimitLine(matter(code).timeLimit)).not.toMatch(/\d+个工作日内办结/);
  });

  it('records the 社会救助法 as to verify, and the 暂行办法 as still cited until it is confirmed', () => {
    expect(findLaw('中华人民共和国社会救助法')?.status).toBe('toVerify');
    expect(matter('dibao').basis).toContain('《社会救助暂行办法》');
    expect(matter('dibao').review!.unverified.find((u) => u.field === 'basis')?.note).toContain('社会救助法');
  });
});

describe('the checks find each class of error', () => {
  const today = CHECK_DATE;

  it('flags a note whose figure no source carries (居住证 before the fix: 10 working days beside "15日内")', () => {
    const m = matter('residence-permit');
    m.timeLimit = { workingDays: 10, note: '条例规定自受理之日起15日内制作发放（特殊地区最长不超过30日）' };
    const found = checkMatter(m, { today }).filter((f) => f.check === 'timeLimit');
    expect(found.map((f) => f.message)).toEqual([expect.stringContaining('15日'), expect.stringContaining('30日')]);
  });

  it('accepts a note figure quoted in the time-limit source and refuses one that is not', () => {
    const m = matter('legal-aid'); // note: 7日 (legal) + 3日 (in the excerpt of 第四十三条)
    expect(checkMatter(m, { today }).filter((f) => f.check === 'timeLimit')).toEqual([]);
    m.timeLimit.note = '法律规定7日内作出决定，5日内指派';
    expect(checkMatter(m, { today }).filter((f) => f.check === 'timeLimit').map((f) => f.message)).toEqual([expect.stringContaining('5日')]);
  });

  it('flags a deadline figure beyond the legal limit and a local promise the deadline does not follow', () => {
    const m = matter('legal-aid'); // legal: 7 days
    m.timeLimit.workingDays = 8;
    expect(checkMatter(m, { today }).some((f) => f.message.includes('超过法定7日'))).toBe(true);
    const p = matter('residence-permit');
    p.timeLimit.local = { value: 7, unit: 'workday', source: { title: '居住证暂行条例', docNo: '国务院令第663号', field: 'timeLimit' } };
    expect(checkMatter(p, { today }).some((f) => f.message.includes('当地承诺7个工作日'))).toBe(true);
  });

  it('flags every matter citing a superseded document, and shows them stale', () => {
    const laws: Law[] = LAWS.map((l) => (l.title === '社会救助暂行办法' ? { ...l, status: 'superseded' } : l));
    const flagged = catalog.matters.filter((m) => checkMatter(m, { today, laws }).some((f) => f.check === 'law' && f.message.includes('社会救助暂行办法')));
    expect(flagged.map((m) => m.code).sort()).toEqual(['dibao', 'extreme-poverty-support', 'temporary-assistance']);
    const review = effectiveReview(matter('dibao'), { today, laws });
    expect(review.status).toBe('stale');
    expect(review.reasons.join()).toContain('应改引《中华人民共和国社会救助法》');
  });

  it('treats a document past its end date as lapsed (四川省生育登记服务管理办法: five years)', () => {
    const sichuan = findLaw('四川省生育登记服务管理办法')!;
    expect(lawInForceOn(sichuan, '2028-02-14')).toBe(true);
    expect(lawInForceOn(sichuan, '2028-02-15')).toBe(false);
    expect(checkMatter(matter('birth-registration'), { today: '2028-02-15' }).some((f) => f.check === 'law')).toBe(true);
  });

  it('flags an overdue review relative to the given date, and shows it stale', () => {
    const m = matter('residence-permit');
    expect(checkMatter(m, { today: '2027-06-07' }).filter((f) => f.check === 'review')).toEqual([]);
    expect(checkMatter(m, { today: '2027-06-08' }).map((f) => f.message)).toEqual(['已过复核日期2027-06-07']);
    expect(effectiveReview(m, { today: '2027-06-07' }).status).toBe('reviewed');
    expect(effectiveReview(m, { today: '2027-06-08' }).status).toBe('stale');
  });

  it('flags a rule field with neither a source nor an unverified note, and a reviewed matter with unverified fields', () => {
    const m = matter('residence-permit');
    m.sources = m.sources.filter((s) => s.field !== 'fee');
    expect(checkMatter(m, { today }).map((f) => f.message)).toEqual(['收费没有来源，也未列为待核实']);
    m.review!.unverified = [{ field: 'fee', note: '未核对' }];
    expect(checkMatter(m, { today }).map((f) => f.message)).toEqual(['有待核实的内容，却标为已核对']);
  });

  it('flags a basis naming a document missing from the registry, a wrong 文号, and a matter without review', () => {
    const m = matter('residence-permit');
    m.basis = `${m.basis}；《某某市居住证实施细则》`;
    m.sources[0] = { ...m.sources[0], docNo: '国务院令第999号' };
    delete m.review;
    const messages = checkMatter(m, { today }).map((f) => f.message);
    expect(messages).toEqual(
      expect.arrayContaining(['依据《某某市居住证实施细则》不在法规登记表中', expect.stringContaining('与登记表“国务院令第663号”不一致'), '没有核对记录']),
    );
  });

  it('requires a 文号 or a link on every source (schema)', () => {
    expect(SourceSchema.safeParse({ title: '居住证暂行条例' }).success).toBe(false);
    expect(SourceSchema.safeParse({ title: '居住证暂行条例', docNo: '国务院令第663号' }).success).toBe(true);
    expect(SourceSchema.safeParse({ title: '某指南', url: 'https://example.org/x' }).success).toBe(true);
  });

  it.each([
    ['15', 15],
    ['七', 7],
    ['十', 10],
    ['十五', 15],
    ['三十', 30],
    ['二十一', 21],
    ['一百', null],
  ])('reads the number %s as %s', (text, value) => expect(parseNumber(text)).toBe(value));

  it('reads the figures of a sentence with their units', () => {
    expect(timeFigures('7日内作出决定，三日内指派；10个工作日、5天')).toEqual([
      { value: 7, unit: 'day', text: '7日' },
      { value: 3, unit: 'day', text: '三日' },
      { value: 10, unit: 'workday', text: '10个工作日' },
      { value: 5, unit: 'day', text: '5天' },
    ]);
  });
});

describe('the admins’ review list', () => {
  it('lists stale matters first, then drafts, and the documents citing a superseded law', () => {
    const laws: Law[] = LAWS.map((l) => (l.title === '社会救助暂行办法' ? { ...l, status: 'superseded' } : l));
    const list = reviewList(catalog, { today: CHECK_DATE, laws });
    expect(list.counts.stale).toBe(3);
    expect(list.items.slice(0, 3).map((i) => i.status)).toEqual(['stale', 'stale', 'stale']);
    expect(list.items.slice(0, 3).map((i) => i.code).sort()).toEqual(['dibao', 'extreme-poverty-support', 'temporary-assistance']);
    expect(list.items.some((i) => i.code === 'residence-permit')).toBe(false); // reviewed, nothing due
    const old = list.laws.find((l) => l.title === '社会救助暂行办法')!;
    expect(old.status).toBe('已被替代');
    expect(old.citedBy.map((c) => c.title).sort()).toEqual(['临时救助申请', '最低生活保障申请', '特困人员救助供养申请']);
  });

  it('has nothing stale on the check date with the registry as it is', () => {
    const list = reviewList(catalog, { today: CHECK_DATE });
    expect(list.counts).toEqual({ draft: catalog.matters.length - list.counts.reviewed, reviewed: list.counts.reviewed, stale: 0 });
    expect(list.laws.find((l) => l.title === '社会救助暂行办法')).toBeUndefined();
  });
});

describe('what is printed', () => {
  const src = { title: '某区政务服务事项清单', url: 'https://example.org/list' };
  it.each([
    [{ workingDays: 10, local: { value: 10, unit: 'workday' as const, source: src } }, '10个工作日内办结'],
    [{ workingDays: 0, local: { value: 0, unit: 'workday' as const, source: src } }, '当场办结'],
    [{ workingDays: 10, legal: { value: 15, unit: 'day' as const } }, '法定15日（以当地承诺为准）'],
    [{ workingDays: 5, legal: { value: 5, unit: 'workday' as const } }, '法定5个工作日（以当地承诺为准）'],
    [{ workingDays: 20 }, '办理时限以当地承诺为准'],
    [{ workingDays: 0 }, '一般当场办结（以当地规定为准）'],
  ])('%j → %s', (t, label) => expect(timeLimitLabel(t)).toBe(label));

  it('says when the page was checked, and whether parts are unverified', () => {
    expect(reviewLine({ reviewedAt: '2026-12-07', status: 'reviewed' })).toBe('本页于2026年12月7日核对');
    expect(reviewLine({ reviewedAt: '2026-12-07', status: 'draft' })).toBe('本页于2026年12月7日核对，部分内容待核实，以办理机关的规定为准');
    expect(reviewLine({ reviewedAt: '2026-01-05', status: 'stale' })).toContain('本页于2026年1月5日核对，已到复核时间');
    expect(reviewLine(undefined)).toContain('尚未核对');
  });
});

describe('the review workflow: per-field diff and a source for every change', () => {
  const before = { matters: [matter('residence-permit'), matter('legal-aid')] };
  const src = { title: '某市居住证实施办法', url: 'https://example.org/permit', field: 'timeLimit' as const };

  it('lists each changed field with its before and after', () => {
    const permit = matter('residence-permit');
    permit.timeLimit.workingDays = 8;
    permit.fee = '不收费';
    const changes = catalogDiff(before, { matters: [permit, matter('legal-aid')] });
    expect(changes.map((c) => [c.code, c.field, c.label])).toEqual([
      ['residence-permit', 'timeLimit', '办理时限'],
      ['residence-permit', 'fee', '收费'],
    ]);
    expect(changes[0].before).toContain('期限10个工作日');
    expect(changes[0].after).toContain('期限8个工作日');
    expect(changes[1].after).toBe('不收费');
  });

  it('refuses a change without a new source for that field; a new source, or a legal figure’s source, clears it', () => {
    const permit = matter('residence-permit');
    permit.timeLimit.workingDays = 8;
    expect(unsourcedChanges(before, { matters: [permit] }).map((c) => c.field)).toEqual(['timeLimit']);
    // An old source for another field does not count; one for this field that was already there neither.
    permit.sources = [...permit.sources, { ...permit.sources[0], field: 'fee' }];
    expect(unsourcedChanges(before, { matters: [permit] }).map((c) => c.field)).toEqual(['timeLimit']);
    permit.sources = [...permit.sources, src];
    expect(unsourcedChanges(before, { matters: [permit] })).toEqual([]);
    const viaLegal = matter('residence-permit');
    viaLegal.timeLimit.workingDays = 8;
    viaLegal.timeLimit.legal = { value: 15, unit: 'day', source: { ...viaLegal.timeLimit.legal!.source!, retrievedAt: '2027-01-05' } };
    expect(unsourcedChanges(before, { matters: [viaLegal] })).toEqual([]);
  });

  it('treats every field of a new matter as changed (the legal figure’s source backs its time limit)', () => {
    const fresh = { ...matter('legal-aid'), code: 'new-matter', sources: [] };
    expect(unsourcedChanges(before, { matters: [fresh] }).map((c) => c.field)).toEqual(['summary', 'basis', 'eligibility', 'materials', 'steps', 'where', 'online', 'fee', 'tips']);
  });
});
