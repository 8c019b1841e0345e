import type { CatalogVersionView } from '@qgt/shared/admin/views';
import { fakeGuide } from './fake-guide';
import { FakeOps } from './fake-ops';
import { ADMIN, FakeBackend } from './fake-requests';
import { testCatalog } from './fixture';
import { reviewList } from '@qgt/shared/catalog/checks';
import { LAWS } from '@qgt/shared/catalog/laws';
import { bootApp, tap, textOf, type, waitFor, type WeappHarness } from './harness';

/** Admin console pages: grids import shows field paths; catalog edit → bump → publish; the admin home links. */

let h: WeappHarness | undefined;
afterEach(() => h?.closeAll());

function boot(ops: FakeOps) {
  return bootApp({ cloud: ops.handler(new FakeBackend({ me: ADMIN }).handler(fakeGuide(testCatalog))) });
}

it('admin home links every console page', async () => {
  h = boot(new FakeOps({}));
  const page = await h.open('/admin/pages/home/index');
  await waitFor(() => textOf(page).includes('治理看板'));
  for (const t of ['回访任务', '事项目录', '网格导入', '网格员管理', '部门管理', '站点与二维码', '角色管理']) expect(textOf(page)).toContain(t);
  tap(page, '.staff__link--dashboard');
  await waitFor(() => h!.navigations.length > 0);
  expect(h.navigations[0]).toEqual({ api: 'navigateTo', url: '/admin/pages/dashboard/index' });
});

it('grids import: bad JSON is caught on the device; server issues show their field paths', async () => {
  const ops = new FakeOps({ 'admin.grids.list': () => ({ items: [] }) });
  // FakeOps routes cannot carry `issues`: answer grids.import directly.
  const cloud = ops.handler(new FakeBackend({ me: ADMIN }).handler(fakeGuide(testCatalog)));
  h = bootApp({
    cloud: (name, event) =>
      name === 'admin' && event.action === 'grids.import'
        ? { ok: false, error: { code: 'BAD_REQUEST', message: '网格数据有误', issues: [{ field: 'data.features.0.properties.worker', message: '请填写网格员' }] } }
        : cloud(name, event),
  });
  const page = await h.open('/admin/pages/grids/index');
  await waitFor(() => textOf(page).includes('还没有网格'));
  type(page, '.field__textarea--geojson', '{not json');
  await h.simulate.sleep(30);
  tap(page, '.submit--grids-import');
  await waitFor(() => textOf(page).includes('不是有效的 JSON'));
  type(page, '.field__textarea--geojson', '{"type":"FeatureCollection","features":[]}');
  await h.simulate.sleep(30);
  tap(page, '.submit--grids-import');
  await waitFor(() => textOf(page).includes('data.features.0.properties.worker'));
  expect(textOf(page)).toContain('请填写网格员');
});

it('catalog: edit a matter, the version is bumped, publish with a note', async () => {
  const versions: CatalogVersionView[] = [{ version: testCatalog.version, publishedAt: '2026-11-01T02:00:00.000Z', matters: testCatalog.matters.length, current: true }];
  const ops = new FakeOps({
    'admin.catalog.draft.get': () => ({ catalog: testCatalog, publishedAt: '2026-11-01T02:00:00.000Z' }),
    'admin.catalog.versions': () => ({ current: testCatalog.version, items: versions }),
    'admin.catalog.draft.save': () => ({ savedAt: '2026-11-24T01:00:00.000Z', by: ADMIN.openid, base: testCatalog.version }),
    'admin.catalog.publish': (d) => ({ version: d.version, previous: testCatalog.version, publishedAt: '2026-11-24T02:00:00.000Z' }),
  });
  h = boot(ops);
  const page = await h.open('/admin/pages/catalog/index');
  await waitFor(() => textOf(page).includes('最低生活保障'));
  expect(textOf(page)).toContain('（当前）');
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
  await waitFor(() => ops.callsOf('admin.catalog.publish').length === 1);
  // The edit went to the server's draft when saved; the publish takes that draft under the new version.
  expect(ops.callsOf('admin.catalog.draft.save')).toHaveLength(1);
  const sent = ops.callsOf('admin.catalog.draft.save')[0].data as { catalog: typeof testCatalog };
  const published = ops.callsOf('admin.catalog.publish')[0].data as { version: string; note: string };
  const [y, n, p] = testCatalog.version.split('.').map(Number);
  expect(published.version).toBe(`${y}.${n}.${p + 1}`);
  expect(published.note).toBe('低保时限调整为15个工作日');
  expect(sent.catalog.matters.find((m) => m.code === 'dibao')!.timeLimit.workingDays).toBe(15);
  expect(sent.catalog.matters.find((m) => m.code === 'dibao')!.sources).toContainEqual(
    expect.objectContaining({ title: '锦绣社区政务服务事项承诺时限表', url: 'https://example.org/jinxiu/promises', field: 'timeLimit', retrievedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) }),
  );
});

