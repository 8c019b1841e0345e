import { REQUESTS, type RequestDoc } from '../../cloudfunctions/lib/requests/store';
import { ok, report, serverPerFile } from './requests-helpers';

const T = serverPerFile();

const FILED = '2026-10-12T10:00:00+08:00';
const LATER = '2026-10-12T15:00:00+08:00';
const WINDOW = { from: '2026-10-12', to: '2026-10-18' };
const metrics = (who: string | null, data: unknown = WINDOW, now = LATER) => T.api.admin('metrics', data, who, now);

async function resolved(resident: string): Promise<string> {
  const r = ok(await T.api.requests('create', report(), resident, FILED));
  ok(await T.api.work('accept', { id: r.id }, 'demo-worker-1', FILED));
  ok(await T.api.work('resolve', { id: r.id, note: '已修好' }, 'demo-worker-1', '2026-10-12T12:00:00+08:00'));
  return r.id;
}

describe('admin.metrics', () => {
  it('is for admins only: 401 anonymous, 403 residents and workers', async () => {
    expect((await metrics(null)).status).toBe(401);
    expect((await metrics('demo-resident')).status).toBe(403);
    expect((await metrics('demo-worker-1')).status).toBe(403);
    expect((await metrics('demo-admin', { ...WINDOW, community: 'elsewhere' })).status).toBe(403);
  });

  it('refuses a malformed or reversed window, naming the field', async () => {
    const bad = await metrics('demo-admin', { from: 'yesterday', to: '2026-10-18' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('data.from');
    expect((await metrics('demo-admin', { from: '2026-10-18', to: '2026-10-12' })).status).toBe(400);
  });

  it('answers the contract shape; an empty window is all zeros', async () => {
    const m = ok(await metrics('demo-admin', { from: '2020-01-01', to: '2020-01-31' }));
    expect(m).toMatchObject({ total: 0, resolved: 0, onTimeRate: 0, satisfactionRate: 0, onTheSpotRate: 0, avgHandlingHours: 0, rated: 0 });
    for (const list of ['byCategory', 'byGrid', 'byWorker']) expect(m[list]).toEqual([]);
  });

  it('counts the window, and a resident rating 1 moves satisfactionRate', async () => {
    const a = await resolved('demo-resident');
    const b = await resolved('demo-resident-2');
    ok(await T.api.requests('create', report({ description: '井盖松动，有响声' }), 'demo-resident', FILED)); // still open
    ok(await T.api.requests('create', report({ description: '窗口外的诉求' }), 'demo-resident', '2026-10-20T10:00:00+08:00')); // outside

    const before = ok(await metrics('demo-admin'));
    expect(before).toMatchObject({ total: 3, resolved: 2, onTimeRate: 1, satisfactionRate: 0, rated: 0, unratedShare: 1, avgHandlingHours: 2, overdueNow: 0 });
    for (const key of ['onTimeRate', 'satisfactionRate', 'onTheSpotRate']) expect(before[key]).toBeGreaterThanOrEqual(0);
    expect(before.byCategory).toEqual([expect.objectContaining({ key: 'shizheng', total: 3, resolved: 2 })]);
    expect(before.byGrid).toEqual([expect.objectContaining({ key: 'G1', name: '锦绣东苑', total: 3 })]);
    expect(before.byWorker).toEqual([expect.objectContaining({ key: 'demo-worker-1', name: '刘网格', total: 3 })]);
    expect(before.volume.byDay).toEqual([{ date: '2026-10-12', count: 3 }]);
    expect(before.volume.byWeek).toEqual([{ week: '2026-W42', count: 3 }]);
    expect(before.hotSpots.places[0]).toMatchObject({ count: 3, topCategory: 'shizheng', topCategoryName: '市政设施', name: '锦绣东苑' });

    ok(await T.api.requests('rate', { id: a, score: 5 }, 'demo-resident', LATER));
    expect(ok(await metrics('demo-admin'))).toMatchObject({ satisfactionRate: 1, rated: 1, satisfied: 1 });
    ok(await T.api.requests('rate', { id: b, score: 1 }, 'demo-resident-2', LATER));
    const after = ok(await metrics('demo-admin'));
    expect(after).toMatchObject({ satisfactionRate: 0.5, rated: 2, satisfied: 1, resolved: 1, reopened: 1 });

    // A week later the open one is overdue; the street admin sees the same communities.
    const late = ok(await metrics('demo-street-admin', WINDOW, '2026-10-20T10:00:00+08:00'));
    expect(late.overdueNow).toBe(2);
    expect(late.total).toBe(3);
  });

  it('walk-ins and grid visits: on-the-spot rate, trips per matter and visit targets', async () => {
    const week = { from: '2026-10-26', to: '2026-11-01' };
    const at = '2026-10-30T10:00:00+08:00';
    const before = ok(await metrics('demo-admin', week, at));
    const desk = (data: unknown) => T.server.call('desk', 'walkin', data, { 'x-openid': 'demo-worker-1', 'x-now': at });
    ok(await desk({ matterCode: 'newborn-insurance', outcome: 'onTheSpot', resident: { openid: 'demo-resident' } }));
    ok(await desk({ matterCode: 'newborn-insurance', outcome: 'handoff', resident: { openid: 'demo-resident' } }));
    ok(await desk({ matterCode: 'newborn-insurance', outcome: 'onTheSpot', resident: { openid: 'demo-resident-2' } }));
    ok(await desk({ matterCode: 'childcare-subsidy', outcome: 'onTheSpot' }));
    // demo-worker-2 out on three days of the week: four households, one of them twice.
    for (const [date, household] of [['2026-10-26', 'H1'], ['2026-10-26', 'H2'], ['2026-10-28', 'H3'], ['2026-10-29', 'H1'], ['2026-10-29', 'H4']]) {
      ok(await T.server.call('visits', 'log', { household, date, found: '正常' }, { 'x-openid': 'demo-worker-2', 'x-now': at }));
    }

    const m = ok(await metrics('demo-admin', week, at));
    expect(m.walkins).toEqual({ total: before.walkins.total + 4, onTheSpot: before.walkins.onTheSpot + 3, handoff: before.walkins.handoff + 1 });
    const newborn = m.tripsByMatter.find((t: { matterCode: string }) => t.matterCode === 'newborn-insurance');
    expect(newborn).toMatchObject({ title: '新生儿参加城乡居民医保', walkins: 3, residents: 2, tripsPerResident: 1.5 });
    expect(m.tripsByMatter.find((t: { matterCode: string }) => t.matterCode === 'childcare-subsidy')).toMatchObject({ walkins: 1, residents: 0, tripsPerResident: 0 });
    const worker = (v: typeof m, openid: string) => v.visitTargets.workers.find((w: { openid: string }) => w.openid === openid);
    expect(worker(m, 'demo-worker-2')).toMatchObject({
      name: '陈网格',
      days: worker(before, 'demo-worker-2').days + 3,
      households: worker(before, 'demo-worker-2').households + 4,
    });
  });

  it('exports requests and metrics as CSV for admins: BOM, masked phones', async () => {
    await T.server.store.collection<{ _id: string; role: string; phone?: string; createdAt: string }>('users').put({ _id: 'csv-resident', role: 'resident', phone: '13912345678', createdAt: FILED });
    ok(await T.api.requests('create', report({ description: '请回电13912345678，路灯坏了' }), 'csv-resident', FILED));
    const q = `?from=${WINDOW.from}&to=${WINDOW.to}`;
    expect((await T.server.get(`/admin/export/requests.csv${q}`)).status).toBe(401);
    expect((await T.server.get(`/admin/export/requests.csv${q}`, { 'x-openid': 'demo-worker-1' })).status).toBe(403);
    expect((await T.server.get('/admin/export/requests.csv?from=x&to=y', { 'x-openid': 'demo-admin' })).status).toBe(400);
    const res = await T.server.get(`/admin/export/requests.csv${q}`, { 'x-openid': 'demo-admin', 'x-now': LATER });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv; charset=utf-8/);
    expect([...res.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = res.bytes.toString('utf8');
    expect(text).not.toContain('13912345678');
    expect(text).toContain('139****5678');
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(1 + 4); // header + the window's requests
    const m = await T.server.get(`/admin/export/metrics.csv${q}`, { 'x-openid': 'demo-admin', 'x-now': LATER });
    expect(m.status).toBe(200);
    expect(m.bytes.toString('utf8')).toMatch(/^\uFEFF指标,值\r\n/);
    expect(m.bytes.toString('utf8')).toContain('诉求总数,4');
  });

  it('stores the facts on the request document', async () => {
    const doc = (await T.server.store.collection<RequestDoc>(REQUESTS).find({}, { limit: 1 }))[0];
    expect(doc.facts).toMatchObject({ v: 1, category: 'shizheng' });
  });
});
