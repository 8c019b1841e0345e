import { bootApp, textOf, waitFor, type Callbacks, type SimNode, type WeappHarness, tap, type } from './harness';
import { DEMO, FIRST_LOAD_MS, FIXED_NOW, type RealBackend, report } from './real-backend';
import { allOn, testBackend } from './real-ops';
import { shanghaiDay } from './clock';
import { G1_1, bookVisit, cloudPhotoLink, fileReport, slotOf, withCloudPhotoLinks } from './real-requests';

/** The workbench (网格员工作台) in the built weapp: inbox tabs, 签收, 转交, 办结, role entries on home. */

// A test on the real handlers seeds a store first (demo deployment and the test catalog, which the real guide function answers from).
jest.setTimeout(20_000);

let h: WeappHarness | undefined;
afterEach(() => h?.closeAll());


/** 燃气公司's staff member (demo-dept-gas, 周师傅). */
const DEPT_STAFF = 'demo-dept-gas';

/** A 垃圾桶满了 report in G1 with `photos`, signed for by 刘网格 (demo-worker-1); returns its id. */
async function activeReport(backend: RealBackend, photos: string[] = []): Promise<string> {
  const id = await fileReport(backend, report({ category: 'huanjing', description: '垃圾桶满了', photos }));
  await backend.ok('work', 'accept', { id }, DEMO.worker);
  return id;
}

