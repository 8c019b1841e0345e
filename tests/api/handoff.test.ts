import { OUTBOX, type OutboxEntry } from '../../cloudfunctions/lib/outbox/outbox';
import { NOW, ok, P, report, serverPerFile } from './requests-helpers';

/**
 * The handoff in the field (issue 16): a visit says where to go and whom to call; a station QR
 * opens the station; an urgent category is due in hours, told at once and first in every inbox;
 * the dashboard's overdue figure opens exactly the requests it counts.
 */
const T = serverPerFile();

const outboxTo = async (to: string) => T.server.store.collection<OutboxEntry>(OUTBOX).find({ to });
const ids = (items: { id: string }[]) => items.map((i) => i.id);
const HOUR = 3_600_000;

describe('a doorstep visit carries its place and phone', () => {
  const base = { kind: 'visit', matterCode: 'dibao', slotId: 'demo-worker-1:2026-10-12T01:00:00.000Z' };

  it.each([
    [{ buildingCode: 'G1-1' }, 'data.contactPhone'],
    [{ contactPhone: '13912345678' }, 'data.buildingCode'],
    [{ contactPhone: '13912345678', address: '   ' }, 'data.buildingCode'],
    [{ contactPhone: '12345', buildingCode: 'G1-1' }, 'data.contactPhone'],
  ])('refuses %j, naming %s', async (over, field) => {
    const r = await T.api.requests('create', { ...base, ...over }, 'demo-resident');
    expect(r.status).toBe(400);
    expect(r.body.error.field).toBe(field);
  });

  it('shows them to the resident, the assignee and the admin; a grid colleague sees the phone masked', async () => {
    const created = ok(await T.api.requests('create', { ...base, buildingCode: 'G1-1', address: '3单元502', contactPhone: '13912345678' }, 'demo-resident'));
    expect(created).toMatchObject({ buildingCode: 'G1-1', buildingName: '锦绣东苑1栋', address: '3单元502', contactPhone: '13912345678', assignee: { openid: 'demo-worker-1' } });
    for (const who of ['demo-resident', 'demo-worker-1', 'demo-admin']) {
      expect(ok(await T.api.requests('get', { id: created.id }, who))).toMatchObject({ address: '3单元502', contactPhone: '13912345678' });
    }
    // demo-worker-2 is G1's B角: sees the request, not the whole number.
    const colleague = ok(await T.api.requests('get', { id: created.id }, 'demo-worker-2'));
    expect(colleague).toMatchObject({ address: '3单元502', contactPhone: '139****5678' });
    expect(ids(ok(await T.api.work('inbox', {}, 'demo-worker-1')).items)).toContain(created.id);
    expect(ok(await T.api.work('inbox', {}, 'demo-worker-1')).items.find((i: { id: string }) => i.id === created.id)).toMatchObject({ contactPhone: '13912345678' });
  });

  it('gives the resident the worker’s phone once inside the change cut-off, not before', async () => {
    const r = ok(await T.api.requests('create', { ...base, slotId: 'demo-worker-1:2026-10-13T01:00:00.000Z', buildingCode: 'G1-2', contactPhone: '13912345678' }, 'demo-resident-2'));
    expect(r.assignee.phone).toBeUndefined();
    // 13 October 09:00 Shanghai; the cut-off is two hours before.
    const early = ok(await T.api.requests('get', { id: r.id }, 'demo-resident-2', '2026-10-13T06:30:00+08:00'));
    expect(early.assignee.phone).toBeUndefined();
    const inside = ok(await T.api.requests('get', { id: r.id }, 'demo-resident-2', '2026-10-13T07:30:00+08:00'));
    expect(inside.assignee).toEqual({ openid: 'demo-worker-1', name: '刘网格', phone: '13800000001' });
    expect((await T.api.booking('cancel', { id: r.id, reason: '临时有事' }, 'demo-resident-2', '2026-10-13T07:30:00+08:00')).status).toBe(409); // too late to change online
  });

  it('names the grid, community and category beside their codes', async () => {
    const r = ok(await T.api.requests('create', report({ category: 'huanjing', description: '楼下垃圾没人清运' }), 'demo-resident'));
    expect(r).toMatchObject({ gridCode: 'G1', gridName: '锦绣东苑', community: 'demo-community', communityName: '锦绣社区', category: 'huanjing', categoryName: '环境卫生' });
    expect(ok(await T.api.requests('get', { id: r.id }, 'demo-worker-1'))).toMatchObject({ gridName: '锦绣东苑', categoryName: '环境卫生' });
  });

  it('reschedules and cancels without a reason; the timeline shows the old and new times', async () => {
    const r = ok(await T.api.requests('create', { ...base, slotId: 'demo-worker-1:2026-10-15T01:00:00.000Z', buildingCode: 'G1-1', contactPhone: '13912345678' }, 'demo-resident'));
    const moved = ok(await T.api.booking('reschedule', { id: r.id, slotId: 'demo-worker-1:2026-10-15T06:00:00.000Z' }, 'demo-resident'));
    expect(moved.timeline.at(-1)).toMatchObject({ type: 'reschedule', note: '预约已改期：10月15日 09:00 → 10月15日 14:00' });
    const staff = ok(await T.api.requests('get', { id: r.id }, 'demo-worker-1'));
    expect(staff.timeline.at(-1).note).toBe('预约已改期：10月15日 09:00 → 10月15日 14:00');
    expect(ok(await T.api.booking('cancel', { id: r.id }, 'demo-resident')).status).toBe('cancelled');
  });

  it('flags a visit whose time passed unresolved to the resident, the worker and the admin', async () => {
    const r = ok(await T.api.requests('create', { ...base, slotId: 'demo-worker-1:2026-10-16T01:00:00.000Z', buildingCode: 'G1-1', contactPhone: '13912345678' }, 'demo-resident'));
    const during = '2026-10-16T09:30:00+08:00';
    const after = '2026-10-16T10:30:00+08:00';
    expect(ok(await T.api.requests('get', { id: r.id }, 'demo-resident', during)).missed).toBeUndefined();
    for (const who of ['demo-resident', 'demo-worker-1', 'demo-admin']) expect(ok(await T.api.requests('get', { id: r.id }, who, after)).missed).toBe(true);
    expect(ids(ok(await T.api.admin('requests.list', { missed: true }, 'demo-admin', after)).items)).toContain(r.id);
    expect(ids(ok(await T.api.admin('requests.list', { missed: true }, 'demo-admin', during)).items)).not.toContain(r.id);
    ok(await T.api.work('accept', { id: r.id }, 'demo-worker-1', after));
    ok(await T.api.work('resolve', { id: r.id, note: '已补办' }, 'demo-worker-1', after));
    expect(ok(await T.api.requests('get', { id: r.id }, 'demo-resident', after)).missed).toBeUndefined();
    expect(ids(ok(await T.api.admin('requests.list', { missed: true }, 'demo-admin', after)).items)).not.toContain(r.id);
  });

  it('takes an address alone', async () => {
    const r = ok(await T.api.requests('create', { ...base, slotId: 'demo-worker-2:2026-10-12T01:00:00.000Z', location: P.G2, address: '锦绣西苑3栋2单元', contactPhone: '028-87001234' }, 'demo-resident-2'));
    expect(r).toMatchObject({ address: '锦绣西苑3栋2单元', contactPhone: '028-87001234' });
    expect(r.buildingCode).toBeUndefined();
  });
});

