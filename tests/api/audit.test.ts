import { startTestServer, type TestServer } from '../helpers/server';
import { as, NOW, ok, report } from './requests-helpers';

/**
 * The audit trail: every staff change leaves one record (who, when, `<function>.<action>`, which
 * object, phone or PC), written by the dispatch from the actions' declarations; 街道 admins read
 * it, nobody else; residents appear only masked.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const STREET = 'demo-street-admin';
const call = (fn: string, action: string, data: unknown, who: string | null, now = NOW) => server.call(fn, action, data, as(who, now));
const trail = async (query: Record<string, unknown> = {}) => ok(await call('admin', 'audit.list', query, STREET)).items as any[];
const lastOf = async (action: string) => (await trail({ action }))[0];

describe('admin.audit.list', () => {
  it('街道 admins only: community admins, workers and residents 403, anonymous 401', async () => {
    expect((await call('admin', 'audit.list', {}, STREET)).status).toBe(200);
    expect((await call('admin', 'audit.list', {}, 'demo-admin')).status).toBe(403);
    expect((await call('admin', 'audit.list', {}, 'demo-worker-1')).status).toBe(403);
    expect((await call('admin', 'audit.list', {}, 'demo-resident')).status).toBe(403);
    expect((await call('admin', 'audit.list', {}, null)).status).toBe(401);
  });

  it('refuses a malformed action filter naming the field', async () => {
    const res = await call('admin', 'audit.list', { action: 'DROP TABLE' }, STREET);
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('data.action');
  });
});

describe('what the trail records', () => {
  it('a request worked through: accept, transfer, escalate, resolve — each with who, what, which request and when', async () => {
    const id = ok(await call('requests', 'create', report(), 'demo-resident')).id;
    ok(await call('work', 'accept', { id }, 'demo-worker-1', '2026-10-09T09:00:00+08:00'));
    ok(await call('work', 'transfer', { id, toOpenid: 'demo-worker-2', reason: '转交西苑' }, 'demo-worker-1', '2026-10-09T09:10:00+08:00'));
    ok(await call('work', 'accept', { id }, 'demo-worker-2', '2026-10-09T09:15:00+08:00'));
    ok(await call('work', 'escalate', { id, department: 'chengguan', reason: '需要城管' }, 'demo-worker-2', '2026-10-09T09:20:00+08:00'));
    ok(await call('work', 'returnFromDepartment', { id, note: '城管已处理' }, 'demo-admin', '2026-10-09T09:25:00+08:00'));
    ok(await call('work', 'resolve', { id, note: '已修复' }, 'demo-worker-2', '2026-10-09T09:30:00+08:00'));

    const items = (await trail()).filter((e) => e.target === id);
    expect(items).toEqual([
      { at: '2026-10-09T01:30:00.000Z', actor: 'demo-worker-2', actorName: '陈网格', action: 'work.resolve', target: id, via: 'phone' },
      { at: '2026-10-09T01:25:00.000Z', actor: 'demo-admin', actorName: '王主任', action: 'work.returnFromDepartment', target: id, via: 'phone' },
      { at: '2026-10-09T01:20:00.000Z', actor: 'demo-worker-2', actorName: '陈网格', action: 'work.escalate', target: id, via: 'phone' },
      { at: '2026-10-09T01:15:00.000Z', actor: 'demo-worker-2', actorName: '陈网格', action: 'work.accept', target: id, via: 'phone' },
      { at: '2026-10-09T01:10:00.000Z', actor: 'demo-worker-1', actorName: '刘网格', action: 'work.transfer', target: id, via: 'phone' },
      { at: '2026-10-09T01:00:00.000Z', actor: 'demo-worker-1', actorName: '刘网格', action: 'work.accept', target: id, via: 'phone' },
    ]);
    // The resident's own report is not a staff action.
    expect(items.some((e) => e.action === 'requests.create')).toBe(false);
  });

  it('a refused action leaves nothing', async () => {
    const before = (await trail()).length;
    expect((await call('admin', 'workers.upsert', { openid: 'x', name: '某某', level: 'C' }, 'demo-admin')).status).toBe(400);
    const id = ok(await call('requests', 'create', report(), 'demo-resident')).id;
    expect((await call('work', 'resolve', { id, note: '不是我的' }, 'demo-worker-3')).status).toBe(403);
    expect((await trail()).length).toBe(before);
  });

  it('role and department changes, catalog publish, grid import, walk-ins', async () => {
    ok(await call('admin', 'workers.upsert', { openid: 'audit-worker', name: '审计员', level: 'A', phone: '13812345678' }, 'demo-admin'));
    expect(await lastOf('admin.workers.upsert')).toMatchObject({ actor: 'demo-admin', actorName: '王主任', target: 'audit-worker' });

    ok(await call('admin', 'roles.set', { openid: 'audit-worker', role: 'worker', communities: ['demo-community'] }, 'demo-admin'));
    expect(await lastOf('admin.roles.set')).toMatchObject({ actor: 'demo-admin', target: 'audit-worker' });

    ok(await call('admin', 'departments.upsert', { code: 'shuiwu', name: '水务站', categories: [] }, STREET));
    expect(await lastOf('admin.departments.upsert')).toMatchObject({ actor: STREET, target: 'shuiwu' });

    const { catalog } = ok(await call('admin', 'catalog.draft.get', {}, STREET));
    const [year, major, patch] = catalog.version.split('.').map(Number);
    const version = `${year}.${major}.${patch + 1}`;
    ok(await call('admin', 'catalog.publish', { catalog: { ...catalog, version }, note: '审计' }, STREET));
    expect(await lastOf('admin.catalog.publish')).toMatchObject({ actor: STREET, target: version });

    const g = ok(await call('admin', 'grids.list', {}, 'demo-admin')).items.find((x: { code: string }) => x.code === 'G2');
    const feature = { type: 'Feature', geometry: g.geometry, properties: { code: g.code, name: g.name, community: g.community, worker: g.worker, backup: g.backup } };
    ok(await call('admin', 'grids.import', { type: 'FeatureCollection', features: [feature] }, 'demo-admin'));
    expect(await lastOf('admin.grids.import')).toMatchObject({ actor: 'demo-admin', target: 'G2' });

    const w = ok(await call('desk', 'walkin', { matterCode: 'newborn-insurance', outcome: 'onTheSpot', resident: { name: '王女士' } }, 'demo-worker-1'));
    expect(await lastOf('desk.walkin')).toMatchObject({ actor: 'demo-worker-1', target: w.id });
  });

  it('exports, by their route', async () => {
    const res = await server.get('/admin/export/requests.csv?from=2026-10-01&to=2026-10-31', as('demo-admin'));
    expect(res.status).toBe(200);
    expect(await lastOf('admin.export.requests')).toMatchObject({ actor: 'demo-admin', target: '2026-10-01~2026-10-31', via: 'phone' });
    // A refused export is not one.
    expect((await server.get('/admin/export/metrics.csv?from=2026-10-01&to=2026-10-31', as('demo-resident'))).status).toBe(403);
    expect(await trail({ action: 'admin.export.metrics' })).toEqual([]);
  });

  it('account deletion, with the resident masked', async () => {
    ok(await call('account', 'delete', { confirm: true }, 'demo-resident-2'));
    const entry = await lastOf('account.delete');
    expect(entry).toMatchObject({ action: 'account.delete', actor: '居民（已脱敏）', target: null });
    expect(JSON.stringify(await trail())).not.toContain('demo-resident-2');
  });

  it('phone numbers in a target are masked', async () => {
    ok(await call('admin', 'workers.upsert', { openid: '13912345678', name: '手机号', level: 'A' }, 'demo-admin'));
    const entry = await lastOf('admin.workers.upsert');
    expect(entry.target).toBe('139****5678');
  });

  it('a PC session is recorded as via "pc"', async () => {
    const { session } = ok(await call('account', 'webLogin.start', { device: '测试浏览器' }, null));
    ok(await call('account', 'webLogin.confirm', { session }, 'demo-admin'));
    expect(await lastOf('account.webLogin.confirm')).toMatchObject({ actor: 'demo-admin', via: 'phone' });
    const { token } = ok(await call('account', 'webLogin.poll', { session }, null));
    ok(await server.call('admin', 'stations.upsert', { code: 'audit-desk', name: '审计窗口', community: 'demo-community', kind: 'window' }, { authorization: `Bearer ${token}`, 'x-now': NOW }));
    expect(await lastOf('admin.stations.upsert')).toMatchObject({ actor: 'demo-admin', target: 'audit-desk', via: 'pc' });
  });

  it('filters by time window, actor and action', async () => {
    const id = ok(await call('requests', 'create', report(), 'demo-resident')).id;
    ok(await call('work', 'accept', { id }, 'demo-worker-1', '2026-11-02T10:00:00+08:00'));
    ok(await call('work', 'note', { id, note: '稍后上门' }, 'demo-worker-1', '2026-11-03T10:00:00+08:00'));
    const day = await trail({ from: '2026-11-02', to: '2026-11-02' });
    expect(day.map((e) => e.action)).toEqual(['work.accept']);
    const window = await trail({ from: '2026-11-02T00:00:00+08:00', to: '2026-11-03T23:59:59+08:00', actor: 'demo-worker-1' });
    expect(window.map((e) => e.action)).toEqual(['work.note', 'work.accept']);
    expect(await trail({ from: '2026-11-02', actor: 'demo-admin' })).toEqual([]);
  });

  it('filters by the object acted on, and pages newest first without gaps or repeats', async () => {
    const id = ok(await call('requests', 'create', report(), 'demo-resident')).id;
    for (const [i, note] of ['一', '二', '三', '四', '五'].entries()) {
      ok(await call('work', i ? 'note' : 'accept', i ? { id, note: `进展${note}` } : { id }, 'demo-worker-1', `2026-11-20T10:0${i}:00+08:00`));
    }
    const all = await trail({ target: id });
    expect(all.map((e) => e.at)).toEqual(['02:04', '02:03', '02:02', '02:01', '02:00'].map((t) => `2026-11-20T${t}:00.000Z`));
    expect(all.every((e) => e.target === id)).toBe(true);

    const first = ok(await call('admin', 'audit.list', { target: id, limit: 2 }, STREET));
    expect(first.items.map((e: any) => e.at)).toEqual(all.slice(0, 2).map((e) => e.at));
    const second = ok(await call('admin', 'audit.list', { target: id, limit: 2, before: first.next }, STREET));
    expect(second.items.map((e: any) => e.at)).toEqual(all.slice(2, 4).map((e) => e.at));
    const last = ok(await call('admin', 'audit.list', { target: id, limit: 2, before: second.next }, STREET));
    expect(last.items.map((e: any) => e.at)).toEqual(all.slice(4).map((e) => e.at));
    expect(last.next).toBeUndefined();
  });

  it('refuses a malformed page cursor with a Chinese message', async () => {
    const res = await call('admin', 'audit.list', { before: 'x' }, STREET);
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('data.before');
    expect(res.body.error.message).toMatch(/翻页/);
  });
});
