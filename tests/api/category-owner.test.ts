import { OUTBOX } from '../../cloudfunctions/lib/outbox/outbox';
import { ok, P, report, serverPerFile } from './requests-helpers';

/**
 * Category → owning department as a routing step: a report in a category a department owns (燃气
 * `ranqi` → 燃气公司 in the demo) is made known to that department's staff at once; the grid
 * worker stays the assignee. A category whose owners have no staff tells nobody extra.
 */

const T = serverPerFile();
const noticesOf = async (requestId: string) =>
  (await T.server.store.collection<{ _id: string; to: string; data: { requestId: string; message: string } }>(OUTBOX).find({ 'data.requestId': requestId })).map((e) => [e.to, e.data.message]);

it('a 燃气 report reaches its worker and tells 燃气公司’s staff (urgent in the demo: at once, as 紧急)', async () => {
  const r = ok(await T.api.requests('create', report({ category: 'ranqi', description: '楼道里有燃气味', location: P.G2 }), 'demo-resident'));
  expect(r.assignee.openid).toBe('demo-worker-2');
  expect(await noticesOf(r.id)).toEqual(
    expect.arrayContaining([
      ['demo-worker-2', expect.stringContaining('您有新的工单')],
      ['demo-dept-gas', expect.stringMatching(/^紧急：随手拍·燃气安全/)],
    ]),
  );
});

it('a report in an owned category that is not urgent tells the owning department for its information', async () => {
  ok(await T.server.call('admin', 'departments.upsert', { code: 'gongshui', name: '自来水公司', categories: ['gongshui'], staff: ['demo-dept-gas'] }, { 'x-openid': 'demo-street-admin' }));
  const r = ok(await T.api.requests('create', report({ category: 'gongshui', description: '小区水管漏水了', location: P.G1 }), 'demo-resident'));
  expect(await noticesOf(r.id)).toEqual(
    expect.arrayContaining([
      ['demo-worker-1', expect.stringContaining('您有新的工单')],
      ['demo-dept-gas', expect.stringMatching(/^权属部门知悉：随手拍·供水排水/)],
    ]),
  );
});

it('a 市政 report (owned by 城管局, which has no staff on file) tells only its worker', async () => {
  const r = ok(await T.api.requests('create', report({ location: P.G1 }), 'demo-resident'));
  expect((await noticesOf(r.id)).map(([to]) => to)).toEqual(['demo-worker-1']);
});

it('work.directory offers the departments with the categories they own', async () => {
  const { departments } = ok(await T.api.work('directory', {}, 'demo-worker-1'));
  expect(departments.filter((d: { categories: string[] }) => d.categories.includes('weijian')).map((d: { code: string }) => d.code).sort()).toEqual(['chengguan', 'zhujian']);
});