describe('同一问题？ by building', () => {
  it('offers a report filed at the same building (it has no point) before a second one is filed', async () => {
    const first = ok(await T.api.requests('create', report({ category: 'wuye', description: '2单元电梯停运', location: undefined, buildingCode: 'G2-2' }), 'demo-resident'));
    expect(first.location).toBeUndefined();
    const mine = ok(await T.api.requests('duplicates', { category: 'wuye', buildingCode: 'G2-2' }, 'demo-resident')).candidates;
    expect(mine).toEqual([expect.objectContaining({ id: first.id, mine: true, distance: 0 })]);
    // With the building's point as well (what the form sends), still found once.
    const both = ok(await T.api.requests('duplicates', { category: 'wuye', buildingCode: 'G2-2', location: { lat: 30.9935, lng: 103.6205 } }, 'demo-resident-2')).candidates;
    expect(both.map((c: { id: string }) => c.id)).toEqual([first.id]);
    expect(ok(await T.api.requests('duplicates', { category: 'wuye', buildingCode: 'G2-1' }, 'demo-resident')).candidates).toEqual([]);
    expect(ok(await T.api.requests('duplicates', { category: 'huanjing', buildingCode: 'G2-2' }, 'demo-resident')).candidates).toEqual([]);
    expect((await T.api.requests('duplicates', { category: 'wuye' }, 'demo-resident')).body.error.field).toBe('data.location');
  });
});

