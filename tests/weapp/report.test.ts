import { haversineMeters } from '@qgt/shared/domain/duplicates';
import { coarsenPoint } from '@qgt/shared/privacy/location';
import { fromNow } from './clock';
import { asyncApi, bootApp, textOf, waitFor, type Callbacks, type SimNode, type WeappHarness, tap, type } from './harness';
import { DEMO, FIRST_LOAD_MS, type RealBackend, report } from './real-backend';
import { allOn, testBackend } from './real-ops';
import { G1_1, HERE, OTHER_RESIDENT, fileReport, follows, northOf, onlyRequest, storedRequests } from './real-requests';

/**
 * 随手拍 in the built weapp, on the real handlers and the demo deployment: photos, place, category,
 * duplicates, one request per draft.
 */

// A test on the real handlers seeds a store first (demo deployment and the test catalog, which the real guide function answers from).
jest.setTimeout(20_000);

let h: WeappHarness | undefined;
afterEach(() => h?.closeAll());

/** Drafts are stored per user and kind. */
const DRAFT = 'qgt.draft.report.demo-resident';

function boot(backend: RealBackend, extra: { storage?: Record<string, unknown>; location?: 'ok' | 'denied' } = {}) {
  const locations: unknown[] = [];
  h = bootApp({
    cloud: allOn(backend),
    storage: extra.storage,
    wx: {
      getLocation: asyncApi<Callbacks & { type?: string }>('getLocation', (o) => {
        locations.push(o.type);
        if (extra.location === 'denied') throw { errMsg: 'getLocation:fail auth deny' };
        return { ...HERE, accuracy: 10 };
      }),
      chooseMedia: asyncApi('chooseMedia', () => ({ type: 'image', tempFiles: [{ tempFilePath: 'wxfile://tmp/photo-1.jpg', size: 2048, fileType: 'image' }] })),
      compressImage: asyncApi<Callbacks & { src: string }>('compressImage', (o) => ({ tempFilePath: o.src.replace('.jpg', '-small.jpg') })),
    },
  });
  return { h, locations };
}

const choose = (page: SimNode, group: string, label: string) => {
  const chip = page.querySelectorAll(`.choices--${group} .choice`).find((c) => textOf(c).includes(label));
  if (!chip) throw new Error(`no ${group} choice ${label}`);
  chip.dispatchEvent('tap');
};

async function fillForm(page: SimNode) {
  await waitFor(() => textOf(page).includes('市政设施'), FIRST_LOAD_MS);
  choose(page, 'category', '市政设施');
  type(page, '.field__textarea--description', '3号楼东侧路灯不亮');
  await waitFor(() => textOf(page).includes('9/500'));
}

const NEIGHBOUR = northOf(G1_1.point, 20);
const NEIGHBOUR_DISTANCE = Math.round(haversineMeters(G1_1.point, coarsenPoint(NEIGHBOUR)) / 10) * 10;

/** A neighbour (李师傅) reported a broken light 20 m north of here yesterday: a candidate for 同一问题？. */
async function withNeighboursReport() {
  const backend = testBackend({ as: DEMO.resident, now: fromNow(-86_400_000) });
  const earlier = await fileReport(backend, report({ description: '路灯坏了', location: NEIGHBOUR }), OTHER_RESIDENT);
  backend.setNow(fromNow(0));
  return { backend, earlier };
}

