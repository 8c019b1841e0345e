import type { Catalog } from '@qgt/shared/catalog/schema';
import type { CatalogVersionView, GridView, RoleView } from '@qgt/shared/admin/views';
import type { ConsoleOutput } from '@qgt/shared/admin/api';
import { testMatter } from '../fixtures/mini-catalog';
import { testCatalog } from './fixture';
import { bootApp, tap, textOf, type, waitFor, type WeappHarness } from './harness';
import { DEMO, FIRST_LOAD_MS, RealBackend } from './real-backend';
import { allOn, cloudOf, eventually, testBackend } from './real-ops';

/**
 * Admin console pages on the real admin function: grids import shows field paths; catalog edit →
 * bump → publish; review and 报告错误; roles; departments; the admin home links.
 */

// The first call seeds a store (demo deployment, a catalog) and loads the handlers.
jest.setTimeout(30_000);

let h: WeappHarness | undefined;
afterEach(() => h?.closeAll());

/** 孙科长 runs the whole 街道 (departments are theirs); 王主任 runs 锦绣社区. */
const STREET_ADMIN = 'demo-street-admin';

it('admin home links every console page', async () => {
  h = bootApp(cloudOf(testBackend({ as: DEMO.admin })));
  const page = await h.open('/admin/pages/home/index');
  await waitFor(() => textOf(page).includes('治理看板'), FIRST_LOAD_MS);
  for (const t of ['回访任务', '事项目录', '网格导入', '网格员管理', '部门管理', '站点与二维码', '角色管理']) expect(textOf(page)).toContain(t);
  tap(page, '.staff__link--dashboard');
  await waitFor(() => h!.navigations.length > 0);
  expect(h.navigations[0]).toEqual({ api: 'navigateTo', url: '/admin/pages/dashboard/index' });
});

it('grids import: bad JSON is caught on the device; server issues show their field paths', async () => {
  const backend = testBackend({ as: DEMO.admin });
  h = bootApp(cloudOf(backend));
  const page = await h.open('/admin/pages/grids/index');
  // The demo deployment's three grids.
  await waitFor(() => textOf(page).includes('锦绣东苑'), FIRST_LOAD_MS);
  type(page, '.field__textarea--geojson', '{not json');
  await h.simulate.sleep(30);
  tap(page, '.submit--grids-import');
  await waitFor(() => textOf(page).includes('不是有效的 JSON'));
  expect(backend.callsOf('admin', 'grids.import')).toEqual([]);
  // A grid without its community and worker: the server names both fields.
  const square = [[[103.6, 30.97], [103.61, 30.97], [103.61, 30.98], [103.6, 30.97]]];
  type(page, '.field__textarea--geojson', JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: 'G9', name: '新网格' }, geometry: { type: 'Polygon', coordinates: square } }] }));
  await h.simulate.sleep(30);
  tap(page, '.submit--grids-import');
  await waitFor(() => textOf(page).includes('data.features.0.properties.worker'));
  expect(textOf(page)).toContain('data.features.0.properties.community');
  expect(textOf(page)).toContain('无效输入：期望 string，实际接收 undefined');
  // Nothing was imported.
  expect((await backend.ok<{ items: GridView[] }>('admin', 'grids.list', {})).items.map((g) => g.code)).toEqual(['G1', 'G2', 'G3']);
});

