import { BODY_LIMIT } from '../../cloudfunctions/lib/server/app';
import fs from 'node:fs';
import path from 'node:path';
import { startTestServer, type TestServer } from '../helpers/server';
import { REQUESTS } from '../../cloudfunctions/lib/requests/store';
import { FILES, MAX_FILE_BYTES } from '../../cloudfunctions/lib/files/files';
import { blobOf, GIF, JPEG, jpegStripped, jpegWithExif, metadataMarkers, pngStripped, pngWithExif, webpStripped, webpWithExif } from '../fixtures/images';

const as = (openid: string) => ({ 'x-openid': openid });
const RESIDENT = as('demo-resident');

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

async function upload(body: Uint8Array | FormData, headers: Record<string, string> = { ...RESIDENT, 'content-type': 'image/jpeg' }) {
  return server.postBytes('/api/upload', body, headers);
}

function expectError(res: { status: number; body: any }, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.body.ok).toBe(false);
  expect(res.body.error.code).toBe(code);
  expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
}

function expectClean(bytes: Buffer) {
  for (const marker of metadataMarkers()) expect(bytes.includes(marker)).toBe(false);
}

describe('POST /api/upload', () => {
  it.each([
    ['a raw JPEG', jpegWithExif(), 'image/jpeg', 'image/jpeg', jpegStripped()],
    ['a raw PNG whatever its declared type', pngWithExif(), 'application/octet-stream', 'image/png', pngStripped()],
    ['a raw WebP', webpWithExif(), 'image/webp', 'image/webp', webpStripped()],
  ])('stores %s without its metadata and serves it back to the uploader', async (_label, input, declared, mime, stripped) => {
    const res = await upload(input, { ...RESIDENT, 'content-type': declared });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, data: { fileId: expect.stringMatching(/^f_[\w-]{21}$/), mime, bytes: stripped.length } });
    const { fileId } = res.body.data;

    const got = await server.get(`/api/files/${fileId}`, RESIDENT);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe(mime);
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(got.bytes).toEqual(stripped);
    expectClean(got.bytes);
    // On disk under DATA_DIR/files, with its metadata in the files collection.
    expect(fs.readFileSync(path.join(server.dataDir, 'files', fileId))).toEqual(stripped);
    expect(await server.store.collection(FILES).get(fileId)).toMatchObject({ owner: 'demo-resident', mime, bytes: stripped.length });
  });

  it('accepts multipart/form-data with one file field', async () => {
    const form = new FormData();
    form.append('file', blobOf(webpWithExif(), 'image/webp'), 'photo.webp');
    const res = await upload(form, RESIDENT);
    expect(res.status).toBe(200);
    expect(res.body.data.mime).toBe('image/webp');
    expect((await server.get(`/api/files/${res.body.data.fileId}`, RESIDENT)).bytes).toEqual(webpStripped());
  });

  it.each([
    ['a GIF declared as JPEG', GIF, 'image/jpeg'],
    ['a text file', Buffer.from('这不是图片'), 'text/plain'],
    ['an SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'image/svg+xml'],
  ])('refuses %s', async (_label, body, type) => {
    const res = await upload(body, { ...RESIDENT, 'content-type': type });
    expectError(res, 400, 'BAD_REQUEST');
    expect(res.body.error.reason).toBe('unsupportedImage');
  });

  it('refuses a GIF sent as a multipart file', async () => {
    const form = new FormData();
    form.append('file', blobOf(GIF, 'image/png'), 'a.png');
    expect((await upload(form, RESIDENT)).body.error).toMatchObject({ reason: 'unsupportedImage', message: '仅支持 JPEG、PNG、WebP 图片' });
  });

  it('refuses a broken JPEG, an empty body and a form without the file field', async () => {
    expectError(await upload(jpegWithExif().subarray(0, 60)), 400, 'BAD_REQUEST');
    expectError(await upload(new Uint8Array(0)), 400, 'BAD_REQUEST');
    const form = new FormData();
    form.append('photo', blobOf(jpegWithExif()), 'a.jpg');
    expectError(await upload(form, RESIDENT), 400, 'BAD_REQUEST');
  });

  it('accepts exactly 10 MB and refuses one byte more, with a Chinese message', async () => {
    const { SOI, APP0, DQT, SOF0, SOS, EOI } = JPEG;
    const head = Buffer.concat([SOI, APP0, DQT, SOF0, SOS]);
    const sized = (total: number) => Buffer.concat([head, Buffer.alloc(total - head.length - EOI.length, 0x11), EOI]);
    const ok = await upload(sized(MAX_FILE_BYTES));
    expect(ok.status).toBe(200);
    expect(ok.body.data.bytes).toBe(MAX_FILE_BYTES);
    const over = await upload(sized(MAX_FILE_BYTES + 1));
    expectError(over, 400, 'BAD_REQUEST');
    expect(over.body.error).toMatchObject({ reason: 'fileTooLarge', message: '图片不能超过 10 MB' });
  });

  it('refuses a body far over the limit with the same 400, not a 413', async () => {
    const res = await upload(Buffer.alloc(MAX_FILE_BYTES + 512 * 1024, 0x11));
    expectError(res, 400, 'BAD_REQUEST');
    expect(res.body.error.reason).toBe('fileTooLarge');
  });

  it('refuses anonymous callers and malformed identities', async () => {
    expectError(await upload(jpegWithExif(), { 'content-type': 'image/jpeg' }), 401, 'UNAUTHENTICATED');
    expectError(await upload(jpegWithExif(), { 'content-type': 'image/jpeg', 'x-openid': 'bad id!' }), 400, 'BAD_REQUEST');
  });

  it('leaves JSON function calls and their JSON body limit as they were', async () => {
    expect((await server.call('guide', 'list', {})).status).toBe(200);
    const big = await server.post('/api/guide', JSON.stringify({ action: 'search', data: { q: 'x'.repeat(BODY_LIMIT + 1) } }));
    expectError(big, 400, 'BAD_REQUEST');
  });
});

