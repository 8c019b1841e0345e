import { testCatalog } from './fixture';
import { bootApp, tap, textOf, type, waitFor, type SimNode, type WeappHarness } from './harness';
import { DEMO, FIRST_LOAD_MS, type RealBackend } from './real-backend';
import { cloudOf, testBackend } from './real-ops';

/**
 * Issue 16 on the real handler tables, the guide included: the catalog editor edits an existing
 * matter's materials and eligibility (one item per line, each change with its source), the 街道
 * admin publishes and the guide answers the new list; publish is offered only to 街道 admins; admin
 * pages ask nothing of the admin function before the role gate lets the caller in.
 */
jest.setTimeout(40_000);

let h: WeappHarness | undefined;
afterEach(() => h?.closeAll());

const dibao = testCatalog.matters.find((m) => m.code === 'dibao')!;
const pageData = (page: SimNode) => JSON.stringify(page.instance.data);

async function openCatalog(backend: RealBackend): Promise<SimNode> {
  h = bootApp(cloudOf(backend));
  const page = await h.open('/admin/pages/catalog/index');
  await waitFor(() => textOf(page).includes('最低生活保障'), FIRST_LOAD_MS);
  return page;
}

/** Opens 最低生活保障's form (the second matter) and waits for its materials field. */
async function openDibao(page: SimNode) {
  page.querySelectorAll('.catalog__matter')[1].dispatchEvent('tap');
  await waitFor(() => page.querySelector('.field__textarea--m-materials'));
}

it('catalog: a 街道 admin edits a matter\'s materials and eligibility, each change sourced, publishes, and the guide answers the new list', async () => {
  const backend = testBackend({ as: 'demo-street-admin' });
  const page = await openCatalog(backend);
  await waitFor(() => page.querySelector('.submit--catalog-publish'), FIRST_LOAD_MS);
  expect(textOf(page)).not.toContain('发布由街道管理员进行');

  // The form shows the current items as lines; saved unchanged, the draft equals the published matter.
  await openDibao(page);
  const data = pageData(page);
  expect(data).toContain('户口簿 原件——核验后当场退还');
  expect(data).toContain('残疾证 复印件2份（视情况）——家庭成员有残疾的提供');
  expect(data).toContain(dibao.eligibility[0]);
  tap(page, '.submit--matter-save');
  await waitFor(() => backend.callsOf('admin', 'catalog.draft.save').length === 1 && textOf(page).includes('草稿：'), FIRST_LOAD_MS);
  const unchanged = (await backend.ok('admin', 'catalog.draft.get', {})).draft.catalog.matters.find((m: { code: string }) => m.code === 'dibao');
  expect(unchanged.materials).toEqual(dibao.materials);
  expect(unchanged.eligibility).toEqual(dibao.eligibility);
  expect(unchanged.sources).toEqual(dibao.sources);
  expect(textOf(page)).not.toContain('（已修改）');

  // One material changed, one condition added: without a source the form names both fields.
  await openDibao(page);
  const materials = [
    '居民身份证 原件及复印件1份',
    '户口簿 原件——核验后当场退还',
    '家庭经济状况核对授权书 现场填写1份',
    '残疾人证 复印件1份（视情况）——家庭成员有残疾的提供',
  ].join('\n');
  type(page, '.field__textarea--m-materials', materials);
  type(page, '.field__textarea--m-eligibility', [...dibao.eligibility, '持有本市居住证满一年的常住人口'].join('\n'));
  await waitFor(() => pageData(page).includes('残疾人证 复印件1份') && pageData(page).includes('持有本市居住证满一年'));
  tap(page, '.submit--matter-save');
  await waitFor(() => textOf(page).includes('修改了办理条件、所需材料，请填写来源名称及文号或链接'));
  expect(backend.callsOf('admin', 'catalog.draft.save')).toHaveLength(1);
  type(page, '.field__input--m-src-title', '某市最低生活保障审核确认办法');
  type(page, '.field__input--m-src-doc', '某民规〔2026〕3号');
  await waitFor(() => pageData(page).includes('某民规〔2026〕3号'));
  tap(page, '.submit--matter-save');
  await waitFor(() => backend.callsOf('admin', 'catalog.draft.save').length === 2 && textOf(page).includes('最低生活保障（已修改）'), FIRST_LOAD_MS);
  const diff = textOf(page.querySelector('.catalog__diff')!);
  expect(diff).toContain('最低生活保障 · 所需材料');
  expect(diff).toContain('最低生活保障 · 办理条件');
  expect(diff).toContain('残疾人证 复印件×1（视情况）');

  // Publish the saved draft; the guide answers the new materials and condition.
  await waitFor(() => textOf(page).includes('草稿：') && !textOf(page).includes('尚未保存'));
  tap(page, '.submit--catalog-publish');
  await waitFor(() => textOf(page).includes('2026.1.1（当前）'), FIRST_LOAD_MS);
  expect(backend.callsOf('admin', 'catalog.publish')).toHaveLength(1);
  const guide = await backend.ok('guide', 'get', { code: 'dibao' });
  expect(guide.materials.find((m: { name: string }) => m.name === '残疾人证')).toEqual({ name: '残疾人证', form: 'copy', copies: 1, required: false, note: '家庭成员有残疾的提供' });
  expect(guide.materials.some((m: { name: string }) => m.name === '残疾证')).toBe(false);
  expect(guide.materials).toHaveLength(dibao.materials.length);
  expect(guide.eligibility).toContain('持有本市居住证满一年的常住人口');
  expect(guide.sources.filter((s: { title: string }) => s.title === '某市最低生活保障审核确认办法').map((s: { field: string }) => s.field).sort()).toEqual(['eligibility', 'materials']);
});

