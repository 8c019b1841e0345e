import { startTestServer, type TestServer } from '../helpers/server';
import { buildNewMatter, newMatterCode, type NewMatterForm } from '@qgt/shared/catalog/newMatter';
import { as, ok } from './requests-helpers';

/**
 * The catalog editor's server side (issue 16): a matter added in the console, unpublished edits
 * kept as a server draft that any admin saves and reads back (a reload, a second PC), and a
 * 街道 admin's publish that takes the draft.
 */
let server: TestServer;
const admin = (action: string, data: unknown, who: string | null) => server.call('admin', action, data, as(who));
const guide = (action: string, data: unknown) => server.call('guide', action, data, as(null));
const bump = (version: string) => {
  const [y, n, m] = version.split('.').map(Number);
  return `${y}.${n + 1}.${m}`;
};

const FORM: NewMatterForm = {
  title: '老年人助餐补贴',
  category: '',
  summary: '为本社区80周岁以上老人提供社区食堂助餐补贴。',
  aliases: '助餐补贴\n老年食堂',
  basis: '《某市社区居家养老助餐服务管理办法》',
  eligibility: '本社区户籍80周岁以上老人',
  materials: '居民身份证 原件\n居民户口簿 复印件1份\n委托书（视情况）',
  steps: '到社区窗口申请\n社区审核后发放助餐卡',
  workingDays: 5,
  where: '社区党群服务中心综合窗口',
  fee: '不收费',
  onTheSpot: false,
  doorstep: true,
  proxy: true,
  source: { title: '某市社区居家养老助餐服务管理办法', doc: '某民发〔2025〕12号', article: '第八条' },
  reviewDate: '2026-10-08',
};

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

it('any admin keeps a new matter as the draft; it reads back on the next load, from another admin too', async () => {
  const start = ok(await admin('catalog.draft.get', {}, 'demo-admin'));
  expect(start.draft).toBeNull();
  const codes = new Set<string>(start.catalog.matters.map((m: any) => m.code));
  const matter = buildNewMatter({ ...FORM, category: start.catalog.categories[0].code }, newMatterCode(codes, Date.parse('2026-10-09T00:00:00Z')));
  const edited = { ...start.catalog, matters: [...start.catalog.matters, matter] };

  // demo-admin runs one community: they may save the draft (publishing is the 街道's).
  const saved = ok(await admin('catalog.draft.save', { catalog: edited }, 'demo-admin'));
  expect(saved).toEqual({ savedAt: expect.any(String), by: 'demo-admin', byName: '王主任', base: start.catalog.version });

  const reload = ok(await admin('catalog.draft.get', {}, 'demo-street-admin'));
  expect(reload.catalog.version).toBe(start.catalog.version); // the published catalog is untouched
  expect(reload.catalog.matters.some((m: any) => m.code === matter.code)).toBe(false);
  expect(reload.draft).toMatchObject({ by: 'demo-admin', byName: '王主任', base: start.catalog.version });
  expect(reload.draft.catalog.matters.find((m: any) => m.code === matter.code)).toMatchObject({ title: '老年人助餐补贴', steps: ['到社区窗口申请', '社区审核后发放助餐卡'] });
  // Residents see nothing of it until it is published.
  expect((await guide('get', { code: matter.code })).status).toBe(404);

  // A community admin cannot publish it; a 街道 admin publishes the draft under a new version.
  expect((await admin('catalog.publish', { version: bump(start.catalog.version) }, 'demo-admin')).status).toBe(403);
  const published = ok(await admin('catalog.publish', { version: bump(start.catalog.version), note: '新增助餐补贴' }, 'demo-street-admin'));
  expect(published).toMatchObject({ version: bump(start.catalog.version), previous: start.catalog.version });
  const shown = ok(await guide('get', { code: matter.code }));
  expect(shown).toMatchObject({ title: '老年人助餐补贴', timeLimit: { workingDays: 5 }, doorstep: true });
  expect(shown.materials).toEqual([
    { name: '居民身份证', form: 'original', copies: 0, required: true },
    { name: '居民户口簿', form: 'copy', copies: 1, required: true },
    { name: '委托书', form: 'original', copies: 0, required: false },
  ]);
  expect(shown.sources).toContainEqual(expect.objectContaining({ title: '某市社区居家养老助餐服务管理办法', docNo: '某民发〔2025〕12号', field: 'basis', retrievedAt: '2026-10-08' }));
  // Published: nothing left to publish.
  expect(ok(await admin('catalog.draft.get', {}, 'demo-admin')).draft).toBeNull();
  const again = await admin('catalog.publish', { version: bump(bump(start.catalog.version)) }, 'demo-street-admin');
  expect(again.status).toBe(404);
  expect(again.body.error.message).toBe('没有待发布的草稿，请先保存修改');
});

