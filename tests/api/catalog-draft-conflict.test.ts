import { startTestServer, type TestServer } from '../helpers/server';
import { as, ok } from './requests-helpers';

/**
 * Two admins editing the catalog draft at once: a save or discard carrying the `savedAt` the
 * editor started from is refused (409 draftChanged, naming who saved and when) when another
 * admin saved or discarded meanwhile; one without it keeps the old last-save-wins (scripts).
 */
let server: TestServer;
const admin = (action: string, data: unknown, who: string) => server.call('admin', action, data, as(who));
const withTip = (catalog: any, tip: string) => ({ ...catalog, matters: catalog.matters.map((m: any, i: number) => (i === 0 ? { ...m, tips: [...m.tips, tip] } : m)) });

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

it('refuses the second of two concurrent saves, naming the first admin, until it reloads', async () => {
  const a = ok(await admin('catalog.draft.get', {}, 'demo-admin'));
  const b = ok(await admin('catalog.draft.get', {}, 'demo-street-admin'));
  expect(a.draft).toBeNull();
  expect(b.draft).toBeNull();

  const savedA = ok(await admin('catalog.draft.save', { catalog: withTip(a.catalog, 'A的提示'), savedAt: null }, 'demo-admin'));
  const late = await admin('catalog.draft.save', { catalog: withTip(b.catalog, 'B的提示'), savedAt: null }, 'demo-street-admin');
  expect(late.status).toBe(409);
  expect(late.body.error).toMatchObject({ code: 'CONFLICT', reason: 'draftChanged' });
  expect(late.body.error.message).toMatch(/^草稿已被王主任于 \d{1,2}月\d{1,2}日 \d{2}:\d{2} 修改，请刷新后再改$/);
  expect(late.body.error.message).not.toContain('demo-admin');
  // A's edits are kept.
  expect(ok(await admin('catalog.draft.get', {}, 'demo-admin')).draft.catalog.matters[0].tips).toContain('A的提示');

  // B reloads (A's draft, A's savedAt) and saves on top of it.
  const reloaded = ok(await admin('catalog.draft.get', {}, 'demo-street-admin'));
  expect(reloaded.draft.savedAt).toBe(savedA.savedAt);
  const savedB = ok(await admin('catalog.draft.save', { catalog: withTip(reloaded.draft.catalog, 'B的提示'), savedAt: reloaded.draft.savedAt }, 'demo-street-admin'));
  expect(savedB.savedAt > savedA.savedAt).toBe(true);
  expect(ok(await admin('catalog.draft.get', {}, 'demo-admin')).draft.catalog.matters[0].tips).toEqual(expect.arrayContaining(['A的提示', 'B的提示']));

  // A, still on its own save, is now the late one.
  const stale = await admin('catalog.draft.save', { catalog: withTip(a.catalog, 'A再改'), savedAt: savedA.savedAt }, 'demo-admin');
  expect(stale.status).toBe(409);
  expect(stale.body.error.reason).toBe('draftChanged');
  expect(stale.body.error.message).not.toContain('demo-street-admin');
  expect(ok(await admin('catalog.draft.get', {}, 'demo-admin')).draft.savedAt).toBe(savedB.savedAt);
});

it('discards only the draft the editor saw', async () => {
  const start = ok(await admin('catalog.draft.get', {}, 'demo-admin'));
  const first = ok(await admin('catalog.draft.save', { catalog: start.catalog }, 'demo-admin'));
  const second = ok(await admin('catalog.draft.save', { catalog: withTip(start.catalog, '后来的修改'), savedAt: first.savedAt }, 'demo-street-admin'));

  const stale = await admin('catalog.draft.discard', { savedAt: first.savedAt }, 'demo-admin');
  expect(stale.status).toBe(409);
  expect(stale.body.error).toMatchObject({ reason: 'draftChanged', message: expect.stringMatching(/^草稿已被.+于 \d{1,2}月\d{1,2}日 \d{2}:\d{2} 修改，请刷新后再改$/) });
  // Started from no draft: someone's draft is there now, so nothing is dropped either.
  expect((await admin('catalog.draft.discard', { savedAt: null }, 'demo-admin')).status).toBe(409);
  expect(ok(await admin('catalog.draft.get', {}, 'demo-admin')).draft.savedAt).toBe(second.savedAt);

  expect(ok(await admin('catalog.draft.discard', { savedAt: second.savedAt }, 'demo-admin'))).toEqual({ discarded: true });
  // Already gone: nothing to refuse.
  expect(ok(await admin('catalog.draft.discard', { savedAt: second.savedAt }, 'demo-admin'))).toEqual({ discarded: false });
  // A save from the discarded draft is refused in words.
  const afterDiscard = await admin('catalog.draft.save', { catalog: start.catalog, savedAt: second.savedAt }, 'demo-admin');
  expect(afterDiscard.status).toBe(409);
  expect(afterDiscard.body.error.message).toBe('草稿已被放弃，请刷新后再改');
  expect(ok(await admin('catalog.draft.get', {}, 'demo-admin')).draft).toBeNull();
});

it('without savedAt, keeps last-save-wins (scripts)', async () => {
  const start = ok(await admin('catalog.draft.get', {}, 'demo-admin'));
  ok(await admin('catalog.draft.save', { catalog: withTip(start.catalog, '第一次') }, 'demo-admin'));
  ok(await admin('catalog.draft.save', { catalog: withTip(start.catalog, '第二次') }, 'demo-street-admin'));
  const { draft } = ok(await admin('catalog.draft.get', {}, 'demo-admin'));
  expect(draft).toMatchObject({ by: 'demo-street-admin' });
  expect(draft.catalog.matters[0].tips).toContain('第二次');
  expect(draft.catalog.matters[0].tips).not.toContain('第一次');
  expect(ok(await admin('catalog.draft.discard', {}, 'demo-admin'))).toEqual({ discarded: true });
});

it('refuses a malformed savedAt with a Chinese message', async () => {
  const start = ok(await admin('catalog.draft.get', {}, 'demo-admin'));
  for (const [action, data] of [
    ['catalog.draft.save', { catalog: start.catalog, savedAt: 123 }],
    ['catalog.draft.save', { catalog: start.catalog, savedAt: 'x'.repeat(41) }],
    ['catalog.draft.discard', { savedAt: false }],
  ] as const) {
    const res = await admin(action, data, 'demo-admin');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'BAD_REQUEST', field: 'data.savedAt', message: expect.stringContaining('savedAt 应为草稿的保存时间') });
  }
  expect(ok(await admin('catalog.draft.get', {}, 'demo-admin')).draft).toBeNull();
});