it('catalog: a material the schema refuses is named by matter and field, and nothing unsaved is published', async () => {
  const backend = testBackend({ as: 'demo-street-admin' });
  const page = await openCatalog(backend);
  await openDibao(page);
  // A one-character name (the schema wants two).
  type(page, '.field__textarea--m-materials', '证 原件');
  type(page, '.field__input--m-src-title', '某市最低生活保障审核确认办法');
  type(page, '.field__input--m-src-doc', '某民规〔2026〕3号');
  await waitFor(() => pageData(page).includes('某民规〔2026〕3号') && pageData(page).includes('证 原件'));
  tap(page, '.submit--matter-save');
  await waitFor(() => textOf(page).includes('「最低生活保障」的所需材料：'), FIRST_LOAD_MS);
  expect(textOf(page)).toContain('最近的修改尚未保存');
  tap(page, '.submit--catalog-publish');
  await h!.simulate.sleep(100);
  expect(backend.callsOf('admin', 'catalog.publish')).toHaveLength(0);
  expect((await backend.ok('admin', 'catalog.draft.get', {})).draft).toBeNull();
});

it('catalog: a community admin edits the draft but is not offered 发布, and is told who publishes', async () => {
  const backend = testBackend({ as: DEMO.admin });
  const page = await openCatalog(backend);
  await waitFor(() => textOf(page).includes('发布由街道管理员进行'), FIRST_LOAD_MS);
  expect(page.querySelector('.submit--catalog-publish')).toBeFalsy();
  expect(page.querySelector('.field__input--catalog-version')).toBeFalsy();
  // The draft is still theirs to edit.
  await openDibao(page);
  expect(page.querySelector('.submit--matter-save')).toBeTruthy();
  expect(backend.callsOf('admin', 'catalog.publish')).toHaveLength(0);
});

it.each([
  ['dashboard', '/admin/pages/dashboard/index'],
  ['catalog', '/admin/pages/catalog/index'],
])('%s: a resident is told the page is not theirs, and the admin function is never called', async (_name, url) => {
  const backend = testBackend({ as: DEMO.resident });
  h = bootApp(cloudOf(backend));
  const page = await h.open(url);
  await waitFor(() => textOf(page).includes('没有此功能的权限'), FIRST_LOAD_MS);
  await h.simulate.sleep(200);
  expect(backend.calls.filter((c) => c.fn === 'admin')).toEqual([]);
  expect(backend.callsOf('account', 'me').length).toBeGreaterThan(0);
});