describe('随手拍', () => {
  it('locates in gcj02, uploads a compressed photo, and files once however often submit is tapped', async () => {
    const backend = testBackend({ as: DEMO.resident });
    const { h, locations } = boot(backend);
    const page = await h.open('/resident/pages/report/index');
    await waitFor(() => textOf(page).includes('已定位'), FIRST_LOAD_MS);
    expect(locations).toEqual(['gcj02']);
    // The position reads as the nearest building with its community, never as coordinates.
    expect(textOf(page.querySelector('.place__gps')!)).toBe(`已定位：锦绣社区 ${G1_1.name}附近`);
    expect(textOf(page)).not.toContain('30.98850');

    tap(page, '.photos__add');
    await waitFor(() => page.querySelectorAll('.photos__item').length === 1);
    expect(h.uploads).toHaveLength(1);
    expect(h.uploads[0].filePath).toBe('wxfile://tmp/photo-1-small.jpg');
    expect(h.uploads[0].cloudPath).toMatch(/^reports\/demo-resident\/\d+-[a-z0-9]+\.jpg$/);

    await fillForm(page);
    // The draft is kept as it is typed (debounced), by file id only: the local path may not survive.
    await waitFor(() => (h.storage.get(DRAFT) as { description?: string } | undefined)?.description === '3号楼东侧路灯不亮');
    expect(h.storage.get(DRAFT)).toMatchObject({ category: 'shizheng', photos: [{ fileId: `cloud://test-env.bucket/${h.uploads[0].cloudPath}` }] });
    expect(JSON.stringify(h.storage.get(DRAFT))).not.toContain('wxfile://');

    tap(page, '.submit--report');
    tap(page, '.submit--report');
    tap(page, '.submit--report');
    await waitFor(() => textOf(page).includes('提交成功'));
    expect(backend.callsOf('requests', 'duplicates')).toHaveLength(1);
    expect(backend.callsOf('requests', 'duplicates')[0].data).toEqual({ category: 'shizheng', location: { lat: HERE.latitude, lng: HERE.longitude } });
    const creates = backend.callsOf('requests', 'create');
    expect(creates).toHaveLength(1);
    expect(creates[0].data).toMatchObject({
      kind: 'report',
      category: 'shizheng',
      description: '3号楼东侧路灯不亮',
      location: { lat: HERE.latitude, lng: HERE.longitude },
      photos: [`cloud://test-env.bucket/${h.uploads[0].cloudPath}`],
    });
    expect(creates[0].data.idempotencyKey).toMatch(/^[A-Za-z0-9_.:-]{1,64}$/);
    // One request stored, as sent, routed by the place to G1's worker, whom the page names.
    const filed = await onlyRequest(backend, 'report');
    expect(filed).toMatchObject({
      owner: DEMO.resident,
      category: 'shizheng',
      description: '3号楼东侧路灯不亮',
      location: { lat: HERE.latitude, lng: HERE.longitude },
      photos: [`cloud://test-env.bucket/${h.uploads[0].cloudPath}`],
      assignee: DEMO.worker,
      createdAt: backend.now.toISOString(),
    });
    expect(textOf(page)).toContain('已派给 刘网格 办理');
    // Filed: the draft is gone.
    expect(h.storage.has(DRAFT)).toBe(false);

    tap(page, '.done__open');
    await waitFor(() => h.navigations.length > 0);
    expect(h.navigations[0]).toEqual({ api: 'redirectTo', url: `/resident/pages/detail/index?id=${filed._id}` });
  });

  it('keeps the draft across a restart and retries a failed submit with the same idempotency key', async () => {
    const backend = testBackend({ as: DEMO.resident });
    const draft = {
      key: 'rpt-draft-1',
      category: 'huanjing',
      description: '垃圾桶满了没人清',
      buildingCode: G1_1.code,
      buildingName: G1_1.name,
      photos: [{ fileId: 'cloud://test-env.bucket/reports/demo-resident/1-a.jpg' }],
    };
    const { h, locations } = boot(backend, { storage: { [DRAFT]: draft } });
    const page = await h.open('/resident/pages/report/index');
    await waitFor(() => textOf(page).includes(G1_1.name), FIRST_LOAD_MS);
    expect(textOf(page)).toContain('已自动保存草稿');
    expect(locations).toEqual([]); // a place is already chosen
    expect(page.querySelectorAll('.photos__item')).toHaveLength(1);

    h.offline = true;
    tap(page, '.submit--report');
    await waitFor(() => textOf(page).includes('当前没有网络连接'));
    expect(textOf(page)).toContain('重试不会重复提交');
    expect(h.storage.get(DRAFT)).toMatchObject({ key: 'rpt-draft-1' });

    h.offline = false;
    tap(page, '.form-error__retry');
    await waitFor(() => textOf(page).includes('提交成功'));
    const creates = backend.callsOf('requests', 'create');
    expect(creates).toHaveLength(1); // the offline attempt never reached the server
    expect(creates[0].data).toMatchObject({ idempotencyKey: 'rpt-draft-1', buildingCode: G1_1.code, category: 'huanjing', photos: ['cloud://test-env.bucket/reports/demo-resident/1-a.jpg'] });
    // The building's point and the building itself (reports filed there have no point) served the duplicate check.
    expect(backend.callsOf('requests', 'duplicates')[0].data).toEqual({ category: 'huanjing', location: G1_1.point, buildingCode: G1_1.code });
    // Stored once, at the draft's building, with the draft's photo.
    expect(await onlyRequest(backend, 'report')).toMatchObject({ buildingCode: G1_1.code, buildingName: G1_1.name, category: 'huanjing', photos: ['cloud://test-env.bucket/reports/demo-resident/1-a.jpg'] });
  });

  it('offers 同一问题？ and follows the existing report with 我也遇到', async () => {
    const { backend, earlier } = await withNeighboursReport();
    const { h } = boot(backend);
    const page = await h.open('/resident/pages/report/index');
    await waitFor(() => textOf(page).includes('已定位'));
    await fillForm(page);
    tap(page, '.submit--report');
    await waitFor(() => textOf(page).includes('同一问题？'));
    // Measured to the neighbour's rounded point (their door stays unknown), in tens of metres.
    expect(textOf(page)).toContain(`相距约${NEIGHBOUR_DISTANCE}米`);
    expect(textOf(page)).toContain('路灯坏了');
    tap(page, '.submit--follow');
    await waitFor(() => textOf(page).includes('已关注该问题'));
    expect(backend.callsOf('requests', 'follow')).toEqual([{ fn: 'requests', action: 'follow', data: { id: earlier } }]);
    expect(backend.callsOf('requests', 'create')).toHaveLength(0);
    // The resident now follows the neighbour's report, and nothing new was filed.
    expect((await follows(backend)).map((f) => ({ request: f.request, openid: f.openid }))).toEqual([{ request: earlier, openid: DEMO.resident }]);
    expect((await storedRequests(backend)).map((r) => r._id)).toEqual([earlier]);
  });

  it('"不是，继续提交" files the report after all', async () => {
    const { backend, earlier } = await withNeighboursReport();
    const { h } = boot(backend);
    const page = await h.open('/resident/pages/report/index');
    await waitFor(() => textOf(page).includes('已定位'));
    await fillForm(page);
    tap(page, '.submit--report');
    await waitFor(() => textOf(page).includes('同一问题？'));
    tap(page, '.submit--continue');
    await waitFor(() => textOf(page).includes('提交成功'));
    expect(backend.callsOf('requests', 'create')).toHaveLength(1);
    const stored = await storedRequests(backend);
    expect(stored.map((r) => r._id)[0]).toBe(earlier);
    expect(stored[1]).toMatchObject({ owner: DEMO.resident, description: '3号楼东侧路灯不亮' });
    expect(await follows(backend)).toEqual([]);
  });

  it('without location permission, offers the building picker', async () => {
    const backend = testBackend({ as: DEMO.resident });
    const { h } = boot(backend, { location: 'denied' });
    const page = await h.open('/resident/pages/report/index');
    await waitFor(() => textOf(page).includes('未获得定位权限'), FIRST_LOAD_MS);
    choose(page, 'building', G1_1.name);
    await waitFor(() => textOf(page).includes(`楼栋：${G1_1.name}`));
    await waitFor(() => (h.storage.get(DRAFT) as { buildingCode?: string } | undefined)?.buildingCode === G1_1.code);
  });

  it('an urgent category puts its emergency action first: what to do and whom to call', async () => {
    const backend = testBackend({ as: DEMO.resident });
    const { h } = boot(backend);
    const page = await h.open('/resident/pages/report/index');
    await waitFor(() => textOf(page).includes('燃气安全'), FIRST_LOAD_MS);
    expect(page.querySelector('.emergency')).toBeUndefined();
    choose(page, 'category', '市政设施');
    await new Promise((r) => setTimeout(r, 50));
    expect(page.querySelector('.emergency')).toBeUndefined();
    choose(page, 'category', '燃气安全');
    await waitFor(() => page.querySelector('.emergency'));
    const text = textOf(page);
    for (const t of ['请先确保安全', '1. 立即关闭燃气总阀', '2. 打开门窗通风', '3. 不要开关电器、不要打电话，不要使用明火', '拨打燃气公司抢修 028-87654321', '拨打消防 119']) expect(text).toContain(t);
    // It heads the form, before the photos.
    expect(text.indexOf('请先确保安全')).toBeLessThan(text.indexOf('现场照片'));
  });

  it('says what is missing instead of submitting', async () => {
    const backend = testBackend({ as: DEMO.resident });
    const { h } = boot(backend);
    const page = await h.open('/resident/pages/report/index');
    await waitFor(() => textOf(page).includes('市政设施'), FIRST_LOAD_MS);
    tap(page, '.submit--report');
    await waitFor(() => textOf(page).includes('请选择问题分类'));
    expect(backend.callsOf('requests', 'create')).toHaveLength(0);
    expect(await storedRequests(backend)).toEqual([]);
  });

  it('shows an error with a retry when the form cannot load', async () => {
    const backend = testBackend({ as: DEMO.resident });
    backend.failOnce.set('requests.options', { code: 'INTERNAL', message: '系统繁忙，请稍后再试' });
    // No position: a located point would ask options again (for its 街道) whenever it arrives, a race with the retry.
    const { h } = boot(backend, { location: 'denied' });
    const page = await h.open('/resident/pages/report/index');
    await waitFor(() => textOf(page).includes('系统繁忙'));
    tap(page, '.load-state__retry');
    await waitFor(() => textOf(page).includes('市政设施'), FIRST_LOAD_MS);
    expect(backend.callsOf('requests', 'options')).toHaveLength(2);
  });
});
