import { fakeGuide } from './fake-guide';
import { shanghaiDay } from './clock';
import { FakeBackend, RESIDENT, pickPlace, slot } from './fake-requests';
import { testCatalog } from './fixture';
import { asyncApi, bootApp, textOf, waitFor, type Callbacks, type WeappHarness, tap, type } from './harness';

/**
 * Drafts in the built weapp: a form survives closing the mini-program (a fresh boot with the same
 * storage), per user and kind, and its idempotency key goes with it.
 */

const REPORT = 'qgt.draft.report.demo-resident';
const VISIT = 'qgt.draft.visit.demo-resident';

const booted: WeappHarness[] = [];
afterEach(() => {
  for (const b of booted.splice(0)) b.closeAll();
});

function boot(backend: FakeBackend, storage?: Record<string, unknown>): WeappHarness {
  const h = bootApp({
    cloud: backend.handler(fakeGuide(testCatalog)),
    storage,
    wx: {
      getLocation: asyncApi('getLocation', () => ({ latitude: 30.2741, longitude: 120.1551, accuracy: 10 })),
      chooseMedia: asyncApi('chooseMedia', () => ({ type: 'image', tempFiles: [{ tempFilePath: 'wxfile://tmp/photo-1.jpg', size: 2048, fileType: 'image' }] })),
      compressImage: asyncApi<Callbacks & { src: string }>('compressImage', (o) => ({ tempFilePath: o.src })),
    },
  });
  booted.push(h);
  return h;
}

/** Leaves the mini-program (pages and app hide, then close) and boots again on the same storage. */
function restart(h: WeappHarness, backend: FakeBackend): WeappHarness {
  h.hideAll();
  h.closeAll();
  return boot(backend, Object.fromEntries(h.storage));
}

// Shanghai-time slots `offset` days from now.
const day = shanghaiDay;

describe('随手拍 draft', () => {
  it('comes back after closing the mini-program mid-sentence, and files with the key it was saved with', async () => {
    const backend = new FakeBackend({ me: RESIDENT });
    const first = boot(backend);
    let page = await first.open('/resident/pages/report/index');
    await waitFor(() => textOf(page).includes('已定位'));
    tap(page, '.photos__add');
    await waitFor(() => page.querySelectorAll('.photos__item').length === 1);
    page.querySelectorAll('.choices--category .choice')[1].dispatchEvent('tap');
    type(page, '.field__textarea--description', '垃圾桶满了');
    await waitFor(() => textOf(page).includes('5/500'));
    // Left at once, before the debounced save: hiding writes it.
    const h = restart(first, backend);
    const saved = h.storage.get(REPORT) as { key: string; photos: { fileId: string; preview?: string }[] };
    expect(saved).toMatchObject({ category: 'garbage', description: '垃圾桶满了', location: { lat: 30.2741, lng: 120.1551 } });
    // The temp file of the photo will not survive; its uploaded id does.
    expect(saved.photos).toEqual([{ fileId: `cloud://test-env.bucket/${first.uploads[0].cloudPath}` }]);

    page = await h.open('/resident/pages/report/index');
    await waitFor(() => textOf(page).includes('5/500'));
    expect(textOf(page)).toContain('已自动保存草稿');
    expect(page.querySelector('.choice--on')).toBeTruthy();
    expect(page.querySelectorAll('.photos__item')).toHaveLength(1);

    tap(page, '.submit--report');
    await waitFor(() => textOf(page).includes('提交成功'));
    expect(backend.callsOf('requests', 'create')[0].data).toMatchObject({ idempotencyKey: saved.key, category: 'garbage', photos: [saved.photos[0].fileId] });
    expect(h.storage.has(REPORT)).toBe(false);
  });

  it('belongs to one user and one kind: another resident\'s draft and a booking draft stay apart', async () => {
    const backend = new FakeBackend({ me: RESIDENT });
    const other = { key: 'rpt-other', category: 'garbage', description: '李师傅的草稿', photos: [] };
    const visit = { key: 'visit-1', matterCode: 'dibao', form: { address: '3单元502', phone: '', note: '' } };
    const h = boot(backend, { 'qgt.draft.report.demo-resident-2': other, [VISIT]: visit });
    const page = await h.open('/resident/pages/report/index');
    await waitFor(() => textOf(page).includes('已定位'));
    expect(textOf(page)).not.toContain('李师傅的草稿');
    expect(textOf(page)).not.toContain('已自动保存草稿');
    type(page, '.field__textarea--description', '我的草稿');
    await waitFor(() => (h.storage.get(REPORT) as { description?: string } | undefined)?.description === '我的草稿');
    expect(h.storage.get('qgt.draft.report.demo-resident-2')).toEqual(other);
    expect(h.storage.get(VISIT)).toEqual(visit);
  });

  it('清空草稿 asks first, then starts over with a new key', async () => {
    const backend = new FakeBackend({ me: RESIDENT });
    const h = boot(backend, { [REPORT]: { key: 'rpt-old', category: 'garbage', description: '旧的内容', buildingCode: 'b-1', photos: [] } });
    const page = await h.open('/resident/pages/report/index');
    await waitFor(() => textOf(page).includes('4/500'));
    tap(page, '.draft-notice__discard');
    await waitFor(() => textOf(page).includes('0/500'));
    expect(textOf(page)).not.toContain('已自动保存草稿');
    expect(h.modals[0].title).toBe('清空草稿？');
    expect(h.storage.has(REPORT)).toBe(false);
    await fillAndSubmit();
    expect(backend.callsOf('requests', 'create')[0].data.idempotencyKey).not.toBe('rpt-old');

    async function fillAndSubmit() {
      page.querySelectorAll('.choices--category .choice')[0].dispatchEvent('tap');
      type(page, '.field__textarea--description', '新的');
      await waitFor(() => textOf(page).includes('2/500'));
      tap(page, '.submit--report');
      await waitFor(() => textOf(page).includes('提交成功'));
    }
  });
});

