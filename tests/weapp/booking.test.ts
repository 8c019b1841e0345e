import { fakeGuide } from './fake-guide';
import { fromNow, shanghaiDay } from './clock';
import { FakeBackend, RESIDENT, pickPlace, requestView, slot } from './fake-requests';
import { testCatalog } from './fixture';
import { DEMO, RealBackend } from './real-backend';
import { bootApp, textOf, waitFor, type Callbacks, type SimNode, type WeappHarness, tap, type } from './harness';

/** 上门帮办, 我的诉求 and the request detail in the built weapp. */

let h: WeappHarness | undefined;
afterEach(() => h?.closeAll());


// Two days out, in Shanghai time: 09:00 and 10:30 on one day, 14:00 the next.
const day = shanghaiDay;

describe('预约上门帮办', () => {
  it('from a doorstep matter: slots grouped by day, full ones disabled, books once with the slot', async () => {
    const backend = new FakeBackend({ me: RESIDENT, slots: [slot(day(2, '09:00'), 1), slot(day(2, '10:30'), 0), slot(day(3, '14:00'), 1, 'demo-worker-2')] });
    h = bootApp({ cloud: backend.handler(fakeGuide(testCatalog)) });

    // The matter page offers the booking for a doorstep matter.
    const matter = await h.open('/pages/matter/index?code=dibao');
    await waitFor(() => matter.querySelector('.matter__book'));
    tap(matter, '.matter__book');
    await waitFor(() => h!.navigations.length > 0);
    expect(h.navigations[0]).toEqual({ api: 'navigateTo', url: '/resident/pages/booking/index?matter=dibao' });

    const page = await h.open('/resident/pages/booking/index?matter=dibao');
    await pickPlace(page, 'other');
    await waitFor(() => page.querySelectorAll('.slot').length === 3);
    // The next step is a page of its own, so back returns to the building (the harness opens none).
    expect(h.navigations).toContainEqual({ api: 'navigateTo', url: '/resident/pages/booking/index?matter=dibao&step=slot' });
    expect(page.querySelectorAll('.slots__group')).toHaveLength(2);
    expect(page.querySelectorAll('.slot--full')).toHaveLength(1);
    expect(textOf(page)).toContain('已约满');
    expect(backend.callsOf('booking', 'slots')[0].data).toMatchObject({ matterCode: 'dibao' });
    const { from, to } = backend.callsOf('booking', 'slots')[0].data as { from: string; to: string };
    expect((Date.parse(to) - Date.parse(from)) / 86_400_000).toBe(13);

    // A full slot cannot be chosen.
    tap(page, '.slot--full');
    await new Promise((r) => setTimeout(r, 100));
    expect(page.querySelector('.submit--book')).toBeUndefined();

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
    expect(creates[0].data).toMatchObject({ kind: 'visit', matterCode: 'dibao', slotId: `demo-worker-1:${day(2, '09:00')}` });
    expect(creates[0].data).toMatchObject({ description: '老人行动不便', address: '3单元502', contactPhone: '13800000000' });
    expect(creates[0].data.idempotencyKey).toEqual(expect.any(String));
  });

  it('asks for a phone, then a building or an address, before booking', async () => {
    const backend = new FakeBackend({ me: RESIDENT, slots: [slot(day(2, '09:00'), 1)] });
    h = bootApp({ cloud: backend.handler(fakeGuide(testCatalog)) });
    const page = await h.open('/resident/pages/booking/index?matter=dibao');
    await pickPlace(page, 'other');
    await waitFor(() => page.querySelectorAll('.slot').length === 1);
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
    expect(backend.callsOf('requests', 'create')[0].data).toMatchObject({ buildingCode: 'b-1', contactPhone: '13800000000' });
  });

  it('a slot taken meanwhile (409): says so and shows the fresh slots', async () => {
    const backend = new FakeBackend({ me: RESIDENT, slots: [slot(day(2, '09:00'), 1), slot(day(2, '10:30'), 1)] });
    h = bootApp({ cloud: backend.handler(fakeGuide(testCatalog)) });
    const page = await h.open('/resident/pages/booking/index?matter=dibao');
    await pickPlace(page, 'other');
    await waitFor(() => page.querySelectorAll('.slot').length === 2);
    page.querySelectorAll('.slot')[0].dispatchEvent('tap');
    await waitFor(() => page.querySelector('.submit--book'));
    type(page, '.field__input--address', '3单元502');
    type(page, '.field__input--phone', '13800000000');
    backend.slots[0].remaining = 0; // someone else booked it
    tap(page, '.submit--book');
    await waitFor(() => textOf(page).includes('该时段已约满'));
    await waitFor(() => page.querySelectorAll('.slot--full').length === 1);
    expect(backend.callsOf('booking', 'slots')).toHaveLength(2);
    expect(page.querySelector('.submit--book')).toBeUndefined();
  });

  it('asks the building first and offers only its worker’s slots; 换一个 goes back to the building', async () => {
    const backend = new FakeBackend({ me: RESIDENT, slots: [slot(day(2, '09:00'), 1)] });
    h = bootApp({ cloud: backend.handler(fakeGuide(testCatalog)) });
    const page = await h.open('/resident/pages/booking/index?matter=dibao');
    await waitFor(() => page.querySelectorAll('.choices--place .choice').length === 2);
    expect(textOf(page)).toContain('幸福里1号楼');
    expect(textOf(page)).toContain('不在列表中');
    // No slots before the place is known.
    await new Promise((r) => setTimeout(r, 100));
    expect(page.querySelectorAll('.slot')).toHaveLength(0);
    expect(backend.callsOf('booking', 'slots')).toHaveLength(0);
    await pickPlace(page, 'first');
    await waitFor(() => page.querySelectorAll('.slot').length === 1);
    expect(backend.callsOf('booking', 'slots')[0].data).toMatchObject({ matterCode: 'dibao', buildingCode: 'b-1' });
    expect(textOf(page)).toContain('楼栋：幸福里1号楼');
    tap(page, '.booking__replace');
    await waitFor(() => page.querySelectorAll('.choices--place .choice').length === 2);
    expect(page.querySelectorAll('.slot')).toHaveLength(0);
    await pickPlace(page, 'first');
    await waitFor(() => page.querySelectorAll('.slot').length === 1);
    page.querySelectorAll('.slot')[0].dispatchEvent('tap');
    await waitFor(() => page.querySelector('.submit--book'));
    type(page, '.field__input--phone', '13800000000');
    tap(page, '.submit--book');
    await waitFor(() => textOf(page).includes('预约成功'));
    expect(backend.callsOf('requests', 'create')[0].data).toMatchObject({ buildingCode: 'b-1', slotId: `demo-worker-1:${day(2, '09:00')}` });
  });

  it('from home: choose a doorstep matter first', async () => {
    const backend = new FakeBackend({ me: RESIDENT, slots: [slot(day(2, '09:00'), 1)] });
    h = bootApp({ cloud: backend.handler(fakeGuide(testCatalog)) });
    const page = await h.open('/resident/pages/booking/index');
    await waitFor(() => page.querySelectorAll('.booking__matter').length > 0);
    // Only matters offering 上门帮办, plus 其他事项.
    expect(textOf(page)).toContain('最低生活保障');
    expect(textOf(page)).toContain('养老保险待遇资格认证');
    expect(textOf(page)).not.toContain('居住证办理');
    page.querySelectorAll('.booking__matter').find((m) => textOf(m).includes('养老保险待遇资格认证'))!.dispatchEvent('tap');
    await pickPlace(page, 'first');
    await waitFor(() => page.querySelectorAll('.slot').length === 1);
    expect(backend.callsOf('booking', 'slots')[0].data).toMatchObject({ matterCode: 'pension-certification' });
  });
});

