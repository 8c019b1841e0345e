import { ok, report, serverPerFile } from './requests-helpers';

const T = serverPerFile();

describe('content security (the keyword filter standing in for msgSecCheck locally)', () => {
  it.each(['小区门口有人发代开发票的小广告', '有人在群里拉人 网 络 赌 博', '电线杆上贴着“代·开·发·票”'])('refuses a report saying %s, naming the field, and stores nothing', async (description) => {
    const before = await T.server.store.collection('requests').count({});
    const res = await T.api.requests('create', report({ description }), 'mod-a');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'BAD_REQUEST', reason: 'riskyContent', field: 'data.description', message: expect.stringMatching(/[\u4e00-\u9fff]/) });
    expect(await T.server.store.collection('requests').count({})).toBe(before);
  });

  it('accepts ordinary reports, including ones that mention gambling as a problem in plain words', async () => {
    ok(await T.api.requests('create', report({ description: '楼下棋牌室深夜扰民，怀疑有人聚众打牌' }), 'mod-b'));
  });

  it('checks the comment of a rating', async () => {
    const created = ok(await T.api.requests('create', report(), 'mod-c'));
    ok(await T.api.work('accept', { id: created.id }, 'demo-worker-1'));
    ok(await T.api.work('resolve', { id: created.id, note: '已处理' }, 'demo-worker-1'));
    const res = await T.api.requests('rate', { id: created.id, score: 5, comment: '加微信领红包' }, 'mod-c');
    expect(res.body.error).toMatchObject({ code: 'BAD_REQUEST', field: 'data.comment' });
    expect(ok(await T.api.requests('get', { id: created.id }, 'mod-c')).rating).toBeUndefined();
  });
});
