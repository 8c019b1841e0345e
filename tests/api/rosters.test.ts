import ExcelJS from 'exceljs';
import { startTestServer, type TestServer } from '../helpers/server';
import { as, NOW, ok } from './requests-helpers';

/**
 * Rosters from Excel (admin.rosters.*): generated workbooks, good and bad. A bad row is named by
 * its row, column and reason in Chinese, and nothing is imported until every row is valid.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
}, 60_000);
afterAll(() => server.close());

async function workbook(rows: unknown[][]): Promise<string> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('名单');
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer()).toString('base64');
}

const WORKER_HEAD = ['微信OpenID', '姓名', '电话', '等级', '社区编码', '网格编码', '技能事项编码', 'B角OpenID'];
const call = (action: string, data: unknown, who = 'demo-admin') => server.call('admin', action, data, as(who, NOW));

describe('admin.rosters', () => {
  it('gives a template whose headers the import reads back', async () => {
    const t = ok(await call('rosters.template', { kind: 'workers' }));
    expect(t.fileName).toBe('网格员导入模板.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(t.file, 'base64') as unknown as ArrayBuffer);
    expect((book.worksheets[0].getRow(1).values as unknown[]).slice(1)).toEqual(WORKER_HEAD);
  });

  it('previews every bad row by row, column and reason, and imports none of them', async () => {
    const file = await workbook([
      WORKER_HEAD,
      ['xlsx-worker-1', '钱一', '13800000011', 'A', 'demo-community', 'G1', '', ''],
      ['xlsx-worker-2', '孙二', '12345', 'A', 'demo-community', '', '', ''],
      ['xlsx-worker-3', '', '13800000013', 'C', 'demo-community', '', '', ''],
      ['xlsx-worker-1', '钱一又', '', 'B', 'demo-community', '', '', ''],
      ['xlsx-worker-5', '周五', '', 'B', 'demo-community', 'G9', '', 'nobody'],
      ['xlsx-worker-6', '吴六', '', 'B', 'qinghe', '', '', ''],
    ]);
    const preview = ok(await call('rosters.preview', { kind: 'workers', file }));
    expect(preview.valid).toBe(false);
    const texts: string[] = preview.problems.map((p: { text: string }) => p.text);
    expect(texts).toContain('第3行「电话」：电话号码格式不正确');
    expect(texts).toContain('第4行「姓名」：必填');
    expect(texts).toContain('第4行「等级」：应为 A 或 B');
    expect(texts).toContain('第6行「网格编码」：本社区没有网格：G9');
    expect(texts).toContain('第5行「微信OpenID」：与第2行重复：xlsx-worker-1');
    expect(texts).toContain('第7行「社区编码」：无权管理社区：qinghe');
    expect(texts).toContain('第6行「B角OpenID」：B角未登记：nobody');
    const refused = await call('rosters.import', { kind: 'workers', file });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain('未导入任何一行');
    expect(refused.body.error.message).toContain('第3行「电话」');
    // The good first row was not written either.
    const workers = ok(await call('workers.list', {})).items.map((w: { openid: string }) => w.openid);
    expect(workers).not.toContain('xlsx-worker-1');
  });

  it('imports a valid sheet whole, B角 named before they are written included', async () => {
    const file = await workbook([
      WORKER_HEAD,
      ['xlsx-worker-a', '吴甲', 13800000021, 'A', 'demo-community', 'G1', '', 'xlsx-worker-b'],
      [],
      ['xlsx-worker-b', '郑乙', '', 'B', 'demo-community', 'G2', '', 'xlsx-worker-a'],
    ]);
    const preview = ok(await call('rosters.preview', { kind: 'workers', file }));
    expect(preview).toMatchObject({ valid: true, total: 2, problems: [] });
    expect(preview.rows).toEqual([
      { row: 2, key: 'xlsx-worker-a', name: '吴甲', change: 'new' },
      { row: 4, key: 'xlsx-worker-b', name: '郑乙', change: 'new' },
    ]);
    expect(ok(await call('rosters.import', { kind: 'workers', file }))).toEqual({ imported: 2 });
    const items = ok(await call('workers.list', {})).items as { openid: string; backup?: string; level: string }[];
    expect(items.find((w) => w.openid === 'xlsx-worker-a')).toMatchObject({ level: 'A', backup: 'xlsx-worker-b' });
    expect(items.find((w) => w.openid === 'xlsx-worker-b')).toMatchObject({ level: 'B', backup: 'xlsx-worker-a' });
    // Written like the form writes them: the roster grants the worker role.
    expect(ok(await server.call('account', 'me', {}, as('xlsx-worker-a'))).role).toBe('worker');
  });

  it('imports buildings, checking each grid is the admin’s', async () => {
    const head = ['楼栋编码', '楼栋名称', '网格编码', '纬度', '经度'];
    const bad = await workbook([head, ['X-1', '新楼1栋', 'G1', 30.99, 103.61], ['X-2', '新楼2栋', 'NOPE', '', ''], ['X-3', '新楼3栋', 'G2', '北纬', 103.6]]);
    const texts = ok(await call('rosters.preview', { kind: 'buildings', file: bad })).problems.map((p: { text: string }) => p.text);
    expect(texts).toEqual(expect.arrayContaining(['第3行「网格编码」：找不到网格：NOPE', expect.stringMatching(/^第4行「纬度」：/)]));
    expect((await call('rosters.import', { kind: 'buildings', file: bad })).status).toBe(400);
    const good = await workbook([head, ['X-1', '新楼1栋', 'G1', 30.99, 103.61]]);
    expect(ok(await call('rosters.import', { kind: 'buildings', file: good }))).toEqual({ imported: 1 });
    const listed = ok(await call('buildings.list', { grid: 'G1' })).items.map((b: { code: string }) => b.code);
    expect(listed).toContain('X-1');
  });

  it('imports key households with their phone masked, each worker and building checked', async () => {
    const head = ['户编码', '户主姓名', '电话', '地址', '楼栋编码', '标签', '包保网格员OpenID', '走访周期(天)', '备注'];
    const bad = await workbook([
      head,
      ['XH-1', '王奶奶', '13800000101', '', 'G1-1', '独居老人、低保', 'demo-worker-1', 7, ''],
      ['XH-2', '李爷爷', '', '', '', '富裕', 'demo-worker-1', 7, ''],
      ['XH-3', '赵叔', '', '', 'NOPE-1', '残疾', 'nobody', '七', ''],
    ]);
    const texts = ok(await call('rosters.preview', { kind: 'households', file: bad })).problems.map((p: { text: string }) => p.text);
    expect(texts).toEqual(expect.arrayContaining([expect.stringMatching(/^第3行「标签」：标签应为/), expect.stringMatching(/^第4行「走访周期\(天\)」：/)]));
    expect((await call('rosters.import', { kind: 'households', file: bad })).status).toBe(400);
    const unknown = await workbook([head, ['XH-3', '赵叔', '', '', 'NOPE-1', '残疾', 'nobody', 7, '']]);
    expect(ok(await call('rosters.preview', { kind: 'households', file: unknown })).problems.map((p: { text: string }) => p.text)).toEqual(['第2行「包保网格员OpenID」：网格员未登记：nobody', '第2行「楼栋编码」：找不到楼栋：NOPE-1']);
    const good = await workbook([head, ['XH-1', '王奶奶', '13800000101', '', 'G1-1', '独居老人、低保', 'demo-worker-1', 7, '']]);
    expect(ok(await call('rosters.import', { kind: 'households', file: good }))).toEqual({ imported: 1 });
    const listed = ok(await server.call('visits', 'households.list', {}, as('demo-admin', NOW))).items.find((h: { code: string }) => h.code === 'XH-1');
    expect(listed).toMatchObject({ name: '王奶奶', phone: '138****0101', tags: ['独居老人', '低保'], worker: 'demo-worker-1' });
  });

  it('refuses what is not a workbook, a sheet without its columns, and non-admins', async () => {
    const notXlsx = await call('rosters.preview', { kind: 'workers', file: Buffer.from('hello').toString('base64') });
    expect([notXlsx.status, notXlsx.body.error.field]).toEqual([400, 'data.file']);
    const noColumns = ok(await call('rosters.preview', { kind: 'workers', file: await workbook([['名字'], ['张三']]) }));
    expect(noColumns.problems[0].text).toBe('第1行「微信OpenID」：缺少此列（请使用模板）');
    expect((await call('rosters.preview', { kind: 'workers', file: await workbook([WORKER_HEAD]) }, 'demo-worker-1')).status).toBe(403);
  });
});

describe('.xlsx exports beside the CSVs', () => {
  const sheetOf = async (path: string) => {
    const res = await server.get(path, as('demo-street-admin', NOW));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.bytes as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    book.worksheets[0].eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    return rows;
  };

  it('exports requests with names beside codes and no whole phone number', async () => {
    ok(await server.call('requests', 'create', { kind: 'report', category: 'shizheng', description: '路灯不亮，电话13912345678', location: { lat: 30.9975, lng: 103.6195 } }, as('demo-resident', NOW)));
    const rows = await sheetOf('/admin/export/requests.xlsx?from=2026-10-01&to=2026-10-31');
    expect(rows[0].slice(0, 6)).toEqual(['编号', '类型', '状态', '紧急', '事项/类别', '事项/类别编码']);
    const row = rows.find((r) => r[5] === 'shizheng')!;
    expect(row[1]).toBe('随手拍');
    expect(row[4]).toBe('市政设施');
    expect(JSON.stringify(rows)).not.toMatch(/(?<!\d)1\d{10}(?!\d)/);
  });

  it('exports the dashboard as a sheet and refuses residents', async () => {
    const rows = await sheetOf('/admin/export/metrics.xlsx?from=2026-10-01&to=2026-10-31');
    expect(rows[0]).toEqual(['指标', '值']);
    expect(rows.find((r) => r[0] === '诉求总数')![1]).toEqual(expect.any(Number));
    expect((await server.get('/admin/export/metrics.xlsx?from=2026-10-01&to=2026-10-31', as('demo-resident', NOW))).status).toBe(403);
  });
});
