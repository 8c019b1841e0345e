import { DEMO, FIRST_LOAD_MS, type RealBackend, report } from './real-backend';
import { allOn, testBackend } from './real-ops';
import { HERE, onlyRequest, openSlots, pickPlace, slotTaken, storedRequests } from './real-requests';
import { asyncApi, bootApp, textOf, waitFor, type BootOptions, type SimNode, type WeappHarness, tap, type } from './harness';

/**
 * Graceful failures in the built weapp: offline, timed-out and refused calls show what happened
 * and a way on (重试), never a blank page; forms keep what was entered.
 */

// A test on the real handlers seeds a store first (demo deployment and the test catalog, which the real guide function answers from).
jest.setTimeout(20_000);

let h: WeappHarness | undefined;
afterEach(() => h?.closeAll());

const DRAFT = 'qgt.draft.report.demo-resident';

function boot(backend: RealBackend, extra: Partial<BootOptions> = {}) {
  h = bootApp({
    cloud: allOn(backend),
    wx: {
      getLocation: asyncApi('getLocation', () => ({ ...HERE, accuracy: 10 })),
    },
    ...extra,
  });
  return h;
}

/** The 随手拍 form filled in with a category and a description. */
async function fillReport(page: SimNode, description = '路灯不亮') {
  await waitFor(() => textOf(page).includes('已定位'), FIRST_LOAD_MS);
  page.querySelectorAll('.choices--category .choice')[0].dispatchEvent('tap');
  type(page, '.field__textarea--description', description);
  await waitFor(() => textOf(page).includes(`${description.length}/500`));
}

/** The real backend, for a resident with one request, described as 楼道灯坏了. */
async function residentWithOneRequest() {
  const backend = testBackend({ as: DEMO.resident });
  const { id } = await backend.ok<{ id: string }>('requests', 'create', report({ description: '楼道灯坏了' }));
  return { backend, id };
}

describe('a page whose data cannot load', () => {
  it('offline: says so with 重试, and loads once the network is back', async () => {
    const { backend } = await residentWithOneRequest();
    const h = boot(backend);
    h.offline = true;
    const page = await h.open('/resident/pages/mine/index');
    await waitFor(() => textOf(page).includes('当前没有网络连接'));
    expect(textOf(page)).toContain('重试');
    expect(backend.callsOf('requests', 'mine')).toHaveLength(0);

    h.offline = false;
    tap(page, '.load-state__retry');
    await waitFor(() => textOf(page).includes('楼道灯坏了'), FIRST_LOAD_MS);
    expect(page.querySelector('.load-state__retry')).toBeUndefined();
  });

  it('no reply in time: gives up with 请求超时 and 重试 instead of waiting forever', async () => {
    const { backend } = await residentWithOneRequest();
    const h = boot(backend, { fastLongTimers: true });
    h.stallNext('requests.mine');
    const page = await h.open('/resident/pages/mine/index');
    await waitFor(() => textOf(page).includes('请求超时'));
    tap(page, '.load-state__retry');
    await waitFor(() => textOf(page).includes('楼道灯坏了'), FIRST_LOAD_MS);
    expect(backend.callsOf('requests', 'mine')).toHaveLength(2);
  });

  it('online but the service cannot be reached: 网络连接失败 with 重试', async () => {
    const { backend } = await residentWithOneRequest();
    const h = boot(backend);
    h.unreachable = true;
    const page = await h.open('/resident/pages/mine/index');
    await waitFor(() => textOf(page).includes('网络连接失败'));
    h.unreachable = false;
    tap(page, '.load-state__retry');
    await waitFor(() => textOf(page).includes('楼道灯坏了'), FIRST_LOAD_MS);
  });

  it('a server fault on the request detail: the message and 重试', async () => {
    const { backend, id } = await residentWithOneRequest();
    backend.failOnce.set('requests.get', { code: 'INTERNAL', message: '系统繁忙，请稍后再试' });
    const h = boot(backend);
    const page = await h.open(`/resident/pages/detail/index?id=${id}`);
    await waitFor(() => textOf(page).includes('系统繁忙'));
    tap(page, '.load-state__retry');
    await waitFor(() => textOf(page).includes('办理进度'), FIRST_LOAD_MS);
  });
});