it('catalog: edit a matter, the version is bumped, publish with a note', async () => {
  // Publishing the guide is a 街道 admin's (the catalog is shared by the whole 街道).
  const backend = testBackend({ as: STREET_ADMIN });
  h = bootApp(cloudOf(backend));
  const page = await h.open('/admin/pages/catalog/index');
  await waitFor(() => textOf(page).includes('最低生活保障'), FIRST_LOAD_MS);
  await waitFor(() => textOf(page).includes('（当前）'));
  const rows = page.querySelectorAll('.catalog__matter');
  const i = testCatalog.matters.findIndex((m) => m.code === 'dibao');
  rows[i].dispatchEvent('tap');
  await waitFor(() => page.querySelector('.field__input--m-days'));
  type(page, '.field__input--m-days', '15');
  await h.simulate.sleep(30);
  // Issue 21: a change without a source is refused on the device, naming the field.
  tap(page, '.submit--matter-save');
  await waitFor(() => textOf(page).includes('修改了办理时限，请填写来源名称及文号或链接'));
  type(page, '.field__input--m-src-title', '锦绣社区政务服务事项承诺时限表');
  type(page, '.field__input--m-src-doc', 'https://example.org/jinxiu/promises');
  await h.simulate.sleep(30);
  tap(page, '.submit--matter-save');
  await waitFor(() => textOf(page).includes('（已修改）'));
  // The per-field diff before publishing.
  const change = textOf(page.querySelector('.catalog__change')!);
  expect(change).toContain('最低生活保障 · 办理时限');
  expect(change).toContain('原：期限30个工作日；不含公示时间');
  expect(change).toContain('新：期限15个工作日；不含公示时间');
  await waitFor(() => textOf(page).includes('草稿：'));
  type(page, '.field__textarea--catalog-note', '低保时限调整为15个工作日');
  await h.simulate.sleep(30);
  tap(page, '.submit--catalog-publish');
  await waitFor(() => backend.callsOf('admin', 'catalog.publish').length === 1);
  // The edit went to the server's draft when saved; the publish takes that draft under the new version.
  expect(backend.callsOf('admin', 'catalog.draft.save')).toHaveLength(1);
  const sent = backend.callsOf('admin', 'catalog.draft.save')[0].data as { catalog: Catalog };
  const published = backend.callsOf('admin', 'catalog.publish')[0].data as { version: string; note: string };
  const [y, n, p] = testCatalog.version.split('.').map(Number);
  const next = `${y}.${n}.${p + 1}`;
  expect(published.version).toBe(next);
  expect(published.note).toBe('低保时限调整为15个工作日');
  expect(sent.catalog.matters.find((m) => m.code === 'dibao')!.timeLimit.workingDays).toBe(15);
  // Published: the new version is current, and residents get 15 working days with its source.
  const versions = await eventually(() => backend.ok<{ current: string; items: CatalogVersionView[] }>('admin', 'catalog.versions', {}), (v) => v.current !== testCatalog.version);
  expect(versions.current).toBe(next);
  const dibao = await backend.ok<Catalog['matters'][number]>('guide', 'get', { code: 'dibao' }, DEMO.resident);
  expect(dibao.timeLimit.workingDays).toBe(15);
  expect(dibao.sources).toContainEqual(
    expect.objectContaining({ title: '锦绣社区政务服务事项承诺时限表', url: 'https://example.org/jinxiu/promises', field: 'timeLimit', retrievedAt: '2026-11-24' }),
  );
});

