import { FIXED_MS, fromNow, shanghaiDay } from './clock';
import { testCatalog } from './fixture';
import { DEMO, FIRST_LOAD_MS, type RealBackend } from './real-backend';
import { allOn, testBackend } from './real-ops';
import { G1_1, bookAsOther, bookVisit, onlyRequest, openSlots, pickPlace, resolvedAfterTransfer, slotOf, slotTaken, storedRequests } from './real-requests';
import { bootApp, textOf, waitFor, type Callbacks, type SimNode, type WeappHarness, tap, type } from './harness';
import type { SlotView } from '@qgt/shared/booking/api';

/** 上门帮办, 我的诉求 and the request detail in the built weapp, on the real handlers and the demo deployment. */

// A test on the real handlers seeds a store first (demo deployment and the test catalog, which the real guide function answers from).
jest.setTimeout(30_000);

let h: WeappHarness | undefined;
afterEach(() => h?.closeAll());

// Slots in Shanghai time, `offset` days from FIXED_NOW's (a Tuesday); visits start at 09:00, 10:30, 14:00 and 15:30.
const day = shanghaiDay;

/** What booking.slots answers for the page's last query: the slots the page must offer. */
async function offeredFor(backend: RealBackend): Promise<SlotView[]> {
  return openSlots(backend, backend.callsOf('booking', 'slots').at(-1)!.data);
}

const shanghaiDate = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);

/** Waits for the slot step to show every slot booking.slots offers; returns them. */
async function slotsShown(page: SimNode, backend: RealBackend): Promise<SlotView[]> {
  await waitFor(() => backend.callsOf('booking', 'slots').length > 0, FIRST_LOAD_MS);
  const offered = await offeredFor(backend);
  expect(offered.length).toBeGreaterThan(0);
  await waitFor(() => page.querySelectorAll('.slot').length === offered.length, FIRST_LOAD_MS);
  return offered;
}

