import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { configFromEnv } from '../../cloudfunctions/lib/server/config';
import { startLocalServer, type RunningServer } from '../../cloudfunctions/lib/server/start';

export interface TestServer extends RunningServer {
  dataDir: string;
  /** POST /api/<fn> with {action, data}; returns status and parsed body. */
  call(fn: string, action: string, data?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
  post(pathname: string, body: string, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
  /** POST raw bytes (or a FormData, which sets its own multipart content type); parsed JSON reply. */
  postBytes(pathname: string, body: Uint8Array | FormData, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
  /** GET with the reply's bytes, headers, and its JSON when it is JSON. */
  get(pathname: string, headers?: Record<string, string>): Promise<{ status: number; headers: Headers; bytes: Buffer; body: any }>;
}

async function parsed(res: Response): Promise<{ status: number; body: any }> {
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* keep text */
  }
  return { status: res.status, body: body as any };
}

/** Starts the real local server (same path as `npm run server`) on a temporary DATA_DIR and a free port. */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const dataDir = env.DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'qgt-test-'));
  const server = await startLocalServer(configFromEnv({ NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'silent', ...env, DATA_DIR: dataDir }));
  const post = async (pathname: string, body: string, headers: Record<string, string> = {}) =>
    parsed(await fetch(server.url + pathname, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body }));
  return {
    ...server,
    dataDir,
    post,
    postBytes: async (pathname, body, headers = {}) =>
      parsed(await fetch(server.url + pathname, { method: 'POST', headers, body: body instanceof FormData ? body : new Uint8Array(body) })),
    async get(pathname, headers = {}) {
      const res = await fetch(server.url + pathname, { headers });
      const bytes = Buffer.from(await res.arrayBuffer());
      let body: unknown;
      if (res.headers.get('content-type')?.startsWith('application/json')) body = JSON.parse(bytes.toString('utf8'));
      return { status: res.status, headers: res.headers, bytes, body: body as any };
    },
    call: (fn, action, data, headers) => post(`/api/${fn}`, JSON.stringify({ action, data }), headers),
  };
}
