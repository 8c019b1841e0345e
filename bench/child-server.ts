import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../tests/e2e/app-server';

export const ROOT = path.resolve(__dirname, '..');

export interface ServerProcess {
  url: string;
  /** The node process itself (not a wrapper), so its RSS is the server's. */
  pid: number;
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * The local server (`npm run server`'s entry) in its own node process on a fresh DATA_DIR and a
 * free port, so the load and the browser never share its event loop or its memory figures.
 * `H5_DIR` chooses the static app it serves at `/`.
 */
export async function startServerProcess(env: Record<string, string> = {}): Promise<ServerProcess> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qgt-bench-'));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'cloudfunctions/lib/server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'silent', TICK_SECONDS: '0', ...env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { url, pid: child.pid!, dataDir, stop };
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`local server did not start:\n${stderr}`);
}