it('catalog: admins see the matters to re-review and the documents that lapsed (issue 21)', async () => {
  // The 暂行办法 superseded: 低保, which cites it, is stale; the fixture's other matters were never reviewed.
  const laws = LAWS.map((l) => (l.title === '社会救助暂行办法' ? { ...l, status: 'superseded' as const } : l));
  let open = true;
  const ops = new FakeOps({
    'admin.catalog.draft.get': () => ({ catalog: testCatalog, publishedAt: '2026-11-01T02:00:00.000Z' }),
    'admin.catalog.versions': () => ({ current: testCatalog.version, items: [] }),
    'admin.catalog.review': () => ({
      ...reviewList(testCatalog, { today: '2026-12-07', laws }),
      reports: open ? [{ id: 'CR0000000000000A', at: '2026-12-06T02:00:00.000Z', matterCode: 'dibao', matterTitle: '最低生活保障', field: 'materials', note: '户口簿不用复印件了', by: { openid: 'demo-worker-1', name: '刘网格' }, status: 'open' }] : [],
    }),
    'admin.catalog.reportClose': (d) => {
      open = false;
      return { id: d.id, status: 'closed' };
    },
  });
  h = boot(ops);
  const page = await h.open('/admin/pages/catalog/index');
  await waitFor(() => page.querySelector('.catalog__review-item'));
  const items = [...page.querySelectorAll('.catalog__review-item')].map((el) => textOf(el));
  expect(items[0]).toContain('最低生活保障 · 需复核');
  expect(items[0]).toContain('应改引《中华人民共和国社会救助法》');
  expect(items.slice(1).every((t) => t.includes('待核实') && t.includes('尚未核对'))).toBe(true);
  expect(textOf(page)).toContain('需复核 1');
  expect(textOf(page)).toContain('《社会救助暂行办法》 · 已被替代');
  expect(textOf(page)).toContain('引用事项：最低生活保障');
  // A window's 报告错误, closed once handled.
  expect(textOf(page.querySelector('.catalog__report')!)).toContain('最低生活保障 · 所需材料 户口簿不用复印件了（刘网格');
  tap(page, '.submit--report-close-CR0000000000000A');
  await waitFor(() => ops.callsOf('admin.catalog.reportClose').length === 1 && !page.querySelector('.catalog__report'));
  expect(ops.callsOf('admin.catalog.reportClose')[0].data).toEqual({ id: 'CR0000000000000A' });
});

it('matter page: staff report an error on a matter (报告错误)', async () => {
  const ops = new FakeOps({ 'desk.reportError': (d) => ({ id: 'CR0000000000000B', ...d, status: 'open' }) });
  h = boot(ops);
  const home = await h.open('/admin/pages/home/index'); // the session learns the caller is staff
  await waitFor(() => textOf(home).includes('治理看板'));
  const page = await h.open('/pages/matter/index?scene=m%3Ddibao');
  await waitFor(() => page.querySelector('.report-error__open'));
  tap(page, '.report-error__open');
  await waitFor(() => page.querySelector('.field__textarea--report-note'));
  type(page, '.field__textarea--report-note', '户口簿不用复印件了');
  await h.simulate.sleep(30);
  tap(page, '.submit--report-send');
  await waitFor(() => textOf(page).includes('已报告'));
  expect(ops.callsOf('desk.reportError')[0].data).toEqual({ matterCode: 'dibao', field: 'materials', note: '户口簿不用复印件了' });
});

it('roles: a refused save keeps the form and says why; a saved one clears it and reloads the list', async () => {
  let refuse = true;
  const ops = new FakeOps({
    'admin.roles.list': () => ({
      items: [
        { openid: ADMIN.openid, name: ADMIN.name, role: 'admin', communities: ['demo-community'], communityNames: ['示范社区'], subdistrictAdmin: false },
        { openid: 'w-2', name: '陈网格', role: 'worker', communities: ['demo-community'], communityNames: ['示范社区'], subdistrictAdmin: false },
      ],
    }),
    'admin.roles.set': (data) => {
      if (refuse) throw { code: 'FORBIDDEN', message: '无权管理其他社区的人员' };
      return { openid: data.openid, role: data.role, communities: data.communities, communityNames: ['示范社区'], subdistrictAdmin: false };
    },
  });
  h = boot(ops);
  const page = await h.open('/admin/pages/roles/index');
  // Issue 16: people are picked by name (never an OPENID box); their communities show by name.
  await waitFor(() => page.querySelectorAll('.choices--role-person .choice').length === 1);
  expect(textOf(page)).not.toContain('OPENID');
  expect(textOf(page)).not.toContain('w-2');
  expect(textOf(page.querySelectorAll('.role-row')[1])).toContain('陈网格 · 网格员');
  expect(textOf(page.querySelectorAll('.role-row')[1])).toContain('示范社区');
  page.querySelectorAll('.choices--role-person .choice')[0].dispatchEvent('tap');
  // Communities are picked by name (the person's own preselected), never typed as codes.
  await waitFor(() => textOf(page.querySelector('.choices--role-communities .choice--on') ?? page) === '示范社区');
  expect(page.querySelectorAll('.choices--role-communities .choice')).toHaveLength(1);
  tap(page, '.submit--role');
  await waitFor(() => textOf(page).includes('无权管理其他社区的人员'));
  expect(ops.callsOf('admin.roles.set')[0].data).toEqual({ openid: 'w-2', role: 'worker', communities: ['demo-community'], name: '陈网格' });
  expect(page.querySelector('.choices--role-person .choice--on')).toBeTruthy(); // the form keeps the pick
  expect(ops.callsOf('admin.roles.list')).toHaveLength(1);

  refuse = false;
  tap(page, '.submit--role');
  await waitFor(() => ops.callsOf('admin.roles.list').length === 2);
  expect(ops.callsOf('admin.roles.set')).toHaveLength(2);
  await waitFor(() => !textOf(page).includes('无权管理其他社区的人员')); // the page re-renders after the reload
  await waitFor(() => !page.querySelector('.choices--role-person .choice--on')); // cleared after the save
});

