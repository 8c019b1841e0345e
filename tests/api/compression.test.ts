import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * Slow networks: the H5 assets and the function replies go compressed (brotli, else gzip), hashed
 * assets are cached for a year as immutable, and the entry page is revalidated on every visit.
 */
const APP_JS = `window.app = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => ({ id: i, name: `办事指南第${i}项` })))};`;
let server: TestServer;

beforeAll(async () => {
  const h5Dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qgt-h5-'));
  fs.mkdirSync(path.join(h5Dir, 'js'));
  fs.mkdirSync(path.join(h5Dir, 'css'));
  fs.writeFileSync(path.join(h5Dir, 'index.html'), `<!doctype html><html><head><script src="/js/app.1a2b3c4d.js"></script></head><body>${'<div>全岗通</div>'.repeat(100)}</body></html>`);
  fs.writeFileSync(path.join(h5Dir, 'js/app.1a2b3c4d.js'), APP_JS);
  fs.writeFileSync(path.join(h5Dir, 'css/app.0f9e8d7c.css'), '.page{color:#333}\n'.repeat(200));
  fs.writeFileSync(path.join(h5Dir, 'manifest.json'), JSON.stringify({ name: '全岗通', icons: Array.from({ length: 60 }, (_, i) => ({ src: `/icon${i}.png` })) }));
  server = await startTestServer({ H5_DIR: h5Dir, SEED: 'none' });
});
afterAll(() => server.close());

/** Raw bytes and headers (fetch would decode the body and hide what went over the wire). */
function raw(pathname: string, encoding: string, body?: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request(server.url + pathname, { method: body ? 'POST' : 'GET', headers: { 'accept-encoding': encoding, ...(body ? { 'content-type': 'application/json' } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

it('sends a hashed script brotli-compressed to a client that accepts br, cached for a year as immutable', async () => {
  const res = await raw('/js/app.1a2b3c4d.js', 'gzip, deflate, br');
  expect(res.status).toBe(200);
  expect(res.headers['content-encoding']).toBe('br');
  expect(res.headers.vary).toMatch(/accept-encoding/i);
  expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  const plain = zlib.brotliDecompressSync(res.bytes).toString('utf8');
  expect(plain).toBe(APP_JS);
  expect(res.bytes.length).toBeLessThan(APP_JS.length / 3);
});

it('falls back to gzip, and sends plain bytes to a client that accepts neither', async () => {
  const gz = await raw('/css/app.0f9e8d7c.css', 'gzip');
  expect(gz.headers['content-encoding']).toBe('gzip');
  expect(zlib.gunzipSync(gz.bytes).toString('utf8')).toContain('.page{color:#333}');
  expect(gz.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  const plain = await raw('/js/app.1a2b3c4d.js', 'identity');
  expect(plain.headers['content-encoding']).toBeUndefined();
  expect(plain.bytes.toString('utf8')).toBe(APP_JS);
});

it.each(['/', '/index.html'])('%s is compressed but revalidated on every visit (it names the current hashes)', async (page) => {
  const res = await raw(page, 'br');
  expect(res.status).toBe(200);
  expect(res.headers['content-encoding']).toBe('br');
  expect(res.headers['cache-control']).toBe('no-cache');
  expect(zlib.brotliDecompressSync(res.bytes).toString('utf8')).toContain('/js/app.1a2b3c4d.js');
});

it('does not mark a file without a content hash immutable', async () => {
  const res = await raw('/manifest.json', 'gzip');
  expect(res.status).toBe(200);
  expect(res.headers['cache-control']).toBe('no-cache');
  expect(res.headers['content-encoding']).toBe('gzip');
});

it('compresses a large function reply (the catalog) and leaves a small one as it is', async () => {
  const catalog = await raw('/api/guide', 'br', JSON.stringify({ action: 'list', data: {} }));
  expect(catalog.status).toBe(200);
  expect(catalog.headers['content-encoding']).toBe('br');
  const body = JSON.parse(zlib.brotliDecompressSync(catalog.bytes).toString('utf8'));
  expect(body.ok).toBe(true);
  expect(body.data.categories.length).toBeGreaterThan(0);
  const health = await raw('/api/health', 'br');
  expect(health.headers['content-encoding']).toBeUndefined();
  expect(JSON.parse(health.bytes.toString('utf8'))).toEqual({ ok: true });
});
