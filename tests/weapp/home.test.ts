import { buildSearchIndex } from '@qgt/shared/search/build';
import { packSearchIndex } from '@qgt/shared/search/pack';
import { catalogSummary } from '@qgt/shared/catalog/summary';
import { testCatalog } from './fixture';
import { bootApp, textOf, waitFor, type WeappHarness } from './harness';
import { FIRST_LOAD_MS } from './real-backend';
import { cloudOf, seeded, testBackend } from './real-ops';

/** The home page of the built weapp on the real guide function: catalog cache, categories, offline search, elder mode. */

// The first call seeds a store (demo deployment, the test catalog) and loads the handlers.
jest.setTimeout(30_000);

let h: WeappHarness | undefined;
afterEach(() => h?.closeAll());

/** The device cache: the catalog summary and the packed search index under two keys (each ≤ 1 MB in WeChat). */
const cached = { 'qgt.catalog': { version: testCatalog.version, catalog: catalogSummary(testCatalog) }, 'qgt.searchIndex': packSearchIndex(buildSearchIndex(testCatalog)) };

describe('home page', () => {
  it('loads the catalog summary on launch, caches it and shows the categories with counts', async () => {
    const backend = testBackend();
    h = bootApp({ ...cloudOf(backend) });
    const page = await h.open('/pages/index/index');
    await waitFor(() => textOf(page).includes('民政救助'), FIRST_LOAD_MS);

    const text = textOf(page);
    for (const name of ['社会保险', '民政救助', '户籍居住']) expect(text).toContain(name);
    expect(page.querySelectorAll('.category-grid__item')).toHaveLength(3);
    expect(text).toContain('常办事项');
    expect(h.cloudInits).toEqual([{ traceUser: true }]);
    expect(h.cloudCalls[0]).toEqual({ name: 'guide', action: 'catalog', data: { summary: true } });
    // The details version the guide answers: the catalog's, then a hash of the demo's local rules.
    const { detailsVersion } = await backend.ok<{ detailsVersion: string }>('guide', 'catalog', { summary: true });
    expect(detailsVersion).toMatch(new RegExp(`^${testCatalog.version.replace(/\./g, '\\.')}-[0-9a-f]{8}$`));
    expect(h.storage.get('qgt.catalog')).toMatchObject({ version: testCatalog.version, detailsVersion });
    // The list is drawn from the summary: the device keeps no materials, steps or basis.
    const stored = JSON.stringify(h.storage.get('qgt.catalog'));
    expect(stored).toContain('最低生活保障');
    for (const detail of ['materials', 'steps', 'basis', testCatalog.matters[0].basis]) expect(stored).not.toContain(detail);
    expect(h.cloudCalls.filter((c) => c.name === 'guide').map((c) => c.action)).toEqual(['catalog']);
    expect(h.storage.get('qgt.searchIndex')).toMatchObject({ version: testCatalog.version, format: 'packed-1' });
  });

  it('finds matters by pinyin and initials as the resident types, offline from the index', async () => {
    h = bootApp({ ...cloudOf(testBackend()) });
    const page = await h.open('/pages/index/index');
    await waitFor(() => page.querySelector('.category-grid__item'), FIRST_LOAD_MS);
    const callsBefore = h.cloudCalls.length;

    page.querySelector('.search-box__input')!.dispatchEvent('input', { detail: { value: 'dibao', cursor: 5 } });
    await waitFor(() => textOf(page).includes('搜索结果（1）'));
    expect(textOf(page)).toContain('最低生活保障');
    expect(page.querySelector('.category-grid')).toBeUndefined();

    page.querySelector('.search-box__input')!.dispatchEvent('input', { detail: { value: 'txyz', cursor: 4 } });
    await waitFor(() => textOf(page).includes('养老保险待遇资格认证'));
    expect(textOf(page)).not.toContain('最低生活保障');
    // Searching is local: no function was called while typing.
    expect(h.cloudCalls.length).toBe(callsBefore);

    page.querySelector('.matter-item')!.dispatchEvent('tap');
    await waitFor(() => h!.navigations.length > 0);
    expect(h.navigations).toEqual([{ api: 'navigateTo', url: '/pages/matter/index?code=pension-certification' }]);
  });

  it('says so when nothing matches', async () => {
    h = bootApp({ ...cloudOf(testBackend()) });
    const page = await h.open('/pages/index/index');
    await waitFor(() => page.querySelector('.category-grid__item'), FIRST_LOAD_MS);
    page.querySelector('.search-box__input')!.dispatchEvent('input', { detail: { value: 'zzzz' } });
    await waitFor(() => textOf(page).includes('没有找到'));
    expect(textOf(page)).toContain('搜索结果（0）');
  });

  it('opens a category', async () => {
    h = bootApp({ ...cloudOf(testBackend()) });
    const page = await h.open('/pages/index/index');
    await waitFor(() => page.querySelector('.category-grid__item'), FIRST_LOAD_MS);
    page.querySelectorAll('.category-grid__item')[1].dispatchEvent('tap');
    await waitFor(() => h!.navigations.length > 0);
    expect(h.navigations[0]).toEqual({ api: 'navigateTo', url: '/pages/category/index?code=minzheng' });

    const category = await h.open('/pages/category/index?code=minzheng');
    await waitFor(() => textOf(category).includes('最低生活保障'));
    expect(textOf(category)).toContain('民政救助 · 共1项');
  });

  it('uses the cached catalog when the server says it is unchanged', async () => {
    const backend = await seeded(testBackend());
    h = bootApp({ ...cloudOf(backend), storage: cached });
    const page = await h.open('/pages/index/index');
    await waitFor(() => h!.cloudCalls.length > 0);
    expect(h.cloudCalls[0]).toEqual({ name: 'guide', action: 'catalog', data: { version: testCatalog.version, summary: true } });
    expect(textOf(page)).toContain('民政救助');
    // The server's answer: the same version, so the summary stays as it was; the details version it
    // tells is kept beside it (kept matters are checked against it).
    await waitFor(() => backend.callsOf('guide', 'catalog').length === 1, FIRST_LOAD_MS);
    const answer = await backend.ok<{ detailsVersion: string }>('guide', 'catalog', { version: testCatalog.version, summary: true });
    expect(answer).toEqual({ version: testCatalog.version, unchanged: true, detailsVersion: expect.stringMatching(new RegExp(`^${testCatalog.version.replace(/\./g, '\\.')}-[0-9a-f]{8}$`)) });
    await waitFor(() => (h!.storage.get('qgt.catalog') as { detailsVersion?: string }).detailsVersion === answer.detailsVersion);
    expect(h.storage.get('qgt.catalog')).toMatchObject(cached['qgt.catalog']);
  });

  it('works offline from the cache', async () => {
    h = bootApp({ ...cloudOf(await seeded(testBackend())), storage: cached });
    h.offline = true;
    const page = await h.open('/pages/index/index');
    expect(textOf(page)).toContain('民政救助');
    page.querySelector('.search-box__input')!.dispatchEvent('input', { detail: { value: '低保' } });
    await waitFor(() => textOf(page).includes('最低生活保障'));
  });

  it('offline with nothing cached: a clear message and a retry button, never a blank page', async () => {
    h = bootApp({ ...cloudOf(await seeded(testBackend())) });
    h.offline = true;
    const page = await h.open('/pages/index/index');
    await waitFor(() => textOf(page).includes('当前没有网络连接'));
    expect(textOf(page)).toContain('首次使用需要联网加载办事指南');

    // The guide's own retry: the page may also show one for the caller's identity (account.me
    // failed offline too) above it, depending on which failure rendered first — tapping that one
    // was the flake. And the retry checks again even when a check begun offline is in flight.
    // (The simulator cannot select inside a node: the guide's is the last one on the page.)
    expect(textOf(page.querySelectorAll('.load-state').at(-1)!)).toContain('首次使用需要联网加载办事指南');
    h.offline = false;
    page.querySelectorAll('.load-state__retry').at(-1)!.dispatchEvent('tap');
    await waitFor(() => textOf(page).includes('民政救助'), FIRST_LOAD_MS);
  });

  it('长辈模式: the toggle puts the elder class on the page root and remembers it', async () => {
    h = bootApp({ ...cloudOf(await seeded(testBackend())) });
    const page = await h.open('/pages/index/index');
    expect(page.querySelector('.page')).toBeDefined();
    expect(page.querySelector('.elder')).toBeUndefined();

    page.querySelector('.elder-toggle')!.dispatchEvent('tap');
    await waitFor(() => page.querySelector('.page.elder'));
    expect(textOf(page)).toContain('已开启');
    expect(h.storage.get('qgt.elder')).toBe(true);

    // Another page opened afterwards starts in elder mode.
    const matter = await h.open('/pages/matter/index?code=dibao');
    expect(matter.querySelector('.page.elder')).toBeDefined();

    page.querySelector('.elder-toggle')!.dispatchEvent('tap');
    await waitFor(() => !page.querySelector('.elder'));
    expect(h.storage.get('qgt.elder')).toBe(false);
    // Pages share the setting: the matter page switched back too.
    await waitFor(() => !matter.querySelector('.elder'));
  });
});

