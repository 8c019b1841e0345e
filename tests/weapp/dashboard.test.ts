import type { MetricsView } from '@qgt/shared/metrics/views';
import type { FollowupView } from '@qgt/shared/admin/views';
import { bootApp, tap, textOf, type, waitFor, type WeappHarness } from './harness';
import { DEMO, FIRST_LOAD_MS, FIXED_NOW, P, report, type RealBackend } from './real-backend';
import { cloudOf, testBackend } from './real-ops';

/**
 * 治理看板 and 回访任务 (admin subpackage) on the real admin.metrics / admin.followups, over requests
 * the test files first (the fixed clock moved back for the older ones).
 */

// The first call seeds a store (demo deployment, the test catalog) and loads the handlers.
jest.setTimeout(30_000);

let h: WeappHarness | undefined;
afterEach(() => h?.closeAll());

/**
 * Four requests in 锦绣社区, as 王主任 (demo-admin) sees them at FIXED_NOW:
 * - 11-10 环境卫生 in G2 (陈网格), never touched: overdue since 11-13;
 * - 11-20 two 市政设施 in G1 (刘网格), each resolved after 5 hours, rated 5 (解决) and 3 (部分解决);
 * - 11-24 燃气安全 in G1, just filed.
 */
async function fourRequests(): Promise<{ backend: RealBackend; late: string }> {
  const backend = testBackend({ as: DEMO.admin, now: '2026-11-10T02:00:00.000Z' });
  const late = await backend.ok<{ id: string }>('requests', 'create', report({ location: P.G2, category: 'huanjing', description: '垃圾桶满了没人清' }), DEMO.resident);
  backend.setNow('2026-11-20T02:00:00.000Z');
  for (const score of [5, 3]) {
    const r = await backend.ok<{ id: string }>('requests', 'create', report(), DEMO.resident);
    await backend.ok('work', 'accept', { id: r.id }, DEMO.worker);
    backend.advance(5 * 3600_000);
    await backend.ok('work', 'resolve', { id: r.id, note: '已修好' }, DEMO.worker);
    await backend.ok('requests', 'rate', { id: r.id, score, outcome: score === 5 ? 'resolved' : 'partial' }, DEMO.resident);
  }
  backend.setNow(FIXED_NOW);
  await backend.ok('requests', 'create', report({ category: 'ranqi', description: '楼道里有煤气味' }), DEMO.resident);
  return { backend, late: late.id };
}

it('dashboard: KPI tiles and bars from admin.metrics; a preset changes the window', async () => {
  const { backend } = await fourRequests();
  h = bootApp(cloudOf(backend));
  const page = await h.open('/admin/pages/dashboard/index');
  await waitFor(() => textOf(page).includes('按时办结率'), FIRST_LOAD_MS);
  const text = textOf(page);
  expect(text).toContain('总量 4');
  expect(text).toContain('办结率 50%');
  expect(text).toContain('按时办结率 100%');
  expect(text).toContain('满意度 50% 1/2 条评价');
  expect(text).toContain('未评价占比 0%');
  // No walk-ins in the window: nothing to divide.
  expect(text).toContain('当场办结率 —');
  expect(text).toContain('平均办理时长 5小时');
  expect(text).toContain('超期未办 1');
  expect(text).toContain('锦绣西苑');
  expect(text).toContain('刘网格');
  // Hot spots by place name, not coordinates or category codes.
  expect(text).toContain('3件 · 市政设施');
  expect(text).not.toContain('30.990,103.626');
  const first = backend.callsOf('admin', 'metrics')[0].data as { from: string; to: string };
  expect(first.from < first.to).toBe(true);
  const shown = await backend.ok<MetricsView>('admin', 'metrics', first);
  expect(page.querySelectorAll('.trend__col')).toHaveLength(shown.volume.byDay.length);
  expect(shown.volume.byDay.map((d) => d.count)).toEqual([1, 2, 1]);
  // 全年 asks for the year so far.
  page.querySelectorAll('.choices--preset .choice')[3].dispatchEvent('tap');
  await waitFor(() => backend.callsOf('admin', 'metrics').length === 2);
  expect((backend.callsOf('admin', 'metrics')[1].data as { from: string }).from).toBe('2026-01-01');
  // Over a month the trend goes by week, named by its days (2026-W48 is 23–29 November), never 2026-W48.
  await waitFor(() => textOf(page).includes('按周'));
  expect(textOf(page)).toContain('11月23日–29日');
  expect(textOf(page)).not.toContain('2026-W48');
});

it('dashboard: shows — where nothing divides, not 0%', async () => {
  // No request filed at all.
  h = bootApp(cloudOf(testBackend({ as: DEMO.admin })));
  const page = await h.open('/admin/pages/dashboard/index');
  await waitFor(() => textOf(page).includes('按时办结率'), FIRST_LOAD_MS);
  const text = textOf(page);
  expect(text).toContain('总量 0');
  for (const kpi of ['办结率 —', '按时办结率 —', '满意度 —', '未评价占比 —', '当场办结率 —', '平均办理时长 —']) expect(text).toContain(kpi);
  expect(text).not.toContain('0%');
});