it('departments: categories and staff are picked by name, never typed as codes or openids', async () => {
  const ops = new FakeOps({
    'admin.departments.list': () => ({ items: [{ code: 'ranqi', name: '燃气公司', categories: ['gas'], staff: ['dept-1'] }] }),
    'admin.roles.list': () => ({
      items: [
        { openid: 'dept-1', name: '周师傅', role: 'worker', communities: [], subdistrictAdmin: false },
        { openid: 'w-2', name: '陈网格', role: 'worker', communities: ['demo-community'], subdistrictAdmin: false },
        { openid: 'r-1', name: '张阿姨', role: 'resident', communities: [], subdistrictAdmin: false },
      ],
    }),
    'admin.departments.upsert': (data) => data,
  });
  h = boot(ops);
  const page = await h.open('/admin/pages/departments/index');
  await waitFor(() => textOf(page).includes('权属类别：🔥燃气安全'));
  expect(textOf(page)).not.toContain('OPENID');
  tap(page, '.dept');
  await waitFor(() => page.querySelectorAll('.choices--dept-staff .choice--on').length === 1);
  const chips = (name: string) => page.querySelectorAll(`.choices--${name} .choice`);
  expect(chips('dept-staff').map((c) => textOf(c))).toEqual(['周师傅', '陈网格']); // residents are not offered
  expect(textOf(page.querySelector('.choices--dept-categories .choice--on')!)).toBe('🔥燃气安全');
  chips('dept-staff')[1].dispatchEvent('tap');
  chips('dept-categories').find((c) => textOf(c).includes('路灯照明'))!.dispatchEvent('tap');
  await waitFor(() => page.querySelectorAll('.choices--dept-staff .choice--on').length === 2);
  tap(page, '.submit--dept');
  await waitFor(() => ops.callsOf('admin.departments.upsert').length === 1);
  expect(ops.callsOf('admin.departments.upsert')[0].data).toEqual({ code: 'ranqi', name: '燃气公司', categories: ['gas', 'streetlight'], staff: ['dept-1', 'w-2'] });
});

it('catalog: a catalog past the call payload limit goes up as a file and publish gets its fileID', async () => {
  // Long enough that the JSON passes CloudBase's 100 KB call limit (the real catalog does: 39 matters, ~150 KB).
  const big = { ...testCatalog, matters: testCatalog.matters.map((m) => ({ ...m, summary: `${m.title}。`.repeat(3000) })) };
  const written: { path: string; bytes: number }[] = [];
  const ops = new FakeOps({
    'admin.catalog.draft.get': () => ({ catalog: big, publishedAt: '2026-11-01T02:00:00.000Z' }),
    'admin.catalog.versions': () => ({ current: big.version, items: [] }),
    'admin.catalog.draft.save': () => ({ savedAt: '2026-11-24T01:00:00.000Z', by: ADMIN.openid, base: big.version }),
    'admin.catalog.publish': () => ({ version: '2099.1.0', previous: big.version, publishedAt: '2026-11-24T02:00:00.000Z' }),
  });
  h = bootApp({
    cloud: ops.handler(new FakeBackend({ me: ADMIN }).handler(fakeGuide(testCatalog))),
    wx: {
      env: { USER_DATA_PATH: 'wxfile://usr' },
      getFileSystemManager: () => ({ writeFileSync: (path: string, text: string) => void written.push({ path, bytes: Buffer.byteLength(text) }) }),
    },
  });
  const page = await h.open('/admin/pages/catalog/index');
  await waitFor(() => textOf(page).includes('最低生活保障'));
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
  await waitFor(() => ops.callsOf('admin.catalog.publish').length === 1);
  expect(written).toHaveLength(1);
  expect(written[0].bytes).toBeGreaterThan(100 * 1024);
  expect(h.uploads).toEqual([{ cloudPath: expect.stringMatching(/^catalogs\/demo-admin\/\d+\.json$/), filePath: written[0].path }]);
  // The draft save carries the big catalog as a file; the publish then takes the saved draft.
  const sent = ops.callsOf('admin.catalog.draft.save')[0].data as Record<string, unknown>;
  expect(sent.catalog).toBeUndefined();
  expect(sent.fileId).toBe(`cloud://test-env.bucket/${h.uploads[0].cloudPath}`);
  expect(ops.callsOf('admin.catalog.publish')[0].data).toEqual({ version: expect.any(String) });
});
