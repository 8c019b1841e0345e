import { fromNow, shanghaiDay } from './clock';
import { asyncApi, bootApp, textOf, waitFor, type Callbacks, type WeappHarness, tap, type } from './harness';
import { DEMO, FIRST_LOAD_MS, type RealBackend } from './real-backend';
import { allOn, testBackend } from './real-ops';
import { G1_1, HERE, onlyRequest, openSlots, pickPlace, slotOf, slotTaken } from './real-requests';

/**
 * Drafts in the built weapp: a form survives closing the mini-program (a fresh boot with the same
 * storage), per user and kind, and its idempotency key goes with it.
 */

// A test on the real handlers seeds a store first (demo deployment and the test catalog, which the real guide function answers from).
jest.setTimeout(30_000);

const REPORT = 'qgt.draft.report.demo-resident';
const VISIT = 'qgt.draft.visit.demo-resident';

const booted: WeappHarness[] = [];
afterEach(() => {
  for (const b of booted.splice(0)) b.closeAll();
});

function boot(backend: RealBackend, storage?: Record<string, unknown>): WeappHarness {
  const h = bootApp({
    cloud: allOn(backend),
    storage,
    wx: {
      getLocation: asyncApi('getLocation', () => ({ ...HERE, accuracy: 10 })),
      chooseMedia: asyncApi('chooseMedia', () => ({ type: 'image', tempFiles: [{ tempFilePath: 'wxfile://tmp/photo-1.jpg', size: 2048, fileType: 'image' }] })),
      compressImage: asyncApi<Callbacks & { src: string }>('compressImage', (o) => ({ tempFilePath: o.src })),
    },
  });
  booted.push(h);
  return h;
}

/** Leaves the mini-program (pages and app hide, then close) and boots again on the same storage. */
function restart(h: WeappHarness, backend: RealBackend): WeappHarness {
  h.hideAll();
  h.closeAll();
  return boot(backend, Object.fromEntries(h.storage));
}

// Shanghai-time slots `offset` days from now.
const day = shanghaiDay;

