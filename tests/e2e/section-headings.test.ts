/**
 * Issue 20: a screen reader can jump between a page's sections. Every section title is a level-2
 * heading (components/SectionTitle) under the page's one level-1 name, read with its own words only
 * (a control on the title's row, such as 换一个, stays outside the heading).
 */
import { flowSessionPerFile } from './flow-session';

jest.setTimeout(180_000);

/** Next to 锦绣东苑1栋, as a browser reports it (the booking's building step may use it). */
const NEAR_G1_1 = { latitude: 30.99108, longitude: 103.62247 };

const S = flowSessionPerFile('headings', { geolocation: NEAR_G1_1, permissions: ['geolocation'] });
beforeAll(() => S.page.goto(S.app.url)); // the demo identity lives in the app origin's storage

/** Visible `.section-title`s that are not a heading and hold none: titles left as plain text. */
const plainTitles = () =>
  S.page.locator('.section-title').evaluateAll((els) =>
    els.filter((el) => el.getBoundingClientRect().height > 0 && el.getAttribute('role') !== 'heading' && !el.querySelector('[role=heading]')).map((el) => el.textContent),
  );

/** [who, route, a section title that must be a level-2 heading]. */
const PAGES: [string, string, string][] = [
  ['demo-resident', '', '办事分类'],
  ['demo-resident', 'pages/matter/index?code=dibao', '办理流程'],
  ['demo-admin', 'admin/pages/dashboard/index', '分布'],
];

it.each(PAGES)('%s %s: the section titles are level-2 headings under one level-1 heading', async (who, route, title) => {
  await S.as(who, route);
  await S.page.getByRole('heading', { level: 2, name: title, exact: true }).first().waitFor();
  const names = (await S.page.getByRole('heading', { level: 2 }).allInnerTexts()).map((t) => t.trim());
  expect(names).toContain(title);
  expect(names.length).toBeGreaterThan(1);
  await expect(plainTitles()).resolves.toEqual([]);
  await expect(S.page.getByRole('heading', { level: 1 }).count()).resolves.toBe(1);
});

it("keeps the booking row's 换一个 out of its heading: the heading names the chosen building alone", async () => {
  await S.as('demo-resident-2');
  await S.page.goto(`${S.app.url}/?m=dibao`);
  await S.page.locator('.matter__book:visible').click();
  await S.page.locator('.choices--place .choice:visible', { hasText: '锦绣东苑1栋' }).click();
  const row = S.page.locator('.booking__place:visible');
  await row.waitFor();
  await expect(row.getByRole('heading', { level: 2 }).innerText()).resolves.toBe('楼栋：锦绣东苑1栋');
  await expect(row.getByRole('button', { name: '换一个' }).count()).resolves.toBe(1);
  await expect(plainTitles()).resolves.toEqual([]);
});
