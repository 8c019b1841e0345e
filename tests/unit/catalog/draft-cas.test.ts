import { openEmbeddedStore } from '../../../cloudfunctions/lib/store/embedded';
import { dropDraft, dropPublishedDraft, nextSavedAt, readDraft, replaceDraft } from '../../../cloudfunctions/lib/catalog/draft';
import type { Catalog } from '@qgt/shared/catalog/schema';

/** The draft's compare-and-set on a fixed clock: saves within one millisecond still tell apart. */
const NOW = new Date('2026-12-07T06:05:00.000Z');
const catalog = (version: string) => ({ version, categories: [], matters: [] }) as unknown as Catalog;

it('gives each save a savedAt after the one it replaces, even within one millisecond', () => {
  expect(nextSavedAt(NOW, null)).toBe('2026-12-07T06:05:00.000Z');
  expect(nextSavedAt(NOW, '2026-12-07T06:04:00.000Z')).toBe('2026-12-07T06:05:00.000Z');
  expect(nextSavedAt(NOW, '2026-12-07T06:05:00.000Z')).toBe('2026-12-07T06:05:00.001Z');
  expect(nextSavedAt(NOW, '2026-12-07T06:05:00.009Z')).toBe('2026-12-07T06:05:00.010Z'); // a clock behind the last save
});

it('refuses a stale save or discard on a frozen clock, in words, and leaves the newer draft', async () => {
  const store = openEmbeddedStore(null);
  const first = nextSavedAt(NOW, null);
  await replaceDraft(store, { catalog: catalog('2026.1.1'), savedAt: first, by: 'a', base: null }, null);
  const second = nextSavedAt(NOW, first);
  await replaceDraft(store, { catalog: catalog('2026.1.2'), savedAt: second, by: 'b', base: null }, first);

  // The first editor, on the same millisecond, still holds `first`.
  await expect(replaceDraft(store, { catalog: catalog('2026.1.3'), savedAt: nextSavedAt(NOW, first), by: 'a', base: null }, first)).rejects.toMatchObject({
    code: 'CONFLICT',
    reason: 'draftChanged',
    message: '草稿已被其他管理员于 12月7日 14:05 修改，请刷新后再改',
  });
  await expect(replaceDraft(store, { catalog: catalog('2026.1.3'), savedAt: first, by: 'a', base: null }, null)).rejects.toMatchObject({ reason: 'draftChanged' });
  await expect(dropDraft(store, first)).rejects.toMatchObject({ reason: 'draftChanged' });
  await expect(dropDraft(store, null)).rejects.toMatchObject({ reason: 'draftChanged' });
  expect(await readDraft(store)).toMatchObject({ savedAt: second, by: 'b', catalog: { version: '2026.1.2' } });

  expect(await dropDraft(store, second)).toBe(true);
  expect(await dropDraft(store, second)).toBe(false);
  expect(await dropDraft(store, null)).toBe(false);
  await expect(replaceDraft(store, { catalog: catalog('2026.1.3'), savedAt: nextSavedAt(NOW, second), by: 'a', base: null }, second)).rejects.toMatchObject({ message: '草稿已被放弃，请刷新后再改' });
  expect(await readDraft(store)).toBeNull();
});

it('after a publish, drops only the draft that was published, not one saved meanwhile', async () => {
  const store = openEmbeddedStore(null);
  const published = nextSavedAt(NOW, null);
  await replaceDraft(store, { catalog: catalog('2026.1.1'), savedAt: published, by: 'a', base: null }, null);
  const meanwhile = nextSavedAt(NOW, published);
  await replaceDraft(store, { catalog: catalog('2026.1.2'), savedAt: meanwhile, by: 'b', base: null }, published);
  await dropPublishedDraft(store, published);
  expect(await readDraft(store)).toMatchObject({ savedAt: meanwhile, by: 'b' });
  await dropPublishedDraft(store, meanwhile);
  expect(await readDraft(store)).toBeNull();
});