describe('随手拍 draft', () => {
  it('comes back after closing the mini-program mid-sentence, and files with the key it was saved with', async () => {
    const backend = testBackend({ as: DEMO.resident });
    const first = boot(backend);
    let page = await first.open('/resident/pages/report/index');
    await waitFor(() => textOf(page).includes('已定位'), FIRST_LOAD_MS);
    tap(page, '.photos__add');
    await waitFor(() => page.querySelectorAll('.photos__item').length === 1);
    page.querySelectorAll('.choices--category .choice')[1].dispatchEvent('tap');
    type(page, '.field__textarea--description', '垃圾桶满了');
    await waitFor(() => textOf(page).includes('5/500'));
    // Left at once, before the debounced save: hiding writes it.
    const h = restart(first, backend);
    const saved = h.storage.get(REPORT) as { key: string; photos: { fileId: string; preview?: string }[] };
    expect(saved).toMatchObject({ category: 'huanjing', description: '垃圾桶满了', location: G1_1.point });
    // The temp file of the photo will not survive; its uploaded id does.
    expect(saved.photos).toEqual([{ fileId: `cloud://test-env.bucket/${first.uploads[0].cloudPath}` }]);

    page = await h.open('/resident/pages/report/index');
    await waitFor(() => textOf(page).includes('5/500'), FIRST_LOAD_MS);
    expect(textOf(page)).toContain('已自动保存草稿');
    expect(page.querySelector('.choice--on')).toBeTruthy();
    expect(page.querySelectorAll('.photos__item')).toHaveLength(1);

    tap(page, '.submit--report');
    await waitFor(() => textOf(page).includes('提交成功'));
    expect(backend.callsOf('requests', 'create')[0].data).toMatchObject({ idempotencyKey: saved.key, category: 'huanjing', photos: [saved.photos[0].fileId] });
    expect(h.storage.has(REPORT)).toBe(false);
    // What the first boot typed is what was stored.
    expect(await onlyRequest(backend, 'report')).toMatchObject({ owner: DEMO.resident, category: 'huanjing', description: '垃圾桶满了', location: G1_1.point, photos: [saved.photos[0].fileId] });
  });

  it('belongs to one user and one kind: another resident\'s draft and a booking draft stay apart', async () => {
    const backend = testBackend({ as: DEMO.resident });
    const other = { key: 'rpt-other', category: 'huanjing', description: '李师傅的草稿', photos: [] };
    const visit = { key: 'visit-1', matterCode: 'dibao', form: { address: '3单元502', phone: '', note: '' } };
    const h = boot(backend, { 'qgt.draft.report.demo-resident-2': other, [VISIT]: visit });
    const page = await h.open('/resident/pages/report/index');
    await waitFor(() => textOf(page).includes('已定位'), FIRST_LOAD_MS);
    expect(textOf(page)).not.toContain('李师傅的草稿');
    expect(textOf(page)).not.toContain('已自动保存草稿');
    type(page, '.field__textarea--description', '我的草稿');
    await waitFor(() => (h.storage.get(REPORT) as { description?: string } | undefined)?.description === '我的草稿');
    expect(h.storage.get('qgt.draft.report.demo-resident-2')).toEqual(other);
    expect(h.storage.get(VISIT)).toEqual(visit);
  });

  it('清空草稿 asks first, then starts over with a new key', async () => {
    const backend = testBackend({ as: DEMO.resident });
    const h = boot(backend, { [REPORT]: { key: 'rpt-old', category: 'huanjing', description: '旧的内容', buildingCode: G1_1.code, photos: [] } });
    const page = await h.open('/resident/pages/report/index');
    await waitFor(() => textOf(page).includes('4/500'), FIRST_LOAD_MS);
    tap(page, '.draft-notice__discard');
    await waitFor(() => textOf(page).includes('0/500'));
    expect(textOf(page)).not.toContain('已自动保存草稿');
    expect(h.modals[0].title).toBe('清空草稿？');
    expect(h.storage.has(REPORT)).toBe(false);
    await fillAndSubmit();
    expect(backend.callsOf('requests', 'create')[0].data.idempotencyKey).not.toBe('rpt-old');
    // Filed from the new form: none of the old draft went with it.
    expect(await onlyRequest(backend, 'report')).toMatchObject({ category: 'shizheng', description: '新的' });

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
    const backend = testBackend({ as: DEMO.resident });
    const first = boot(backend);
    let page = await first.open('/resident/pages/booking/index?matter=dibao');
    await pickPlace(page, G1_1.name);
    await waitFor(() => backend.callsOf('booking', 'slots').length === 1, FIRST_LOAD_MS);
    const offered = await openSlots(backend, backend.callsOf('booking', 'slots')[0].data);
    await waitFor(() => page.querySelectorAll('.slot').length === offered.length, FIRST_LOAD_MS);
    // The second slot offered: 刘网格's 15:30 today.
    expect(offered[1].slotId).toBe(slotOf(day(0, '15:30')));
    page.querySelectorAll('.slot')[1].dispatchEvent('tap');
    await waitFor(() => page.querySelector('.submit--book'));
    type(page, '.field__input--address', '3单元502');
    type(page, '.field__input--phone', '13800000000');
    await waitFor(() => (first.storage.get(VISIT) as { form?: { address?: string; phone?: string } } | undefined)?.form?.phone === '13800000000');

    const h = restart(first, backend);
    const saved = h.storage.get(VISIT) as { key: string; slot: { slotId: string } };
    expect(saved).toMatchObject({ matterCode: 'dibao', slot: { slotId: offered[1].slotId } });
    page = await h.open('/resident/pages/booking/index');
    await waitFor(() => page.querySelector('.submit--book'), FIRST_LOAD_MS);
    expect(textOf(page)).toContain('已自动保存草稿');
    expect(textOf(page)).toContain('最低生活保障');

    tap(page, '.submit--book');
    await waitFor(() => textOf(page).includes('预约成功'));
    expect(textOf(page)).toContain('最低生活保障');
    expect(backend.callsOf('requests', 'create')[0].data).toMatchObject({ idempotencyKey: saved.key, slotId: saved.slot.slotId, address: '3单元502', contactPhone: '13800000000' });
    expect(h.storage.has(VISIT)).toBe(false);
    expect(await onlyRequest(backend, 'visit')).toMatchObject({ matterCode: 'dibao', buildingCode: G1_1.code, address: '3单元502', slotStart: offered[1].start });
    expect(await slotTaken(backend, saved.slot.slotId)).toBe(1);
  });

  it('drops a slot that has begun, keeping the rest', async () => {
    const backend = testBackend({ as: DEMO.resident });
    // Yesterday's 09:00 with 刘网格, as booking.slots offered it the day before, when it was chosen.
    backend.setNow(fromNow(-2 * 86_400_000));
    const [past] = await openSlots(backend, { matterCode: 'dibao', buildingCode: G1_1.code, from: day(-1, '09:00'), to: day(-1, '10:00') });
    backend.setNow(fromNow(0));
    expect(past.slotId).toBe(slotOf(day(-1, '09:00')));
    const h = boot(backend, { [VISIT]: { key: 'visit-1', matterCode: 'dibao', slot: past, form: { address: '3单元502', phone: '13800000000', note: '' } } });
    const page = await h.open('/resident/pages/booking/index');
    await waitFor(() => backend.callsOf('booking', 'slots').length === 1, FIRST_LOAD_MS);
    const offered = await openSlots(backend, backend.callsOf('booking', 'slots')[0].data);
    await waitFor(() => page.querySelectorAll('.slot').length === offered.length, FIRST_LOAD_MS);
    expect(offered.map((s) => s.slotId)).not.toContain(past.slotId);
    expect(page.querySelector('.submit--book')).toBeUndefined();
    page.querySelectorAll('.slot')[0].dispatchEvent('tap');
    await waitFor(() => page.querySelector('.submit--book'));
    tap(page, '.submit--book');
    await waitFor(() => textOf(page).includes('预约成功'));
    expect(backend.callsOf('requests', 'create')[0].data).toMatchObject({ idempotencyKey: 'visit-1', slotId: offered[0].slotId });
    expect(backend.callsOf('requests', 'create')[0].data).toMatchObject({ address: '3单元502', contactPhone: '13800000000' });
    expect(await onlyRequest(backend, 'visit')).toMatchObject({ slotStart: offered[0].start, address: '3单元502' });
  });
});