describe('a 随手拍 submit that fails', () => {
  it('timed out although the server filed it: 重试 sends the same idempotency key and gets the same request', async () => {
    const backend = testBackend({ as: DEMO.resident });
    const h = boot(backend, { fastLongTimers: true });
    const page = await h.open('/resident/pages/report/index');
    await fillReport(page);
    h.stallNext('requests.create');
    tap(page, '.submit--report');
    await waitFor(() => textOf(page).includes('请求超时'));
    expect(textOf(page)).toContain('重试不会重复提交');
    const filed = await onlyRequest(backend, 'report'); // the server did file it; the reply was lost
    // The form keeps what was entered.
    expect(textOf(page)).toContain('4/500');
    expect(page.querySelector('.choice--on')).toBeTruthy();

    tap(page, '.form-error__retry');
    await waitFor(() => textOf(page).includes('提交成功'));
    const creates = backend.callsOf('requests', 'create');
    expect(creates).toHaveLength(2);
    expect(creates[1].data.idempotencyKey).toBe(creates[0].data.idempotencyKey);
    // 重试 is the same submit: the duplicate check, passed before, is not asked again (it would offer
    // the resident's own report that the lost attempt filed).
    expect(backend.callsOf('requests', 'duplicates')).toHaveLength(1);
    expect((await storedRequests(backend)).map((r) => r._id)).toEqual([filed._id]);
    expect(h.storage.has(DRAFT)).toBe(false);
    // The retry got the request filed the first time.
    tap(page, '.done__open');
    await waitFor(() => h.navigations.length > 0);
    expect(h.navigations).toEqual([{ api: 'redirectTo', url: `/resident/pages/detail/index?id=${filed._id}` }]);
  });

  it('rate limited: shows the server message, keeps the input and the draft, offers no instant 重试', async () => {
    const backend = testBackend({ as: DEMO.resident });
    backend.failOnce.set('requests.create', { code: 'RATE_LIMITED', message: '操作太频繁，请 30 秒后再试' });
    const h = boot(backend);
    const page = await h.open('/resident/pages/report/index');
    await fillReport(page);
    tap(page, '.submit--report');
    await waitFor(() => textOf(page).includes('操作太频繁，请 30 秒后再试'));
    expect(page.querySelector('.form-error__retry')).toBeUndefined();
    expect(textOf(page)).toContain('4/500');
    await waitFor(() => (h.storage.get(DRAFT) as { description?: string } | undefined)?.description === '路灯不亮');

    // Later, the same submit goes through with the same key.
    tap(page, '.submit--report');
    await waitFor(() => textOf(page).includes('提交成功'));
    const [first, second] = backend.callsOf('requests', 'create');
    expect(second.data.idempotencyKey).toBe(first.data.idempotencyKey);
    expect(await onlyRequest(backend, 'report')).toMatchObject({ description: '路灯不亮' });
  });

  it('refused by the content check: the message stands next to the description until it is edited', async () => {
    // The local platform's content check is the keyword filter: an ad for fake invoices is refused.
    const backend = testBackend({ as: DEMO.resident });
    const h = boot(backend);
    const page = await h.open('/resident/pages/report/index');
    await fillReport(page, '可以代开发票');
    tap(page, '.submit--report');
    await waitFor(() => page.querySelector('.field--description .field__error'));
    expect(textOf(page.querySelector('.field--description .field__error')!)).toBe('内容含有违规信息，请修改后再提交');
    expect(page.querySelector('.field--invalid')).toBeTruthy();
    expect(page.querySelector('.form-error')).toBeUndefined(); // said once, where it belongs

    expect(await storedRequests(backend)).toEqual([]);

    type(page, '.field__textarea--description', '路灯不亮');
    await waitFor(() => !page.querySelector('.field__error'));
  });

  it('the form\'s own checks also point at the field', async () => {
    const backend = testBackend({ as: DEMO.resident });
    const h = boot(backend);
    const page = await h.open('/resident/pages/report/index');
    await waitFor(() => textOf(page).includes('已定位'), FIRST_LOAD_MS);
    page.querySelectorAll('.choices--category .choice')[0].dispatchEvent('tap');
    await waitFor(() => page.querySelector('.choice--on'));
    tap(page, '.submit--report');
    await waitFor(() => page.querySelector('.field--description .field__error'));
    expect(textOf(page.querySelector('.field__error')!)).toBe('请描述遇到的问题');
    expect(backend.callsOf('requests', 'create')).toHaveLength(0);
  });
});