describe('预约上门帮办', () => {
  it('from a doorstep matter: slots grouped by day, full ones disabled, books once with the slot', async () => {
    const backend = testBackend({ as: DEMO.resident });
    // 李师傅 already took 刘网格's 10:30 the day after tomorrow (he takes one household a slot).
    await bookAsOther(backend, slotOf(day(2, '10:30')));
    h = bootApp({ cloud: allOn(backend) });

    // The matter page offers the booking for a doorstep matter.
    const matter = await h.open('/pages/matter/index?code=dibao');
    await waitFor(() => matter.querySelector('.matter__book'));
    tap(matter, '.matter__book');
    await waitFor(() => h!.navigations.length > 0);
    expect(h.navigations[0]).toEqual({ api: 'navigateTo', url: '/resident/pages/booking/index?matter=dibao' });

    const page = await h.open('/resident/pages/booking/index?matter=dibao');
    await pickPlace(page, 'other');
    const offered = await slotsShown(page, backend);
    // The next step is a page of its own, so back returns to the building (the harness opens none).
    expect(h.navigations).toContainEqual({ api: 'navigateTo', url: '/resident/pages/booking/index?matter=dibao&step=slot' });
    expect(page.querySelectorAll('.slots__group')).toHaveLength(new Set(offered.map((s) => shanghaiDate(s.start))).size);
    // Without a building, everyone on duty who handles 低保 offers slots; the one 李师傅 took is full.
    expect(new Set(offered.map((s) => s.worker.name))).toEqual(new Set(['刘网格', '陈网格', '赵网格']));
    expect(offered.filter((s) => s.remaining <= 0).map((s) => s.slotId)).toEqual([slotOf(day(2, '10:30'))]);
    expect(page.querySelectorAll('.slot--full')).toHaveLength(1);
    expect(textOf(page)).toContain('已约满');
    expect(backend.callsOf('booking', 'slots')[0].data).toMatchObject({ matterCode: 'dibao' });
    const { from, to } = backend.callsOf('booking', 'slots')[0].data as { from: string; to: string };
    expect((Date.parse(to) - Date.parse(from)) / 86_400_000).toBe(13);
    expect(from).toBe(shanghaiDate(new Date(FIXED_MS).toISOString()));

    // A full slot cannot be chosen.
    tap(page, '.slot--full');
    await new Promise((r) => setTimeout(r, 100));
    expect(page.querySelector('.submit--book')).toBeUndefined();

    const chosen = offered[0];
    expect(chosen.worker.name).toBe('刘网格');
    page.querySelectorAll('.slot')[0].dispatchEvent('tap');
    await waitFor(() => page.querySelector('.submit--book'));
    expect(textOf(page)).toContain('最低生活保障');
    expect(textOf(page)).toContain('上门人员：刘网格');
    type(page, '.field__input--address', '3单元502');
    type(page, '.field__input--phone', '13800000000');
    type(page, '.field__textarea--note', '老人行动不便');
    await waitFor(() => textOf(page).includes('6/300'));
    tap(page, '.submit--book');
    tap(page, '.submit--book');
    await waitFor(() => textOf(page).includes('预约成功'));
    const creates = backend.callsOf('requests', 'create');
    expect(creates).toHaveLength(1);
    expect(creates[0].data).toMatchObject({ kind: 'visit', matterCode: 'dibao', slotId: chosen.slotId });
    expect(creates[0].data).toMatchObject({ description: '老人行动不便', address: '3单元502', contactPhone: '13800000000' });
    expect(creates[0].data.idempotencyKey).toEqual(expect.any(String));
    // Stored once, for the slot's worker; the slot is now taken.
    const mine = (await storedRequests(backend)).filter((r) => r.owner === DEMO.resident);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ kind: 'visit', matterCode: 'dibao', assignee: DEMO.worker, slotStart: chosen.start, address: '3单元502' });
    expect(await slotTaken(backend, chosen.slotId)).toBe(1);
  });

  it('asks for a phone, then a building or an address, before booking', async () => {
    const backend = testBackend({ as: DEMO.resident });
    h = bootApp({ cloud: allOn(backend) });
    const page = await h.open('/resident/pages/booking/index?matter=dibao');
    await pickPlace(page, 'other');
    const [first] = await slotsShown(page, backend);
    page.querySelectorAll('.slot')[0].dispatchEvent('tap');
    await waitFor(() => page.querySelector('.submit--book'));
    tap(page, '.submit--book');
    await waitFor(() => textOf(page).includes('请填写联系电话'));
    type(page, '.field__input--phone', '13800000000');
    tap(page, '.submit--book');
    await waitFor(() => textOf(page).includes('请选择楼栋或填写上门地址'));
    expect(backend.callsOf('requests', 'create')).toHaveLength(0);
    page.querySelectorAll('.choices--building .choice')[0].dispatchEvent('tap');
    await waitFor(() => page.querySelector('.choices--building .choice--on'));
    tap(page, '.submit--book');
    await waitFor(() => textOf(page).includes('预约成功'));
    expect(backend.callsOf('requests', 'create')[0].data).toMatchObject({ buildingCode: G1_1.code, contactPhone: '13800000000', slotId: first.slotId });
    expect(await onlyRequest(backend, 'visit')).toMatchObject({ buildingCode: G1_1.code, buildingName: G1_1.name });
  });

  it('a slot taken meanwhile (409): says so and shows the fresh slots', async () => {
    const backend = testBackend({ as: DEMO.resident });
    h = bootApp({ cloud: allOn(backend) });
    const page = await h.open('/resident/pages/booking/index?matter=dibao');
    await pickPlace(page, 'other');
    const [first] = await slotsShown(page, backend);
    expect(page.querySelectorAll('.slot--full')).toHaveLength(0);
    page.querySelectorAll('.slot')[0].dispatchEvent('tap');
    await waitFor(() => page.querySelector('.submit--book'));
    type(page, '.field__input--address', '3单元502');
    type(page, '.field__input--phone', '13800000000');
    await bookAsOther(backend, first.slotId); // someone else booked it
    tap(page, '.submit--book');
    await waitFor(() => textOf(page).includes('该时段已约满'));
    await waitFor(() => page.querySelectorAll('.slot--full').length === 1, FIRST_LOAD_MS);
    expect(backend.callsOf('booking', 'slots')).toHaveLength(2);
    expect(page.querySelector('.submit--book')).toBeUndefined();
    // Nothing of the resident's was stored, and the slot holds 李师傅's booking alone.
    expect((await storedRequests(backend)).filter((r) => r.owner === DEMO.resident)).toEqual([]);
    expect(await slotTaken(backend, first.slotId)).toBe(1);
  });

  it('asks the building first and offers only its worker’s slots; 换一个 goes back to the building', async () => {
    const backend = testBackend({ as: DEMO.resident });
    h = bootApp({ cloud: allOn(backend) });
    const page = await h.open('/resident/pages/booking/index?matter=dibao');
    // The demo's six buildings, then 不在列表中.
    await waitFor(() => page.querySelectorAll('.choices--place .choice').length === 7, FIRST_LOAD_MS);
    expect(textOf(page)).toContain(G1_1.name);
    expect(textOf(page)).toContain('不在列表中');
    // No slots before the place is known.
    await new Promise((r) => setTimeout(r, 100));
    expect(page.querySelectorAll('.slot')).toHaveLength(0);
    expect(backend.callsOf('booking', 'slots')).toHaveLength(0);
    await pickPlace(page, G1_1.name);
    const offered = await slotsShown(page, backend);
    expect(backend.callsOf('booking', 'slots')[0].data).toMatchObject({ matterCode: 'dibao', buildingCode: G1_1.code });
    // G1-1 is in 刘网格's grid: only his slots.
    expect(new Set(offered.map((s) => s.worker.openid))).toEqual(new Set([DEMO.worker]));
    expect(page.querySelectorAll('.slot').every((s) => textOf(s).includes('刘网格'))).toBe(true);
    expect(textOf(page)).toContain(`楼栋：${G1_1.name}`);
    tap(page, '.booking__replace');
    await waitFor(() => page.querySelectorAll('.choices--place .choice').length === 7);
    expect(page.querySelectorAll('.slot')).toHaveLength(0);
    await pickPlace(page, G1_1.name);
    await waitFor(() => page.querySelectorAll('.slot').length === offered.length, FIRST_LOAD_MS);
    page.querySelectorAll('.slot')[0].dispatchEvent('tap');
    await waitFor(() => page.querySelector('.submit--book'));
    type(page, '.field__input--phone', '13800000000');
    tap(page, '.submit--book');
    await waitFor(() => textOf(page).includes('预约成功'));
    expect(backend.callsOf('requests', 'create')[0].data).toMatchObject({ buildingCode: G1_1.code, slotId: offered[0].slotId });
    expect(await onlyRequest(backend, 'visit')).toMatchObject({ buildingCode: G1_1.code, assignee: DEMO.worker, slotStart: offered[0].start });
  });

  it('from home: choose a doorstep matter first', async () => {
    const backend = testBackend({ as: DEMO.resident });
    h = bootApp({ cloud: allOn(backend) });
    const page = await h.open('/resident/pages/booking/index');
    await waitFor(() => page.querySelectorAll('.booking__matter').length > 0);
    // Only matters offering 上门帮办, plus 其他事项.
    expect(textOf(page)).toContain('最低生活保障');
    expect(textOf(page)).toContain('养老保险待遇资格认证');
    expect(textOf(page)).not.toContain('居住证办理');
    page.querySelectorAll('.booking__matter').find((m) => textOf(m).includes('养老保险待遇资格认证'))!.dispatchEvent('tap');
    await pickPlace(page, G1_1.name);
    await slotsShown(page, backend);
    expect(backend.callsOf('booking', 'slots')[0].data).toMatchObject({ matterCode: 'pension-certification', buildingCode: G1_1.code });
  });
});

