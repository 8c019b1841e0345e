import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

export interface ServerProcess {
  url: string;
  /** SIGKILL: no shutdown hook, no final compaction, no flush. */
  kill9(): Promise<void>;
  stop(): Promise<void>;
  /** What the process wrote to stdout and stderr so far. */
  output(): string;
}

/**
 * The local server as `npm run server` runs it, in a node process of its own (not behind npm or
 * npx, so a kill reaches the server itself), on `dataDir` and a port the OS picks (read back from
 * the ready line).
 */
export async function startServerProcess(dataDir: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'cloudfunctions/lib/server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'warn', TICK_SECONDS: '0', ...env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signal = async (sig: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(sig);
    await exited;
  };
  const deadline = Date.now() + 45_000;
  for (;;) {
    const url = /local server ready: (http:\/\/\S+)/.exec(out)?.[1];
    if (url) return { url, kill9: () => signal('SIGKILL'), stop: () => signal('SIGTERM'), output: () => out };
    if (child.exitCode !== null || Date.now() > deadline) {
      await signal('SIGKILL');
      throw new Error(`server did not start:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** POST /api/<fn> as `openid` (at `now`, if given); rejects when the connection fails (as it does once the server is killed). */
export async function call(url: string, fn: string, action: string, data: unknown, openid: string, now?: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${url}/api/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-openid': openid, ...(now && { 'x-now': now }) },
    body: JSON.stringify({ action, data }),
  });
  return { status: res.status, body: await res.json() };
}
