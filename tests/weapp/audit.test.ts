import { fakeGuide } from './fake-guide';
import { testCatalog } from './fixture';
import { bootApp, tap, textOf, type, waitFor, type WeappHarness } from './harness';
import { FIRST_LOAD_MS, FIXED_NOW, RealBackend, report } from './real-backend';

/** 操作审计 (admin subpackage) on the real handlers: a 街道 admin searches the trail by object. */

let h: WeappHarness | undefined;
let backend: RealBackend | undefined;
afterEach(async () => {
  h?.closeAll();
  await backend?.close();
});

it('a 街道 admin searches by object: only that request’s records, newest first, no further page', async () => {
  backend = new RealBackend({ as: 'demo-street-admin' });
  const id = (await backend.ok('requests', 'create', report(), 'demo-resident')).id as string;
  const other = (await backend.ok('requests', 'create', report({ description: '另一处路灯不亮' }), 'demo-resident')).id as string;
  await backend.ok('work', 'accept', { id }, 'demo-worker-1');
  await backend.ok('work', 'accept', { id: other }, 'demo-worker-1');
  backend.advance(60_000);
  await backend.ok('work', 'note', { id, note: '已联系电工 13812345678' }, 'demo-worker-1');

  h = bootApp({ cloud: backend.handler(fakeGuide(testCatalog)), clock: FIXED_NOW });
  const page = await h.open('/admin/pages/audit/index');
  await waitFor(() => page.querySelectorAll('.audit__item').length >= 3, FIRST_LOAD_MS);

  type(page, '.field__input--audit-target', id);
  tap(page, '.audit__search');
  await waitFor(() => page.querySelectorAll('.audit__item').length === 2);
  const items = page.querySelectorAll('.audit__item').map(textOf);
  expect(items[0]).toContain('work.note');
  expect(items[1]).toContain('work.accept');
  for (const text of items) expect(text).toContain(id);
  expect(textOf(page)).not.toContain(other);
  expect(backend.callsOf('admin', 'audit.list').at(-1)!.data).toMatchObject({ target: id, limit: 50 });
  expect(page.querySelector('.audit__more')).toBeFalsy();
});

it('a community admin is told the trail is read one level up', async () => {
  backend = new RealBackend({ as: 'demo-admin' });
  h = bootApp({ cloud: backend.handler(fakeGuide(testCatalog)), clock: FIXED_NOW });
  const page = await h.open('/admin/pages/audit/index');
  await waitFor(() => backend!.callsOf('admin', 'audit.list').length === 1, FIRST_LOAD_MS);
  await waitFor(() => textOf(page).includes('街道'));
  expect(page.querySelectorAll('.audit__item')).toHaveLength(0);
});
