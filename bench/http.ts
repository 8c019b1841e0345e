import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { freePort } from '../tests/e2e/app-server';
import type { Row } from './stats';

const ROOT = path.resolve(__dirname, '..');
const SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 5);
const CONNECTIONS = 50;

/** Runs a server script in its own process (so it does not share an event loop with the load) until it answers. */
async function serve(script: string, env: Record<string, string>, probe: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, env: { ...process.env, ...env, PORT: String(port) }, stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(url + probe, { method: probe.startsWith('/api/health') ? 'GET' : 'POST' })).status < 500) return { url, child };
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error(`${script} did not start`);
}

/** Distinct residents the create load cycles through: real traffic comes from many people, and each has a per-minute budget. */
const RESIDENTS = 5000;

interface Load {
  body: string;
  /** Varies the caller per request (round-robin over distinct identities). */
  openids?: () => string;
}

async function load(url: string, { body, openids }: Load, duration = SECONDS) {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration,
    requests: [
      {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json' },
        ...(openids && { setupRequest: (req: autocannon.Request) => ({ ...req, headers: { ...req.headers, 'x-openid': openids() } }) }),
      },
    ],
  });
  return { rps: result.requests.average, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
}

/** A short run first, so both servers are measured warm (JIT, caches, first datafile appends). */
async function measure(url: string, spec: Load) {
  await load(url, spec, 1);
  return load(url, spec);
}

/** requests.create on the local server (embedded store) against a bare fastify route, same run, same load. */
export async function benchHttp(): Promise<Row[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qgt-bench-'));
  const bare = await serve('bench/bare-server.ts', {}, '/api/bare');
  const app = await serve('cloudfunctions/lib/server/main.ts', { DATA_DIR: dataDir, LOG_LEVEL: 'silent', NODE_ENV: 'development', TICK_SECONDS: '0' }, '/api/health');
  try {
    const baseline = await measure(`${bare.url}/api/bare`, { body: '{}' });
    const create = JSON.stringify({ action: 'create', data: { kind: 'report', category: 'shizheng', description: '路灯不亮，晚上很黑', location: { lat: 30.99, lng: 103.626 } } });
    let next = 0;
    const ours = await measure(`${app.url}/api/requests`, { body: create, openids: () => `bench-resident-${next++ % RESIDENTS}` });
    const note = (r: typeof ours) => `${CONNECTIONS} connections, ${SECONDS} s${r.non2xx || r.errors ? `, ${r.non2xx} non-2xx, ${r.errors} errors` : ''}`;
    return [
      { metric: 'bare fastify route', value: `${baseline.rps.toFixed(0)} req/s`, note: `p99 ${baseline.p99} ms; ${note(baseline)}` },
      { metric: 'requests.create, local server', value: `${ours.rps.toFixed(0)} req/s`, goal: '≥ 1,000 req/s', note: `${note(ours)}; ${RESIDENTS} residents round-robin` },
      { metric: 'requests.create p99', value: `${ours.p99} ms`, goal: '≤ 50 ms' },
      { metric: 'requests.create / bare throughput', value: `${((ours.rps / baseline.rps) * 100).toFixed(1)} %` },
    ];
  } finally {
    bare.child.kill();
    app.child.kill();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
