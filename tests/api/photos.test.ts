import { pngStripped } from '../fixtures/images';
import { as, ok, report, serverPerFile } from './requests-helpers';

const T = serverPerFile();

describe('requests.photos: links to a request’s photos for those who may see them', () => {
  let id: string;
  let fileId: string;
  beforeAll(async () => {
    fileId = (await T.server.postBytes('/api/upload', pngStripped(), as('photo-owner'))).body.data.fileId;
    id = ok(await T.api.requests('create', report({ photos: [fileId] }), 'photo-owner')).id;
    ok(await T.api.requests('follow', { id }, 'photo-neighbour'));
  });

  it.each(['photo-owner', 'demo-worker-1', 'demo-admin'])('gives %s a link that opens the photo', async (who) => {
    const { photos } = ok(await T.api.requests('photos', { id }, who));
    expect(photos).toEqual([{ fileId, url: `/api/files/${fileId}` }]);
    const image = await T.server.get(photos[0].url, as(who));
    expect(image.status).toBe(200);
    expect(image.bytes.equals(pngStripped())).toBe(true);
  });

  it.each([
    ['a neighbour following it', 'photo-neighbour'],
    ['a worker of another grid', 'demo-worker-3'],
    ['another resident', 'demo-resident-2'],
  ])('refuses %s', async (_who, openid) => {
    const res = await T.api.requests('photos', { id }, openid);
    expect(res.status).toBe(403);
    expect(res.body.data).toBeUndefined();
  });

  it('answers 404 for an unknown request and 401 when anonymous', async () => {
    expect((await T.api.requests('photos', { id: 'RNOSUCH' }, 'photo-owner')).status).toBe(404);
    expect((await T.api.requests('photos', { id }, null)).status).toBe(401);
  });
});
