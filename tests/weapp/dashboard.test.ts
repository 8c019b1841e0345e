import type { MetricsView } from '@qgt/shared/metrics/views';
import type { FollowupView } from '@qgt/shared/admin/views';
import { fakeGuide } from './fake-guide';
import { FakeOps } from './fake-ops';
import { ADMIN, FakeBackend, RESIDENT, requestView } from './fake-requests';
import { testCatalog } from './fixture';
import { bootApp, tap, textOf, type, waitFor, type WeappHarness } from './harness';

/** 治理看板 and 回访任务 (admin subpackage) against canned admin.metrics / admin.followups answers. */

const row = (key: string, name: string, total: number) => ({
  key,
  name,
  total,
  resolved: total,
  onTimeRate: 1,
  satisfactionRate: 0.5,
  rated: 2,
  avgHandlingHours: 5,
  overdueNow: key === 'G2' ? 1 : 0,
  reopenRate: 0,
});

export const METRICS: MetricsView = {
  from: '2026-10-25T16:00:00.000Z',
  to: '2026-11-24T16:00:00.000Z',
  generatedAt: '2026-11-24T02:00:00.000Z',
  communities: ['demo-community'],
  total: 40,
  resolved: 30,
  onTimeRate: 0.9,
  satisfactionRate: 0.875,
  onTheSpotRate: 0.6,
  avgHandlingHours: 20.5,
  finished: 30,
  onTime: 27,
  rated: 24,
  satisfied: 21,
  unratedShare: 0.2,
  reopenRate: 0.1,
  reopened: 3,
  overdueNow: 2,
  p90HandlingHours: 50,
  handling: [],
  walkins: { total: 10, onTheSpot: 6, handoff: 4 },
  tripsByMatter: [],
  volume: { byDay: [{ date: '2026-11-23', count: 3 }, { date: '2026-11-24', count: 5 }], byWeek: [{ week: '2026-W48', count: 8 }] },
  byCategory: [row('shizheng', '市政设施', 12)],
  byGrid: [row('G1', '锦绣东苑', 20), row('G2', '锦绣西苑', 15)],
  byWorker: [row('demo-worker-1', '刘网格', 20)],
  byDepartment: [row('ranqi', '燃气', 4)],
  hotSpots: { categories: [{ key: 'shizheng', name: '市政设施', count: 12 }], places: [{ cell: '30990:103626', lat: 30.99, lng: 103.626, count: 6, topCategory: 'shizheng', topCategoryName: '市政设施', name: '锦绣东苑1栋附近' }] },
  visitTargets: {
    daysPerWeek: 3,
    householdsPerMonth: 50,
    workers: [{ openid: 'demo-worker-1', name: '刘网格', days: 10, households: 30, daysPerWeek: 2.3, householdsPerMonth: 30, meetsDays: false, meetsHouseholds: false }],
  },
};

let h: WeappHarness | undefined;
afterEach(() => h?.closeAll());