it('catalog: admins see the matters to re-review and the documents that lapsed (issue 21); a 报告错误 is closed once handled', async () => {
  // 生育登记 cites the Sichuan rules, valid until 2028-02-14 (the law table): on 2028-03-01 they have lapsed.
  const birth = testMatter({
    code: 'birth-registration',
    title: '生育登记',
    category: 'juzhu',
    aliases: ['生育服务登记'],
    summary: '生育子女的公民办理生育登记。',
    basis: '《四川省生育登记服务管理办法》',
    sources: [{ title: '四川省生育登记服务管理办法', docNo: '川卫规〔2022〕5号', field: 'eligibility' }],
    review: { reviewedAt: '2027-12-01', nextReviewDue: '2099-12-31', status: 'reviewed', unverified: [] },
  });
  const now = '2028-03-01T02:00:00.000Z';
  const backend = testBackend({ as: DEMO.admin, now, catalog: { ...testCatalog, matters: [...testCatalog.matters, birth] } });
  const report = await backend.ok<{ id: string }>('desk', 'reportError', { matterCode: 'dibao', field: 'materials', note: '户口簿不用复印件了' }, DEMO.worker);
  h = bootApp({ ...cloudOf(backend), clock: now });
  const page = await h.open('/admin/pages/catalog/index');
  await waitFor(() => page.querySelector('.catalog__review-item'), FIRST_LOAD_MS);
  const items = [...page.querySelectorAll('.catalog__review-item')].map((el) => textOf(el));
  expect(items[0]).toContain('生育登记 · 需复核');
  expect(items[0]).toContain('所引《四川省生育登记服务管理办法》已失效');
  // The fixture's other matters: two never reviewed, 低保 with its materials unverified.
  expect(items.slice(1).every((t) => t.includes('待核实'))).toBe(true);
  expect(items.filter((t) => t.includes('尚未核对'))).toHaveLength(2);
  expect(textOf(page)).toContain('需复核 1');
  expect(textOf(page)).toContain('《四川省生育登记服务管理办法》 · 已失效');
  expect(textOf(page)).toContain('引用事项：生育登记');
  // A window's 报告错误, closed once handled.
  expect(textOf(page.querySelector('.catalog__report')!)).toContain('最低生活保障 · 所需材料 户口簿不用复印件了（刘网格');
  tap(page, `.submit--report-close-${report.id}`);
  await waitFor(() => backend.callsOf('admin', 'catalog.reportClose').length === 1 && !page.querySelector('.catalog__report'));
  expect(backend.callsOf('admin', 'catalog.reportClose')[0].data).toEqual({ id: report.id });
  expect((await backend.ok<ConsoleOutput['catalog.review']>('admin', 'catalog.review', {})).reports).toEqual([]);
});

it('matter page: staff report an error on a matter (报告错误)', async () => {
  const backend = testBackend({ as: DEMO.admin });
  h = bootApp(cloudOf(backend));
  const home = await h.open('/admin/pages/home/index'); // the session learns the caller is staff
  await waitFor(() => textOf(home).includes('治理看板'), FIRST_LOAD_MS);
  const page = await h.open('/pages/matter/index?scene=m%3Ddibao');
  await waitFor(() => page.querySelector('.report-error__open'), FIRST_LOAD_MS);
  tap(page, '.report-error__open');
  await waitFor(() => page.querySelector('.field__textarea--report-note'));
  type(page, '.field__textarea--report-note', '户口簿不用复印件了');
  await h.simulate.sleep(30);
  tap(page, '.submit--report-send');
  await waitFor(() => textOf(page).includes('已报告'));
  expect(backend.callsOf('desk', 'reportError')[0].data).toEqual({ matterCode: 'dibao', field: 'materials', note: '户口簿不用复印件了' });
  // It waits in the admins' review list.
  const { reports } = await backend.ok<ConsoleOutput['catalog.review']>('admin', 'catalog.review', {});
  expect(reports).toEqual([expect.objectContaining({ matterCode: 'dibao', field: 'materials', note: '户口簿不用复印件了', status: 'open', by: { openid: DEMO.admin, name: '王主任' } })]);
});

