import { TextEncoder as NodeTextEncoder } from 'node:util';
import { bootApp, tap, textOf, type, waitFor, type WeappHarness } from './harness';
import { DEMO, FIRST_LOAD_MS, FIXED_NOW, type RealBackend } from './real-backend';
import { allOn, testBackend } from './real-ops';
import type { SimNode } from './harness';

/**
 * Issue 16 on the real handler tables: the catalog editor adds a matter into the server's draft,
 * which a reload (or another admin's PC) opens again and a 街道 admin publishes; the roles page
 * invites someone, who accepts on their own phone (no OPENID typed anywhere).
 */
jest.setTimeout(30_000);
// The invitation's QR is drawn by the real local platform (qrcode), which needs TextEncoder: the
// page-test environment lacks it, Node has it.
(globalThis as { TextEncoder?: unknown }).TextEncoder ??= NodeTextEncoder;

let h: WeappHarness | undefined;
afterEach(() => h?.closeAll());

const boot = (backend: RealBackend) => bootApp({ cloud: allOn(backend), clock: FIXED_NOW });

async function fillNewMatter(page: SimNode, steps: string) {
  tap(page, '.submit--matter-new');
  await waitFor(() => page.querySelector('.field__input--n-title'));
  type(page, '.field__input--n-title', '老年人助餐补贴');
  page.querySelectorAll('.choices--n-category .choice')[1].dispatchEvent('tap');
  type(page, '.field__textarea--n-summary', '为本社区80周岁以上老人提供社区食堂助餐补贴。');
  type(page, '.field__textarea--n-eligibility', '本社区户籍80周岁以上老人');
  type(page, '.field__textarea--n-materials', '居民身份证 原件\n居民户口簿 复印件1份');
  type(page, '.field__textarea--n-steps', steps);
  type(page, '.field__input--n-days', '5');
  type(page, '.field__textarea--n-where', '社区党群服务中心综合窗口');
  type(page, '.field__textarea--n-basis', '《某市社区居家养老助餐服务管理办法》');
  type(page, '.field__input--n-src-title', '某市社区居家养老助餐服务管理办法');
  type(page, '.field__input--n-src-doc', '某民发〔2025〕12号');
  await waitFor(() => JSON.stringify(page.instance.data).includes('某民发〔2025〕12号'));
  tap(page, '.submit--matter-add');
}

it('catalog: a new matter is kept as the server draft, opens again after a reload, and the 街道 admin publishes it', async () => {
  const backend = testBackend({ as: DEMO.admin });
  h = boot(backend);
  let page = await h.open('/admin/pages/catalog/index');
  await waitFor(() => textOf(page).includes('最低生活保障'), FIRST_LOAD_MS);
  // Matters read by category name, not by code.
  expect(textOf(page)).not.toContain('dibao');
  expect(textOf(page.querySelectorAll('.catalog__matter')[1])).toContain('民政救助');
  await fillNewMatter(page, '到社区窗口申请\n社区审核后发放助餐卡');
  await waitFor(() => textOf(page).includes('老年人助餐补贴（新增）') && textOf(page).includes('草稿：'), FIRST_LOAD_MS);
  expect(backend.callsOf('admin', 'catalog.draft.save')).toHaveLength(1);

  // A reload (a fresh page) opens the draft from the server.
  h.closeAll();
  h = boot(backend);
  page = await h.open('/admin/pages/catalog/index');
  await waitFor(() => textOf(page).includes('老年人助餐补贴（新增）'), FIRST_LOAD_MS);
  expect(textOf(page.querySelector('.catalog__draft-state')!)).toContain('王主任');

  // demo-admin runs one community: publishing is not offered, the page says who publishes; the 街道 admin's goes through.
  await waitFor(() => textOf(page).includes('发布由街道管理员进行'), FIRST_LOAD_MS);
  expect(page.querySelector('.submit--catalog-publish')).toBeFalsy();
  backend.openid = 'demo-street-admin';
  h.closeAll();
  h = boot(backend);
  page = await h.open('/admin/pages/catalog/index');
  await waitFor(() => textOf(page).includes('老年人助餐补贴（新增）'), FIRST_LOAD_MS);
  tap(page, '.submit--catalog-publish');
  await waitFor(() => backend.callsOf('admin', 'catalog.publish').length === 1);
  await waitFor(() => textOf(page).includes('2026.1.1（当前）'), FIRST_LOAD_MS);
  expect(backend.callsOf('admin', 'catalog.publish')[0].data).toEqual({ version: '2026.1.1' });
  const after = await backend.ok('admin', 'catalog.draft.get', {});
  expect(after.draft).toBeNull();
  expect(after.catalog.matters.find((m: { title: string }) => m.title === '老年人助餐补贴')).toMatchObject({ category: 'minzheng', timeLimit: { workingDays: 5 } });
  expect(textOf(page)).not.toContain('（新增）');
});

