/**
 * Soak: mixed traffic at a steady offered rate against the local server (its own process, fresh
 * demo DATA_DIR) for a bounded time, then per-window p99 and the server's RSS. Steady means the
 * last window's p99 is within 1.5× the first's (or above it by no more than the generator's own
 * event-loop delay p99, the resolution of these timings: 5 → 11 ms is jitter, not drift), RSS grows
 * by at most RSS_GROWTH_MB after warm-up, and nothing answers 5xx or fails. Verdicts are printed,
 * never thrown.
 *
 * `npm run bench:soak [seconds]` runs 300 s (five one-minute windows) and prints every window;
 * `npm run bench` runs a 20 s version (BENCH_SOAK_SECONDS). BENCH_SOAK_RPS sets the offered rate (150).
 * All traffic goes to 127.0.0.1 and stops by itself.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startServerProcess } from './child-server';
import { percentile, printTable, type Row } from './stats';

const RPS = Number(process.env.BENCH_SOAK_RPS ?? 150);
/** Requests in flight at most; past it the generator skips a beat (and counts it) instead of queueing. */
const MAX_IN_FLIGHT = 64;
/** Distinct resident identities: rate limits are per OPENID (about 20 creates a minute each). */
const RESIDENTS = 500;
const WORKERS = ['demo-worker-1', 'demo-worker-2', 'demo-worker-3'];
const ADMIN = 'demo-admin';
/**
 * Weight of request creation among the calls (the weights add up to 100); its worker later
 * accepts and resolves each one. Three demo workers with 120 writes a minute each bound it: at
 * 150 req/s, 1.5 % is 2.25 creates a second, about 90 writes a minute for each worker.
 */
const CREATE_SHARE = 1.5;
const P99_RATIO_GOAL = 1.5;
const RSS_GROWTH_MB = 32;

/** Where residents report from: a point inside each demo grid (see the README). */
const REPORTS = [
  { category: 'shizheng', location: { lat: 30.99, lng: 103.626 }, description: '路灯不亮，晚上很黑' },
  { category: 'huanjing', location: { lat: 30.9925, lng: 103.619 }, description: '垃圾桶满了没人清运' },
  { category: 'shizheng', location: { lat: 30.987, lng: 103.6165 }, description: '人行道地砖松动' },
];
const BUILDINGS = ['G1-1', 'G2-1', 'G3-2'];
const QUERIES = ['低保', '退休', 'tuixiu', 'dibao', 'yb', '医保报销', '怎么办居住证', '生育', 'shebao', '残疾', '老人补贴', 'hkqy'];

interface Sample {
  /** `function.action` */
  op: string;
  /** Completion time, ms since the measured part began (negative during warm-up). */
  at: number;
  ms: number;
  /** HTTP status, 0 when the request failed without one. */
  status: number;
}

interface Call {
  status: number;
  data?: any;
}

/** Seeded choices, so two soaks offer the same mix. */
function prng(seed: number) {
  return () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
}