it('roles: a refused save keeps the form and says why; a saved one clears it and reloads the list', async () => {
  const backend = testBackend({ as: DEMO.admin });
  // The first save is refused (as for a person of another community), the second goes through.
  backend.failOnce.set('admin.roles.set', { code: 'FORBIDDEN', message: '无权管理其他社区的人员' });
  h = bootApp(cloudOf(backend));
  const page = await h.open('/admin/pages/roles/index');
  // Issue 16: people are picked by name (never an OPENID box); their communities show by name.
  await waitFor(() => textOf(page).includes('陈网格'), FIRST_LOAD_MS);
  await waitFor(() => page.querySelectorAll('.choices--role-person .choice').length > 0, FIRST_LOAD_MS);
  expect(textOf(page)).not.toContain('OPENID');
  expect(textOf(page)).not.toContain('demo-worker');
  const chenRow = Array.from(page.querySelectorAll('.role-row')).find((r) => textOf(r).includes('陈网格'))!;
  expect(textOf(chenRow)).toContain('陈网格 · 网格员');
  expect(textOf(chenRow)).toContain('锦绣社区');
  Array.from(page.querySelectorAll('.choices--role-person .choice')).find((c) => textOf(c).includes('陈网格'))!.dispatchEvent('tap');
  // Communities are picked by name (the person's own preselected), never typed as codes.
  await waitFor(() => textOf(page.querySelector('.choices--role-communities .choice--on') ?? page) === '锦绣社区', FIRST_LOAD_MS);
  expect(page.querySelectorAll('.choices--role-communities .choice')).toHaveLength(1);
  tap(page, '.submit--role');
  await waitFor(() => textOf(page).includes('无权管理其他社区的人员'));
  expect(backend.callsOf('admin', 'roles.set')[0].data).toEqual({ openid: 'demo-worker-2', role: 'worker', communities: ['demo-community'], name: '陈网格' });
  expect(page.querySelector('.choices--role-person .choice--on')).toBeTruthy(); // the form keeps the pick
  expect(backend.callsOf('admin', 'roles.list')).toHaveLength(1);

  tap(page, '.submit--role');
  await waitFor(() => backend.callsOf('admin', 'roles.list').length === 2);
  expect(backend.callsOf('admin', 'roles.set')).toHaveLength(2);
  await waitFor(() => !textOf(page).includes('无权管理其他社区的人员')); // the page re-renders after the reload
  // Saved on the server, still listed with the same role; the form is cleared.
  const listed = (await backend.ok<{ items: RoleView[] }>('admin', 'roles.list', {})).items;
  expect(listed).toContainEqual(expect.objectContaining({ openid: 'demo-worker-2', role: 'worker', communities: ['demo-community'] }));
  await waitFor(() => !page.querySelector('.choices--role-person .choice--on')); // cleared after the save
});

it('departments: categories and staff are picked by name, never typed as codes or openids', async () => {
  const backend = testBackend({ as: STREET_ADMIN });
  h = bootApp(cloudOf(backend));
  const page = await h.open('/admin/pages/departments/index');
  await waitFor(() => textOf(page).includes('权属类别：🔥燃气安全'), FIRST_LOAD_MS);
  expect(textOf(page)).not.toContain('OPENID');
  page.querySelectorAll('.dept').find((d) => textOf(d).includes('燃气公司'))!.dispatchEvent('tap');
  await waitFor(() => page.querySelectorAll('.choices--dept-staff .choice--on').length === 1, FIRST_LOAD_MS);
  const chips = (name: string) => page.querySelectorAll(`.choices--${name} .choice`);
  // Staff of the 街道 by name (周师傅 of 燃气公司 among them); residents are not offered.
  const staff = chips('dept-staff').map((c) => textOf(c));
  expect(staff).toEqual(expect.arrayContaining(['周师傅', '陈网格', '王主任']));
  expect(staff).not.toContain('张阿姨');
  expect(textOf(page.querySelector('.choices--dept-staff .choice--on')!)).toBe('周师傅');
  expect(textOf(page.querySelector('.choices--dept-categories .choice--on')!)).toBe('🔥燃气安全');
  chips('dept-staff').find((c) => textOf(c) === '陈网格')!.dispatchEvent('tap');
  chips('dept-categories').find((c) => textOf(c).includes('市政设施'))!.dispatchEvent('tap');
  await waitFor(() => page.querySelectorAll('.choices--dept-staff .choice--on').length === 2);
  tap(page, '.submit--dept');
  await waitFor(() => backend.callsOf('admin', 'departments.upsert').length === 1);
  expect(backend.callsOf('admin', 'departments.upsert')[0].data).toEqual({ code: 'ranqi', name: '燃气公司', categories: ['ranqi', 'shizheng'], staff: ['demo-dept-gas', 'demo-worker-2'] });
  const saved = (await backend.ok<{ items: { code: string; categories: string[]; staff?: string[] }[] }>('admin', 'departments.list', {})).items.find((d) => d.code === 'ranqi');
  expect(saved).toMatchObject({ categories: ['ranqi', 'shizheng'], staff: ['demo-dept-gas', 'demo-worker-2'] });
});