it('catalog: a matter the schema refuses is named by its title and field, in Chinese', async () => {
  const backend = testBackend({ as: DEMO.admin });
  h = boot(backend);
  const page = await h.open('/admin/pages/catalog/index');
  await waitFor(() => textOf(page).includes('最低生活保障'), FIRST_LOAD_MS);
  await fillNewMatter(page, '只有一步');
  await waitFor(() => textOf(page).includes('「老年人助餐补贴」的办理流程：'), FIRST_LOAD_MS);
  expect(textOf(page)).toContain('最近的修改尚未保存');
  // Nothing refused reaches the server's draft (a 街道 admin's publish of unsaved edits: catalog-materials.test.ts).
  expect(backend.callsOf('admin', 'catalog.publish')).toHaveLength(0);
  expect((await backend.ok('admin', 'catalog.draft.get', {})).draft).toBeNull();
});

it('catalog: a save over a draft another admin saved meanwhile is refused in words, with 刷新 that reloads theirs after a confirm', async () => {
  const backend = testBackend({ as: DEMO.admin });
  h = boot(backend);
  const page = await h.open('/admin/pages/catalog/index');
  await waitFor(() => textOf(page).includes('最低生活保障'), FIRST_LOAD_MS);
  // The 街道 admin saves a draft on another PC after this page loaded (with no draft).
  const { catalog } = await backend.ok('admin', 'catalog.draft.get', {});
  const theirs = { ...catalog, matters: catalog.matters.map((m: { tips: string[] }, i: number) => (i === 0 ? { ...m, tips: [...m.tips, '孙科长的提示'] } : m)) };
  await backend.ok('admin', 'catalog.draft.save', { catalog: theirs, savedAt: null }, 'demo-street-admin');

  await fillNewMatter(page, '到社区窗口申请\n社区审核后发放助餐卡');
  await waitFor(() => textOf(page).includes('请刷新后再改'), FIRST_LOAD_MS);
  expect(backend.callsOf('admin', 'catalog.draft.save').at(-1)!.data).toMatchObject({ savedAt: null });
  expect(textOf(page.querySelector('.form-error')!)).toBe('草稿已被孙科长于 11月24日 10:00 修改，请刷新后再改 刷新'); // the fixed clock's 02:00 UTC, in Beijing time
  expect(textOf(page)).not.toContain('demo-street-admin');
  expect(textOf(page)).toContain('最近的修改尚未保存');
  // Their draft was not overwritten.
  expect((await backend.ok('admin', 'catalog.draft.get', {})).draft.by).toBe('demo-street-admin');

  // 刷新 asks first: declined, this page's edits stay.
  const loads = backend.callsOf('admin', 'catalog.draft.get').length;
  h.modalAnswer = false;
  tap(page, '.form-error__retry');
  await waitFor(() => h!.modals.length === 1);
  expect(h.modals[0]).toEqual({ title: '刷新草稿？', content: '将载入服务器上最新的草稿，本页未保存的修改将被替换。' });
  await new Promise((r) => setTimeout(r, 100));
  expect(backend.callsOf('admin', 'catalog.draft.get')).toHaveLength(loads);
  expect(textOf(page)).toContain('老年人助餐补贴（新增）');

  // Confirmed: the server's draft replaces them, and the next save starts from it.
  h.modalAnswer = true;
  tap(page, '.form-error__retry');
  await waitFor(() => textOf(page).includes('孙科长保存') && !textOf(page).includes('（新增）'), FIRST_LOAD_MS);
  expect(page.querySelector('.form-error')).toBeFalsy();
  await fillNewMatter(page, '到社区窗口申请\n社区审核后发放助餐卡');
  await waitFor(() => textOf(page).includes('王主任保存'), FIRST_LOAD_MS);
  const saved = backend.callsOf('admin', 'catalog.draft.save').at(-1)!.data as { savedAt: string | null };
  expect(saved.savedAt).toEqual(expect.any(String));
  const { draft } = await backend.ok('admin', 'catalog.draft.get', {});
  expect(draft.catalog.matters[0].tips).toContain('孙科长的提示');
  expect(draft.catalog.matters.some((m: { title: string }) => m.title === '老年人助餐补贴')).toBe(true);
});

