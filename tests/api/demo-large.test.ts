import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openEmbeddedStore } from '../../cloudfunctions/lib/store/embedded';
import { createContext } from '../../cloudfunctions/lib/runtime/context';
import { dispatch } from '../../cloudfunctions/lib/runtime/handler';
import { localPlatform } from '../../cloudfunctions/lib/platform/local';
import { adminHandlers } from '../../cloudfunctions/admin/handlers';
import { localDate, addDays } from '@qgt/shared/domain/calendar';
import type { MetricsView } from '@qgt/shared/metrics/views';

jest.setTimeout(120_000);

/** `npm run demo:large` at DEMO_SCALE=0.01, then the 街道 admin's year of metrics over what it wrote. */
it('demo:large writes a district data set that admin.metrics reads', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qgt-large-'));
  try {
    const root = path.resolve(__dirname, '../..');
    const out = execFileSync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/demo-large.ts'], {
      cwd: root,
      env: { ...process.env, DATA_DIR: dir, DEMO_SCALE: '0.01' },
      encoding: 'utf8',
    });
    expect(out).toMatch(/557 requests, 310 walk-ins, \d+ grid visits/);

    const store = openEmbeddedStore(dir);
    const now = new Date();
    const ctx = createContext({ store, now, log: { info() {}, warn() {}, error() {} }, platform: localPlatform(() => 'http://127.0.0.1'), openid: 'district-admin' });
    const today = localDate(now.getTime(), 'Asia/Shanghai');
    const m = (await dispatch(adminHandlers, 'admin', { action: 'metrics', data: { from: addDays(today, -366), to: today } }, ctx)) as MetricsView;
    expect(m.communities).toHaveLength(22);
    expect(m.total).toBe(557);
    for (const r of [m.onTimeRate, m.satisfactionRate, m.onTheSpotRate, m.unratedShare, m.reopenRate]) {
      expect(r).toBeGreaterThan(0);
      expect(r).toBeLessThan(1);
    }
    expect(m.walkins.total).toBe(310);
    expect(m.byGrid.length).toBeGreaterThan(100);
    expect(m.visitTargets.workers).toHaveLength(380);
    expect(m.volume.byWeek.length).toBeGreaterThanOrEqual(52);
    await store.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
