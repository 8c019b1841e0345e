import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * HTML responses (the H5 client, the QR poster sheet, the printable notice) carry a CSP that runs
 * only our scripts and forbids framing, plus nosniff and a Referrer-Policy.
 */
const BOOTSTRAP = '!function(){document.documentElement.style.fontSize="20px"}();';
let server: TestServer;
let h5Dir: string;

beforeAll(async () => {
  h5Dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qgt-h5-'));
  fs.writeFileSync(path.join(h5Dir, 'index.html'), `<!doctype html><html><head><script>${BOOTSTRAP}</script><script src="/js/app.js"></script></head><body><div id="app"></div></body></html>`);
  server = await startTestServer({ H5_DIR: h5Dir });
});
afterAll(() => server.close());

const csp = (h: Headers) =>
  Object.fromEntries(
    (h.get('content-security-policy') ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...values]) => [name, values]),
  );

it.each(['/', '/index.html', '/qr/posters'])('%s sends CSP with frame-ancestors, nosniff and Referrer-Policy', async (page) => {
  const res = await server.get(page);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  const policy = csp(res.headers);
  expect(policy['frame-ancestors']).toEqual(["'none'"]);
  expect(policy['default-src']).toEqual(["'self'"]);
  expect(policy['object-src']).toEqual(["'none'"]);
  // Scripts: our own files and the entry page's inline bootstrap by its hash, nothing inline else.
  const hash = `'sha256-${crypto.createHash('sha256').update(BOOTSTRAP).digest('base64')}'`;
  expect(policy['script-src']).toEqual(["'self'", hash]);
  // The local server is plain http: upgrading requests would break every asset.
  expect(policy['upgrade-insecure-requests']).toBeUndefined();
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  expect(res.headers.get('strict-transport-security')).toBeNull();
});

it('keeps the open data and QR images readable from other sites', async () => {
  const feed = await server.get('/open311/v2/services.json');
  expect(feed.headers.get('access-control-allow-origin')).toBe('*');
  expect(feed.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
  expect(feed.headers.get('x-content-type-options')).toBe('nosniff');
});