it('roles: an admin invites a new worker; they accept on their phone and the list shows them by name', async () => {
  const backend = testBackend({ as: DEMO.admin });
  h = boot(backend);
  const roles = await h.open('/admin/pages/roles/index');
  await waitFor(() => roles.querySelector('.submit--invite') && roles.querySelectorAll('.choices--invite-communities .choice--on').length === 1, FIRST_LOAD_MS);
  expect(textOf(roles)).not.toContain('OPENID');
  expect(textOf(roles)).not.toContain('demo-'); // names and community names only
  expect(textOf(roles)).not.toContain('demo-community');
  type(roles, '.field__input--invite-name', '赵网格');
  await waitFor(() => JSON.stringify(roles.instance.data).includes('赵网格'));
  tap(roles, '.submit--invite');
  await waitFor(() => roles.querySelector('.invite__code'), FIRST_LOAD_MS);
  const code = /邀请码：([A-Z0-9]{8})/.exec(textOf(roles.querySelector('.invite__code')!))![1];
  expect(roles.querySelector('.invite__qr')).toBeTruthy();
  expect(JSON.stringify(roles.instance.data)).toContain('data:image/png;base64,');
  expect(backend.callsOf('admin', 'roles.invite')[0].data).toEqual({ role: 'worker', communities: ['demo-community'], name: '赵网格' });
  // The new invitation joins 待接受的邀请 at once.
  await waitFor(() => textOf(roles.querySelector('.open-invites__item') ?? roles).includes('赵网格 · 网格员'), FIRST_LOAD_MS);

  // On the invited person's phone: the QR opens the page with its scene; their OPENID is the platform's.
  backend.openid = 'wx-zhao';
  h.closeAll();
  h = boot(backend);
  const invite = await h.open(`/signin/pages/invite/index?scene=${encodeURIComponent(`i=${code}`)}`);
  await waitFor(() => textOf(invite).includes('王主任邀请您（赵网格）作为网格员加入锦绣社区'), FIRST_LOAD_MS);
  tap(invite, '.submit--invite-accept');
  await waitFor(() => textOf(invite).includes('已加入锦绣社区，身份为网格员'), FIRST_LOAD_MS);
  expect(backend.callsOf('account', 'invite.accept')[0].data).toEqual({ code });

  backend.openid = DEMO.admin;
  const list = await backend.ok('admin', 'roles.list', {});
  expect(list.items.find((r: { openid: string }) => r.openid === 'wx-zhao')).toMatchObject({ role: 'worker', name: '赵网格', communityNames: ['锦绣社区'] });
});

