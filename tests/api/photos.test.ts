import { startTestServer, type TestServer } from '../helpers/server';
import { pngStripped } from '../fixtures/images';
import { as, client, ok, report } from './requests-helpers';

let server: TestServer;
let api: ReturnType<typeof client>;
beforeAll(async () => {
  server = await startTestServer();
  api = client(server);
});
afterAll(() => server.close());

describe('requests.photos: links to a request’s photos for those who may see them', () => {
  let id: string;
  let fileId: string;
  beforeAll(async () => {
    fileId = (await server.postBytes('/api/upload', pngStripped(), as('photo-owner'))).body.data.fileId;
    id = ok(await api.requests('create', report({ photos: [fileId] }), 'photo-owner')).id;
    ok(await api.requests('follow', { id }, 'photo-neighbour'));
  });

  it.each(['photo-owner', 'demo-worker-1', 'demo-admin'])('gives %s a link that opens the photo', async (who) => {
    const { photos } = ok(await api.requests('photos', { id }, who));
    expect(photos).toEqual([{ fileId, url: `/api/files/${fileId}` }]);
    const image = await server.get(photos[0].url, as(who));
    expect(image.status).toBe(200);
    expect(image.bytes.equals(pngStripped())).toBe(true);
  });

  it.each([
    ['a neighbour following it', 'photo-neighbour'],
    ['a worker of another grid', 'demo-worker-3'],
    ['another resident', 'demo-resident-2'],
  ])('refuses %s', async (_who, openid) => {
    const res = await api.requests('photos', { id }, openid);
    expect(res.status).toBe(403);
    expect(res.body.data).toBeUndefined();
  });

  it('answers 404 for an unknown request and 401 when anonymous', async () => {
    expect((await api.requests('photos', { id: 'RNOSUCH' }, 'photo-owner')).status).toBe(404);
    expect((await api.requests('photos', { id }, null)).status).toBe(401);
  });
});
