import { bootApp, tap, textOf, type, waitFor, type WeappHarness } from './harness';
import { FIRST_LOAD_MS, FIXED_NOW, type RealBackend, report } from './real-backend';
import { allOn, testBackend } from './real-ops';

/** 操作审计 (admin subpackage) on the real handlers: a 街道 admin searches the trail by object. */

let h: WeappHarness | undefined;
let backend: RealBackend | undefined;
afterEach(async () => {
  h?.closeAll();
  await backend?.close();
});

it('a 街道 admin searches by object: only that request’s records, newest first, no further page', async () => {
  backend = testBackend({ as: 'demo-street-admin' });
  const id = (await backend.ok('requests', 'create', report(), 'demo-resident')).id as string;
  const other = (await backend.ok('requests', 'create', report({ description: '另一处路灯不亮' }), 'demo-resident')).id as string;
  await backend.ok('work', 'accept', { id }, 'demo-worker-1');
  await backend.ok('work', 'accept', { id: other }, 'demo-worker-1');
  backend.advance(60_000);
  await backend.ok('work', 'note', { id, note: '已联系电工 13812345678' }, 'demo-worker-1');

  h = bootApp({ cloud: allOn(backend), clock: FIXED_NOW });
  const page = await h.open('/admin/pages/audit/index');
  await waitFor(() => page.querySelectorAll('.audit__item').length >= 3, FIRST_LOAD_MS);

  type(page, '.field__input--audit-target', id);
  tap(page, '.audit__search');
  await waitFor(() => page.querySelectorAll('.audit__item').length === 2, FIRST_LOAD_MS);
  const items = page.querySelectorAll('.audit__item').map(textOf);
  // Actions and people by name, never their codes or OPENIDs.
  expect(items[0]).toContain('添加办理备注');
  expect(items[1]).toContain('签收工单');
  for (const text of items) expect(text).toContain(id);
  for (const text of items) expect(text).toContain('刘网格');
  expect(textOf(page)).not.toMatch(/work\.|demo-worker/);
  expect(textOf(page)).not.toContain(other);
  expect(backend.callsOf('admin', 'audit.list').at(-1)!.data).toMatchObject({ target: id, limit: 50 });
  expect(page.querySelector('.audit__more')).toBeFalsy();
});

it('the person and the action are picked by name: 刘网格 · 签收工单 finds both accepts and nothing else', async () => {
  backend = testBackend({ as: 'demo-street-admin' });
  const ids: string[] = [];
  for (const description of ['路灯不亮', '另一处路灯不亮']) ids.push((await backend.ok('requests', 'create', report({ description }), 'demo-resident')).id as string);
  for (const id of ids) await backend.ok('work', 'accept', { id }, 'demo-worker-1');
  await backend.ok('work', 'note', { id: ids[0], note: '已联系电工' }, 'demo-worker-1');

  h = bootApp({ cloud: allOn(backend), clock: FIXED_NOW });
  const page = await h.open('/admin/pages/audit/index');
  await waitFor(() => page.querySelectorAll('.choices--audit-actor .choice').length > 2, FIRST_LOAD_MS);
  const pick = (group: string, label: string) => {
    const chip = page.querySelectorAll(`.choices--${group} .choice`).find((c) => textOf(c).startsWith(label));
    if (!chip) throw new Error(`no ${label} in ${group}`);
    chip.dispatchEvent('tap');
  };
  pick('audit-actor', '刘网格');
  pick('audit-action', '签收工单');
  await waitFor(() => textOf(page.querySelector('.choices--audit-action .choice--on') ?? page) === '签收工单', FIRST_LOAD_MS);
  tap(page, '.audit__search');
  await waitFor(() => backend!.callsOf('admin', 'audit.list').length === 2, FIRST_LOAD_MS);
  expect(backend.callsOf('admin', 'audit.list')[1].data).toMatchObject({ actor: 'demo-worker-1', action: 'work.accept' });
  await waitFor(() => page.querySelectorAll('.audit__item').length === 2, FIRST_LOAD_MS);
  for (const text of page.querySelectorAll('.audit__item').map(textOf)) expect(text).toContain('签收工单');
});

it('a community admin is told the trail is read one level up', async () => {
  backend = testBackend({ as: 'demo-admin' });
  h = bootApp({ cloud: allOn(backend), clock: FIXED_NOW });
  const page = await h.open('/admin/pages/audit/index');
  await waitFor(() => backend!.callsOf('admin', 'audit.list').length === 1, FIRST_LOAD_MS);
  await waitFor(() => textOf(page).includes('街道'), FIRST_LOAD_MS);
  expect(page.querySelectorAll('.audit__item')).toHaveLength(0);
});
