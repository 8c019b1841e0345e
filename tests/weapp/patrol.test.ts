import type { HouseholdView, VisitsOutput } from '@qgt/shared/visits/api';
import { fakeGuide } from './fake-guide';
import { FakeOps } from './fake-ops';
import { FakeBackend, WORKER } from './fake-requests';
import { testCatalog } from './fixture';
import { bootApp, tap, textOf, type, waitFor, type WeappHarness } from './harness';

/** 网格走访 (worker subpackage): targets, key households overdue first, log a visit; the home card. */

const hh = (code: string, name: string, overdueDays: number): HouseholdView => ({
  code,
  name,
  tags: ['独居老人'],
  worker: 'demo-worker-1',
  community: 'demo-community',
  frequencyDays: 7,
  lastVisit: '2026-11-01',
  dueDate: '2026-11-08',
  overdue: overdueDays > 0,
  overdueDays,
});
const HOME: VisitsOutput['home'] = {
  today: '2026-11-24',
  overdue: [hh('hh-2', '王奶奶', 16)],
  dueSoon: [],
  week: { week: '2026-11-23', days: 1, target: 3, met: false },
  month: { month: '2026-11', households: 12, target: 50, met: false },
};

let h: WeappHarness | undefined;
afterEach(() => h?.closeAll());

function routes() {
  return new FakeOps({
    'visits.home': () => HOME,
    'visits.households.list': () => ({ items: [{ ...hh('hh-1', '李爷爷', 0), overdue: false }, hh('hh-2', '王奶奶', 16)] }),
    'visits.mine': () => ({ from: '2026-10-25', to: '2026-11-24', items: [] }),
    'visits.log': (d) => ({ id: 'v-1', worker: 'demo-worker-1', community: 'demo-community', date: '2026-11-24', household: d.household, found: d.found, requestIds: [], createdAt: '2026-11-24T02:00:00.000Z' }),
  });
}

it('patrol: targets, overdue households first, log a visit for one', async () => {
  const ops = routes();
  h = bootApp({ cloud: ops.handler(new FakeBackend({ me: WORKER }).handler(fakeGuide(testCatalog))) });
  const page = await h.open('/worker/pages/patrol/index');
  await waitFor(() => textOf(page).includes('王奶奶'));
  const text = textOf(page);
  expect(text).toContain('本周在网格天数 1/3天');
  expect(text).toContain('本月走访户数 12/50户');
  expect(text.indexOf('王奶奶')).toBeLessThan(text.indexOf('李爷爷'));
  expect(text).toContain('已超期16天');
  tap(page, '.submit--visit-log');
  await waitFor(() => textOf(page).includes('请选择重点户或填写走访对象'));
  page.querySelectorAll('.household')[0].dispatchEvent('tap'); // overdue first: 王奶奶
  await h.simulate.sleep(30);
  type(page, '.field__textarea--found', '身体尚可，需代办高龄津贴');
  await h.simulate.sleep(30);
  tap(page, '.submit--visit-log');
  await waitFor(() => ops.callsOf('visits.log').length === 1);
  expect(ops.callsOf('visits.log')[0].data).toEqual({ household: 'hh-2', found: '身体尚可，需代办高龄津贴' });
  await waitFor(() => ops.callsOf('visits.home').length === 2);
});

it('worker home shows overdue key households and the targets', async () => {
  const ops = routes();
  h = bootApp({ cloud: ops.handler(new FakeBackend({ me: WORKER }).handler(fakeGuide(testCatalog))) });
  const page = await h.open('/worker/pages/home/index');
  await waitFor(() => textOf(page).includes('王奶奶'));
  expect(textOf(page)).toContain('本周在网格 1/3天');
  expect(textOf(page)).toContain('已超期16天');
});
