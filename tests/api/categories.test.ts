import { ok, P, report, serverPerFile } from './requests-helpers';

/** 随手拍 categories are the 街道's: its admins add, rename and retire them; none is ever deleted. */

const T = serverPerFile();
const offered = async () => ok(await T.api.requests('options', {}, 'demo-resident')).reportCategories.map((c: { code: string; name: string }) => `${c.code}:${c.name}`);

it('is for 街道 admins only', async () => {
  const res = await T.api.admin('categories.upsert', { code: 'zaoyin', name: '噪音扰民' }, 'demo-admin');
  expect(res.status).toBe(403);
  expect(await offered()).not.toContain('zaoyin:噪音扰民');
});

it('adds, renames and retires a category; requests filed before keep its name; retired ones are not offered nor accepted', async () => {
  expect(ok(await T.api.admin('categories.upsert', { code: 'zaoyin', name: '噪音扰民', icon: '🔊', workingDays: 3 }, 'demo-street-admin'))).toEqual({ code: 'zaoyin', name: '噪音扰民', icon: '🔊', workingDays: 3 });
  expect(await offered()).toContain('zaoyin:噪音扰民');
  const before = ok(await T.api.requests('create', report({ category: 'zaoyin', description: '夜间施工噪音', location: P.G1 }), 'demo-resident'));
  expect(before.title).toBe('随手拍·噪音扰民');

  ok(await T.api.admin('categories.upsert', { code: 'zaoyin', name: '噪声扰民' }, 'demo-street-admin'));
  expect(await offered()).toContain('zaoyin:噪声扰民');
  expect(ok(await T.api.admin('categories.upsert', { code: 'zaoyin', name: '噪声扰民', retired: true }, 'demo-street-admin'))).toMatchObject({ icon: '🔊', workingDays: 3, retired: true });
  expect((await offered()).some((c: string) => c.startsWith('zaoyin:'))).toBe(false);
  const refused = await T.api.requests('create', report({ category: 'zaoyin', location: P.G1 }), 'demo-resident');
  expect(refused.body.error).toMatchObject({ code: 'BAD_REQUEST', field: 'data.category' });
  expect(ok(await T.api.requests('get', { id: before.id }, 'demo-resident'))).toMatchObject({ category: 'zaoyin', title: '随手拍·噪音扰民' });

  ok(await T.api.admin('categories.upsert', { code: 'zaoyin', name: '噪声扰民', retired: false }, 'demo-street-admin'));
  expect(await offered()).toContain('zaoyin:噪声扰民');
});

it('refuses a new code a guide category already uses', async () => {
  const { categories } = ok(await T.server.call('guide', 'list', {}));
  const res = await T.api.admin('categories.upsert', { code: categories[0].code, name: '重复分类' }, 'demo-street-admin');
  expect(res.body.error).toMatchObject({ code: 'CONFLICT', field: 'data.code' });
});
