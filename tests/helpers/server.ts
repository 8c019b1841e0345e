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
}

/** Starts the real local server (same path as `npm run server`) on a temporary DATA_DIR and a free port. */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const dataDir = env.DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'qgt-test-'));
  const server = await startLocalServer(configFromEnv({ NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'silent', ...env, DATA_DIR: dataDir }));
  const post = async (pathname: string, body: string, headers: Record<string, string> = {}) => {
    const res = await fetch(server.url + pathname, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* keep text */
    }
    return { status: res.status, body: parsed as any };
  };
  return {
    ...server,
    dataDir,
    post,
    call: (fn, action, data, headers) => post(`/api/${fn}`, JSON.stringify({ action, data }), headers),
  };
}
