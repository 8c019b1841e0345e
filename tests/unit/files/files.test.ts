import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FileId } from '@qgt/shared/requests/schemas';
import { openEmbeddedStore } from '../../../cloudfunctions/lib/store/embedded';
import type { Store } from '../../../cloudfunctions/lib/store/port';
import { REQUESTS } from '../../../cloudfunctions/lib/requests/store';
import {
  blobDir,
  canReadFile,
  cloudReportPath,
  files,
  LOCAL_FILE_ID,
  locateFile,
  MAX_FILE_BYTES,
  newFileId,
  ownsCloudFile,
  ownsFile,
  saveUpload,
} from '../../../cloudfunctions/lib/files/files';
import { multipartBoundary, multipartFile } from '../../../cloudfunctions/lib/files/multipart';
import { blobOf, GIF, jpegStripped, jpegWithExif, pngStripped, pngWithExif } from '../../fixtures/images';
import { USERS } from '../../../cloudfunctions/lib/runtime/caller';

const ENV = 'cloud://prod-4g2x.7072-prod-4g2x-1318000000';

describe('ownsCloudFile', () => {
  const openid = 'oAbC-12_xyz';
  it('accepts a report photo in the caller’s own folder', () => {
    expect(ownsCloudFile(`${ENV}/${cloudReportPath(openid, 'a1b2c3', 'jpg')}`, openid)).toBe(true);
    expect(ownsCloudFile(`${ENV}/reports/${openid}/f-9_Z.webp`, openid)).toBe(true);
    expect(ownsCloudFile(`${ENV}/reports/${openid}/x.jpeg`, openid)).toBe(true);
  });

  it.each([
    ['another user’s folder', `${ENV}/reports/oOther/a.jpg`],
    ['a folder whose name only starts with the openid', `${ENV}/reports/oAbC-12_xyzz/a.jpg`],
    ['a path escaping the folder', `${ENV}/reports/oAbC-12_xyz/../oOther/a.jpg`],
    ['a nested path', `${ENV}/reports/oAbC-12_xyz/sub/a.jpg`],
    ['another top folder', `${ENV}/avatars/oAbC-12_xyz/a.jpg`],
    ['a non-image extension', `${ENV}/reports/oAbC-12_xyz/a.html`],
    ['a local id', 'f_0123456789abcdefghijk'],
    ['an http URL', 'https://example.com/reports/oAbC-12_xyz/a.jpg'],
    ['an empty string', ''],
  ])('refuses %s', (_label, fileId) => {
    expect(ownsCloudFile(fileId, openid)).toBe(false);
  });

  it('produces ids that requests.create accepts', () => {
    expect(FileId.safeParse(`${ENV}/${cloudReportPath(openid, crypto.randomUUID(), 'jpg')}`).success).toBe(true);
    expect(FileId.safeParse(newFileId()).success).toBe(true);
    expect(newFileId()).toMatch(LOCAL_FILE_ID);
  });
});

