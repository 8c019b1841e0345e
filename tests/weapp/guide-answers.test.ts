import type { Catalog } from '@qgt/shared/catalog/schema';
import { testCatalog } from './fixture';
import { asyncApi, bootApp, textOf, waitFor, type Callbacks, type WeappHarness } from './harness';
import { FIRST_LOAD_MS } from './real-backend';
import { cloudOf, testBackend } from './real-ops';

/** The home search's 去哪办 / 随手拍 answers and the 一件事一次办 page, offline from the catalog the real guide function published. */

// The first test pays for loading the built app; a loaded machine can take more than the default 5 s.
jest.setTimeout(30_000);

let h: WeappHarness | undefined;
afterEach(() => h?.closeAll());

const catalog: Catalog = {
  ...testCatalog,
  places: [
    { code: 'id-card', type: 'where', title: '居民身份证申领、换领、补领', office: '户籍所在地派出所户籍窗口', note: '不在社区办理。', keywords: ['身份证', '临时身份证'] },
    { code: 'gas-leak', type: 'report', title: '燃气泄漏', category: 'ranqi', urgent: true, emergency: { name: '燃气泄漏先报警', phone: '119' }, note: '立即关阀开窗。', keywords: ['燃气泄漏', '漏气'] },
  ],
  lifeEvents: [{ code: 'retirement', title: '退休一件事', summary: '退休后要办的事，一次说清。', matters: ['pension-certification', 'dibao'] }],
};

async function home(extraWx: Record<string, unknown> = {}) {
  h = bootApp({ ...cloudOf(testBackend({ catalog })), wx: extraWx });
  const page = await h.open('/pages/index/index');
  await waitFor(() => page.querySelector('.category-grid__item'), FIRST_LOAD_MS);
  return page;
}

describe('search answers on the home page', () => {
  it('says where an out-of-catalog matter is done instead of listing a wrong matter', async () => {
    const page = await home();
    page.querySelector('.search-box__input')!.dispatchEvent('input', { detail: { value: '身份证丢了' } });
    await waitFor(() => textOf(page).includes('去哪办'));
    expect(textOf(page)).toContain('户籍所在地派出所户籍窗口');
    expect(page.querySelectorAll('.matter-item')).toHaveLength(0);
    expect(textOf(page)).not.toContain('没有找到');
  });

  it('puts the emergency line first for an urgent problem, then 随手拍 with its category', async () => {
    const calls: string[] = [];
    const page = await home({ makePhoneCall: asyncApi<Callbacks & { phoneNumber: string }>('makePhoneCall', (o) => void calls.push(o.phoneNumber)) });
    page.querySelector('.search-box__input')!.dispatchEvent('input', { detail: { value: '燃气漏气' } });
    await waitFor(() => page.querySelector('.answer__call'));
    const answer = page.querySelector('.answer--urgent')!;
    expect(textOf(answer).indexOf('119')).toBeLessThan(textOf(answer).indexOf('随手拍'));
    page.querySelector('.answer__call')!.dispatchEvent('tap');
    await waitFor(() => calls.length > 0);
    expect(calls).toEqual(['119']);
    page.querySelector('.answer__report')!.dispatchEvent('tap');
    await waitFor(() => h!.navigations.length > 0);
    expect(h!.navigations).toEqual([{ api: 'navigateTo', url: '/resident/pages/report/index?category=ranqi' }]);
  });
});

describe('一件事一次办', () => {
  it('lists the life events on the home page and opens one', async () => {
    const page = await home();
    expect(textOf(page)).toContain('一件事一次办');
    page.querySelector('.life-event')!.dispatchEvent('tap');
    await waitFor(() => h!.navigations.length > 0);
    expect(h!.navigations).toEqual([{ api: 'navigateTo', url: '/resident/pages/event/index?code=retirement' }]);
  });

  it('shows the matters in order, each document once with the matters needing it, and one booking', async () => {
    h = bootApp(cloudOf(testBackend({ catalog })));
    const page = await h.open('/resident/pages/event/index?code=retirement');
    await waitFor(() => textOf(page).includes('退休一件事'), FIRST_LOAD_MS);
    const matters = page.querySelectorAll('.event__matter').map(textOf);
    expect(matters[0]).toContain('1. 养老保险待遇资格认证');
    expect(matters[1]).toContain('2. 最低生活保障');
    const papers = page.querySelectorAll('.event__material').map(textOf);
    const id = papers.filter((t) => t.startsWith('居民身份证'));
    expect(id).toHaveLength(1);
    expect(id[0]).toContain('2个事项共用：养老保险待遇资格认证、最低生活保障');
    page.querySelector('.event__book')!.dispatchEvent('tap');
    await waitFor(() => h!.navigations.length > 0);
    expect(h!.navigations).toEqual([{ api: 'navigateTo', url: '/resident/pages/booking/index?event=retirement' }]);
  });

  it('asks guide.lifeEvent for the plan once and opens it again offline from the device', async () => {
    const backend = testBackend({ catalog });
    h = bootApp({ ...cloudOf(backend) });
    const first = await h.open('/resident/pages/event/index?code=retirement');
    await waitFor(() => textOf(first).includes('2个事项共用'), FIRST_LOAD_MS);
    expect(h.cloudCalls.filter((c) => c.action === 'lifeEvent').map((c) => c.data)).toEqual([{ code: 'retirement' }]);
    await waitFor(() => h!.storage.has('qgt.detail.e.retirement'));
    const device = Object.fromEntries(h.storage);
    h.closeAll();

    h = bootApp({ ...cloudOf(backend), storage: device });
    h.offline = true;
    const again = await h.open('/resident/pages/event/index?code=retirement');
    await waitFor(() => textOf(again).includes('2个事项共用'));
    expect(textOf(again)).toContain('1. 养老保险待遇资格认证');
  });

  it('an unknown life event says so', async () => {
    h = bootApp({ ...cloudOf(testBackend({ catalog })) });
    const page = await h.open('/resident/pages/event/index?code=no-such-event');
    await waitFor(() => textOf(page).includes('没有找到这件事'), FIRST_LOAD_MS);
  });
});
