/**
 * Satisfaction loop in a real browser against the real backend (`npm start`, fresh DATA_DIR, demo
 * community): a resident's report is handled by the grid worker (刘网格 signs and resolves it in
 * the workbench) → the resident rates it 1 star with 未解决 → it goes back to the first responder
 * (办理中) → 王主任 sees the 回访 task and the dashboard's 满意度 drops from 100% (another request
 * rated 5) to 50%. Screenshots go to tests/e2e/artifacts/dashboard-*.png.
 */
import { flowSessionPerFile } from './flow-session';

jest.setTimeout(240_000);

const IN_G1 = { lat: 30.99, lng: 103.626 };
const BAD = '锦绣东苑5栋门口井盖松动，踩上去会晃';
const GOOD = '锦绣东苑2栋楼道灯不亮';

const S = flowSessionPerFile('dashboard');
beforeAll(() => S.page.goto(S.app.url)); // the demo identity lives in the app origin's storage
const { as, shot, call, signAndResolve } = S;

async function api(fn: string, action: string, data: unknown, openid: string) {
  const body = await call(fn, action, data, openid);
  if (!body.ok) throw new Error(`${fn}.${action}: ${body.error?.code} ${body.error?.message}`);
  return body.data;
}

async function satisfactionKpi(): Promise<string> {
  const kpi = S.page.locator('.kpi--satisfaction');
  await kpi.waitFor();
  return (await kpi.innerText()).replace(/\s+/g, ' ');
}

let bad = '';

it('two reports in G1; one is handled and rated 5 (through the API)', async () => {
  const good = await api('requests', 'create', { kind: 'report', category: 'shizheng', description: GOOD, location: IN_G1 }, 'demo-resident-2');
  await api('work', 'accept', { id: good.id }, 'demo-worker-1');
  await api('work', 'resolve', { id: good.id, note: '已更换灯泡' }, 'demo-worker-1');
  const rated = await api('requests', 'rate', { id: good.id, score: 5, outcome: 'resolved' }, 'demo-resident-2');
  expect(rated.status).toBe('closed');

  const filed = await api('requests', 'create', { kind: 'report', category: 'shizheng', description: BAD, location: IN_G1 }, 'demo-resident');
  expect(filed.assignee.openid).toBe('demo-worker-1');
  bad = filed.id;
});

it('the grid worker signs for the report and resolves it in the workbench', async () => {
  await as('demo-worker-1', 'worker/pages/home/index');
  await S.page.getByText('当前身份：刘网格 · 网格员').waitFor();
  await signAndResolve(BAD, '已临时固定井盖');
});

let before = '';

it('the dashboard shows 满意度 100% with one rating', async () => {
  await as('demo-admin', 'admin/pages/dashboard/index');
  await S.page.getByText('当前身份：王主任 · 管理员').waitFor();
  before = await satisfactionKpi();
  expect(before).toContain('100%');
  expect(before).toContain('1/1');
  await shot('before');
});

it('the resident rates it 1 star, 未解决: it goes back to the first responder', async () => {
  await as('demo-resident', `resident/pages/detail/index?id=${bad}`);
  await S.page.locator('.detail__title').waitFor();
  await S.page.locator('.stars__star--1').click();
  await S.page.locator('.choices--outcome .choice', { hasText: '未解决' }).click();
  await S.page.locator('.field__textarea--comment textarea').fill('井盖还是晃');
  await shot('rate');
  await S.page.locator('.submit--rate').click();
  await S.page.locator('.status-chip--accepted').first().waitFor();
  await shot('reopened');

  const view = await api('requests', 'get', { id: bad }, 'demo-resident');
  expect(view.status).toBe('accepted');
  expect(view.assignee.openid).toBe(view.firstResponder.openid);
  expect(view.rating).toMatchObject({ score: 1, outcome: 'unresolved' });
});

it('the admin sees the 回访 task and records the call; 满意度 drops to 50%', async () => {
  await as('demo-admin', 'admin/pages/followups/index');
  const task = S.page.locator('.followup', { hasText: '井盖还是晃' });
  await task.waitFor();
  expect(await task.innerText()).toContain('未解决');
  await shot('followups');
  await task.locator('.followup__open').click();
  await task.locator('.choices--reached .choice', { hasText: '已联系上' }).click();
  await task.locator('.field__textarea--result textarea').fill('已致电居民，约定明天上午复查');
  await task.locator('.submit--followup').click();
  await S.page.getByText('没有待回访的任务').waitFor();

  await as('demo-admin', 'admin/pages/dashboard/index');
  const after = await satisfactionKpi();
  expect(after).not.toEqual(before);
  expect(after).toContain('50%');
  expect(after).toContain('1/2');
  await shot('after');

  // H5 CSV export: fetched with the identity header, saved from a blob.
  const download = S.page.waitForEvent('download');
  await S.page.locator('.export--requests').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^requests-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
  const fs = await import('node:fs');
  const csv = fs.readFileSync((await file.path())!, 'utf8');
  expect(csv).toContain(bad);
});