describe('网格员工作台', () => {
  it('shows the caller, the four tabs, and 签收 calls work.accept', async () => {
    // Filed the Thursday before and accepted: at FIXED_NOW (Tuesday) 80% of its time is gone (即将超期).
    const backend = testBackend({ as: DEMO.worker, now: '2026-11-19T01:00:00.000Z' });
    const older = await backend.ok<{ id: string }>('requests', 'create', report({ category: 'huanjing', description: '垃圾桶满了' }), DEMO.resident);
    await backend.ok('work', 'accept', { id: older.id });
    backend.setNow(FIXED_NOW);
    const fresh = await backend.ok<{ id: string }>('requests', 'create', report(), DEMO.resident);
    h = bootApp({ cloud: allOn(backend) });
    const page = await h.open('/worker/pages/home/index');
    await waitFor(() => page.querySelectorAll('.request-card').length === 1, FIRST_LOAD_MS);
    const tabs = page.querySelectorAll('.tabs__item').map((t) => textOf(t));
    expect(tabs).toEqual(['待签收(1)', '处理中', '即将超期', '已超期']);
    expect(textOf(page)).toContain('当前身份：刘网格 · 网格员');
    expect(textOf(page)).toContain('居民：张阿姨');
    expect(backend.callsOf('work', 'inbox')[0].data).toEqual({ tab: 'pending' });

    tap(page, '.submit--accept');
    tap(page, '.submit--accept');
    await waitFor(() => textOf(page).includes('没有待签收的工单'));
    expect(backend.callsOf('work', 'accept')).toEqual([{ fn: 'work', action: 'accept', data: { id: fresh.id } }]);

    tap(page, '.tabs__item--active');
    await waitFor(() => page.querySelectorAll('.request-card').length === 2);
    expect(backend.callsOf('work', 'inbox').at(-1)!.data).toEqual({ tab: 'active' });

    tap(page, '.tabs__item--dueSoon');
    await waitFor(() => page.querySelectorAll('.request-card').length === 1);
    expect(textOf(page)).toContain('即将超期');
    expect(textOf(page)).toContain('垃圾桶满了');

    page.querySelector('.request-card')!.dispatchEvent('tap');
    await waitFor(() => h!.navigations.length > 0);
    expect(h.navigations[0]).toEqual({ api: 'navigateTo', url: `/worker/pages/request/index?id=${older.id}` });
  });

  it('签收 that fails on the network keeps the card and offers 重试, which signs for the same request', async () => {
    const backend = testBackend({ as: DEMO.worker });
    const filed = await backend.ok<{ id: string }>('requests', 'create', report(), DEMO.resident);
    h = bootApp({ cloud: allOn(backend) });
    const page = await h.open('/worker/pages/home/index');
    await waitFor(() => page.querySelectorAll('.request-card').length === 1, FIRST_LOAD_MS);
    h.unreachable = true;
    tap(page, '.submit--accept');
    await waitFor(() => page.querySelector('.form-error__retry'));
    expect(page.querySelectorAll('.request-card')).toHaveLength(1);
    h.unreachable = false;
    tap(page, '.form-error__retry');
    await waitFor(() => textOf(page).includes('没有待签收的工单'));
    expect(backend.callsOf('work', 'accept')).toEqual([{ fn: 'work', action: 'accept', data: { id: filed.id } }]);
    expect(await backend.ok('requests', 'get', { id: filed.id })).toMatchObject({ status: 'accepted' });
  });

  it('tells a resident the workbench is not theirs', async () => {
    h = bootApp({ cloud: allOn(testBackend({ as: DEMO.resident })) });
    const page = await h.open('/worker/pages/home/index');
    await waitFor(() => textOf(page).includes('不能使用工作台'), FIRST_LOAD_MS);
  });

  it('offline: an error with a retry', async () => {
    const backend = testBackend({ as: DEMO.worker });
    await backend.ok('requests', 'create', report(), DEMO.resident);
    h = bootApp({ cloud: allOn(backend) });
    h.offline = true;
    const page = await h.open('/worker/pages/home/index');
    await waitFor(() => textOf(page).includes('当前没有网络连接'));
    h.offline = false;
    tap(page, '.load-state__retry');
    await waitFor(() => page.querySelectorAll('.request-card').length === 1);
  });

  it('department staff get their department page: everything called in to them, no grid tools', async () => {
    // An urgent 燃气 report calls the owning department (燃气公司) in from the start.
    const backend = testBackend({ as: DEPT_STAFF });
    await backend.ok('requests', 'create', report({ category: 'ranqi', description: '楼道里有很重的煤气味' }), DEMO.resident);
    h = bootApp({ cloud: allOn(backend) });
    const page = await h.open('/worker/pages/home/index');
    await waitFor(() => page.querySelectorAll('.request-card').length === 1, FIRST_LOAD_MS);
    const text = textOf(page);
    expect(text).toContain('燃气公司 · 部门工作台');
    expect(text).not.toContain('网格员工作台');
    expect(page.querySelector('.workbench__patrol')).toBeUndefined();
    expect(page.querySelector('.tabs__item--all.tabs__item--on')).toBeDefined();
    expect(backend.callsOf('work', 'inbox')[0].data).toEqual({ tab: 'all' });
  });

  it('request detail: where to go (building, address, navigation), whom to call, names not codes', async () => {
    // 张阿姨 booked 刘网格 for Thursday 09:00 at 锦绣东苑1栋, 3单元502; he signed for it.
    const backend = testBackend({ as: DEMO.worker });
    const id = await bookVisit(backend, slotOf(shanghaiDay(2, '09:00')));
    await backend.ok('work', 'accept', { id });
    const { asyncApi } = await import('./harness');
    const opened: unknown[] = [];
    const calls: unknown[] = [];
    h = bootApp({
      cloud: allOn(backend),
      wx: {
        openLocation: asyncApi<Callbacks & { latitude: number; longitude: number; name: string }>('openLocation', (o) => void opened.push({ lat: o.latitude, lng: o.longitude, name: o.name })),
        makePhoneCall: asyncApi<Callbacks & { phoneNumber: string }>('makePhoneCall', (o) => void calls.push(o.phoneNumber)),
      },
    });
    const page = await h.open(`/worker/pages/request/index?id=${id}`);
    await waitFor(() => textOf(page).includes('上门地址'), FIRST_LOAD_MS);
    const text = textOf(page);
    expect(text).toContain(`${G1_1.name} 3单元502`);
    expect(text).toContain('13912345678');
    expect(text).toContain('网格 锦绣东苑');
    expect(text).not.toContain('网格 G1');
    expect(text).not.toContain('办理时限');
    // A visit booked by building has no point of its own: the map and navigation use the building's.
    await waitFor(() => page.querySelector('.place-map'));
    tap(page, '.place-row');
    await waitFor(() => opened.length === 1);
    expect(opened[0]).toEqual({ ...G1_1.point, name: G1_1.name });
    tap(page, '.place-phone');
    await waitFor(() => calls.length === 1);
    expect(calls).toEqual(['13912345678']);
  });

  it('request detail: resolve with a note (photos on record as an internal note)', async () => {
    const backend = testBackend({ as: DEMO.worker });
    const { id } = await backend.ok<{ id: string }>('requests', 'create', report({ category: 'huanjing', description: '垃圾桶满了' }), DEMO.resident);
    await backend.ok('work', 'accept', { id });
    const { asyncApi } = await import('./harness');
    h = bootApp({
      cloud: allOn(backend),
      wx: { chooseMedia: asyncApi('chooseMedia', () => ({ tempFiles: [{ tempFilePath: 'wxfile://tmp/after.jpg' }] })) },
    });
    const page = await h.open(`/worker/pages/request/index?id=${id}`);
    await waitFor(() => page.querySelector('.submit--open-resolve'), FIRST_LOAD_MS);
    expect(textOf(page)).toContain('居民 张阿姨');
    expect(page.querySelector('.submit--open-escalate')).toBeDefined();
    tap(page, '.submit--open-resolve');
    await waitFor(() => page.querySelector('.field__textarea--resolve'));
    tap(page, '.photos__add');
    await waitFor(() => page.querySelectorAll('.photos--edit .photos__item').length === 1);
    type(page, '.field__textarea--resolve', '已清运');
    await waitFor(() => textOf(page).includes('3/500'));
    tap(page, '.submit--resolve');
    await waitFor(() => textOf(page).includes('已办结'));
    expect(backend.callsOf('work', 'note')[0].data).toEqual({ id, note: `办结照片：cloud://test-env.bucket/${h.uploads[0].cloudPath}` });
    expect(backend.callsOf('work', 'resolve')).toEqual([{ fn: 'work', action: 'resolve', data: { id, note: '已清运' } }]);
    expect(textOf(page)).toContain('（仅工作人员可见）');
  });

  it('shows a resident’s cloud photo through the link requests.photos gives staff', async () => {
    const photo = 'cloud://test-env.bucket/reports/demo-resident/p1.jpg';
    const backend = testBackend({ as: DEMO.worker });
    withCloudPhotoLinks(backend);
    const id = await activeReport(backend, [photo]);
    h = bootApp({ cloud: allOn(backend) });
    const page = await h.open(`/worker/pages/request/index?id=${id}`);
    // The built-in <image> of the simulator keeps no src; Taro's rendered tree (the page data) does.
    await waitFor(() => JSON.stringify(page.instance.data).includes(cloudPhotoLink(photo)), FIRST_LOAD_MS);
    expect(JSON.stringify(page.instance.data)).not.toContain(`"src":"${photo}"`);
    expect(backend.callsOf('requests', 'photos')).toEqual([{ fn: 'requests', action: 'photos', data: { id } }]);
  });

  it('a tapped photo opens full size (previewImage), swiping through the request’s photos', async () => {
    const photos = ['cloud://test-env.bucket/reports/demo-resident/p1.jpg', 'cloud://test-env.bucket/reports/demo-resident/p2.jpg'];
    const backend = testBackend({ as: DEMO.worker });
    withCloudPhotoLinks(backend);
    const id = await activeReport(backend, photos);
    const { asyncApi } = await import('./harness');
    const previews: { current: string; urls: string[] }[] = [];
    h = bootApp({
      cloud: allOn(backend),
      wx: { previewImage: asyncApi<Callbacks & { current: string; urls: string[] }>('previewImage', (o) => void previews.push({ current: o.current, urls: o.urls })) },
    });
    const page = await h.open(`/worker/pages/request/index?id=${id}`);
    await waitFor(() => page.querySelectorAll('.photos__img').length === 2, FIRST_LOAD_MS);
    await waitFor(() => JSON.stringify(page.instance.data).split('https://tmp.example/').length === 3);
    page.querySelectorAll('.photos__img')[1].dispatchEvent('tap');
    await waitFor(() => previews.length === 1);
    expect(previews[0]).toEqual({ current: cloudPhotoLink(photos[1]), urls: photos.map(cloudPhotoLink) });
  });

  it('业务转接单: picks a colleague from work.directory (not one on leave) and sends the sheet', async () => {
    // 赵网格 (demo-worker-3) is on leave today.
    const backend = testBackend({ as: DEMO.worker });
    const id = await activeReport(backend);
    await backend.ok('admin', 'workers.upsert', { openid: 'demo-worker-3', name: '赵网格', level: 'B', onLeave: true }, DEMO.admin);
    h = bootApp({ cloud: allOn(backend) });
    const page = await h.open(`/worker/pages/transfer/index?id=${id}`);
    await waitFor(() => page.querySelector('.choices--colleague'), FIRST_LOAD_MS);
    expect(backend.callsOf('work', 'directory')).toHaveLength(1);
    expect(textOf(page)).toContain('请假中');
    const chips = page.querySelectorAll('.choices--colleague .choice');
    expect(chips.length).toBe(2);
    expect(page.querySelectorAll('.choices--colleague .choice--off').length).toBe(1);
    chips[0].dispatchEvent('tap');
    await waitFor(() => page.querySelector('.choices--colleague .choice--on'));
    type(page, '.field__textarea--reason', '需B岗专人办理');
    type(page, '.field__textarea--done', '已现场查看');
    tap(page, '.submit--transfer');
    await waitFor(() => textOf(page).includes('请填写待办事项'));
    type(page, '.field__textarea--pending', '联系物业清运');
    await waitFor(() => textOf(page).includes('6/500'));
    tap(page, '.submit--transfer');
    await waitFor(() => h!.navigations.some((n) => n.api === 'navigateBack'));
    expect(backend.callsOf('work', 'transfer')[0].data).toEqual({
      id,
      toOpenid: 'demo-worker-2',
      reason: '需B岗专人办理',
      done: '已现场查看',
      pending: '联系物业清运',
    });
    // Handed on: 陈网格 now holds it, waiting for his 签收.
    expect(await backend.ok('requests', 'get', { id })).toMatchObject({ status: 'assigned', assignee: { openid: 'demo-worker-2', name: '陈网格' } });
  });
});