it('dashboard: KPI tiles and bars from admin.metrics; a preset changes the window', async () => {
  const ops = new FakeOps({ 'admin.metrics': () => METRICS });
  h = bootApp({ cloud: ops.handler(new FakeBackend({ me: ADMIN }).handler(fakeGuide(testCatalog))) });
  const page = await h.open('/admin/pages/dashboard/index');
  await waitFor(() => textOf(page).includes('按时办结率'));
  const text = textOf(page);
  expect(text).toContain('总量 40');
  expect(text).toContain('办结率 75%');
  expect(text).toContain('满意度 87.5% 21/24 条评价');
  expect(text).toContain('未评价占比 20%');
  expect(text).toContain('当场办结率 60%');
  expect(text).toContain('平均办理时长 20.5小时');
  expect(text).toContain('超期未办 2');
  expect(text).toContain('锦绣西苑');
  expect(text).toContain('刘网格');
  // Hot spots by place name, not coordinates or category codes.
  expect(text).toContain('锦绣东苑1栋附近');
  expect(text).toContain('6件 · 市政设施');
  expect(text).not.toContain('30.990,103.626');
  expect(page.querySelectorAll('.trend__col')).toHaveLength(2);
  const first = ops.callsOf('admin.metrics')[0].data as { from: string; to: string };
  expect(first.from < first.to).toBe(true);
  // 全年 asks for the year so far.
  page.querySelectorAll('.choices--preset .choice')[3].dispatchEvent('tap');
  await waitFor(() => ops.callsOf('admin.metrics').length === 2);
  expect((ops.callsOf('admin.metrics')[1].data as { from: string }).from).toMatch(/^\d{4}-01-01$/);
  // Over a month the trend goes by week, named by its days (2026-W48 is 23–29 November), never 2026-W48.
  const year = ops.callsOf('admin.metrics')[1].data as { from: string; to: string };
  const weekly = (Date.parse(year.to) - Date.parse(year.from)) / 86_400_000 + 1 > 31;
  await waitFor(() => textOf(page).includes(weekly ? '按周' : '按日'));
  if (weekly) expect(textOf(page)).toContain('11月23日–29日');
  expect(textOf(page)).not.toContain('2026-W48');
});

it('dashboard: shows — where nothing divides, not 0%', async () => {
  const empty: MetricsView = { ...METRICS, total: 0, resolved: 0, finished: 0, onTime: 0, rated: 0, satisfied: 0, onTimeRate: 0, satisfactionRate: 0, unratedShare: 0, onTheSpotRate: 0, avgHandlingHours: 0, overdueNow: 0, walkins: { total: 0, onTheSpot: 0, handoff: 0 }, byGrid: [] };
  const ops = new FakeOps({ 'admin.metrics': () => empty });
  h = bootApp({ cloud: ops.handler(new FakeBackend({ me: ADMIN }).handler(fakeGuide(testCatalog))) });
  const page = await h.open('/admin/pages/dashboard/index');
  await waitFor(() => textOf(page).includes('按时办结率'));
  const text = textOf(page);
  for (const kpi of ['办结率 —', '按时办结率 —', '满意度 —', '未评价占比 —', '当场办结率 —', '平均办理时长 —']) expect(text).toContain(kpi);
  expect(text).not.toContain('0%');
});

it('dashboard: 超期未办 and every row open the matching request list', async () => {
  const ops = new FakeOps({ 'admin.metrics': () => METRICS });
  h = bootApp({ cloud: ops.handler(new FakeBackend({ me: ADMIN }).handler(fakeGuide(testCatalog))) });
  const page = await h.open('/admin/pages/dashboard/index');
  await waitFor(() => textOf(page).includes('超期未办'));
  const { from, to } = ops.callsOf('admin.metrics')[0].data as { from: string; to: string };
  tap(page, '.kpi--overdue');
  await waitFor(() => h!.navigations.length === 1);
  expect(h.navigations[0].url).toBe(`/admin/pages/requests/index?from=${from}&to=${to}&title=${encodeURIComponent('超期未办')}&overdue=1`);
  page.querySelectorAll('.bars--byGrid .bar')[1].dispatchEvent('tap');
  await waitFor(() => h!.navigations.length === 2);
  expect(h.navigations[1].url).toContain(`gridCode=G2`);
  expect(h.navigations[1].url).toContain(`title=${encodeURIComponent('锦绣西苑')}`);
});

it('request list: the filter the dashboard sent, the total, and each request opens', async () => {
  const item = requestView({ id: 'req-31', status: 'accepted', title: '随手拍·燃气安全', urgent: true, dueAt: '2026-11-20T02:00:00.000Z' });
  const ops = new FakeOps({ 'admin.requests.list': () => ({ items: [item], total: 1 }) });
  h = bootApp({ cloud: ops.handler(new FakeBackend({ me: ADMIN }).handler(fakeGuide(testCatalog))) });
  const page = await h.open(`/admin/pages/requests/index?from=2026-11-01&to=2026-11-24&title=${encodeURIComponent('超期未办')}&overdue=1`);
  await waitFor(() => textOf(page).includes('共 1 件'));
  expect(ops.callsOf('admin.requests.list')[0].data).toEqual({ overdue: true, from: '2026-11-01', to: '2026-11-24', limit: 200 });
  expect(textOf(page)).toContain('随手拍·燃气安全');
  page.querySelectorAll('.request-card')[0].dispatchEvent('tap');
  await waitFor(() => h!.navigations.length === 1);
  expect(h.navigations[0].url).toBe('/worker/pages/request/index?id=req-31');
});

