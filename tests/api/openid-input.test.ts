import { as, ok, report, serverPerFile } from './requests-helpers';

/** Admin and staff inputs that name a person by OPENID accept only an OPENID's form. */
const T = serverPerFile();

const HOSTILE = ['   ', '', '../../etc/passwd', '$where', 'a b', 'demo-admin\u0000', '{"$ne":null}'];

it.each(HOSTILE)('refuses %j wherever an OPENID is taken, naming the field, storing nothing', async (openid) => {
  const before = ok(await T.api.admin('roles.list', {}, 'demo-street-admin')).items.length;
  const cases: Array<[Promise<{ status: number; body: any }>, string]> = [
    [T.api.admin('roles.set', { openid, role: 'worker', communities: ['demo-community'] }, 'demo-admin'), 'data.openid'],
    [T.api.admin('workers.upsert', { openid, name: '新网格员', level: 'A' }, 'demo-admin'), 'data.openid'],
    [T.api.requests('create', report({ onBehalfOf: openid }), 'demo-worker-1'), 'data.onBehalfOf'],
    [T.server.call('desk', 'roster.set', { date: '2026-10-12', openids: [openid] }, as('demo-admin')), 'data.openids.0'],
  ];
  for (const [call, field] of cases) {
    const res = await call;
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe(field);
  }
  const r = ok(await T.api.requests('create', report(), 'demo-resident'));
  const transfer = await T.api.work('transfer', { id: r.id, toOpenid: openid, reason: '转给同事' }, r.assignee.openid);
  expect(transfer.status).toBe(400);
  expect(transfer.body.error.field).toBe('data.toOpenid');
  expect(ok(await T.api.admin('roles.list', {}, 'demo-street-admin')).items.length).toBe(before);
});

it('accepts WeChat-shaped and demo OPENIDs', async () => {
  ok(await T.api.admin('roles.set', { openid: 'oAbC_12-xyzXYZ0123456789abcd', role: 'worker', communities: ['demo-community'], name: '新同事' }, 'demo-admin'));
});
