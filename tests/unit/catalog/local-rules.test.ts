import { applyLocalRules, staleLocalRules } from '@qgt/shared/catalog/local';
import { LocalRuleSchema, type LocalRule } from '@qgt/shared/catalog/localRule';
import { testMatter } from '../../fixtures/mini-catalog';

const national = testMatter({
  code: 'juzhuzheng',
  title: '居住证办理',
  category: 'juzhu',
  aliases: ['居住证'],
  summary: '在居住地连续居住半年以上的人员申领居住证。',
  sources: [
    { title: '居住证暂行条例', docNo: '国务院令第663号', article: '第九条', field: 'timeLimit' },
    { title: '居住证暂行条例', docNo: '国务院令第663号', field: 'basis' },
  ],
  timeLimit: { workingDays: 10, legal: { value: 15, unit: 'day' } },
  where: '社区全岗通综合服务窗口',
});
const source = (title: string) => ({ title, docNo: `${title}〔2026〕1号` });
const rule = (r: Partial<LocalRule> & Pick<LocalRule, 'level' | 'region'>): LocalRule =>
  LocalRuleSchema.parse({ matter: 'juzhuzheng', source: source(r.region), reviewedAt: '2026-12-01', nextReviewDue: '2027-06-01', ...r });

describe('local rules (本地规定)', () => {
  it('leaves a matter no rule names untouched', () => {
    const other = rule({ level: 'city', region: '成都市', where: '市政务中心', matter: 'dibao' });
    expect(applyLocalRules(national, [other])).toBe(national);
  });

  it('applies broad to narrow, so a 街道 rule beats its city, and marks each field with the rule that set it', () => {
    const city = rule({ level: 'city', region: '成都市', where: '市政务服务中心', online: ['天府通办'] });
    const street = rule({ level: 'subdistrict', region: '和平街道', where: '和平街道便民服务中心2号窗口' });
    // Listed narrow first: the order in the file does not matter.
    const m = applyLocalRules(national, [street, city]);
    expect(m.where).toBe('和平街道便民服务中心2号窗口');
    expect(m.online).toEqual(['天府通办']);
    expect(m.local).toEqual([
      { field: 'where', level: 'subdistrict', region: '和平街道', source: source('和平街道'), reviewedAt: '2026-12-01', nextReviewDue: '2027-06-01' },
      { field: 'online', level: 'city', region: '成都市', source: source('成都市'), reviewedAt: '2026-12-01', nextReviewDue: '2027-06-01' },
    ]);
    // The national matter is not changed in place.
    expect(national.where).toBe('社区全岗通综合服务窗口');
  });

  it('makes a local promise the figure deadlines use, and sources it locally instead of nationally', () => {
    const m = applyLocalRules(national, [rule({ level: 'county', region: '武侯区', timeLimit: { value: 5, unit: 'workday' } })]);
    expect(m.timeLimit).toEqual({ workingDays: 5, legal: { value: 15, unit: 'day' }, local: { value: 5, unit: 'workday', source: source('武侯区') } });
    expect(m.sources).toEqual([
      { title: '居住证暂行条例', docNo: '国务院令第663号', field: 'basis' },
      { ...source('武侯区'), field: 'timeLimit' },
    ]);
  });

  it('takes the time figure its own source when it has one', () => {
    const own = { title: '武侯区承诺时限目录', url: 'https://example.gov.cn/wuhou/promise' };
    const m = applyLocalRules(national, [rule({ level: 'county', region: '武侯区', timeLimit: { value: 3, unit: 'workday', source: own } })]);
    expect(m.timeLimit.local?.source).toEqual(own);
  });

  it('replaces the material list whole', () => {
    const materials = [{ name: '居住证申领登记表', form: 'form' as const, copies: 1, required: true }];
    const m = applyLocalRules(national, [rule({ level: 'province', region: '四川省', materials })]);
    expect(m.materials).toEqual(materials);
    expect(m.local?.map((x) => x.field)).toEqual(['materials']);
  });

  it('refuses a rule that changes nothing, a promise in calendar days and a review due before it was done', () => {
    const base = { matter: 'juzhuzheng', level: 'city', region: '成都市', source: source('成都市'), reviewedAt: '2026-12-01', nextReviewDue: '2027-06-01' };
    const messages = (input: unknown) => {
      const r = LocalRuleSchema.safeParse(input);
      return r.success ? [] : r.error.issues.map((i) => i.message);
    };
    expect(messages(base)).toEqual(['本地规定至少应改变一项内容（材料、时限、地点或网上办理）']);
    expect(messages({ ...base, timeLimit: { value: 5, unit: 'day' } })).toEqual(['本地承诺时限应以工作日计']);
    expect(messages({ ...base, where: '市政务中心', nextReviewDue: '2026-12-01' })).toEqual(['下次复核日期应晚于核对日期']);
    expect(messages({ ...base, where: '市政务中心', source: { title: '无文号' } })).toEqual(['来源须有文号或链接']);
  });

  it('lists the rules whose review date has passed', () => {
    const due = rule({ level: 'city', region: '成都市', where: '市政务中心', nextReviewDue: '2026-12-06' });
    const today = rule({ level: 'city', region: '成都市', where: '市政务中心', nextReviewDue: '2026-12-07' });
    expect(staleLocalRules([due, today], '2026-12-07')).toEqual([due]);
  });
});
