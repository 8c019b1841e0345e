import { MatterSchema } from '@qgt/shared/catalog/schema';
import { buildNewMatter, catalogFieldLabel, materialFromLine, materialLine, materialsFromText, materialsText, newMatterCode, nextYear } from '@qgt/shared/catalog/newMatter';
import { catalogDiff } from '@qgt/shared/catalog/diff';
import { readCatalogSource } from '../../../cloudfunctions/lib/catalog/source';
import { parseInviteCode } from '@qgt/shared/account/invite';

/** The console's new-matter form → a catalog matter (issue 16), and the words that name a refused field. */

describe('materialFromLine', () => {
  it.each([
    ['居民身份证 原件', { name: '居民身份证', form: 'original', copies: 0, required: true }],
    ['居民户口簿 复印件2份', { name: '居民户口簿', form: 'copy', copies: 2, required: true }],
    ['结婚证 原件及复印件', { name: '结婚证', form: 'originalAndCopy', copies: 1, required: true }],
    ['委托书（视情况）', { name: '委托书', form: 'original', copies: 0, required: false }],
    ['低保申请表', { name: '低保申请表', form: 'form', copies: 0, required: true }],
  ])('%s', (line, material) => expect(materialFromLine(line)).toEqual(material));
});

describe('materialLine: an existing matter\'s materials as the editor\'s lines', () => {
  const catalog = readCatalogSource();

  it('reads every material of the repository catalog back unchanged (an unchanged save is a no-op)', () => {
    const all = catalog.matters.flatMap((m) => m.materials);
    expect(all.length).toBeGreaterThan(100);
    for (const m of catalog.matters) expect(materialsFromText(materialsText(m.materials))).toEqual(m.materials);
    // Every form, copies, optional and noted materials are among them.
    expect(new Set(all.map((x) => x.form))).toEqual(new Set(['original', 'copy', 'originalAndCopy', 'electronic', 'form']));
    expect(all.some((x) => x.note) && all.some((x) => !x.required) && all.some((x) => x.form === 'original' && x.copies > 0)).toBe(true);
  });

  it('writes the form, copies, 视情况 and the note in words', () => {
    expect(materialLine({ name: '授权委托书（经公证）', form: 'original', copies: 1, required: false, note: '委托他人办理时提供' })).toBe('授权委托书（经公证） 原件1份（视情况）——委托他人办理时提供');
    expect(materialLine({ name: '残疾人证申请表', form: 'form', copies: 0, required: true })).toBe('残疾人证申请表 现场填写');
    // A name ending in 表 that is brought as an original stays an original.
    expect(materialFromLine(materialLine({ name: '体检表', form: 'original', copies: 0, required: true }))).toEqual({ name: '体检表', form: 'original', copies: 0, required: true });
    expect(materialFromLine('居民身份证 原件——核验后当场退还')).toEqual({ name: '居民身份证', form: 'original', copies: 0, required: true, note: '核验后当场退还' });
  });

  it('an edited line shows in the diff, a changed form too', () => {
    const m = catalog.matters[0];
    const lines = materialsText(m.materials).split('\n');
    const edited = { ...m, materials: materialsFromText([...lines, '居住证明 复印件1份（视情况）'].join('\n')) };
    expect(catalogDiff({ matters: [m] }, { matters: [edited] }).map((c) => c.field)).toEqual(['materials']);
    const reformed = { ...m, materials: m.materials.map((x, i) => (i === 0 ? { ...x, form: x.form === 'copy' ? ('original' as const) : ('copy' as const), copies: 1 } : x)) };
    expect(catalogDiff({ matters: [m] }, { matters: [reformed] }).map((c) => c.field)).toEqual(['materials']);
  });
});

it('makes a code no matter has, in the catalog code shape', () => {
  const now = Date.parse('2026-12-07T09:00:00Z');
  const first = newMatterCode(new Set(), now);
  expect(first).toMatch(/^[a-z0-9][a-z0-9-]{1,29}$/);
  expect(newMatterCode(new Set([first]), now)).not.toBe(first);
});

it('builds a matter the catalog schema accepts, each filled field traced to the source', () => {
  const m = buildNewMatter(
    {
      title: '老年人助餐补贴', category: 'minzheng', summary: '为本社区80周岁以上老人提供助餐补贴。', aliases: '', basis: '某市助餐服务管理办法',
      eligibility: '80周岁以上老人', materials: '身份证 原件', steps: '申请\n审核', workingDays: 5, where: '社区综合窗口', fee: '不收费',
      onTheSpot: false, doorstep: true, proxy: false, source: { title: '《某市助餐服务管理办法》', doc: 'https://example.org/zhucan' }, reviewDate: '2026-12-07',
    },
    'm-test',
  );
  expect(MatterSchema.safeParse(m).success).toBe(true);
  expect(m.aliases).toEqual(['老年人助餐补贴']);
  expect(m.review).toEqual({ reviewedAt: '2026-12-07', nextReviewDue: '2027-12-07', status: 'reviewed', unverified: [] });
  expect(m.sources.map((s) => s.field)).toEqual(['summary', 'basis', 'eligibility', 'materials', 'steps', 'timeLimit', 'where', 'fee']);
  expect(m.sources[0]).toEqual({ title: '某市助餐服务管理办法', url: 'https://example.org/zhucan', retrievedAt: '2026-12-07', field: 'summary' });
});

it('names a refused field by matter title and label', () => {
  const matters = [{ title: '最低生活保障' }, { title: '老年人助餐补贴' }];
  expect(catalogFieldLabel('data.catalog.matters.1.steps', matters)).toBe('「老年人助餐补贴」的办理流程');
  expect(catalogFieldLabel('data.catalog.matters.0.materials.2.name', matters)).toBe('「最低生活保障」的所需材料');
  expect(catalogFieldLabel('data.catalog.matters.5', matters)).toBe('第6个事项');
  expect(catalogFieldLabel('data.catalog.version', matters)).toBe('版本号');
  expect(nextYear('2028-02-29')).toBe('2029-02-28');
});

it('reads an invitation code from a scene, a link or typing', () => {
  expect(parseInviteCode('i%3DABCD2345')).toBe('ABCD2345');
  expect(parseInviteCode('https://x.test/#/signin/pages/invite/index?code=abcd2345')).toBe('ABCD2345');
  expect(parseInviteCode(' abcd 2345 ')).toBe('ABCD2345');
  expect(parseInviteCode('ABCD1234')).toBeNull(); // 1 is not in the alphabet
  expect(parseInviteCode('w=ABCD2345')).toBeNull();
});
