import { openEmbeddedStore } from '../cloudfunctions/lib/store/embedded';
import { createContext } from '../cloudfunctions/lib/runtime/context';
import { USERS } from '../cloudfunctions/lib/runtime/caller';
import { dispatch } from '../cloudfunctions/lib/runtime/handler';
import { localPlatform } from '../cloudfunctions/lib/platform/local';
import { adminHandlers } from '../cloudfunctions/admin/handlers';
import { META } from '../cloudfunctions/lib/catalog/published';
import { bumpCommunityVersion } from '../cloudfunctions/lib/community/store';
import { DISTRICT, DISTRICT_ADMIN, writeDistrict } from '../cloudfunctions/lib/seed/large';
import type { Store } from '../cloudfunctions/lib/store/port';
import { percentile, type Row } from './stats';

const NOW = new Date('2026-11-23T04:00:00Z');
const silent = { info() {}, warn() {}, error() {} };
const ROUNDS = 5;
/** A 区 admin beside the 街道 admin: sees every 街道 of the environment (the same communities here). */
const QU_ADMIN = 'bench-qu-admin';
/** The largest data set measured; `BENCH_METRICS_MAX=100000` skips the million (≈ 2 GB of heap, minutes to generate). */
const MAX = Number(process.env.BENCH_METRICS_MAX ?? 1_000_000);
/** The smallest measured (`BENCH_METRICS_MIN=1000000`: the million alone). */
const MIN = Number(process.env.BENCH_METRICS_MIN ?? 0);

async function addDistrictAdmin(store: Store): Promise<void> {
  await store.collection<{ _id: string; code: string; name: string; admins: string[] }>(META).put({ _id: 'district', code: 'bench-qu', name: '示范区', admins: [QU_ADMIN] });
  await store.collection<{ _id: string; role: string; communities: string[]; createdAt: string }>(USERS).put({ _id: QU_ADMIN, role: 'admin', communities: [], createdAt: NOW.toISOString() });
  await bumpCommunityVersion(store);
}

const heapUsed = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
};

interface Timing {
  ms: number[];
  cpuMs: number[];
  total: number;
  /** The first call: it builds every rollup the window needs that no earlier call built. */
  firstMs: number;
}

/**
 * admin.metrics through the handler (dispatch → access → the window's rollups of requests, walk-ins
 * and visits, overdue and the top cells live → combine; the first call builds the rollups)
 * over the district data set (55,700 requests), 100,000 and 1,000,000 requests (with the walk-ins
 * and grid visits the generator adds), in-memory embedded stores filled by the demo generator.
 * The whole year of every figure of the dashboard, for the 街道 admin and for a 区 admin; and the
 * heap the store holds per 100k requests.
 */
async function timeMetrics(requests: number): Promise<{ street: Timing; district: Timing; genMs: number; heapPer100k: number }> {
  const before = heapUsed();
  const store = openEmbeddedStore(null);
  const started = performance.now();
  await writeDistrict(store, { requests, now: NOW });
  await addDistrictAdmin(store);
  const genMs = performance.now() - started;
  const heapPer100k = ((heapUsed() - before) / requests) * 100_000;
  const time = async (openid: string): Promise<Timing> => {
    const call = async () => {
      const ctx = createContext({ store, now: NOW, log: silent, platform: localPlatform(() => 'http://127.0.0.1'), openid });
      return (await dispatch(adminHandlers, 'admin', { action: 'metrics', data: { from: '2025-11-23', to: '2026-11-22' } }, ctx)) as { total: number };
    };
    const cold = performance.now();
    const first = await call(); // warms the community cache, the backfill check and the generated grouping pass
    const firstMs = performance.now() - cold;
    // The first call built every rollup (a pass over every document): its garbage is collected
    // (with --expose-gc), and one more call warms the read path, as a server's would be long before.
    heapUsed();
    await call();
    const ms: number[] = [];
    const cpuMs: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const t = performance.now();
      const cpu = process.cpuUsage();
      await call();
      ms.push(performance.now() - t);
      const used = process.cpuUsage(cpu);
      cpuMs.push((used.user + used.system) / 1000);
    }
    return { ms, cpuMs, total: first.total, firstMs };
  };
  const street = await time(DISTRICT_ADMIN);
  const district = await time(QU_ADMIN);
  await store.close();
  return { street, district, genMs, heapPer100k };
}

export async function benchMetrics(onRow: (row: Row) => void = () => {}): Promise<Row[]> {
  const rows: Row[] = [];
  const sizes = [
    [`${DISTRICT.requests.toLocaleString('en')} (district year)`, DISTRICT.requests, ''],
    ['100k', 100_000, '≤ 500 ms on 100k'],
    ['1M', 1_000_000, '≤ 500 ms on 1M'],
  ] as const;
  for (const [label, n, goal] of sizes.filter(([, n]) => n <= MAX && n >= MIN)) {
    const { street, district, genMs, heapPer100k } = await timeMetrics(n);
    for (const [who, t] of [['街道 admin', street], ['区 admin', district]] as const) {
      rows.push({
        metric: `admin.metrics, ${label}, ${who}`,
        value: `${percentile(t.ms, 50).toFixed(0)} ms`,
        goal,
        // CPU time beside wall time: on a busy machine the difference is waiting for a core.
        note: `median of ${ROUNDS}, max ${Math.max(...t.ms).toFixed(0)} ms, CPU ${percentile(t.cpuMs, 50).toFixed(0)} ms; first call ${(t.firstMs / 1000).toFixed(1)} s; ${t.total.toLocaleString('en')} in window; generated in ${(genMs / 1000).toFixed(1)} s`,
      });
    }
    rows.push({
      metric: `embedded store heap per 100k requests (${label})`,
      value: `${(heapPer100k / 1e6).toFixed(0)} MB`,
      goal: '',
      note: `heap held after generating ${n.toLocaleString('en')} requests with their walk-ins and visits${(globalThis as { gc?: unknown }).gc ? '' : ' (no --expose-gc: includes garbage)'}`,
    });
    rows.slice(-3).forEach(onRow);
  }
  return rows;
}

if (require.main === module) {
  // Each size prints as soon as it is measured: the million takes minutes.
  benchMetrics((row) => console.log(JSON.stringify(row)))
    .then((rows) => console.table(rows))
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
