import { bootApp, tap, textOf, type, waitFor, type WeappHarness } from './harness';
import { DEMO, FIRST_LOAD_MS } from './real-backend';
import { cloudOf, testBackend } from './real-ops';

/**
 * 网格走访 (worker subpackage) on the real visits function: targets, key households overdue first,
 * log a visit; the home card. The demo deployment's households and sample visits, seeded at the
 * fixed clock: 王奶奶 (weekly, last seen 10 days ago) is 3 days overdue, 周先生 and 李大爷 are not.
 */

// The first call seeds a store (demo deployment, the test catalog) and loads the handlers.
jest.setTimeout(30_000);

let h: WeappHarness | undefined;
afterEach(() => h?.closeAll());

it('patrol: targets, overdue households first, log a visit for one', async () => {
  const backend = testBackend({ as: DEMO.worker });
  h = bootApp(cloudOf(backend));
  const page = await h.open('/worker/pages/patrol/index');
  await waitFor(() => textOf(page).includes('王奶奶'), FIRST_LOAD_MS);
  const text = textOf(page);
  // One day in the grid this week (yesterday's sample visit); four households this month.
  expect(text).toContain('本周在网格天数 1/3天');
  expect(text).toContain('本月走访户数 4/50户');
  expect(text.indexOf('王奶奶')).toBeLessThan(text.indexOf('李大爷'));
  expect(text.indexOf('王奶奶')).toBeLessThan(text.indexOf('周先生'));
  expect(text).toContain('已超期3天');
  tap(page, '.submit--visit-log');
  await waitFor(() => textOf(page).includes('请选择重点户或填写走访对象'));
  page.querySelectorAll('.household')[0].dispatchEvent('tap'); // overdue first: 王奶奶
  await h.simulate.sleep(30);
  type(page, '.field__textarea--found', '身体尚可，需代办高龄津贴');
  await h.simulate.sleep(30);
  tap(page, '.submit--visit-log');
  await waitFor(() => backend.callsOf('visits', 'log').length === 1);
  expect(backend.callsOf('visits', 'log')[0].data).toEqual({ household: 'G1-H001', buildingCode: 'G1-1', found: '身体尚可，需代办高龄津贴' });
  await waitFor(() => backend.callsOf('visits', 'home').length === 2);
  // Visited today: no longer overdue, on the server and on the page.
  expect((await backend.ok('visits', 'home', {})).overdue).toEqual([]);
  await waitFor(() => !textOf(page).includes('已超期3天'));
});

it('worker home shows overdue key households and the targets', async () => {
  h = bootApp(cloudOf(testBackend({ as: DEMO.worker })));
  const page = await h.open('/worker/pages/home/index');
  await waitFor(() => textOf(page).includes('王奶奶'), FIRST_LOAD_MS);
  expect(textOf(page)).toContain('本周在网格 1/3天');
  expect(textOf(page)).toContain('已超期3天');
});