it('catalog: a catalog past the call payload limit goes up as a file and publish gets its fileID', async () => {
  // The repository's catalog (39 matters, ~150 KB) passes CloudBase's 100 KB call limit.
  const written = new Map<string, string>();
  let uploads: WeappHarness['uploads'] = [];
  // The platform reads an uploaded file back as CloudBase storage would.
  const readFile = async (fileId: string) => {
    const up = uploads.find((u) => `cloud://test-env.bucket/${u.cloudPath}` === fileId);
    if (!up) throw new Error(`no upload ${fileId}`);
    return Buffer.from(written.get(up.filePath)!, 'utf8');
  };
  const backend = new RealBackend({ as: STREET_ADMIN, platform: { readFile } });
  h = bootApp({
    cloud: allOn(backend),
    wx: {
      env: { USER_DATA_PATH: 'wxfile://usr' },
      getFileSystemManager: () => ({ writeFileSync: (path: string, text: string) => void written.set(path, text) }),
    },
  });
  uploads = h.uploads;
  const page = await h.open('/admin/pages/catalog/index');
  await waitFor(() => page.querySelectorAll('.catalog__matter').length > 30, FIRST_LOAD_MS);
  const before = await backend.ok<{ current: string }>('admin', 'catalog.versions', {});
  const draft = await backend.ok<{ catalog: Catalog }>('admin', 'catalog.draft.get', {});
  const rows = page.querySelectorAll('.catalog__matter');
  rows[0].dispatchEvent('tap');
  await waitFor(() => page.querySelector('.field__input--m-days'));
  type(page, '.field__input--m-days', '16');
  // A changed field carries its source (issue 21).
  type(page, '.field__input--m-src-title', '锦绣社区政务服务事项承诺时限表');
  type(page, '.field__input--m-src-doc', 'https://example.org/jinxiu/promises');
  await h.simulate.sleep(30);
  tap(page, '.submit--matter-save');
  await waitFor(() => textOf(page).includes('（已修改）'));
  await waitFor(() => textOf(page).includes('草稿：'));
  tap(page, '.submit--catalog-publish');
  await waitFor(() => backend.callsOf('admin', 'catalog.publish').length === 1, FIRST_LOAD_MS);
  expect(written.size).toBe(1);
  const [[path, text]] = [...written];
  expect(Buffer.byteLength(text)).toBeGreaterThan(100 * 1024);
  expect(h.uploads).toEqual([{ cloudPath: expect.stringMatching(/^catalogs\/demo-street-admin\/\d+\.json$/), filePath: path }]);
  // The draft save carries the big catalog as a file; the publish then takes the saved draft.
  const sent = backend.callsOf('admin', 'catalog.draft.save')[0].data as Record<string, unknown>;
  expect(sent.catalog).toBeUndefined();
  expect(sent.fileId).toBe(`cloud://test-env.bucket/${h.uploads[0].cloudPath}`);
  expect(backend.callsOf('admin', 'catalog.publish')[0].data).toEqual({ version: expect.any(String) });
  // The server read the file and published it: a new current version with the edit.
  const after = await eventually(() => backend.ok<{ current: string }>('admin', 'catalog.versions', {}), (v) => v.current !== before.current);
  const [y, n, p] = before.current.split('.').map(Number);
  expect(after.current).toBe(`${y}.${n}.${p + 1}`);
  const edited = await backend.ok<Catalog['matters'][number]>('guide', 'get', { code: draft.catalog.matters[0].code }, DEMO.resident);
  expect(edited.timeLimit.workingDays).toBe(16);
});