it('invite page: a typed code is checked on the device, and a used one says so', async () => {
  const backend = testBackend({ as: 'wx-qian' });
  const made = await backend.ok('admin', 'roles.invite', { role: 'worker', communities: ['demo-community'] }, DEMO.admin);
  await backend.ok('account', 'invite.accept', { code: made.code }, 'wx-sun');
  h = boot(backend);
  // A resident's home offers the way in for a code received by message.
  const home = await h.open('/pages/index/index');
  await waitFor(() => home.querySelector('.entries__invite'), FIRST_LOAD_MS);
  tap(home, '.entries__invite');
  await waitFor(() => h!.navigations.length > 0);
  expect(h.navigations.at(-1)).toEqual({ api: 'navigateTo', url: '/signin/pages/invite/index' });
  const page = await h.open('/signin/pages/invite/index');
  await waitFor(() => page.querySelector('.field__input--invite-code'));
  type(page, '.field__input--invite-code', '12');
  await waitFor(() => JSON.stringify(page.instance.data).includes('"12"'));
  tap(page, '.submit--invite-look');
  await waitFor(() => textOf(page).includes('邀请码应为8位字母或数字'));
  type(page, '.field__input--invite-code', made.code.toLowerCase());
  await waitFor(() => JSON.stringify(page.instance.data).includes(made.code.toLowerCase()));
  tap(page, '.submit--invite-look');
  await waitFor(() => textOf(page).includes('该邀请已被使用'), FIRST_LOAD_MS);
});

it('roles: the open invitations are listed by name; 撤销 asks first, takes one off, and its code then says it was revoked', async () => {
  const backend = testBackend({ as: DEMO.admin });
  const zhao = await backend.ok('admin', 'roles.invite', { role: 'worker', communities: ['demo-community'], name: '赵网格' });
  backend.advance(60_000);
  await backend.ok('admin', 'roles.invite', { role: 'worker', communities: ['demo-community'], name: '钱网格' });
  h = boot(backend);
  const roles = await h.open('/admin/pages/roles/index');
  await waitFor(() => roles.querySelectorAll('.open-invites__item').length === 2, FIRST_LOAD_MS);
  expect(textOf(roles)).toContain('待接受的邀请');
  const items = roles.querySelectorAll('.open-invites__item');
  // Newest first, by name, with who invited and until when; no OPENID or code on the screen.
  expect(textOf(items[0])).toContain('钱网格 · 网格员');
  expect(textOf(items[1])).toContain('赵网格 · 网格员');
  expect(textOf(items[1])).toContain('锦绣社区');
  expect(textOf(items[1])).toMatch(/王主任邀请 · .+前有效/);
  expect(textOf(roles)).not.toContain('demo-');
  expect(textOf(roles)).not.toContain(zhao.code);
  // The button says which invitation it withdraws.
  const buttons = () => roles.querySelectorAll('.submit--invite-revoke');
  expect(JSON.stringify(roles.instance.data)).toContain('"撤销邀请：赵网格（网格员，锦绣社区）"'); // its aria-label, as the page data carries it

  // Declined at the confirmation: nothing is sent.
  h.modalAnswer = false;
  buttons()[1].dispatchEvent('tap');
  await waitFor(() => h!.modals.length === 1);
  expect(h.modals[0]).toEqual({ title: '撤销这份邀请？', content: '撤销后，赵网格（网格员，锦绣社区）将无法再用此邀请码加入。' });
  await new Promise((r) => setTimeout(r, 100));
  expect(backend.callsOf('admin', 'roles.revokeInvite')).toHaveLength(0);

  // Confirmed: revoked, and the list is read again without it.
  h.modalAnswer = true;
  buttons()[1].dispatchEvent('tap');
  await waitFor(() => backend.callsOf('admin', 'roles.revokeInvite').length === 1, FIRST_LOAD_MS);
  await waitFor(() => roles.querySelectorAll('.open-invites__item').length === 1, FIRST_LOAD_MS);
  expect(textOf(roles.querySelector('.open-invites__item')!)).toContain('钱网格');

  // The invited person's phone says so in words.
  backend.openid = 'wx-zhao';
  h.closeAll();
  h = boot(backend);
  const invite = await h.open(`/signin/pages/invite/index?scene=${encodeURIComponent(`i=${zhao.code}`)}`);
  await waitFor(() => textOf(invite).includes('该邀请已被管理员撤销；如需加入，请向管理员确认'), FIRST_LOAD_MS);
  expect(invite.querySelector('.submit--invite-accept')).toBeFalsy();
});