describe('launch from a mini-program code that opens the home page', () => {
  it('opens the matter of a valid scene', async () => {
    h = bootApp({ ...cloudOf(testBackend()), launch: { path: 'pages/index/index', query: { scene: 'm%3Ddibao' } } });
    await h.open('/pages/index/index');
    await waitFor(() => h!.navigations.length > 0);
    expect(h.navigations).toEqual([{ api: 'navigateTo', url: '/pages/matter/index?code=dibao' }]);
  });

  it('opens the station page of a station scene, which shows where, when, whom to call and what to do there', async () => {
    h = bootApp({ ...cloudOf(testBackend()), launch: { path: 'pages/index/index', query: { scene: 's%3Djinxiu-window' } } });
    const home = await h.open('/pages/index/index');
    await waitFor(() => h!.navigations.length > 0);
    expect(h.navigations).toEqual([{ api: 'navigateTo', url: '/pages/station/index?code=jinxiu-window' }]);
    expect(textOf(home)).not.toContain('暂不支持该二维码');
    const page = await h.open('/pages/station/index?code=jinxiu-window');
    // The demo deployment's station (deployments/demo.json), with the test catalog's matter done there on the spot.
    await waitFor(() => textOf(page).includes('锦绣社区党群服务中心综合窗口'), FIRST_LOAD_MS);
    for (const text of ['工作日 9:00–12:00，14:00–17:30', '锦绣路18号', '028-87000018', '养老保险待遇资格认证', '可当场办结', '预约上门帮办']) expect(textOf(page)).toContain(text);
  });

  it('shows a notice for a scene it cannot read', async () => {
    h = bootApp({ ...cloudOf(testBackend()), launch: { path: 'pages/index/index', query: { scene: 'hello%20world' } } });
    const page = await h.open('/pages/index/index');
    await waitFor(() => textOf(page).includes('二维码无法识别'));
    expect(h.navigations).toEqual([]);
    expect(textOf(page)).toContain('民政救助');
  });
});