it('dashboard: 超期未办 and every row open the matching request list', async () => {
  const { backend } = await fourRequests();
  h = bootApp(cloudOf(backend));
  const page = await h.open('/admin/pages/dashboard/index');
  await waitFor(() => textOf(page).includes('超期未办'), FIRST_LOAD_MS);
  const { from, to } = backend.callsOf('admin', 'metrics')[0].data as { from: string; to: string };
  tap(page, '.kpi--overdue');
  await waitFor(() => h!.navigations.length === 1);
  expect(h.navigations[0].url).toBe(`/admin/pages/requests/index?from=${from}&to=${to}&title=${encodeURIComponent('超期未办')}&overdue=1`);
  page.querySelectorAll('.bars--byGrid .bar')[1].dispatchEvent('tap');
  await waitFor(() => h!.navigations.length === 2);
  expect(h.navigations[1].url).toContain(`gridCode=G2`);
  expect(h.navigations[1].url).toContain(`title=${encodeURIComponent('锦绣西苑')}`);
});

it('request list: the filter the dashboard sent, the total, and each request opens', async () => {
  const { backend, late } = await fourRequests();
  h = bootApp(cloudOf(backend));
  const page = await h.open(`/admin/pages/requests/index?from=2026-11-01&to=2026-11-24&title=${encodeURIComponent('超期未办')}&overdue=1`);
  await waitFor(() => textOf(page).includes('共 1 件'), FIRST_LOAD_MS);
  expect(backend.callsOf('admin', 'requests.list')[0].data).toEqual({ overdue: true, from: '2026-11-01', to: '2026-11-24', limit: 200 });
  expect(textOf(page)).toContain('随手拍·环境卫生');
  page.querySelectorAll('.request-card')[0].dispatchEvent('tap');
  await waitFor(() => h!.navigations.length === 1);
  expect(h.navigations[0].url).toBe(`/worker/pages/request/index?id=${late}`);
});

it('dashboard: an error shows a retry, then the data', async () => {
  const { backend } = await fourRequests();
  backend.failOnce.set('admin.metrics', { code: 'INTERNAL', message: '统计服务繁忙' });
  h = bootApp(cloudOf(backend));
  const page = await h.open('/admin/pages/dashboard/index');
  await waitFor(() => textOf(page).includes('统计服务繁忙'), FIRST_LOAD_MS);
  tap(page, '.load-state__retry');
  await waitFor(() => textOf(page).includes('总量 4'), FIRST_LOAD_MS);
});

it('dashboard: residents are told it is not for them', async () => {
  h = bootApp(cloudOf(testBackend({ as: DEMO.resident })));
  const page = await h.open('/admin/pages/dashboard/index');
  await waitFor(() => textOf(page).includes('没有此功能的权限'), FIRST_LOAD_MS);
  expect(textOf(page)).not.toContain('总量');
});

it('followups: an open 回访 task, record the result', async () => {
  // A 1-star 未解决 rating opens a 回访 task for the community's admin.
  const backend = testBackend({ as: DEMO.admin, now: '2026-11-20T02:00:00.000Z' });
  const filed = await backend.ok<{ id: string }>('requests', 'create', report(), DEMO.resident);
  // The phone the resident gave (after the first call: the store is seeded by then).
  expect(await backend.store.collection('users').updateById(DEMO.resident, { $set: { phone: '13912345678' } })).toBe(true);
  await backend.ok('work', 'accept', { id: filed.id }, DEMO.worker);
  await backend.ok('work', 'resolve', { id: filed.id, note: '已换灯泡' }, DEMO.worker);
  await backend.ok('requests', 'rate', { id: filed.id, score: 1, outcome: 'unresolved', comment: '路灯还是不亮' }, DEMO.resident);
  backend.setNow(FIXED_NOW);
  const [task] = (await backend.ok<{ items: FollowupView[] }>('admin', 'followups.list', {})).items;
  h = bootApp(cloudOf(backend));
  const page = await h.open('/admin/pages/followups/index');
  await waitFor(() => textOf(page).includes('路灯还是不亮'), FIRST_LOAD_MS);
  expect(textOf(page)).toContain('评价 1星 · 未解决');
  // The phone to call and the request it is about.
  expect(textOf(page)).toContain('拨打 13912345678');
  tap(page, '.followup__request');
  await waitFor(() => h!.navigations.length === 1);
  expect(h.navigations[0].url).toBe(`/worker/pages/request/index?id=${filed.id}`);
  tap(page, '.followup__open');
  await waitFor(() => page.querySelector('.submit--followup'));
  tap(page, '.submit--followup');
  await waitFor(() => textOf(page).includes('请选择是否联系上居民'));
  page.querySelectorAll('.choices--reached .choice')[0].dispatchEvent('tap');
  await waitFor(() => page.querySelector('.choices--reached .choice--on'));
  type(page, '.field__textarea--result', '已约好明晚再修');
  await h.simulate.sleep(50);
  tap(page, '.submit--followup');
  await waitFor(() => backend.callsOf('admin', 'followups.record').length === 1);
  expect(backend.callsOf('admin', 'followups.record')[0].data).toEqual({ id: task.id, reached: true, result: '已约好明晚再修' });
  await waitFor(() => backend.callsOf('admin', 'followups.list').length === 2);
  const done = (await backend.ok<{ items: FollowupView[] }>('admin', 'followups.list', { status: 'done' })).items;
  expect(done).toEqual([expect.objectContaining({ id: task.id, status: 'done', reached: true, result: '已约好明晚再修' })]);
});
