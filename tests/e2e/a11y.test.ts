/**
 * Issue 20: every page, in normal and 长辈模式, passes axe-core (no serious or critical WCAG 2.1 AA
 * violation), keeps tap targets ≥ 44 px (≥ 60 px in 长辈模式) and, in 长辈模式, text and multi-line
 * fields ≥ 18.7 px — measured on the H5 build in Chromium on the PHONE.
 */
import { expectAccessible, setElder } from './a11y';
import { flowSessionPerFile } from './flow-session';

jest.setTimeout(240_000);

const IN_G1 = { latitude: 30.99, longitude: 103.626 };
const S = flowSessionPerFile('a11y', { geolocation: IN_G1, permissions: ['geolocation'] });

let requestId = '';

beforeAll(async () => {
  await S.page.goto(S.app.url); // storage lives in the app's origin
  const filed = await S.call('requests', 'create', { kind: 'report', category: 'shizheng', description: '锦绣东苑3栋东侧路灯不亮，晚上很黑', location: { lat: 30.99, lng: 103.626 } }, 'demo-resident');
  expect(filed.ok).toBe(true);
  requestId = filed.data.id;
  // An open invitation, so the roles page shows 待接受的邀请 with its 撤销 button.
  expect((await S.call('admin', 'roles.invite', { role: 'worker', communities: ['demo-community'], name: '赵网格' }, 'demo-admin')).ok).toBe(true);
});

/** [who, route, text to wait for]; `:id` is the request filed above. */
const PAGES: [string, string, string | null][] = [
  ['demo-resident', '', '办事分类'],
  ['demo-resident', 'pages/category/index?code=minzheng', null],
  ['demo-resident', 'pages/matter/index?code=dibao', '最低生活保障申请'],
  ['demo-resident', 'pages/station/index?code=jinxiu-window', null],
  ['demo-resident', 'resident/pages/report/index', null],
  ['demo-resident', 'resident/pages/booking/index', null],
  ['demo-resident', 'resident/pages/mine/index', '路灯不亮'],
  ['demo-resident', 'resident/pages/detail/index?id=:id', '路灯不亮'],
  ['demo-resident', 'resident/pages/event/index?code=retirement', null],
  ['demo-worker-1', 'worker/pages/home/index', '路灯不亮'],
  ['demo-worker-1', 'worker/pages/request/index?id=:id', '路灯不亮'],
  ['demo-worker-1', 'worker/pages/transfer/index?id=:id', null],
  ['demo-worker-1', 'worker/pages/escalate/index?id=:id', null],
  ['demo-worker-1', 'worker/pages/visits/index', null],
  ['demo-worker-1', 'worker/pages/desk/index', '今日值守'],
  ['demo-worker-1', 'worker/pages/patrol/index', '本周在网格天数'],
  ['demo-admin', 'admin/pages/home/index', null],
  ['demo-admin', 'admin/pages/dashboard/index', null],
  ['demo-admin', 'admin/pages/followups/index', null],
  ['demo-admin', 'admin/pages/requests/index', null],
  ['demo-admin', 'admin/pages/catalog/index', '版本历史'],
  ['demo-admin', 'admin/pages/grids/index', '锦绣东苑'],
  ['demo-admin', 'admin/pages/workers/index', '刘网格'],
  ['demo-admin', 'admin/pages/departments/index', '燃气'],
  ['demo-admin', 'admin/pages/stations/index', '打印海报'],
  ['demo-admin', 'admin/pages/roles/index', '赵网格 · 网格员'],
  ['demo-resident', 'signin/pages/invite/index', '查看邀请'],
  ['demo-resident', 'signin/pages/pc/index', null],
];

describe.each([
  ['normal', false],
  ['长辈模式', true],
])('%s', (_mode, elder) => {
  it.each(PAGES)('%s %s', async (who, route, text) => {
    await setElder(S.page, elder);
    await S.as(who, route.replace(':id', requestId));
    await S.page.locator('.page').locator('visible=true').first().waitFor();
    if (text) await S.page.getByText(text).locator('visible=true').first().waitFor();
    await S.page.waitForLoadState('networkidle');
    await expectAccessible(S.page, route || 'home');
  });
});
