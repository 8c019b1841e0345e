/**
 * The console at a PC (1280×800) against the real backend: a table's sort and filter live in the
 * URL (a reload shows the same rows, back undoes a sort), the dashboard's breakdown is a sortable
 * table whose rows still drill down, and 街道 admins search the audit trail a page at a time.
 * Screenshots go to tests/e2e/artifacts/console-views-*.png.
 */
import { flowSessionPerFile } from './flow-session';

jest.setTimeout(240_000);

const IN_G1 = { lat: 30.99, lng: 103.626 };
const S = flowSessionPerFile('console-views');
const { as, shot, call } = S;

async function api(fn: string, action: string, data: unknown, openid: string) {
  const body = await call(fn, action, data, openid);
  if (!body.ok) throw new Error(`${fn}.${action}: ${body.error?.code} ${body.error?.message}`);
  return body.data;
}
const hashQuery = async () => new URLSearchParams((await S.page.evaluate(() => window.location.hash)).split('?')[1] ?? '');

let noted = '';

beforeAll(async () => {
  await S.page.goto(S.app.url); // the demo identity lives in the app origin's storage
  await S.page.setViewportSize({ width: 1280, height: 800 });
  for (const text of ['锦绣东苑1栋门口垃圾桶满了', '锦绣东苑4栋楼道堆放杂物', '锦绣东苑6栋路面破损']) {
    await api('requests', 'create', { kind: 'report', category: 'shizheng', description: text, location: IN_G1 }, 'demo-resident');
  }
  noted = (await api('requests', 'create', { kind: 'report', category: 'shizheng', description: '锦绣东苑7栋水管漏水', location: IN_G1 }, 'demo-resident-2')).id;
  await api('work', 'accept', { id: noted }, 'demo-worker-1');
  // 52 notes + the accept: more than one page (50) of the audit search for this request.
  for (let i = 1; i <= 52; i += 1) await api('work', 'note', { id: noted, note: `进展记录${i}` }, 'demo-worker-1');
});

it('a sort and a filter are kept in the URL: a reload shows the same rows, back undoes the last sort', async () => {
  await as('demo-admin', 'admin/pages/requests/index');
  const table = S.page.locator('.data-table--requests');
  await table.waitFor();
  const header = table.locator('[role="columnheader"].data-table__th--created');
  await header.click();
  expect((await hashQuery()).get('sort')).toBe('created');
  await header.click();
  expect((await hashQuery()).get('sort')).toBe('-created');
  await table.locator('.field--table-filter input').fill('锦绣东苑 市政');
  await S.page.waitForFunction(() => window.location.hash.includes('q='));
  expect((await hashQuery()).get('q')).toBe('锦绣东苑 市政');
  const ids = async () => (await table.locator('.data-table__td--id').allInnerTexts()).map((t) => t.trim());
  const shown = await ids();
  expect(shown.length).toBe(4);

  await S.page.reload();
  await table.waitFor();
  expect(await header.getAttribute('aria-sort')).toBe('descending');
  expect(await table.locator('.field--table-filter input').inputValue()).toBe('锦绣东苑 市政');
  expect(await ids()).toEqual(shown);
  await shot('requests-from-url');

  // Back: the entry before the second click (ascending, no filter yet).
  await S.page.goBack();
  await S.page.waitForFunction(() => !window.location.hash.includes('sort=-created'));
  await table.locator('[role="columnheader"].data-table__th--created[aria-sort="ascending"]').waitFor();
  expect(await table.locator('.field--table-filter input').inputValue()).toBe('');
  expect(await ids()).toEqual([...shown].reverse());
  // Forward again: descending.
  await S.page.goForward();
  await table.locator('[role="columnheader"].data-table__th--created[aria-sort="descending"]').waitFor();
});

it('the dashboard breakdown is a sortable, filterable table at PC width; a row opens its requests', async () => {
  await as('demo-admin', 'admin/pages/dashboard/index');
  const grid = S.page.locator('.data-table--breakdown-byGrid');
  await grid.waitFor();
  await S.page.locator('.choices--dimension .choice', { hasText: '网格员' }).click();
  const workers = S.page.locator('.data-table--breakdown-byWorker');
  await workers.waitFor();
  const total = workers.locator('[role="columnheader"].data-table__th--total');
  await total.click();
  await total.click();
  expect(await total.getAttribute('aria-sort')).toBe('descending');
  const q = await hashQuery();
  expect([q.get('dim'), q.get('sort')]).toEqual(['byWorker', '-total']);
  const counts = (await workers.locator('.data-table__td--total').allInnerTexts()).map(Number);
  expect(counts).toEqual([...counts].sort((a, b) => b - a));
  await shot('breakdown');

  await S.page.reload();
  await workers.locator('[role="columnheader"].data-table__th--total[aria-sort="descending"]').waitFor();
  // Drill-down stays: the first row (most requests: 刘网格) opens its requests.
  const first = workers.locator('.data-table__open').first();
  expect(await first.innerText()).toContain('刘网格');
  await first.click();
  await S.page.locator('.admin-requests__scope', { hasText: '刘网格' }).waitFor();
  expect(await S.page.evaluate(() => window.location.hash)).toContain('assignee=demo-worker-1');
});

it('a 街道 admin searches the audit trail by object, a page at a time, from the dashboard', async () => {
  await as('demo-admin', 'admin/pages/dashboard/index');
  await S.page.locator('.export--requests').waitFor();
  expect(await S.page.locator('.audit--open').count()).toBe(0); // community admins: no audit (403)

  await as('demo-street-admin', 'admin/pages/dashboard/index');
  await S.page.locator('.audit--open').click();
  await S.page.locator('.audit__item').first().waitFor();
  await S.page.locator('.field--audit-target input').fill(noted);
  await S.page.locator('.audit__search').click();
  await S.page.waitForFunction((id) => window.location.hash.includes(`target=${id}`), noted);
  const items = S.page.locator('.audit__item');
  await S.page.waitForFunction(() => document.querySelectorAll('.audit__item').length === 50);
  expect(await items.first().innerText()).toContain('添加办理备注');
  expect(await items.first().innerText()).toContain('刘网格');
  for (const text of await items.allInnerTexts()) expect(text).toContain(noted);
  await shot('audit');
  await S.page.locator('.audit__more').click();
  await S.page.waitForFunction(() => document.querySelectorAll('.audit__item').length === 53);
  expect(await items.last().innerText()).toContain('签收工单');
  expect(await S.page.locator('.audit__more').count()).toBe(0);

  // A shared link repeats the search.
  await S.page.reload();
  await S.page.waitForFunction(() => document.querySelectorAll('.audit__item').length === 50);
  expect(await S.page.locator('.field--audit-target input').inputValue()).toBe(noted);
});
