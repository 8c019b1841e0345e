import { startTestServer, type TestServer } from '../helpers/server';
import { client, ok, report } from './requests-helpers';

let server: TestServer;
let api: ReturnType<typeof client>;
beforeAll(async () => {
  server = await startTestServer();
  api = client(server);
});
afterAll(() => server.close());

describe('content security (the keyword filter standing in for msgSecCheck locally)', () => {
  it.each(['小区门口有人发代开发票的小广告', '有人在群里拉人 网 络 赌 博', '电线杆上贴着“代·开·发·票”'])('refuses a report saying %s, naming the field, and stores nothing', async (description) => {
    const before = await server.store.collection('requests').count({});
    const res = await api.requests('create', report({ description }), 'mod-a');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'BAD_REQUEST', field: 'data.description', message: '内容含有违规信息，请修改后再提交' });
    expect(await server.store.collection('requests').count({})).toBe(before);
  });

  it('accepts ordinary reports, including ones that mention gambling as a problem in plain words', async () => {
    ok(await api.requests('create', report({ description: '楼下棋牌室深夜扰民，怀疑有人聚众打牌' }), 'mod-b'));
  });

  it('checks the comment of a rating', async () => {
    const created = ok(await api.requests('create', report(), 'mod-c'));
    ok(await api.work('accept', { id: created.id }, 'demo-worker-1'));
    ok(await api.work('resolve', { id: created.id, note: '已处理' }, 'demo-worker-1'));
    const res = await api.requests('rate', { id: created.id, score: 5, comment: '加微信领红包' }, 'mod-c');
    expect(res.body.error).toMatchObject({ code: 'BAD_REQUEST', field: 'data.comment' });
    expect(ok(await api.requests('get', { id: created.id }, 'mod-c')).rating).toBeUndefined();
  });
});