describe('guide.scene with a station code', () => {
  it('answers the station with its names, hours, phone and what can be done there', async () => {
    const s = ok(await T.server.call('guide', 'scene', { scene: 's=jinxiu-window' }, {}));
    expect(s).toMatchObject({
      type: 'station',
      code: 'jinxiu-window',
      name: '锦绣社区党群服务中心综合窗口',
      kindName: '综合窗口',
      community: 'demo-community',
      communityName: '锦绣社区',
      address: '锦绣路18号',
      hours: '工作日 9:00–12:00，14:00–17:30',
      phone: '028-87000018',
    });
    expect(s.matters.length).toBeGreaterThan(0);
    for (const m of s.matters) expect(m).toMatchObject({ code: expect.any(String), title: expect.any(String), onTheSpot: true });
    // URL-encoded as WeChat hands it over.
    expect(ok(await T.server.call('guide', 'scene', { scene: 's%3Djinxiu-south-point' }, {}))).toMatchObject({ type: 'station', name: '锦绣南苑受理点', kindName: '小区受理点' });
    expect((await T.server.call('guide', 'scene', { scene: 's=no-such-station' }, {})).status).toBe(404);
  });

  it('an admin sets a station’s hours, phone and matters', async () => {
    ok(await T.api.admin('stations.upsert', { code: 'jinxiu-east-point', name: '锦绣东苑受理点', kind: 'point', hours: '每天 8:30–11:30', phone: '028-87000099', matters: ['dibao', 'senior-card'] }, 'demo-admin'));
    const s = ok(await T.server.call('guide', 'scene', { scene: 's=jinxiu-east-point' }, {}));
    expect(s).toMatchObject({ hours: '每天 8:30–11:30', phone: '028-87000099' });
    expect(s.matters.map((m: { code: string }) => m.code)).toEqual(['dibao', 'senior-card']);
  });
});