it('refuses a matter the schema refuses, naming the field, and keeps the previous draft', async () => {
  const start = ok(await admin('catalog.draft.get', {}, 'demo-admin'));
  const good = { ...start.catalog, matters: start.catalog.matters.map((m: any, i: number) => (i === 0 ? { ...m, tips: [...m.tips, '请提前预约'] } : m)) };
  ok(await admin('catalog.draft.save', { catalog: good }, 'demo-admin'));

  const matter = buildNewMatter({ ...FORM, category: start.catalog.categories[0].code, steps: '只有一步' }, 'm-test-one-step');
  const n = start.catalog.matters.length;
  const res = await admin('catalog.draft.save', { catalog: { ...start.catalog, matters: [...start.catalog.matters, matter] } }, 'demo-admin');
  expect(res.status).toBe(400);
  expect(res.body.error).toMatchObject({ code: 'BAD_REQUEST', field: `data.catalog.matters.${n}.steps` });
  expect(res.body.error.message).toMatch(/^参数错误：data\.catalog\.matters\.\d+\.steps .*[\u4e00-\u9fa5]/);

  const unknownCategory = buildNewMatter({ ...FORM, category: 'no-such-category' }, 'm-test-category');
  const bad = await admin('catalog.draft.save', { catalog: { ...start.catalog, matters: [...start.catalog.matters, unknownCategory] } }, 'demo-admin');
  expect(bad.body.error).toMatchObject({ code: 'BAD_REQUEST', field: `data.catalog.matters.${n}.category`, message: expect.stringContaining('未知分类：no-such-category') });

  const kept = ok(await admin('catalog.draft.get', {}, 'demo-admin')).draft;
  expect(kept.catalog.matters[0].tips).toContain('请提前预约');
  expect(kept.catalog.matters).toHaveLength(n);
});

it('publishes a draft only when each changed field brings its source, and discards on request', async () => {
  const start = ok(await admin('catalog.draft.get', {}, 'demo-admin'));
  // A new matter without sources: the publish refuses it, naming the matter; the draft stays.
  const bare = { ...buildNewMatter({ ...FORM, category: start.catalog.categories[0].code }, 'm-test-bare'), sources: [] };
  ok(await admin('catalog.draft.save', { catalog: { ...start.catalog, matters: [...start.catalog.matters, bare] } }, 'demo-admin'));
  const refused = await admin('catalog.publish', { version: bump(start.catalog.version) }, 'demo-street-admin');
  expect(refused.status).toBe(400);
  expect(refused.body.error.message).toContain('「老年人助餐补贴」');
  expect(ok(await admin('catalog.draft.get', {}, 'demo-admin')).draft).not.toBeNull();

  // Someone publishes in between: the draft, started from the older version, is not published over it.
  const inline = { ...start.catalog, version: bump(start.catalog.version), matters: start.catalog.matters.map((m: any, i: number) => (i === 0 ? { ...m, title: `${m.title}（另发）` } : m)) };
  ok(await admin('catalog.publish', { catalog: inline }, 'demo-street-admin'));
  const outdated = await admin('catalog.publish', { version: bump(bump(start.catalog.version)) }, 'demo-street-admin');
  expect(outdated.status).toBe(409);
  expect(outdated.body.error).toMatchObject({ reason: 'draftOutdated', message: expect.stringContaining('请放弃草稿后在新版本上修改') });
  expect(ok(await admin('catalog.draft.get', {}, 'demo-admin')).draft).not.toBeNull(); // an inline publish leaves the draft alone

  expect(ok(await admin('catalog.draft.discard', {}, 'demo-admin'))).toEqual({ discarded: true });
  expect(ok(await admin('catalog.draft.get', {}, 'demo-admin')).draft).toBeNull();
  expect(ok(await admin('catalog.draft.discard', {}, 'demo-admin'))).toEqual({ discarded: false });
});

it('keeps residents and workers out of the draft', async () => {
  for (const [action, data] of [
    ['catalog.draft.save', { catalog: {} }],
    ['catalog.draft.discard', {}],
  ] as const) {
    expect((await admin(action, data, null)).status).toBe(401);
    expect((await admin(action, data, 'demo-resident')).status).toBe(403);
    expect((await admin(action, data, 'demo-worker-1')).status).toBe(403);
  }
});
