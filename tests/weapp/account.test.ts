import { bootApp, textOf, waitFor, type WeappHarness, tap } from './harness';
import { FIRST_LOAD_MS, FIXED_NOW, type RealBackend, report } from './real-backend';
import { allOn, testBackend } from './real-ops';

/** 注销账号 on 我的诉求 in the built weapp, against the real account handlers. */

// The first call seeds a store (demo deployment and the test catalog, which the real guide function answers from) and loads the handlers.
jest.setTimeout(20_000);

let h: WeappHarness | undefined;
afterEach(() => h?.closeAll());

const STORAGE = {
  'qgt.draft.report.demo-resident': { key: 'rpt-1', description: '没写完的', photos: [] },
  'qgt.recent': ['dibao'],
};

/** The resident's requests, as they see them. */
const mine = async (backend: RealBackend) => (await backend.ok<{ items: unknown[] }>('requests', 'mine', {})).items;

async function openDeletion(backend: RealBackend) {
  h = bootApp({ cloud: allOn(backend), storage: STORAGE, clock: FIXED_NOW });
  const page = await h.open('/resident/pages/mine/index');
  await waitFor(() => page.querySelector('.account__open'), FIRST_LOAD_MS);
  tap(page, '.account__open');
  await waitFor(() => page.querySelector('.submit--delete-account'));
  return { h, page };
}

describe('注销账号', () => {
  it('says what goes and what the law keeps, confirms, deletes, forgets the device and goes home', async () => {
    const backend = testBackend();
    await backend.ok('requests', 'create', report());
    await backend.ok('requests', 'create', report({ category: 'huanjing', description: '楼下垃圾两天没清运' }));
    expect(await mine(backend)).toHaveLength(2);
    const { h, page } = await openDeletion(backend);
    const text = textOf(page);
    expect(text).toContain('注销后将删除');
    expect(text).toContain('依法需要保留');
    expect(text).toContain('不再关联到您');
    expect(text).toContain('《网络安全法》');

    tap(page, '.submit--delete-account');
    await waitFor(() => h.navigations.length > 0);
    expect(h.modals).toEqual([expect.objectContaining({ title: '确认注销账号？' })]);
    expect(backend.callsOf('account', 'delete')).toEqual([{ fn: 'account', action: 'delete', data: { confirm: true } }]);
    expect(await mine(backend)).toHaveLength(0);
    expect(h.storage.size).toBe(0);
    expect(h.navigations).toEqual([{ api: 'reLaunch', url: '/pages/index/index?notice=account-deleted' }]);

    const home = await h.open('/pages/index/index?notice=account-deleted');
    await waitFor(() => textOf(home).includes('账号已注销'));
  });

  it('does nothing when the confirmation is declined', async () => {
    const backend = testBackend();
    await backend.ok('requests', 'create', report());
    const { h, page } = await openDeletion(backend);
    h.modalAnswer = false;
    tap(page, '.submit--delete-account');
    await waitFor(() => h.modals.length === 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(backend.callsOf('account', 'delete')).toHaveLength(0);
    expect(Object.keys(STORAGE).every((k) => h.storage.has(k))).toBe(true);
    expect(h.navigations).toEqual([]);
  });

  it('keeps everything and says why when the server cannot do it', async () => {
    const backend = testBackend();
    backend.failOnce.set('account.delete', { code: 'INTERNAL', message: '系统繁忙，请稍后再试' });
    const { h, page } = await openDeletion(backend);
    tap(page, '.submit--delete-account');
    await waitFor(() => textOf(page).includes('系统繁忙'));
    expect(Object.keys(STORAGE).every((k) => h.storage.has(k))).toBe(true);
    expect(h.navigations).toEqual([]);
    tap(page, '.form-error__retry');
    await waitFor(() => h.navigations.length > 0);
    expect(backend.callsOf('account', 'delete')).toHaveLength(2);
  });
});