it('dashboard: an error shows a retry, then the data', async () => {
  let fail = true;
  const ops = new FakeOps({
    'admin.metrics': () => {
      if (fail) throw { code: 'INTERNAL', message: '统计服务繁忙' };
      return METRICS;
    },
  });
  h = bootApp({ cloud: ops.handler(new FakeBackend({ me: ADMIN }).handler(fakeGuide(testCatalog))) });
  const page = await h.open('/admin/pages/dashboard/index');
  await waitFor(() => textOf(page).includes('统计服务繁忙'));
  fail = false;
  tap(page, '.load-state__retry');
  await waitFor(() => textOf(page).includes('总量 40'));
});

it('dashboard: residents are told it is not for them', async () => {
  h = bootApp({ cloud: new FakeOps({ 'admin.metrics': () => METRICS }).handler(new FakeBackend({ me: RESIDENT }).handler(fakeGuide(testCatalog))) });
  const page = await h.open('/admin/pages/dashboard/index');
  await waitFor(() => textOf(page).includes('没有此功能的权限'));
  expect(textOf(page)).not.toContain('总量');
});

it('followups: an open 回访 task, record the result', async () => {
  const task: FollowupView = {
    id: 'fu-1',
    requestId: 'req-1',
    title: '随手拍·市政设施',
    status: 'open',
    createdAt: '2026-11-24T02:00:00.000Z',
    resident: { openid: 'demo-resident', name: '张阿姨', phone: '13912345678' },
    rating: { score: 1, outcome: 'unresolved', comment: '路灯还是不亮', at: '2026-11-24T02:00:00.000Z' },
    assignee: { openid: 'demo-worker-1', name: '刘网格' },
  };
  const ops = new FakeOps({
    'admin.followups.list': (d) => ({ items: d.status === 'done' ? [] : [task] }),
    'admin.followups.record': (d) => ({ ...task, status: 'done', reached: d.reached, result: d.result }),
  });
  h = bootApp({ cloud: ops.handler(new FakeBackend({ me: ADMIN }).handler(fakeGuide(testCatalog))) });
  const page = await h.open('/admin/pages/followups/index');
  await waitFor(() => textOf(page).includes('路灯还是不亮'));
  expect(textOf(page)).toContain('评价 1星 · 未解决');
  // The phone to call and the request it is about.
  expect(textOf(page)).toContain('拨打 13912345678');
  tap(page, '.followup__request');
  await waitFor(() => h!.navigations.length === 1);
  expect(h.navigations[0].url).toBe('/worker/pages/request/index?id=req-1');
  tap(page, '.followup__open');
  await waitFor(() => page.querySelector('.submit--followup'));
  tap(page, '.submit--followup');
  await waitFor(() => textOf(page).includes('请选择是否联系上居民'));
  page.querySelectorAll('.choices--reached .choice')[0].dispatchEvent('tap');
  await waitFor(() => page.querySelector('.choices--reached .choice--on'));
  type(page, '.field__textarea--result', '已约好明晚再修');
  await h.simulate.sleep(50);
  tap(page, '.submit--followup');
  await waitFor(() => ops.callsOf('admin.followups.record').length === 1);
  expect(ops.callsOf('admin.followups.record')[0].data).toEqual({ id: 'fu-1', reached: true, result: '已约好明晚再修' });
  await waitFor(() => ops.callsOf('admin.followups.list').length === 2);
});
