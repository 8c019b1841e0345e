import { startTestServer, type TestServer } from '../helpers/server';
import { client, ok, report } from './requests-helpers';

let server: TestServer;
let api: ReturnType<typeof client>;
const logs: string[] = [];
let restore: () => void;

beforeAll(async () => {
  // The server's log lines, as they would reach CloudBase's log service.
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    logs.push(String(chunk));
    return write(chunk, ...rest);
  }) as typeof process.stdout.write;
  restore = () => (process.stdout.write = write);
  server = await startTestServer({ LOG_LEVEL: 'info' });
  api = client(server);
});
afterAll(async () => {
  await server.close();
  restore();
});

const PHONE = '13812345678';
const ID = '110101199003074578';

describe('phone and ID numbers in a resident’s words', () => {
  let id: string;
  beforeAll(async () => {
    const created = ok(await api.requests('create', report({ description: `路灯坏了，电话 ${PHONE}，身份证 ${ID}` }), 'mask-owner'));
    id = created.id;
    ok(await api.work('accept', { id }, 'demo-worker-1'));
    ok(await api.work('transfer', { id, toOpenid: 'demo-worker-2', reason: '转同事办理' }, 'demo-worker-1'));
    ok(await api.requests('follow', { id }, 'mask-neighbour'));
  });

  it.each([
    ['the resident', 'mask-owner', 'requests'],
    ['the assignee', 'demo-worker-2', 'requests'],
    ['an admin', 'demo-admin', 'requests'],
  ] as const)('are shown whole to %s', async (_who, openid, fn) => {
    const view = ok(await api[fn]('get', { id }, openid));
    expect(view.description).toContain(PHONE);
    expect(view.description).toContain(ID);
  });

  it.each([
    ['the first responder after a transfer', 'demo-worker-1'],
    ['a neighbour following the report', 'mask-neighbour'],
  ])('are masked for %s', async (_who, openid) => {
    const view = ok(await api.requests('get', { id }, openid));
    expect(view.description).toContain('138****5678');
    expect(view.description).not.toContain(PHONE);
    expect(view.description).not.toContain(ID);
  });

  it('are masked in lists too (the first responder’s inbox of grid work)', async () => {
    const inbox = ok(await api.work('inbox', {}, 'demo-worker-1'));
    for (const item of inbox.items) expect(JSON.stringify(item)).not.toContain(PHONE);
  });

  it('never reach the logs, even when a call quotes them back in an error', async () => {
    await api.requests('create', { kind: 'report', category: 'nosuch', description: `打 ${PHONE}` }, 'mask-owner');
    await server.post(`/api/nosuch?phone=${PHONE}`, '{}');
    const text = logs.join('');
    expect(text).toContain('"action":"create"'); // the log is really captured
    expect(text).not.toContain(PHONE);
    expect(text).not.toContain(ID);
  });
});

describe('the title of a consult without a matter (cut from the resident’s words, issue 19)', () => {
  let id: string;
  beforeAll(async () => {
    const created = ok(await api.requests('create', { kind: 'consult', description: `${PHONE}请回电，想问低保怎么办`, location: report().location }, 'mask-title-owner'));
    id = created.id;
    ok(await api.work('accept', { id }, created.assignee.openid));
  });

  it.each([
    ['the resident', 'mask-title-owner'],
    ['the assignee', 'demo-worker-1'],
    ['an admin', 'demo-admin'],
  ])('is cut from the masked text, whoever reads it (%s)', async (_who, openid) => {
    const view = ok(await api.requests('get', { id }, openid));
    expect(view.title).toBe('咨询·138****5678请');
  });

  it('holds no phone number in the admin export (title and description columns)', async () => {
    const csv = await server.get('/admin/export/requests.csv?from=2026-10-01&to=2026-10-31', { 'x-openid': 'demo-admin', 'x-now': '2026-10-20T08:00:00+08:00' });
    expect(csv.status).toBe(200);
    const text = csv.bytes.toString('utf8');
    expect(text).toContain('咨询·138****5678请');
    expect(text).not.toContain(PHONE);
  });
});