describe('local files', () => {
  let store: Store;
  let dataDir: string;
  const now = new Date('2026-03-01T02:00:00Z');

  beforeEach(async () => {
    store = openEmbeddedStore(null);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qgt-files-'));
    await store.collection(USERS).insert({ _id: 'admin-a', role: 'admin', communities: ['c1'], createdAt: now.toISOString() } as never);
    await store.collection(USERS).insert({ _id: 'admin-b', role: 'admin', communities: ['c2'], createdAt: now.toISOString() } as never);
    await store.collection(USERS).insert({ _id: 'worker-1', role: 'worker', communities: ['c1'], createdAt: now.toISOString() } as never);
  });
  afterEach(async () => {
    await store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('stores the stripped bytes and their metadata', async () => {
    const blobs = blobDir(dataDir);
    const doc = await saveUpload(store, blobs, { owner: 'res-1', body: jpegWithExif(), now });
    const stored = fs.readFileSync(path.join(dataDir, 'files', doc._id));
    expect(stored).toEqual(jpegStripped());
    expect(doc).toEqual({
      _id: expect.stringMatching(LOCAL_FILE_ID),
      owner: 'res-1',
      mime: 'image/jpeg',
      bytes: jpegStripped().length,
      sha256: crypto.createHash('sha256').update(jpegStripped()).digest('hex'),
      createdAt: now.toISOString(),
    });
    expect(await files(store).get(doc._id)).toEqual(doc);
    expect((await locateFile(store, blobs, doc._id)).size).toBe(doc.bytes);
    expect(fs.readdirSync(path.join(dataDir, 'files'))).toEqual([doc._id]); // no temporary left over
  });

  it('refuses empty, oversized and non-image bodies without writing anything', async () => {
    const blobs = blobDir(dataDir);
    await expect(saveUpload(store, blobs, { owner: 'r', body: Buffer.alloc(0), now })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(saveUpload(store, blobs, { owner: 'r', body: Buffer.alloc(MAX_FILE_BYTES + 1, 0xff), now })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: '图片不能超过 10 MB' });
    await expect(saveUpload(store, blobs, { owner: 'r', body: GIF, now })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: '仅支持 JPEG、PNG、WebP 图片' });
    expect(await files(store).count({})).toBe(0);
  });

  it('answers NOT_FOUND for unknown, malformed and path-like ids', async () => {
    const blobs = blobDir(dataDir);
    for (const id of [newFileId(), '../users.db', 'f_..%2F..%2Fetc', '']) await expect(locateFile(store, blobs, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lets the uploader, and the people on a request the photo is attached to, read it', async () => {
    const doc = await saveUpload(store, blobDir(dataDir), { owner: 'res-1', body: pngWithExif(), now });
    expect(fs.readFileSync(path.join(dataDir, 'files', doc._id))).toEqual(pngStripped());
    const read = (openid: string) => canReadFile(store, doc, openid);
    expect(await read('res-1')).toBe(true);
    // Not attached yet: nobody else, not even an admin.
    for (const other of ['res-2', 'worker-1', 'admin-a']) expect(await read(other)).toBe(false);
    await store.collection(REQUESTS).insert({ _id: 'R1', owner: 'res-1', assignee: 'worker-1', firstResponder: 'worker-2', community: 'c1', photos: ['x', doc._id] } as never);
    expect(await read('worker-1')).toBe(true);
    expect(await read('worker-2')).toBe(true);
    expect(await read('admin-a')).toBe(true);
    // Another community's admin, other residents and other workers still cannot.
    expect(await read('admin-b')).toBe(false);
    expect(await read('res-2')).toBe(false);
    expect(await read('worker-3')).toBe(false);
  });

  it('lets a worker filing for a resident attach their upload, and the resident then read it', async () => {
    const doc = await saveUpload(store, blobDir(dataDir), { owner: 'worker-1', body: pngWithExif(), now });
    expect(await canReadFile(store, doc, 'res-9')).toBe(false);
    await store.collection(REQUESTS).insert({ _id: 'R2', owner: 'res-9', assignee: 'admin-b', photos: [doc._id] } as never);
    expect(await canReadFile(store, doc, 'res-9')).toBe(true);
    expect(await canReadFile(store, doc, 'admin-b')).toBe(true); // assignee (manual dispatch)
    expect(await canReadFile(store, doc, 'admin-a')).toBe(false); // no community on the request
  });

  it('ownsFile: local uploads by their uploader, cloud ids by their folder', async () => {
    const doc = await saveUpload(store, blobDir(dataDir), { owner: 'res-1', body: pngWithExif(), now });
    expect(await ownsFile(store, doc._id, 'res-1')).toBe(true);
    expect(await ownsFile(store, doc._id, 'res-2')).toBe(false);
    expect(await ownsFile(store, newFileId(), 'res-1')).toBe(false);
    expect(await ownsFile(store, `${ENV}/reports/res-1/a.jpg`, 'res-1')).toBe(true);
    expect(await ownsFile(store, `${ENV}/reports/res-2/a.jpg`, 'res-1')).toBe(false);
    expect(await ownsFile(store, 'something-else', 'res-1')).toBe(false);
  });
});

describe('multipartFile', () => {
  async function encode(form: FormData): Promise<{ body: Buffer; type: string }> {
    const res = new Response(form);
    return { body: Buffer.from(await res.arrayBuffer()), type: res.headers.get('content-type')! };
  }

  it('extracts the file field as the browser encodes it, ignoring other fields', async () => {
    const form = new FormData();
    form.append('note', '随手拍');
    form.append('file', blobOf(jpegWithExif(), 'image/jpeg'), '照片.jpg');
    const { body, type } = await encode(form);
    expect(multipartBoundary(type)).toBeTruthy();
    expect(multipartFile(body, type)).toEqual(jpegWithExif());
  });

  it('handles a quoted boundary and a part without headers', () => {
    const body = Buffer.from('preamble\r\n--b x\r\n\r\nno headers\r\n--b x\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\nPNGDATA\r\n--b x--\r\n', 'latin1');
    expect(multipartFile(body, 'multipart/form-data; boundary="b x"')).toEqual(Buffer.from('PNGDATA'));
  });

  it.each([
    ['no boundary', 'multipart/form-data', '--x\r\n'],
    ['no file field', 'multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="other"\r\n\r\nv\r\n--x--'],
    ['two file fields', 'multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="file"\r\n\r\na\r\n--x\r\nContent-Disposition: form-data; name="file"\r\n\r\nb\r\n--x--'],
    ['an unterminated part', 'multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="file"\r\n\r\nabc'],
    ['no delimiter at all', 'multipart/form-data; boundary=x', 'hello'],
    ['a delimiter not followed by CRLF', 'multipart/form-data; boundary=x', '--xyz'],
  ])('refuses %s with BAD_REQUEST', (_label, type, body) => {
    expect(() => multipartFile(Buffer.from(body, 'latin1'), type)).toThrow(expect.objectContaining({ code: 'BAD_REQUEST' }));
  });
});
