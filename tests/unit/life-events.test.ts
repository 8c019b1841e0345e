import { documentKey, lifeEventPlan } from '@qgt/shared/guide/lifeEvents';
import { CatalogSchema } from '@qgt/shared/catalog/schema';
import { readCatalogSource } from '../../cloudfunctions/lib/catalog/source';

const catalog = readCatalogSource();

describe('高效办成一件事 life events', () => {
  it('ships 出生, 入学, 就业/失业, 退休 and 身后, each naming matters that exist', () => {
    expect(catalog.lifeEvents?.map((e) => e.code)).toEqual(['birth', 'school', 'job-loss', 'retirement', 'after-death']);
  });

  it('lists the matters in the order they are done', () => {
    const plan = lifeEventPlan(catalog, 'birth')!;
    expect(plan.matters.map((m) => m.code)).toEqual(['birth-registration', 'newborn-hukou', 'newborn-insurance', 'childcare-subsidy']);
    expect(plan.matters[0]).toEqual(expect.objectContaining({ title: '生育登记', where: expect.any(String) }));
  });

  it('merges the materials: each document once, saying which matters need it', () => {
    const plan = lifeEventPlan(catalog, 'birth')!;
    const names = plan.materials.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
    const id = plan.materials.find((m) => m.name === '居民身份证')!;
    // Four matters word it four ways (夫妻双方…, 父母双方…, 父亲或母亲…, 申领人…): one paper.
    expect(id.for.map((f) => f.code)).toEqual(['birth-registration', 'newborn-hukou', 'newborn-insurance', 'childcare-subsidy']);
    expect(id.required).toBe(true);
    expect(plan.materials.find((m) => m.name === '出生医学证明')!.for).toHaveLength(3);
    expect(plan.materials.find((m) => m.name === '户口簿')!.for.map((f) => f.name)).toContain('婴幼儿居民户口簿');
    // Required papers come first.
    const firstOptional = plan.materials.findIndex((m) => !m.required);
    expect(plan.materials.slice(firstOptional).every((m) => !m.required)).toBe(true);
  });

  it('lets an either-or paper be met by the one another matter asks for', () => {
    const plan = lifeEventPlan(catalog, 'school')!;
    const id = plan.materials.find((m) => m.name === '居民身份证')!;
    expect(id.for.map((f) => f.name)).toEqual(['本人居民身份证', '本人居民身份证、户口簿', '居民身份证或户口簿']);
  });

  it('reads who a document belongs to as not part of it', () => {
    expect(documentKey('申领人或婴幼儿的银行卡（或开通金融功能的社会保障卡）')).toBe('银行卡');
    expect(documentKey('单位出具的终止或解除劳动关系证明')).toBe('终止或解除劳动关系证明');
  });

  it('returns null for an unknown event, and the schema refuses an event naming a missing matter', () => {
    expect(lifeEventPlan(catalog, 'no-such-event')).toBeNull();
    const bad = { ...catalog, lifeEvents: [{ code: 'x-event', title: '某一件事', summary: '一个不存在的事项', matters: ['dibao', 'no-such-matter'] }] };
    const parsed = CatalogSchema.safeParse(bad);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0].message).toContain('no-such-matter');
  });
});