describe('GET /api/files/<fileId>', () => {
  let fileId: string;
  beforeAll(async () => {
    fileId = (await upload(jpegWithExif({ orientation: 6 }))).body.data.fileId;
  });

  const status = async (openid?: string) => (await server.get(`/api/files/${fileId}`, openid ? as(openid) : {})).status;

  it('is for signed-in callers only', async () => {
    const res = await server.get(`/api/files/${fileId}`);
    expectError(res, 401, 'UNAUTHENTICATED');
  });

  it('refuses another resident, and staff while the photo is not on a request', async () => {
    const res = await server.get(`/api/files/${fileId}`, as('demo-resident-2'));
    expectError(res, 403, 'FORBIDDEN');
    expect(await status('demo-worker-1')).toBe(403);
    expect(await status('demo-admin')).toBe(403);
  });

  it('once attached to a request: its resident, assignee, first responder and admins', async () => {
    await server.store.collection(REQUESTS).insert({
      _id: 'RUPLOADTEST1',
      owner: 'demo-resident',
      assignee: 'demo-worker-1',
      firstResponder: 'demo-worker-2',
      community: 'demo-community',
      photos: [fileId],
    } as never);
    for (const openid of ['demo-resident', 'demo-worker-1', 'demo-worker-2', 'demo-admin']) expect(await status(openid)).toBe(200);
    for (const openid of ['demo-resident-2', 'demo-worker-3', 'stranger-1']) expect(await status(openid)).toBe(403);
  });

  it('can be attached to a report only by its uploader', async () => {
    const report = (photos: string[]) => ({ kind: 'report', category: 'huanjing', description: '楼道堆放杂物', location: { lat: 30.99, lng: 103.626 }, photos });
    const other = await server.call('requests', 'create', report([fileId]), as('demo-resident-2'));
    expectError(other, 403, 'FORBIDDEN');
    expect(other.body.error.field).toBe('data.photos.0');
    const own = await server.call('requests', 'create', report([fileId]), as('demo-resident'));
    expect(own.status).toBe(200);
    expect(own.body.data.photos).toEqual([fileId]);
  });

  it('answers 404 for a missing or malformed id', async () => {
    expectError(await server.get('/api/files/f_AAAAAAAAAAAAAAAAAAAAA', RESIDENT), 404, 'NOT_FOUND');
    expectError(await server.get('/api/files/..%2F..%2Fetc%2Fpasswd', RESIDENT), 404, 'NOT_FOUND');
    expect((await server.get('/api/files/users.db', RESIDENT)).status).toBe(404);
  });
});

describe('production mode', () => {
  let prod: TestServer;
  beforeAll(async () => {
    prod = await startTestServer({ NODE_ENV: 'production', SEED: 'none' });
  });
  afterAll(() => prod.close());

  it('refuses the dev identity header on upload and download', async () => {
    const up = await prod.postBytes('/api/upload', jpegWithExif(), { ...as('demo-resident'), 'content-type': 'image/jpeg' });
    expectError(up, 403, 'FORBIDDEN');
    expectError(await prod.get('/api/files/f_AAAAAAAAAAAAAAAAAAAAA', as('demo-resident')), 403, 'FORBIDDEN');
  });

  it('has no anonymous uploads either', async () => {
    expectError(await prod.postBytes('/api/upload', jpegWithExif(), { 'content-type': 'image/jpeg' }), 401, 'UNAUTHENTICATED');
    expect(fs.existsSync(path.join(prod.dataDir, 'files'))).toBe(false);
  });
});
