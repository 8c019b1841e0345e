import type { DeskOutput, NoticeSheet } from '@qgt/shared/desk/api';
import { fakeGuide } from './fake-guide';
import { FakeOps } from './fake-ops';
import { FakeBackend, WORKER } from './fake-requests';
import { testCatalog } from './fixture';
import { bootApp, tap, textOf, type, waitFor, type WeappHarness } from './harness';

/** 窗口受理 (worker subpackage): walk-in for a matter found offline → 流转 → 一次性告知单. */

const ME = { openid: 'demo-worker-1', name: '刘网格' };
const TODAY: DeskOutput['today'] = { date: '2026-11-24', onDuty: [ME], meOnDuty: true, walkins: [] };

const NOTICE: NoticeSheet = {
  id: 'n-1',
  walkinId: 'w-1',
  requestId: 'req-9',
  issuedAt: '2026-11-24T02:00:00.000Z',
  issuedBy: ME,
  resident: { name: '张阿姨' },
  matterCode: 'dibao',
  title: '最低生活保障',
  summary: '',
  basis: '《社会救助暂行办法》',
  missing: [{ name: '家庭经济状况核对授权书', form: 'form', copies: 1, required: true, have: false }],
  materials: [
    { name: '居民身份证', form: 'originalAndCopy', copies: 1, required: true, have: true },
    { name: '家庭经济状况核对授权书', form: 'form', copies: 1, required: true, have: false },
  ],
  steps: ['申请', '审核', '公示'],
  timeLimit: { workingDays: 30, text: '办理时限以当地承诺为准', promised: false },
  review: { reviewedAt: '2026-12-07', status: 'draft', line: '本页于2026年12月7日核对，部分内容待核实，以办理机关的规定为准' },
  dueAt: '2027-01-06T16:00:00.000Z',
  where: '社区便民服务窗口',
  fee: '不收费',
  online: [],
  tips: [],
  contact: { name: '刘网格', phone: '13800000001', community: '锦绣社区' },
  related: [{ code: 'linshi', title: '临时救助', summary: '遇到急难可同时申请', onTheSpot: false }],
  printPath: '/desk/notice/n-1',
};

let h: WeappHarness | undefined;
afterEach(() => h?.closeAll());

function boot(ops: FakeOps) {
  return bootApp({ cloud: ops.handler(new FakeBackend({ me: WORKER }).handler(fakeGuide(testCatalog))) });
}

it('desk: who is on duty, search a matter offline, tick materials, 流转 → the notice sheet', async () => {
  const ops = new FakeOps({
    'desk.today': () => TODAY,
    'desk.related': (d) => ({ matterCode: d.matterCode, items: NOTICE.related }),
    'desk.walkin': (d) => ({ id: 'w-1', at: NOTICE.issuedAt, date: '2026-11-24', community: 'demo-community', matterCode: d.matterCode, matterTitle: '最低生活保障', worker: ME, outcome: d.outcome, missing: [], requestId: 'req-9', noticeId: 'n-1' }),
  });
  h = boot(ops);
  const page = await h.open('/worker/pages/desk/index');
  await waitFor(() => textOf(page).includes('刘网格（您在岗）'));
  await waitFor(() => page.querySelector('.search-box__input'));
  type(page, '.search-box__input', '低保');
  await waitFor(() => page.querySelector('.desk__result'));
  tap(page, '.desk__result');
  await waitFor(() => textOf(page).includes('家庭经济状况核对授权书'));
  await waitFor(() => textOf(page).includes('临时救助'));
  page.querySelectorAll('.material')[0].dispatchEvent('tap');
  await h.simulate.sleep(30);
  tap(page, '.submit--walkin');
  await waitFor(() => textOf(page).includes('请选择当场办结或流转'));
  page.querySelectorAll('.choices--walkin-outcome .choice')[1].dispatchEvent('tap');
  await h.simulate.sleep(30);
  tap(page, '.submit--walkin');
  await waitFor(() => h!.navigations.length > 0);
  expect(ops.callsOf('desk.walkin')[0].data).toEqual({ matterCode: 'dibao', outcome: 'handoff', have: ['居民身份证'] });
  expect(h.navigations[0]).toEqual({ api: 'navigateTo', url: '/worker/pages/notice/index?id=n-1' });
});

it('notice: the 一次性告知单 with missing materials, steps, time limit, contact and related advice', async () => {
  const ops = new FakeOps({ 'desk.notice': (d) => ({ ...NOTICE, id: d.id }) });
  h = boot(ops);
  const page = await h.open('/worker/pages/notice/index?id=n-1');
  await waitFor(() => textOf(page).includes('一次性告知单'));
  const text = textOf(page);
  expect(text).toContain('还需补齐的材料（1项）');
  expect(text).toContain('《社会救助暂行办法》');
  // Issue 21: no local promise, so no "30个工作日内办结"; the community's follow-up date instead.
  expect(text).toContain('办理时限以当地承诺为准；社区将于');
  expect(text).not.toContain('30个工作日');
  expect(text).toContain('本页于2026年12月7日核对');
  expect(text).toContain('刘网格 13800000001');
  expect(text).toContain('临时救助');
  expect(page.querySelectorAll('.sheet__material--missing')).toHaveLength(1);
  expect(ops.callsOf('desk.notice')[0].data).toEqual({ id: 'n-1' });
});

it('notice: an unknown id shows the error with a retry', async () => {
  h = boot(new FakeOps({ 'desk.notice': () => { throw { code: 'NOT_FOUND', message: '找不到该告知单' }; } }));
  const page = await h.open('/worker/pages/notice/index?id=nope');
  await waitFor(() => textOf(page).includes('找不到该告知单'));
  expect(page.querySelector('.load-state__retry')).toBeTruthy();
});