describe('an urgent category (燃气)', () => {
  it('is due within hours, tells the department and the admin at once, and tops every inbox', async () => {
    // An older ordinary report, overdue by now: due before the gas report, yet below it.
    const old = ok(await T.api.requests('create', report({ description: '井盖松动' }), 'demo-resident', '2026-09-21T10:00:00+08:00'));
    const gas = ok(await T.api.requests('create', report({ category: 'ranqi', description: '楼道里很重的煤气味' }), 'demo-resident'));
    expect(gas.urgent).toBe(true);
    const hours = (Date.parse(gas.dueAt) - Date.parse(gas.createdAt)) / HOUR;
    expect(hours).toBeGreaterThan(0);
    expect(hours).toBeLessThanOrEqual(4);
    expect(old.urgent).toBeUndefined();
    expect((Date.parse(old.dueAt) - Date.parse(old.createdAt)) / HOUR).toBeGreaterThan(24);

    for (const to of ['demo-worker-1', 'demo-dept-gas', 'demo-admin']) {
      expect((await outboxTo(to)).some((e) => e.data.requestId === gas.id)).toBe(true);
    }
    const worker = ids(ok(await T.api.work('inbox', {}, 'demo-worker-1')).items);
    expect(worker.indexOf(gas.id)).toBe(0);
    expect(worker).toContain(old.id);
    expect(ids(ok(await T.api.work('inbox', {}, 'demo-dept-gas')).items)).toContain(gas.id);
    expect(ok(await T.api.admin('requests.list', {}, 'demo-admin')).items[0].id).toBe(gas.id);
    // The department answers from its page; another worker still cannot.
    expect(ok(await T.api.requests('get', { id: gas.id }, 'demo-dept-gas'))).toMatchObject({ urgent: true, department: 'ranqi', departmentName: '燃气公司' });
  });

  it('tells department staff their department (for their own page)', async () => {
    expect(ok(await T.server.call('account', 'me', {}, { 'x-openid': 'demo-dept-gas' }))).toEqual({ openid: 'demo-dept-gas', role: 'worker', name: '周师傅', department: { code: 'ranqi', name: '燃气公司' } });
    expect(ok(await T.server.call('account', 'me', {}, { 'x-openid': 'demo-worker-1' })).department).toBeUndefined();
  });

  it('is in the options with its emergency advice', async () => {
    const cats = ok(await T.api.requests('options', {}, 'demo-resident')).reportCategories;
    const gas = cats.find((c: { code: string }) => c.code === 'ranqi');
    expect(gas).toMatchObject({ urgent: true, emergency: { calls: expect.arrayContaining([expect.objectContaining({ phone: '119' })]) } });
    expect(gas.emergency.steps.length).toBeGreaterThan(0);
    expect(cats.find((c: { code: string }) => c.code === 'shizheng').urgent).toBeUndefined();
  });
});

describe('admin.requests.list', () => {
  const LATER = '2026-10-20T10:00:00+08:00';
  const WINDOW = { from: '2026-09-01', to: '2026-10-31' };

  it('with overdue: true lists exactly what admin.metrics counts as overdueNow, with the total', async () => {
    const m = ok(await T.api.admin('metrics', WINDOW, 'demo-admin', LATER));
    expect(m.overdueNow).toBeGreaterThan(0);
    const list = ok(await T.api.admin('requests.list', { ...WINDOW, overdue: true }, 'demo-admin', LATER));
    expect(list.total).toBe(m.overdueNow);
    expect(list.items).toHaveLength(m.overdueNow);
    for (const r of list.items) {
      expect(['assigned', 'accepted', 'escalated']).toContain(r.status);
      expect(Date.parse(r.dueAt)).toBeLessThan(Date.parse(LATER));
    }
    // Before anything was due, nothing is overdue, in both.
    expect(ok(await T.api.admin('requests.list', { ...WINDOW, overdue: true }, 'demo-admin', '2026-09-01T08:00:00+08:00')).total).toBe(0);
    // Each dashboard row opens its own list.
    const cat = m.byCategory.find((r: { overdueNow: number }) => r.overdueNow > 0);
    expect(ok(await T.api.admin('requests.list', { ...WINDOW, overdue: true, category: cat.key }, 'demo-admin', LATER)).total).toBe(cat.overdueNow);
    const grid = m.byGrid.find((r: { key: string; overdueNow: number }) => r.key && r.overdueNow > 0);
    expect(ok(await T.api.admin('requests.list', { ...WINDOW, overdue: true, gridCode: grid.key }, 'demo-admin', LATER)).total).toBe(grid.overdueNow);
  });

  it('counts every match beyond the limit, honours the window, and keeps to the admin’s communities', async () => {
    const all = ok(await T.api.admin('requests.list', {}, 'demo-admin'));
    expect(all.total).toBeGreaterThan(1);
    const one = ok(await T.api.admin('requests.list', { limit: 1 }, 'demo-admin'));
    expect(one.items).toHaveLength(1);
    expect(one.total).toBe(all.total);
    const day = ok(await T.api.admin('requests.list', { from: '2026-10-09', to: '2026-10-09' }, 'demo-admin'));
    expect(day.total).toBeGreaterThan(0);
    expect(day.total).toBeLessThan(all.total); // the 21 September report is outside
    for (const r of day.items) expect(r.createdAt >= '2026-10-08T16:00:00.000Z' && r.createdAt < '2026-10-09T16:00:00.000Z').toBe(true);
    expect(ok(await T.api.admin('requests.list', { from: '2026-08-01', to: '2026-08-02' }, 'demo-admin')).total).toBe(0);
    expect((await T.api.admin('requests.list', { community: 'elsewhere' }, 'demo-admin')).status).toBe(403);
    expect((await T.api.admin('requests.list', { overdue: 'yes' }, 'demo-admin')).status).toBe(400);
    expect((await T.api.admin('requests.list', {}, 'demo-worker-1')).status).toBe(403);
  });
});

