import { LocalRuleSchema, type LocalRule } from '@qgt/shared/catalog/localRule';
import { openEmbeddedStore } from '../../../cloudfunctions/lib/store/embedded';
import type { Store } from '../../../cloudfunctions/lib/store/port';
import { seedIfEmpty } from '../../../cloudfunctions/lib/seed/demo';
import { syncCatalogFromSource } from '../../../cloudfunctions/lib/catalog/publish';
import { detailsVersion, localRulesFor, saveLocalRules } from '../../../cloudfunctions/lib/catalog/local-rules';
import { loadCommunity } from '../../../cloudfunctions/lib/community/store';

/**
 * guide.get reads the local rules on every call: they are kept per store and community version,
 * so the `meta` documents are read again only after a change, and the details version the
 * device keys its kept matters by moves with the rules' content.
 */
const NOW = new Date('2026-12-07T02:00:00Z');
const rule = (where: string): LocalRule =>
  LocalRuleSchema.parse({
    matter: 'childcare-subsidy',
    level: 'subdistrict',
    region: '锦绣街道',
    where,
    source: { title: '某街道便民服务指南（测试）', docNo: '测〔2026〕1号' },
    reviewedAt: '2026-12-01',
    nextReviewDue: '2027-06-01',
  });

/** The store with its `find` calls on `meta` counted (the rules documents are found there). */
function counted(store: Store) {
  const count = { metaFinds: 0 };
  const wrapped = new Proxy(store, {
    get(target, prop) {
      if (prop === 'collection')
        return (name: string) => {
          const c = target.collection(name as never);
          if (name !== 'meta') return c;
          return new Proxy(c, {
            get(ct, p) {
              const v = Reflect.get(ct, p) as unknown;
              if (p === 'find') return (...args: unknown[]) => (count.metaFinds++, (v as (...a: unknown[]) => unknown).apply(ct, args));
              return typeof v === 'function' ? v.bind(ct) : v;
            },
          });
        };
      const v = Reflect.get(target, prop) as unknown;
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
  return { store: wrapped, count };
}

describe('local rules cached by version', () => {
  let base: Store;
  let street: string;
  beforeAll(async () => {
    base = openEmbeddedStore(null);
    await syncCatalogFromSource(base, NOW);
    await seedIfEmpty(base, 'demo', NOW);
    street = (await loadCommunity(base)).subdistricts[0].code;
  });

  it('reads the rules documents once, then again only after the rules are saved', async () => {
    const { store, count } = counted(base);
    await saveLocalRules(store, street, [rule('锦绣社区2号窗口')], NOW);
    expect((await localRulesFor(store)).map((r) => r.where)).toEqual(['锦绣社区2号窗口']);
    expect((await localRulesFor(store, street)).map((r) => r.where)).toEqual(['锦绣社区2号窗口']);
    await localRulesFor(store);
    expect(count.metaFinds).toBe(1);

    await saveLocalRules(store, street, [rule('锦绣社区3号窗口')], NOW);
    expect((await localRulesFor(store)).map((r) => r.where)).toEqual(['锦绣社区3号窗口']);
    expect(count.metaFinds).toBe(2);
  });

  it('moves the details version with the rules’ content, not with a save of the same rules', async () => {
    await saveLocalRules(base, street, [rule('锦绣社区2号窗口')], NOW);
    const before = await detailsVersion(base, '2026.1.0');
    expect(before).toMatch(/^2026\.1\.0-[0-9a-f]{8}$/);
    await saveLocalRules(base, street, [rule('锦绣社区2号窗口')], new Date(NOW.getTime() + 60_000));
    expect(await detailsVersion(base, '2026.1.0')).toBe(before);
    await saveLocalRules(base, street, [rule('锦绣社区5号窗口')], NOW);
    expect(await detailsVersion(base, '2026.1.0')).not.toBe(before);
    expect(await detailsVersion(base, '2026.2.0')).not.toBe(await detailsVersion(base, '2026.1.0'));
  });
});