describe('我的诉求', () => {
  const resolved = requestView({
    id: 'req-7',
    status: 'resolved',
    title: '随手拍·路灯照明',
    assignee: { openid: 'demo-worker-2', name: '陈网格' },
    resolvedAt: '2026-11-25T03:00:00.000Z',
    timeline: [
      { at: '2026-11-24T02:00:00.000Z', type: 'create', by: 'demo-resident', note: '诉求已提交' },
      { at: '2026-11-24T03:00:00.000Z', type: 'accept', by: 'demo-worker-1', note: '工作人员已接单' },
      { at: '2026-11-24T05:00:00.000Z', type: 'transfer', by: 'demo-worker-1', note: '已转交其他工作人员继续办理' },
      { at: '2026-11-25T03:00:00.000Z', type: 'resolve', by: 'demo-worker-2', note: '已更换灯泡' },
    ],
  });
  const visit = requestView({
    id: 'req-8',
    kind: 'visit',
    title: '上门帮办·最低生活保障',
    status: 'assigned',
    slot: { slotId: 'demo-worker-1:x', start: day(3, '09:00'), end: day(3, '10:00') },
  });

  it('lists requests with status, kind and handler, and opens one', async () => {
    const backend = new FakeBackend({ me: RESIDENT, requests: [resolved, visit] });
    h = bootApp({ cloud: backend.handler(fakeGuide(testCatalog)) });
    const page = await h.open('/resident/pages/mine/index');
    await waitFor(() => page.querySelectorAll('.request-card').length === 2);
    const text = textOf(page);
    expect(text).toContain('已办结');
    expect(text).toContain('待接单');
    expect(text).toContain('经办：陈网格');
    expect(text).toContain('上门帮办');
    page.querySelectorAll('.request-card')[1].dispatchEvent('tap');
    await waitFor(() => h!.navigations.length > 0);
    expect(h.navigations[0].url).toMatch(/^\/resident\/pages\/detail\/index\?id=req-/);
  });

  // On the real handlers: the first call seeds the store.
  it('says so when there is nothing yet', async () => {
    h = bootApp({ cloud: new RealBackend({ as: DEMO.resident }).handler(fakeGuide(testCatalog)) });
    const page = await h.open('/resident/pages/mine/index');
    await waitFor(() => textOf(page).includes('您还没有提交过诉求'), 8000);
  }, 20_000);

  it('detail: the timeline, then a rating with the outcome once resolved', async () => {
    const backend = new FakeBackend({ me: RESIDENT, requests: [resolved] });
    h = bootApp({ cloud: backend.handler(fakeGuide(testCatalog)) });
    const page = await h.open('/resident/pages/detail/index?id=req-7');
    await waitFor(() => page.querySelectorAll('.timeline__item').length === 4);
    expect(textOf(page)).toContain('已更换灯泡');
    expect(textOf(page)).toContain('转交办理');
    page.querySelector('.stars__star--4')!.dispatchEvent('tap');
    page.querySelectorAll('.choices--outcome .choice')[0].dispatchEvent('tap');
    type(page, '.field__textarea--comment', '很及时');
    await waitFor(() => textOf(page).includes('3/180'));
    tap(page, '.submit--rate');
    await waitFor(() => textOf(page).includes('我的评价'));
    expect(backend.callsOf('requests', 'rate')[0].data).toEqual({ id: 'req-7', score: 4, comment: '很及时', outcome: 'resolved' });
    expect(textOf(page)).toContain('已完成');
  });

  it('detail: inside the cut-off the visit shows the worker’s phone, the place and the visit time, not a 办理时限', async () => {
    const soon = requestView({
      id: 'req-9',
      kind: 'visit',
      title: '上门帮办·最低生活保障',
      status: 'assigned',
      assignee: { openid: 'demo-worker-1', name: '刘网格', phone: '13800000001' },
      buildingName: '幸福里1号楼',
      address: '3单元502',
      contactPhone: '13912345678',
      slot: { slotId: 'demo-worker-1:x', start: fromNow(3_600_000), end: fromNow(7_200_000) },
    });
    const backend = new FakeBackend({ me: RESIDENT, requests: [soon] });
    h = bootApp({ cloud: backend.handler(fakeGuide(testCatalog)) });
    const page = await h.open('/resident/pages/detail/index?id=req-9');
    await waitFor(() => textOf(page).includes('请直接联系上门工作人员'));
    const text = textOf(page);
    expect(text).toContain('刘网格 13800000001');
    expect(text).toContain('幸福里1号楼 3单元502');
    expect(text).toContain('上门时间');
    expect(text).not.toContain('办理时限');
    expect(text).toContain('编号 req-9');
    expect(page.querySelector('.detail__cancel')).toBeUndefined();
  });

  it('detail: the resident’s photo opens full size (previewImage)', async () => {
    const photo = 'cloud://test-env.bucket/reports/demo-resident/p1.jpg';
    const backend = new FakeBackend({ me: RESIDENT, requests: [{ ...resolved, photos: [photo] }] });
    const { asyncApi } = await import('./harness');
    const previews: { current: string; urls: string[] }[] = [];
    h = bootApp({
      cloud: backend.handler(fakeGuide(testCatalog)),
      wx: { previewImage: asyncApi<Callbacks & { current: string; urls: string[] }>('previewImage', (o) => void previews.push({ current: o.current, urls: o.urls })) },
    });
    const page = await h.open('/resident/pages/detail/index?id=req-7');
    await waitFor(() => page.querySelectorAll('.photos__img').length === 1);
    page.querySelectorAll('.photos__img')[0].dispatchEvent('tap');
    await waitFor(() => previews.length === 1);
    expect(previews[0].current).toContain('p1.jpg');
    expect(previews[0].urls).toEqual([previews[0].current]);
  });

  it('detail: 催办 once a day on an open request', async () => {
    const open = requestView({ id: 'req-12', status: 'accepted' });
    const backend = new FakeBackend({ me: RESIDENT, requests: [open] });
    h = bootApp({ cloud: backend.handler(fakeGuide(testCatalog)) });
    const page = await h.open('/resident/pages/detail/index?id=req-12');
    await waitFor(() => page.querySelector('.detail__urge'));
    tap(page, '.detail__urge');
    await waitFor(() => textOf(page).includes('今天已催办'));
    expect(backend.callsOf('requests', 'urge')).toEqual([{ fn: 'requests', action: 'urge', data: { id: 'req-12' } }]);
    expect(page.querySelector('.detail__urge')).toBeUndefined();
  });

  it('detail: a booked visit can be cancelled before the cut-off, the reason optional', async () => {
    const backend = new FakeBackend({ me: RESIDENT, requests: [visit] });
    h = bootApp({ cloud: backend.handler(fakeGuide(testCatalog)) });
    const page = await h.open('/resident/pages/detail/index?id=req-8');
    await waitFor(() => page.querySelector('.detail__cancel'));
    expect(page.querySelector('.detail__reschedule')).toBeDefined();
    tap(page, '.detail__cancel');
    await waitFor(() => page.querySelector('.submit--cancel'));
    expect(textOf(page)).toContain('取消原因（选填）');
    type(page, '.field__textarea--cancel-reason', '已自行办理');
    await waitFor(() => textOf(page).includes('5/200'));
    tap(page, '.submit--cancel');
    await waitFor(() => textOf(page).includes('已取消'));
    expect(backend.callsOf('booking', 'cancel')[0].data).toEqual({ id: 'req-8', reason: '已自行办理' });
  });
});

describe('一件事一次办: one booking for a life event', () => {
  it('books one visit as 其他事项 naming every matter of the event', async () => {
    const catalog = { ...testCatalog, lifeEvents: [{ code: 'retirement', title: '退休一件事', summary: '退休后要办的事，一次说清。', matters: ['pension-certification', 'dibao'] }] };
    const backend = new FakeBackend({ me: RESIDENT, slots: [slot(day(2, '09:00'), 1)] });
    h = bootApp({ cloud: backend.handler(fakeGuide(catalog)) });
    const page = await h.open('/resident/pages/booking/index?event=retirement');
    await pickPlace(page, 'other');
    await waitFor(() => page.querySelectorAll('.slot').length === 1);
    page.querySelectorAll('.slot')[0].dispatchEvent('tap');
    await waitFor(() => page.querySelector('.submit--book'));
    type(page, '.field__input--phone', '13800000000');
    type(page, '.field__input--address', '3单元502');
    tap(page, '.submit--book');
    await waitFor(() => textOf(page).includes('预约成功'));
    const [create] = backend.callsOf('requests', 'create');
    expect(create.data.matterCode).toBeUndefined();
    expect(create.data.description).toContain('退休一件事：养老保险待遇资格认证、最低生活保障');
  });
});