describe('the requests CSV names things', () => {
  it('has name columns beside the codes', async () => {
    const res = await T.server.get('/admin/export/requests.csv?from=2026-09-01&to=2026-10-31', { 'x-openid': 'demo-admin', 'x-now': NOW });
    expect(res.status).toBe(200);
    const [head, ...rows] = res.bytes.toString('utf8').replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
    const cols = head.split(',');
    for (const [name, code] of [['社区', '社区编码'], ['网格', '网格编码'], ['承办人', '承办人编号'], ['事项/类别', '事项/类别编码']]) {
      expect(cols).toContain(name);
      expect(cols).toContain(code);
    }
    const gas = rows.map((r) => r.split(',')).find((r) => r[cols.indexOf('事项/类别编码')] === 'ranqi')!;
    expect(gas[cols.indexOf('事项/类别')]).toBe('燃气安全');
    expect(gas[cols.indexOf('社区')]).toBe('锦绣社区');
    expect(gas[cols.indexOf('网格')]).toBe('锦绣东苑');
    expect(gas[cols.indexOf('承办人')]).toBe('刘网格');
    expect(gas[cols.indexOf('部门')]).toBe('燃气公司');
    expect(gas[cols.indexOf('紧急')]).toBe('是');
  });
});

describe('催办 (requests.urge)', () => {
  it('lets the resident urge an open request once a day; the handler is told', async () => {
    const r = ok(await T.api.requests('create', report({ description: '单元门禁坏了' }), 'demo-resident'));
    const urged = ok(await T.api.requests('urge', { id: r.id }, 'demo-resident'));
    expect(urged.urgedAt).toBe(new Date(NOW).toISOString());
    expect((await outboxTo('demo-worker-1')).filter((e) => e.data.requestId === r.id).map((e) => e.data.message)).toContain(`居民催办：${r.title}`);
    const again = await T.api.requests('urge', { id: r.id }, 'demo-resident', '2026-10-09T23:00:00+08:00');
    expect(again.status).toBe(409);
    expect(again.body.error.reason).toBe('urgedToday');
    ok(await T.api.requests('urge', { id: r.id }, 'demo-resident', '2026-10-10T08:00:00+08:00'));
    expect((await T.api.requests('urge', { id: r.id }, 'demo-resident-2')).status).toBe(403);
    expect((await T.api.requests('urge', { id: r.id }, 'demo-worker-1')).status).toBe(403);
    ok(await T.api.work('accept', { id: r.id }, 'demo-worker-1'));
    ok(await T.api.work('resolve', { id: r.id, note: '已修好' }, 'demo-worker-1'));
    expect((await T.api.requests('urge', { id: r.id }, 'demo-resident', '2026-10-11T08:00:00+08:00')).status).toBe(409);
  });
});