/** The traffic: who calls what, and the little state needed to call it sensibly. */
function trafficMix(url: string, record: (op: string, ms: number, status: number) => void) {
  const rnd = prng(7);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  let matterCodes: string[] = [];
  let nextResident = 0;
  const owned: { id: string; owner: string }[] = [];
  /** Request ids by assignee, waiting to be accepted / resolved. */
  const toAccept = new Map<string, string[]>();
  const toResolve = new Map<string, string[]>();
  const queue = (m: Map<string, string[]>, who: string) => m.get(who) ?? m.set(who, []).get(who)!;
  const resident = (i: number) => `soak-resident-${String(i % RESIDENTS).padStart(3, '0')}`;

  async function call(fn: string, action: string, data: unknown, openid?: string, parse = false): Promise<Call> {
    const started = performance.now();
    let status = 0;
    let body: string | undefined;
    try {
      const res = await fetch(`${url}/api/${fn}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(openid ? { 'x-openid': openid } : {}) },
        body: JSON.stringify({ action, data }),
      });
      body = await res.text();
      status = res.status;
    } catch {
      /* counted as status 0 */
    }
    record(`${fn}.${action}`, performance.now() - started, status);
    return { status, data: parse && status === 200 && body ? JSON.parse(body).data : undefined };
  }

  /** Takes one id from some worker's queue, with the worker to act as. */
  function take(m: Map<string, string[]>): { id: string; who: string } | undefined {
    for (const [who, ids] of m) if (ids.length) return { id: ids.shift()!, who };
    return undefined;
  }

  const inbox = () => call('work', 'inbox', { tab: 'pending' }, pick(WORKERS));
  const ops: [weight: number, run: () => Promise<unknown>][] = [
    [13, () => call('guide', 'list', {})],
    [25, () => call('guide', 'get', { code: pick(matterCodes) })],
    [25, () => call('guide', 'search', { q: pick(QUERIES) })],
    [
      CREATE_SHARE,
      async () => {
        const owner = resident(nextResident++);
        const n = nextResident % 4;
        const data =
          n < 3 ? { kind: 'report', ...REPORTS[n], description: `${REPORTS[n].description}（${nextResident}）` } : { kind: 'consult', matterCode: pick(matterCodes), buildingCode: pick(BUILDINGS), description: '想问问需要带哪些材料' };
        const r = await call('requests', 'create', data, owner, true);
        if (r.data) {
          owned.push({ id: r.data.id, owner });
          if (r.data.assignee) queue(toAccept, r.data.assignee.openid).push(r.data.id);
        }
      },
    ],
    [10, () => call('requests', 'mine', {}, owned.length ? pick(owned).owner : resident(Math.floor(rnd() * RESIDENTS)))],
    [
      8,
      () => {
        if (!owned.length) return call('account', 'me', {});
        const r = pick(owned);
        return call('requests', 'get', { id: r.id }, r.owner);
      },
    ],
    [8.5, inbox],
    [
      CREATE_SHARE,
      async () => {
        const t = take(toAccept);
        if (!t) return inbox();
        const { status } = await call('work', 'accept', { id: t.id }, t.who);
        if (status === 200) queue(toResolve, t.who).push(t.id);
        else if (status === 429) queue(toAccept, t.who).push(t.id); // over the worker's budget: later
      },
    ],
    [
      CREATE_SHARE,
      async () => {
        const t = take(toResolve);
        if (!t) return inbox();
        if ((await call('work', 'resolve', { id: t.id, note: '已到现场处理完毕' }, t.who)).status === 429) queue(toResolve, t.who).push(t.id);
      },
    ],
    [5, () => call('account', 'me', {}, resident(Math.floor(rnd() * RESIDENTS)))],
    [
      1,
      () => {
        const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
        return call('admin', 'metrics', { from: day(-30), to: day(0) }, ADMIN);
      },
    ],
  ];
  const total = ops.reduce((s, [w]) => s + w, 0);
  return {
    async prepare() {
      const list = await call('guide', 'list', {}, undefined, true);
      matterCodes = (list.data?.matters ?? []).map((m: { code: string }) => m.code);
      if (!matterCodes.length) throw new Error('guide.list returned no matters');
    },
    next(): Promise<unknown> {
      let r = rnd() * total;
      for (const [w, run] of ops) if ((r -= w) < 0) return run();
      return ops[0][1]();
    },
  };
}

function rssMB(pid: number): number | undefined {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

function dirMB(dir: string): number {
  return fs.readdirSync(dir, { withFileTypes: true }).reduce((s, e) => {
    const p = path.join(dir, e.name);
    return s + (e.isDirectory() ? dirMB(p) : fs.statSync(p).size / 1024 ** 2);
  }, 0);
}

interface Window {
  from: number;
  to: number;
  count: number;
  p50: number;
  p99: number;
  max: number;
  rss?: number;
}

export interface SoakResult {
  seconds: number;
  warmup: number;
  windows: Window[];
  skipped: number;
  byStatus: Map<number, number>;
  /** Per `function.action` over the measured part: count, p50, p99, statuses other than 200. */
  byOp: { op: string; count: number; p50: number; p99: number; other: string }[];
  dataMB: number;
  /** 1-minute load average before and after, and this process's event-loop delay p99 (ms): a busy machine or a starved generator inflates every latency. */
  load: [number, number];
  generatorDelayP99: number;
}

function summariseOps(samples: Sample[]): SoakResult['byOp'] {
  const groups = new Map<string, Sample[]>();
  for (const s of samples) (groups.get(s.op) ?? groups.set(s.op, []).get(s.op)!).push(s);
  return [...groups].map(([op, xs]) => {
    const ms = xs.map((x) => x.ms);
    const other = new Map<number, number>();
    for (const x of xs) if (x.status !== 200) other.set(x.status, (other.get(x.status) ?? 0) + 1);
    return { op, count: xs.length, p50: percentile(ms, 50), p99: percentile(ms, 99), other: [...other].map(([st, c]) => `${c}× ${st}`).join(', ') };
  });
}

/** Offers RPS requests a second for `warmup + seconds`, sampling the server's RSS every second. */
export async function soak(seconds: number): Promise<SoakResult> {
  const warmup = Math.min(30, Math.max(5, Math.round(seconds / 10)));
  const windowS = seconds >= 120 ? 60 : seconds / 4;
  const server = await startServerProcess({ TICK_SECONDS: '60' }); // the timer runs as it does in production
  const samples: Sample[] = [];
  const rss: { at: number; mb: number }[] = [];
  let measureFrom = Infinity; // set when the paced traffic starts
  const traffic = trafficMix(server.url, (op, ms, status) => samples.push({ op, at: performance.now() - measureFrom, ms, status }));
  try {
    await traffic.prepare();
    const loadBefore = os.loadavg()[0];
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const started = performance.now();
    measureFrom = started + warmup * 1000;
    const end = measureFrom + seconds * 1000;
    const sampler = setInterval(() => {
      const mb = rssMB(server.pid);
      if (mb !== undefined) rss.push({ at: performance.now() - measureFrom, mb });
    }, 1000);
    const inFlight = new Set<Promise<unknown>>();
    let skipped = 0;
    for (let i = 0; ; i++) {
      const due = started + (i * 1000) / RPS;
      if (due >= end) break;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      if (inFlight.size >= MAX_IN_FLIGHT) {
        skipped++;
        continue;
      }
      const p = traffic.next().finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
    await Promise.allSettled(inFlight);
    clearInterval(sampler);
    loop.disable();

    const measured = samples.filter((s) => s.at >= 0);
    const byStatus = new Map<number, number>();
    for (const s of measured) byStatus.set(s.status, (byStatus.get(s.status) ?? 0) + 1);
    const count = Math.max(1, Math.round(seconds / windowS));
    const windows = Array.from({ length: count }, (_, w): Window => {
      const from = w * windowS;
      const to = (w + 1) * windowS;
      const last = w === count - 1;
      const inside = <T extends { at: number }>(x: T) => x.at >= from * 1000 && (last || x.at < to * 1000);
      const ms = measured.filter(inside).map((s) => s.ms);
      const mbs = rss.filter(inside).map((r) => r.mb);
      return { from, to, count: ms.length, p50: percentile(ms, 50), p99: percentile(ms, 99), max: Math.max(...ms), rss: mbs.length ? percentile(mbs, 50) : undefined };
    });
    return { seconds, warmup, windows, skipped, byStatus, byOp: summariseOps(measured), dataMB: dirMB(server.dataDir), load: [loadBefore, os.loadavg()[0]], generatorDelayP99: loop.percentile(99) / 1e6 };
  } finally {
    await server.stop();
  }
}

const fixed = (n: number | undefined, digits = 1) => (n === undefined ? 'n/a' : n.toFixed(digits));

/** The soak's verdict rows: throughput, p99 steadiness, RSS growth, failures. */
export function soakRows(r: SoakResult): Row[] {
  const first = r.windows[0];
  const last = r.windows[r.windows.length - 1];
  const p99Ratio = last.p99 / first.p99;
  const withinJitter = last.p99 - first.p99 <= r.generatorDelayP99;
  const growth = first.rss !== undefined && last.rss !== undefined ? last.rss - first.rss : undefined;
  const failed = [...r.byStatus].filter(([s]) => s === 0 || s >= 500).reduce((n, [, c]) => n + c, 0);
  const answered = [...r.byStatus.values()].reduce((a, b) => a + b, 0);
  const clientErrors = [...r.byStatus].filter(([s]) => s >= 400 && s < 500).sort(([a], [b]) => a - b);
  const span = `${r.windows.length} windows of ${r.windows[0].to - r.windows[0].from} s`;
  return [
    {
      metric: `soak ${r.seconds} s: throughput`,
      value: `${(answered / r.seconds).toFixed(0)} req/s`,
      note: `${RPS} req/s offered after ${r.warmup} s warm-up; ${answered.toLocaleString('en')} answered${r.skipped ? `; ${r.skipped} skipped at ${MAX_IN_FLIGHT} in flight` : ''}; load average ${fixed(r.load[0])} → ${fixed(r.load[1])} on ${os.cpus().length} cores; generator loop delay p99 ${fixed(r.generatorDelayP99)} ms`,
    },
    {
      metric: 'soak: p99, last / first window',
      value: `${p99Ratio.toFixed(2)}×`,
      goal: `≤ ${P99_RATIO_GOAL}×`,
      pass: p99Ratio <= P99_RATIO_GOAL || withinJitter,
      note: `p99 ${fixed(first.p99)} ms → ${fixed(last.p99)} ms; ${span}${p99Ratio > P99_RATIO_GOAL && withinJitter ? `; the rise is within the generator's own loop delay p99 (${fixed(r.generatorDelayP99)} ms)` : ''}`,
    },
    {
      metric: 'soak: server RSS growth after warm-up',
      value: growth === undefined ? 'n/a' : `${growth >= 0 ? '+' : ''}${growth.toFixed(1)} MB`,
      goal: `≤ ${RSS_GROWTH_MB} MB`,
      pass: growth === undefined ? undefined : growth <= RSS_GROWTH_MB,
      note: `RSS ${fixed(first.rss, 0)} → ${fixed(last.rss, 0)} MB (window medians); data files ${r.dataMB.toFixed(1)} MB at the end`,
    },
    {
      metric: 'soak: 5xx and failed requests',
      value: String(failed),
      goal: '0',
      pass: failed === 0,
      note: clientErrors.length ? `4xx: ${clientErrors.map(([s, c]) => `${c}× ${s}`).join(', ')}` : 'no 4xx',
    },
  ];
}

/** One row per window and per action, for the standalone run. */
export function detailRows(r: SoakResult): Row[] {
  return [
    ...r.windows.map((w) => ({
      metric: `soak window ${w.from.toFixed(0)}–${w.to.toFixed(0)} s`,
      value: `p99 ${fixed(w.p99)} ms`,
      note: `${w.count.toLocaleString('en')} requests; p50 ${fixed(w.p50)} ms, max ${fixed(w.max, 0)} ms; RSS ${fixed(w.rss, 0)} MB`,
    })),
    ...r.byOp.map((o) => ({
      metric: `soak ${o.op}`,
      value: `p99 ${fixed(o.p99)} ms`,
      note: `${o.count.toLocaleString('en')} calls; p50 ${fixed(o.p50)} ms${o.other ? `; ${o.other}` : ''}`,
    })),
  ];
}

export async function benchSoak(seconds = Number(process.env.BENCH_SOAK_SECONDS ?? 20)): Promise<Row[]> {
  return soakRows(await soak(seconds));
}

if (require.main === module) {
  const seconds = Number(process.argv[2] ?? 300);
  soak(seconds)
    .then((r) => printTable([...detailRows(r), ...soakRows(r)]))
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