it('the worker records a walk-in at the window and hands it off: the 一次性告知单 page', async () => {
  await as('demo-worker-1', 'worker/pages/desk/index');
  await S.page.getByText('今日值守').waitFor();
  await S.page.locator('.search-box__input input').fill('低保');
  await S.page.locator('.desk__result').first().click();
  await S.page.locator('.desk-form .material').first().click();
  await S.page.locator('.field__input--resident-name input').fill('张阿姨');
  await S.page.locator('.choices--walkin-outcome .choice', { hasText: '流转后台' }).click();
  await shot('desk');
  await S.page.locator('.submit--walkin').click();
  await S.page.locator('.sheet__title', { hasText: '一次性告知单' }).waitFor();
  await S.page.getByText('办理依据').waitFor();
  await shot('notice');
});

it('the worker logs a grid visit; the admin console pages load', async () => {
  await as('demo-worker-1', 'worker/pages/patrol/index');
  await S.page.getByText('本周在网格天数').waitFor();
  await S.page.locator('.field__input--household input').fill('锦绣东苑3栋2单元501');
  await S.page.locator('.field__textarea--found textarea').fill('独居老人身体尚可，需要代办高龄津贴');
  await S.page.locator('.submit--visit-log').click();
  await S.page.locator('.visits-mine', { hasText: '需要代办高龄津贴' }).waitFor();
  await shot('patrol');

  const pages: [string, string][] = [
    ['admin/pages/catalog/index', '版本历史'],
    ['admin/pages/grids/index', '锦绣东苑'],
    ['admin/pages/workers/index', '刘网格'],
    ['admin/pages/departments/index', '燃气'],
    ['admin/pages/stations/index', '打印海报'],
    ['admin/pages/roles/index', '设置角色'],
  ];
  for (const [route, text] of pages) {
    await as('demo-admin', route);
    await S.page.getByText(text, { exact: false }).first().waitFor();
    expect(await S.page.locator('.load-state__retry').count()).toBe(0);
    await shot(route.split('/')[2]);
  }
});

it('at a PC the console lists are tables: headers sort (aria-sort), a filter narrows; 街道 admins export the audit trail', async () => {
  await S.page.setViewportSize({ width: 1280, height: 800 });
  try {
    await as('demo-admin', 'admin/pages/requests/index');
    const table = S.page.locator('.data-table--requests');
    await table.waitFor();
    const header = table.locator('[role="columnheader"].data-table__th--created');
    expect(await header.getAttribute('aria-sort')).toBe('none');
    await header.press('Enter'); // a real control: the keyboard sorts too
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    const created = async () => (await table.locator('.data-table__td--id').allInnerTexts()).map((t) => t.trim());
    const ascending = await created();
    await header.click();
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    expect(await created()).toEqual([...ascending].reverse());
    await table.locator('.field--table-filter input').fill(bad);
    await table.locator('.data-table__row', { hasText: bad }).waitFor();
    expect(await table.locator('.data-table__td--id').count()).toBe(1);
    await table.locator('.field--table-filter input').fill('没有这样的工单');
    await table.getByText('没有符合筛选的记录').waitFor();
    await shot('requests-table');

    await as('demo-admin', 'admin/pages/workers/index');
    await S.page.locator('.data-table--workers .data-table__open', { hasText: '刘网格' }).click();
    await S.page.locator('.worker-row--editing', { hasText: '编辑 刘网格' }).waitFor();
    await shot('workers-table');

    await as('demo-admin', 'admin/pages/followups/index');
    await S.page.locator('.choices--followup-status .choice', { hasText: '已回访' }).click();
    const done = S.page.locator('.data-table--followups .data-table__row', { hasText: '井盖还是晃' });
    expect(await done.locator('.data-table__td--result').innerText()).toContain('已联系上：已致电居民');

    // A community admin gets no audit button (the route would answer 403); a 街道 admin downloads it.
    await as('demo-admin', 'admin/pages/dashboard/index');
    await S.page.locator('.export--requests').waitFor();
    expect(await S.page.locator('.export--audit').count()).toBe(0);
    await as('demo-street-admin', 'admin/pages/dashboard/index');
    const download = S.page.waitForEvent('download');
    await S.page.locator('.export--audit').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^audit-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    const fs = await import('node:fs');
    expect(fs.readFileSync((await file.path())!, 'utf8')).toContain('followups.record');
  } finally {
    await S.page.setViewportSize({ width: 390, height: 844 });
  }
});
