import { fakeGuide } from './fake-guide';
import { FakeBackend, RESIDENT } from './fake-requests';
import { testCatalog } from './fixture';
import { asyncApi, bootApp, textOf, waitFor, type Callbacks, type SimNode, type WeappHarness, tap, type } from './harness';

/** 随手拍 in the built weapp: photos, place, category, duplicates, one request per draft. */

let h: WeappHarness | undefined;
afterEach(() => h?.closeAll());

const HERE = { latitude: 30.2741, longitude: 120.1551 };
/** Drafts are stored per user and kind. */
const DRAFT = 'qgt.draft.report.demo-resident';

function boot(backend: FakeBackend, extra: { storage?: Record<string, unknown>; location?: 'ok' | 'denied' } = {}) {
  const locations: unknown[] = [];
  h = bootApp({
    cloud: backend.handler(fakeGuide(testCatalog)),
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
  await waitFor(() => textOf(page).includes('路灯照明'));
  choose(page, 'category', '路灯照明');
  type(page, '.field__textarea--description', '3号楼东侧路灯不亮');
  await waitFor(() => textOf(page).includes('9/500'));
}

describe('随手拍', () => {
  it('locates in gcj02, uploads a compressed photo, and files once however often submit is tapped', async () => {
    const backend = new FakeBackend({ me: RESIDENT });
    const { h, locations } = boot(backend);
    const page = await h.open('/resident/pages/report/index');
    await waitFor(() => textOf(page).includes('已定位'));
    expect(locations).toEqual(['gcj02']);
    // The position reads as the nearest building with its community, never as coordinates.
    expect(textOf(page.querySelector('.place__gps')!)).toBe('已定位：示范社区 幸福里1号楼附近');
    expect(textOf(page)).not.toContain('30.27410');

    tap(page, '.photos__add');
    await waitFor(() => page.querySelectorAll('.photos__item').length === 1);
    expect(h.uploads).toHaveLength(1);
    expect(h.uploads[0].filePath).toBe('wxfile://tmp/photo-1-small.jpg');
    expect(h.uploads[0].cloudPath).toMatch(/^reports\/demo-resident\/\d+-[a-z0-9]+\.jpg$/);

    await fillForm(page);
    // The draft is kept as it is typed (debounced), by file id only: the local path may not survive.
    await waitFor(() => (h.storage.get(DRAFT) as { description?: string } | undefined)?.description === '3号楼东侧路灯不亮');
    expect(h.storage.get(DRAFT)).toMatchObject({ category: 'streetlight', photos: [{ fileId: `cloud://test-env.bucket/${h.uploads[0].cloudPath}` }] });
    expect(JSON.stringify(h.storage.get(DRAFT))).not.toContain('wxfile://');

    tap(page, '.submit--report');
    tap(page, '.submit--report');
    tap(page, '.submit--report');
    await waitFor(() => textOf(page).includes('提交成功'));
    expect(backend.callsOf('requests', 'duplicates')).toHaveLength(1);
    expect(backend.callsOf('requests', 'duplicates')[0].data).toEqual({ category: 'streetlight', location: { lat: HERE.latitude, lng: HERE.longitude } });
    const creates = backend.callsOf('requests', 'create');
    expect(creates).toHaveLength(1);
    expect(creates[0].data).toMatchObject({
      kind: 'report',
      category: 'streetlight',
      description: '3号楼东侧路灯不亮',
      location: { lat: HERE.latitude, lng: HERE.longitude },
      photos: [`cloud://test-env.bucket/${h.uploads[0].cloudPath}`],
    });
    expect(creates[0].data.idempotencyKey).toMatch(/^[A-Za-z0-9_.:-]{1,64}$/);
    expect(textOf(page)).toContain('已派给 刘网格 办理');
    // Filed: the draft is gone.
    expect(h.storage.has(DRAFT)).toBe(false);

    tap(page, '.done__open');
    await waitFor(() => h.navigations.length > 0);
    expect(h.navigations[0]).toEqual({ api: 'redirectTo', url: '/resident/pages/detail/index?id=req-1' });
  });

  it('keeps the draft across a restart and retries a failed submit with the same idempotency key', async () => {
    const backend = new FakeBackend({ me: RESIDENT });
    const draft = {
      key: 'rpt-draft-1',
      category: 'garbage',
      description: '垃圾桶满了没人清',
      buildingCode: 'b-1',
      buildingName: '幸福里1号楼',
      photos: [{ fileId: 'cloud://test-env.bucket/reports/demo-resident/1-a.jpg' }],
    };
    const { h, locations } = boot(backend, { storage: { [DRAFT]: draft } });
    const page = await h.open('/resident/pages/report/index');
    await waitFor(() => textOf(page).includes('幸福里1号楼'));
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
    expect(creates[0].data).toMatchObject({ idempotencyKey: 'rpt-draft-1', buildingCode: 'b-1', category: 'garbage', photos: ['cloud://test-env.bucket/reports/demo-resident/1-a.jpg'] });
    // The building's point and the building itself (reports filed there have no point) served the duplicate check.
    expect(backend.callsOf('requests', 'duplicates')[0].data).toEqual({ category: 'garbage', location: { lat: 30.2741, lng: 120.1551 }, buildingCode: 'b-1' });
  });

  it('offers 同一问题？ and follows the existing report with 我也遇到', async () => {
    const backend = new FakeBackend({
      me: RESIDENT,
      duplicates: [{ id: 'req-9', description: '路灯坏了', distance: 20, status: 'accepted', createdAt: '2026-11-23T10:00:00.000Z', mine: false }],
    });
    backend.store.set('req-9', { ...(await import('./fake-requests')).requestView({ id: 'req-9', status: 'accepted' }) });
    const { h } = boot(backend);
    const page = await h.open('/resident/pages/report/index');
    await waitFor(() => textOf(page).includes('已定位'));
    await fillForm(page);
    tap(page, '.submit--report');
    await waitFor(() => textOf(page).includes('同一问题？'));
    expect(textOf(page)).toContain('相距约20米');
    tap(page, '.submit--follow');
    await waitFor(() => textOf(page).includes('已关注该问题'));
    expect(backend.callsOf('requests', 'follow')).toEqual([{ fn: 'requests', action: 'follow', data: { id: 'req-9' } }]);
    expect(backend.callsOf('requests', 'create')).toHaveLength(0);
  });

  it('"不是，继续提交" files the report after all', async () => {
    const backend = new FakeBackend({
      me: RESIDENT,
      duplicates: [{ id: 'req-9', description: '路灯坏了', distance: 20, status: 'accepted', createdAt: '2026-11-23T10:00:00.000Z', mine: false }],
    });
    const { h } = boot(backend);
    const page = await h.open('/resident/pages/report/index');
    await waitFor(() => textOf(page).includes('已定位'));
    await fillForm(page);
    tap(page, '.submit--report');
    await waitFor(() => textOf(page).includes('同一问题？'));
    tap(page, '.submit--continue');
    await waitFor(() => textOf(page).includes('提交成功'));
    expect(backend.callsOf('requests', 'create')).toHaveLength(1);
  });

  it('without location permission, offers the building picker', async () => {
    const backend = new FakeBackend({ me: RESIDENT });
    const { h } = boot(backend, { location: 'denied' });
    const page = await h.open('/resident/pages/report/index');
    await waitFor(() => textOf(page).includes('未获得定位权限'));
    choose(page, 'building', '幸福里1号楼');
    await waitFor(() => textOf(page).includes('楼栋：幸福里1号楼'));
    await waitFor(() => (h.storage.get(DRAFT) as { buildingCode?: string } | undefined)?.buildingCode === 'b-1');
  });

  it('an urgent category puts its emergency action first: what to do and whom to call', async () => {
    const backend = new FakeBackend({ me: RESIDENT });
    const { h } = boot(backend);
    const page = await h.open('/resident/pages/report/index');
    await waitFor(() => textOf(page).includes('燃气安全'));
    expect(page.querySelector('.emergency')).toBeUndefined();
    choose(page, 'category', '路灯照明');
    await new Promise((r) => setTimeout(r, 50));
    expect(page.querySelector('.emergency')).toBeUndefined();
    choose(page, 'category', '燃气安全');
    await waitFor(() => page.querySelector('.emergency'));
    const text = textOf(page);
    for (const t of ['请先确保安全', '1. 立即关闭燃气总阀', '2. 打开门窗通风', '拨打燃气抢修 96777']) expect(text).toContain(t);
    // It heads the form, before the photos.
    expect(text.indexOf('请先确保安全')).toBeLessThan(text.indexOf('现场照片'));
  });

  it('says what is missing instead of submitting', async () => {
    const backend = new FakeBackend({ me: RESIDENT });
    const { h } = boot(backend);
    const page = await h.open('/resident/pages/report/index');
    await waitFor(() => textOf(page).includes('路灯照明'));
    tap(page, '.submit--report');
    await waitFor(() => textOf(page).includes('请选择问题分类'));
    expect(backend.callsOf('requests', 'create')).toHaveLength(0);
  });

  it('shows an error with a retry when the form cannot load', async () => {
    const backend = new FakeBackend({ me: RESIDENT });
    backend.failOnce.set('requests.options', { code: 'INTERNAL', message: '系统繁忙，请稍后再试' });
    const { h } = boot(backend);
    const page = await h.open('/resident/pages/report/index');
    await waitFor(() => textOf(page).includes('系统繁忙'));
    tap(page, '.load-state__retry');
    await waitFor(() => textOf(page).includes('路灯照明'));
  });
});