describe('a 工单 action that fails', () => {
  it('keeps the open form and its note, and 重试 runs the same action', async () => {
    const backend = testBackend({ as: DEMO.worker });
    const { id } = await backend.ok<{ id: string }>('requests', 'create', report(), DEMO.resident);
    await backend.ok('work', 'accept', { id });
    backend.failOnce.set('work.resolve', { code: 'INTERNAL', message: '系统繁忙，请稍后再试' });
    const h = boot(backend);
    const page = await h.open(`/worker/pages/request/index?id=${id}`);
    await waitFor(() => page.querySelector('.submit--open-resolve'));
    tap(page, '.submit--open-resolve');
    await waitFor(() => page.querySelector('.field__textarea--resolve'));
    type(page, '.field__textarea--resolve', '已清运');
    await waitFor(() => textOf(page).includes('3/500'));
    tap(page, '.submit--resolve');
    await waitFor(() => textOf(page).includes('系统繁忙'));
    expect(textOf(page)).toContain('3/500'); // the form is still open with the note

    tap(page, '.form-error__retry');
    await waitFor(() => textOf(page).includes('已办结'));
    expect(backend.callsOf('work', 'resolve').map((c) => c.data)).toEqual([
      { id, note: '已清运' },
      { id, note: '已清运' },
    ]);
    expect(await backend.ok('requests', 'get', { id })).toMatchObject({ status: 'resolved' });
  });
});

describe('a booking that fails', () => {
  /** The confirm step of a 低保 visit at an address, in the first slot booking.slots offers, with `note`. */
  async function confirmStep(backend: RealBackend, extra: Partial<BootOptions> = {}, note = '请带表格') {
    const h = boot(backend, extra);
    const page = await h.open('/resident/pages/booking/index?matter=dibao');
    await pickPlace(page, 'other');
    await waitFor(() => backend.callsOf('booking', 'slots').length === 1, FIRST_LOAD_MS);
    const offered = await openSlots(backend, backend.callsOf('booking', 'slots')[0].data);
    const slot = offered[0];
    await waitFor(() => page.querySelectorAll('.slot').length === offered.length, FIRST_LOAD_MS);
    page.querySelectorAll('.slot')[0].dispatchEvent('tap');
    await waitFor(() => page.querySelector('.submit--book'));
    type(page, '.field__input--address', '3单元502');
    type(page, '.field__input--phone', '13800000000');
    type(page, '.field__textarea--note', note);
    await waitFor(() => textOf(page).includes(`${note.length}/300`));
    return { h, page, slot };
  }

  it('timed out: 重试 books with the same key, so the slot is taken once', async () => {
    const backend = testBackend({ as: DEMO.resident });
    const { h, page, slot } = await confirmStep(backend, { fastLongTimers: true });
    h.stallNext('requests.create');
    tap(page, '.submit--book');
    await waitFor(() => textOf(page).includes('请求超时'));
    expect(await slotTaken(backend, slot.slotId)).toBe(1); // booked on the server, the reply lost
    tap(page, '.form-error__retry');
    await waitFor(() => textOf(page).includes('预约成功'));
    const [first, second] = backend.callsOf('requests', 'create');
    expect(second.data.idempotencyKey).toBe(first.data.idempotencyKey);
    expect((await onlyRequest(backend, 'visit')).slotStart).toBe(slot.start);
    expect(await slotTaken(backend, slot.slotId)).toBe(1);
  });

  it('refused by the content check: the message stands under the note, which the description is made of', async () => {
    const backend = testBackend({ as: DEMO.resident });
    const { page, slot } = await confirmStep(backend, {}, '顺便代开发票');
    tap(page, '.submit--book');
    await waitFor(() => page.querySelector('.field--note .field__error'));
    expect(textOf(page.querySelector('.field--note .field__error')!)).toBe('内容含有违规信息，请修改后再提交');
    expect(page.querySelector('.form-error')).toBeUndefined();
    // Refused before anything was stored: no visit, and the slot is still free.
    expect(await storedRequests(backend)).toEqual([]);
    expect(await slotTaken(backend, slot.slotId)).toBe(0);
  });
});