describe('上门帮办 draft', () => {
  it('keeps the chosen slot and contact details across a restart and books with the saved key', async () => {
    const backend = new FakeBackend({ me: RESIDENT, slots: [slot(day(2, '09:00'), 1), slot(day(2, '10:30'), 1)] });
    const first = boot(backend);
    let page = await first.open('/resident/pages/booking/index?matter=dibao');
    await pickPlace(page, 'other');
    await waitFor(() => page.querySelectorAll('.slot').length === 2);
    page.querySelectorAll('.slot')[1].dispatchEvent('tap');
    await waitFor(() => page.querySelector('.submit--book'));
    type(page, '.field__input--address', '3单元502');
    type(page, '.field__input--phone', '13800000000');
    await waitFor(() => (first.storage.get(VISIT) as { form?: { address?: string; phone?: string } } | undefined)?.form?.phone === '13800000000');

    const h = restart(first, backend);
    const saved = h.storage.get(VISIT) as { key: string; slot: { slotId: string } };
    expect(saved).toMatchObject({ matterCode: 'dibao', slot: { slotId: `demo-worker-1:${day(2, '10:30')}` } });
    page = await h.open('/resident/pages/booking/index');
    await waitFor(() => page.querySelector('.submit--book'));
    expect(textOf(page)).toContain('已自动保存草稿');
    expect(textOf(page)).toContain('最低生活保障');

    tap(page, '.submit--book');
    await waitFor(() => textOf(page).includes('预约成功'));
    expect(textOf(page)).toContain('最低生活保障');
    expect(backend.callsOf('requests', 'create')[0].data).toMatchObject({ idempotencyKey: saved.key, slotId: saved.slot.slotId, address: '3单元502', contactPhone: '13800000000' });
    expect(h.storage.has(VISIT)).toBe(false);
  });

  it('drops a slot that has begun, keeping the rest', async () => {
    const backend = new FakeBackend({ me: RESIDENT, slots: [slot(day(2, '09:00'), 1)] });
    const past = slot(day(-1, '09:00'), 1);
    const h = boot(backend, { [VISIT]: { key: 'visit-1', matterCode: 'dibao', slot: past, form: { address: '3单元502', phone: '13800000000', note: '' } } });
    const page = await h.open('/resident/pages/booking/index');
    await waitFor(() => page.querySelectorAll('.slot').length === 1);
    expect(page.querySelector('.submit--book')).toBeUndefined();
    page.querySelectorAll('.slot')[0].dispatchEvent('tap');
    await waitFor(() => page.querySelector('.submit--book'));
    tap(page, '.submit--book');
    await waitFor(() => textOf(page).includes('预约成功'));
    expect(backend.callsOf('requests', 'create')[0].data).toMatchObject({ idempotencyKey: 'visit-1' });
    expect(backend.callsOf('requests', 'create')[0].data).toMatchObject({ address: '3单元502', contactPhone: '13800000000' });
  });
});