describe('我的诉求', () => {
  /** The resident's two requests: a report 陈网格 resolved after a 转交, and a visit booked for the day after next. */
  async function resolvedAndVisit() {
    const backend = testBackend({ as: DEMO.resident });
    const resolved = await resolvedAfterTransfer(backend, fromNow(-2 * 86_400_000));
    const visit = await bookVisit(backend, slotOf(day(3, '09:00')));
    backend.setNow(fromNow(0));
    return { backend, resolved, visit };
  }

  it('lists requests with status, kind and handler, and opens one', async () => {
    const { backend, resolved, visit } = await resolvedAndVisit();
    h = bootApp({ cloud: allOn(backend) });
    const page = await h.open('/resident/pages/mine/index');
    await waitFor(() => page.querySelectorAll('.request-card').length === 2, FIRST_LOAD_MS);
    const text = textOf(page);
    expect(text).toContain('已办结');
    expect(text).toContain('待接单');
    expect(text).toContain('经办：陈网格');
    expect(text).toContain('上门帮办');
    // Newest first: the visit, then the report.
    expect(textOf(page.querySelectorAll('.request-card')[0])).toContain('上门帮办');
    page.querySelectorAll('.request-card')[1].dispatchEvent('tap');
    await waitFor(() => h!.navigations.length > 0);
    expect(h.navigations[0].url).toBe(`/resident/pages/detail/index?id=${resolved}`);
    expect(visit).not.toBe(resolved);
  });

  it('says so when there is nothing yet', async () => {
    h = bootApp({ cloud: allOn(testBackend({ as: DEMO.resident })) });
    const page = await h.open('/resident/pages/mine/index');
    await waitFor(() => textOf(page).includes('您还没有提交过诉求'), FIRST_LOAD_MS);
  });

  it('detail: the timeline, then a rating with the outcome once resolved', async () => {
    const { backend, resolved } = await resolvedAndVisit();
    const { timeline } = await backend.ok<{ timeline: unknown[] }>('requests', 'get', { id: resolved });
    h = bootApp({ cloud: allOn(backend) });
    const page = await h.open(`/resident/pages/detail/index?id=${resolved}`);
    // Filed, signed for, handed on, signed for again, resolved: what the resident may see of it.
    expect(timeline.length).toBeGreaterThanOrEqual(4);
    await waitFor(() => page.querySelectorAll('.timeline__item').length === timeline.length, FIRST_LOAD_MS);
    expect(textOf(page)).toContain('已更换灯泡');
    expect(textOf(page)).toContain('转交办理');
    page.querySelector('.stars__star--4')!.dispatchEvent('tap');
    page.querySelectorAll('.choices--outcome .choice')[0].dispatchEvent('tap');
    type(page, '.field__textarea--comment', '很及时');
    await waitFor(() => textOf(page).includes('3/180'));
    tap(page, '.submit--rate');
    await waitFor(() => textOf(page).includes('我的评价'));
    expect(backend.callsOf('requests', 'rate')[0].data).toEqual({ id: resolved, score: 4, comment: '很及时', outcome: 'resolved' });
    expect(textOf(page)).toContain('已完成');
    const stored = (await storedRequests(backend)).find((r) => r._id === resolved)!;
    expect(stored.status).toBe('closed');
    expect(stored.rating).toMatchObject({ score: 4, comment: '很及时' });
  });

  it('detail: inside the cut-off the visit shows the worker’s phone, the place and the visit time, not a 办理时限', async () => {
    // Booked yesterday for 10:30 today: at FIXED_NOW (10:00) it is half an hour away.
    const backend = testBackend({ as: DEMO.resident, now: fromNow(-86_400_000) });
    const id = await bookVisit(backend, slotOf(day(0, '10:30')));
    backend.setNow(fromNow(0));
    h = bootApp({ cloud: allOn(backend) });
    const page = await h.open(`/resident/pages/detail/index?id=${id}`);
    await waitFor(() => textOf(page).includes('请直接联系上门工作人员'), FIRST_LOAD_MS);
    const text = textOf(page);
    expect(text).toContain('刘网格 13800000001');
    expect(text).toContain(`${G1_1.name} 3单元502`);
    expect(text).toContain('上门时间');
    expect(text).not.toContain('办理时限');
    expect(text).toContain(`编号 ${id}`);
    expect(page.querySelector('.detail__cancel')).toBeUndefined();
  });

  it('detail: the resident’s photo opens full size (previewImage)', async () => {
    const photo = 'cloud://test-env.bucket/reports/demo-resident/p1.jpg';
    const backend = testBackend({ as: DEMO.resident });
    const resolved = await resolvedAfterTransfer(backend, fromNow(-2 * 86_400_000), { photos: [photo] });
    backend.setNow(fromNow(0));
    const { asyncApi } = await import('./harness');
    const previews: { current: string; urls: string[] }[] = [];
    h = bootApp({
      cloud: allOn(backend),
      wx: { previewImage: asyncApi<Callbacks & { current: string; urls: string[] }>('previewImage', (o) => void previews.push({ current: o.current, urls: o.urls })) },
    });
    const page = await h.open(`/resident/pages/detail/index?id=${resolved}`);
    await waitFor(() => page.querySelectorAll('.photos__img').length === 1, FIRST_LOAD_MS);
    page.querySelectorAll('.photos__img')[0].dispatchEvent('tap');
    await waitFor(() => previews.length === 1);
    expect(previews[0].current).toContain('p1.jpg');
    expect(previews[0].urls).toEqual([previews[0].current]);
  });

  it('detail: 催办 once a day on an open request', async () => {
    // Filed two days ago and signed for; nothing since.
    const backend = testBackend({ as: DEMO.resident, now: fromNow(-2 * 86_400_000) });
    const id = await backend.ok<{ id: string }>('requests', 'create', { kind: 'report', category: 'shizheng', description: '3号楼路灯不亮', location: G1_1.point }).then((r) => r.id);
    await backend.ok('work', 'accept', { id }, DEMO.worker);
    backend.setNow(fromNow(0));
    h = bootApp({ cloud: allOn(backend) });
    const page = await h.open(`/resident/pages/detail/index?id=${id}`);
    await waitFor(() => page.querySelector('.detail__urge'), FIRST_LOAD_MS);
    tap(page, '.detail__urge');
    await waitFor(() => textOf(page).includes('今天已催办'));
    expect(backend.callsOf('requests', 'urge')).toEqual([{ fn: 'requests', action: 'urge', data: { id } }]);
    expect(page.querySelector('.detail__urge')).toBeUndefined();
    expect((await storedRequests(backend)).find((r) => r._id === id)!.urgedAt).toBe(fromNow(0));
    // The server holds to once a day too.
    expect(await backend.call('requests', 'urge', { id })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('detail: a booked visit can be cancelled before the cut-off, the reason optional', async () => {
    const { backend, visit } = await resolvedAndVisit();
    h = bootApp({ cloud: allOn(backend) });
    const page = await h.open(`/resident/pages/detail/index?id=${visit}`);
    await waitFor(() => page.querySelector('.detail__cancel'), FIRST_LOAD_MS);
    expect(page.querySelector('.detail__reschedule')).toBeDefined();
    expect(await slotTaken(backend, slotOf(day(3, '09:00')))).toBe(1);
    tap(page, '.detail__cancel');
    await waitFor(() => page.querySelector('.submit--cancel'));
    expect(textOf(page)).toContain('取消原因（选填）');
    type(page, '.field__textarea--cancel-reason', '已自行办理');
    await waitFor(() => textOf(page).includes('5/200'));
    tap(page, '.submit--cancel');
    await waitFor(() => textOf(page).includes('已取消'));
    expect(backend.callsOf('booking', 'cancel')[0].data).toEqual({ id: visit, reason: '已自行办理' });
    // Stored as cancelled, and the slot is free again for someone else.
    expect((await storedRequests(backend)).find((r) => r._id === visit)!.status).toBe('cancelled');
    expect(await slotTaken(backend, slotOf(day(3, '09:00')))).toBe(0);
  });
});

describe('一件事一次办: one booking for a life event', () => {
  it('books one visit as 其他事项 naming every matter of the event', async () => {
    const catalog = { ...testCatalog, lifeEvents: [{ code: 'retirement', title: '退休一件事', summary: '退休后要办的事，一次说清。', matters: ['pension-certification', 'dibao'] }] };
    const backend = testBackend({ as: DEMO.resident, catalog });
    h = bootApp({ cloud: allOn(backend) });
    const page = await h.open('/resident/pages/booking/index?event=retirement');
    await pickPlace(page, G1_1.name);
    await slotsShown(page, backend);
    // 其他事项: no matter narrows who may come.
    expect(backend.callsOf('booking', 'slots')[0].data.matterCode).toBeUndefined();
    page.querySelectorAll('.slot')[0].dispatchEvent('tap');
    await waitFor(() => page.querySelector('.submit--book'));
    type(page, '.field__input--phone', '13800000000');
    type(page, '.field__input--address', '3单元502');
    tap(page, '.submit--book');
    await waitFor(() => textOf(page).includes('预约成功'));
    const [create] = backend.callsOf('requests', 'create');
    expect(create.data.matterCode).toBeUndefined();
    expect(create.data.description).toContain('退休一件事：养老保险待遇资格认证、最低生活保障');
    const stored = await onlyRequest(backend, 'visit');
    expect(stored.matterCode).toBeUndefined();
    expect(stored.description).toContain('退休一件事：养老保险待遇资格认证、最低生活保障');
  });
});
