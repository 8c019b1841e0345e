import type { DeskOutput } from '@qgt/shared/desk/api';
import { bootApp, tap, textOf, type, waitFor, type WeappHarness } from './harness';
import { DEMO, FIRST_LOAD_MS, type RealBackend } from './real-backend';
import { cloudOf, testBackend } from './real-ops';

/**
 * 窗口受理 (worker subpackage) on the real desk function: walk-in for a matter found offline in
 * the test catalog → 流转 → 一次性告知单. 刘网格 (demo-worker-1) is on today's roster, set by the admin.
 */

// The first call seeds a store (demo deployment, the test catalog) and loads the handlers.
jest.setTimeout(30_000);

let h: WeappHarness | undefined;
afterEach(() => h?.closeAll());

async function onDuty(): Promise<RealBackend> {
  const backend = testBackend({ as: DEMO.worker });
  await backend.ok('desk', 'roster.set', { date: '2026-11-24', openids: [DEMO.worker] }, DEMO.admin);
  return backend;
}

it('desk: who is on duty, search a matter offline, tick materials, 流转 → the notice sheet', async () => {
  const backend = await onDuty();
  h = bootApp(cloudOf(backend));
  const page = await h.open('/worker/pages/desk/index');
  await waitFor(() => textOf(page).includes('刘网格（您在岗）'), FIRST_LOAD_MS);
  await waitFor(() => page.querySelector('.search-box__input'), FIRST_LOAD_MS);
  type(page, '.search-box__input', '低保');
  await waitFor(() => page.querySelector('.desk__result'));
  tap(page, '.desk__result');
  await waitFor(() => textOf(page).includes('家庭经济状况核对授权书'));
  // The catalog's related advice for 低保 (desk.related).
  await waitFor(() => textOf(page).includes('养老保险待遇资格认证'));
  page.querySelectorAll('.material')[0].dispatchEvent('tap');
  await h.simulate.sleep(30);
  tap(page, '.submit--walkin');
  await waitFor(() => textOf(page).includes('请选择当场办结或流转'));
  page.querySelectorAll('.choices--walkin-outcome .choice')[1].dispatchEvent('tap');
  await h.simulate.sleep(30);
  tap(page, '.submit--walkin');
  await waitFor(() => h!.navigations.length > 0);
  expect(backend.callsOf('desk', 'walkin')[0].data).toEqual({ matterCode: 'dibao', outcome: 'handoff', have: ['居民身份证'] });
  // The walk-in is on the server with its notice, which the page opens.
  const today = await backend.ok<DeskOutput['today']>('desk', 'today', {});
  expect(today.walkins).toHaveLength(1);
  const { noticeId, requestId } = today.walkins[0];
  expect(requestId).toBeTruthy();
  expect(h.navigations[0]).toEqual({ api: 'navigateTo', url: `/worker/pages/notice/index?id=${noticeId}` });
  const notice = await backend.ok<DeskOutput['notice']>('desk', 'notice', { id: noticeId });
  expect(notice.missing.map((m) => m.name)).toEqual(['户口簿', '家庭经济状况核对授权书']);
});

it('notice: the 一次性告知单 with missing materials, steps, time limit, contact and related advice', async () => {
  const backend = await onDuty();
  const walkin = await backend.ok<DeskOutput['walkin']>('desk', 'walkin', { matterCode: 'dibao', outcome: 'handoff', have: ['居民身份证', '户口簿'] });
  h = bootApp(cloudOf(backend));
  const page = await h.open(`/worker/pages/notice/index?id=${walkin.noticeId}`);
  await waitFor(() => textOf(page).includes('一次性告知单'), FIRST_LOAD_MS);
  const text = textOf(page);
  expect(text).toContain('还需补齐的材料（1项）');
  expect(text).toContain('家庭经济状况核对授权书');
  expect(text).toContain('《社会救助暂行办法》');
  // Issue 21: no local promise, so no "30个工作日内办结"; the community's follow-up date instead.
  expect(text).toContain('办理时限以当地承诺为准（不含公示时间）；社区将于 2027年1月5日 24:00 前 跟进答复');
  expect(text).not.toContain('30个工作日');
  expect(text).toContain('本页于2026年12月7日核对');
  expect(text).toContain('刘网格 13800000001');
  expect(text).toContain('养老保险待遇资格认证');
  // Only the required one not brought is marked missing (the 视情况 残疾证 is not), as the count says.
  expect(page.querySelectorAll('.sheet__material--missing')).toHaveLength(1);
  expect(textOf(page.querySelector('.sheet__material--missing')!)).toContain('家庭经济状况核对授权书');
  expect(backend.callsOf('desk', 'notice')[0].data).toEqual({ id: walkin.noticeId });
});

it('notice: an unknown id shows the error with a retry', async () => {
  h = bootApp(cloudOf(testBackend({ as: DEMO.worker })));
  const page = await h.open('/worker/pages/notice/index?id=nope');
  await waitFor(() => textOf(page).includes('找不到告知单：nope'), FIRST_LOAD_MS);
  expect(page.querySelector('.load-state__retry')).toBeTruthy();
});