describe('home page entries by role (account.me)', () => {
  it.each([
    [{ openid: DEMO.resident, name: '张阿姨' }, ['随手拍', '预约上门帮办', '我的诉求'], ['网格员工作台', '管理后台']],
    [{ openid: DEMO.worker, name: '刘网格' }, ['随手拍', '网格员工作台'], ['管理后台']],
    [{ openid: DEMO.admin, name: '王主任' }, ['管理后台', '网格员工作台'], []],
  ])('%o', async (me, shown, hidden) => {
    const backend = testBackend({ as: me.openid });
    h = bootApp({ cloud: allOn(backend) });
    const page = await h.open('/pages/index/index');
    await waitFor(() => textOf(page).includes('我要办'), FIRST_LOAD_MS);
    const text = textOf(page);
    for (const s of shown) expect(text).toContain(s);
    for (const s of hidden) expect(text).not.toContain(s);
    expect(text).toContain(`我要办 · ${me.name}`);
    // Cached for the session: another page does not ask again.
    await h.open('/admin/pages/home/index');
    expect(backend.callsOf('account', 'me')).toHaveLength(1);
  });

  it('the guide still works when account.me fails, with a retry', async () => {
    const backend = testBackend({ as: DEMO.resident });
    backend.failOnce.set('account.me', { code: 'INTERNAL', message: '系统繁忙，请稍后再试' });
    h = bootApp({ cloud: allOn(backend) });
    const page = await h.open('/pages/index/index');
    await waitFor(() => textOf(page).includes('暂时无法获取您的身份'), FIRST_LOAD_MS);
    expect(textOf(page)).toContain('民政救助');
    tap(page, '.notice__action');
    await waitFor(() => textOf(page).includes('我要办'));
    page.querySelector('.entry--report')!.dispatchEvent('tap');
    await waitFor(() => h!.navigations.length > 0);
    expect(h.navigations[0]).toEqual({ api: 'navigateTo', url: '/resident/pages/report/index' });
  });
});
