/**
 * kill -9 of the local server in the middle of a stream of writes: every write it acknowledged
 * (HTTP 200) is there after a restart, and the store opens even when a crash left half a line at the
 * end of a datafile (what a power cut can do; see lib/store/embedded/datafile.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openEmbeddedStore } from '../../cloudfunctions/lib/store/embedded';
import { OUTBOX } from '../../cloudfunctions/lib/outbox/outbox';
import { requests } from '../../cloudfunctions/lib/requests/store';
import { call, startServerProcess, type ServerProcess } from './server-process';

jest.setTimeout(120_000);

const WRITERS = 20;
/** Kill once this many requests were acknowledged (or after KILL_AFTER_MS, whichever comes first). */
const KILL_AT_ACKS = 150;
const KILL_AFTER_MS = 8_000;
const IN_G1 = { lat: 30.99, lng: 103.626 };

interface Acked {
  id: string;
  owner: string;
  description: string;
  /** The owner's cancel was acknowledged too. */
  cancelled: boolean;
}

describe('kill -9 of the local server under 20 concurrent writers', () => {
  let dataDir: string;
  const servers: ServerProcess[] = [];

  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qgt-crash-'));
  });
  afterAll(async () => {
    for (const s of servers) await s.kill9();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged create and cancel, and reopens with a torn last line', async () => {
    const first = await startServerProcess(dataDir);
    servers.push(first);
    const acked = new Map<string, Acked>();
    let killing = false;
    let interrupted = 0;

    const writer = async (w: number) => {
      for (let i = 0; !killing; i++) {
        // One resident per request, so per-resident rate budgets never refuse one.
        const owner = `crash-${w}-${i}`;
        const description = `路灯不亮 ${w}-${i}`;
        try {
          const created = await call(first.url, 'requests', 'create', { kind: 'report', category: 'shizheng', description, location: IN_G1 }, owner);
          if (created.status !== 200) throw new Error(`create answered ${created.status}: ${JSON.stringify(created.body)}`);
          const record: Acked = { id: created.body.data.id, owner, description, cancelled: false };
          acked.set(record.id, record);
          if (i % 2 === 1) continue;
          const cancelled = await call(first.url, 'requests', 'cancel', { id: record.id, reason: '已自行解决' }, owner);
          if (cancelled.status !== 200) throw new Error(`cancel answered ${cancelled.status}: ${JSON.stringify(cancelled.body)}`);
          record.cancelled = true;
        } catch (e) {
          if (!killing) throw e;
          interrupted++; // the connection died with the server: neither acknowledged nor expected
          return;
        }
      }
    };

    const started = Date.now();
    const writers = Array.from({ length: WRITERS }, (_, w) => writer(w));
    while (acked.size < KILL_AT_ACKS && Date.now() - started < KILL_AFTER_MS) await new Promise((r) => setTimeout(r, 10));
    killing = true;
    await first.kill9();
    await Promise.all(writers);

    expect(acked.size).toBeGreaterThanOrEqual(WRITERS);
    expect(interrupted).toBeGreaterThan(0); // the kill did land mid-stream

    // What a crash during a write can leave behind: the start of a line, no newline. In meta.db (a
    // handful of lines) one such line is over NeDB's 10 % corruption threshold on its own.
    fs.appendFileSync(path.join(dataDir, 'requests.db'), '{"_id":"RTORN","kind":"report","description":"半');
    fs.appendFileSync(path.join(dataDir, 'meta.db'), '{"_id":"community","vers');

    const second = await startServerProcess(dataDir);
    servers.push(second);
    const missing: string[] = [];
    const wrong: string[] = [];
    const records = [...acked.values()];
    for (let i = 0; i < records.length; i += WRITERS)
      await Promise.all(
        records.slice(i, i + WRITERS).map(async (r) => {
          const got = await call(second.url, 'requests', 'get', { id: r.id }, r.owner);
          if (got.status !== 200) missing.push(`${r.id}: ${got.status}`);
          else if (got.body.data.description !== r.description || (r.cancelled && got.body.data.status !== 'cancelled')) wrong.push(`${r.id}: ${got.body.data.status}`);
        }),
      );
    expect(missing).toEqual([]);
    expect(wrong).toEqual([]);
    expect(fs.readFileSync(path.join(dataDir, 'requests.db'), 'utf8')).not.toContain('RTORN');

    // Every cancel that was stored, acknowledged or not, tells its assignee exactly once: the timer
    // finishes the notices a kill between the save and the outbox left pending (lib/requests/effects).
    const ticked = await call(second.url, 'timer', 'tick', {}, 'demo-admin', new Date(Date.now() + 5 * 60_000).toISOString());
    expect(ticked.status).toBe(200);
    await second.stop();
    const store = openEmbeddedStore(dataDir);
    const cancelled = await requests(store).find({ status: 'cancelled' }, { limit: 1000 });
    const outbox = store.collection(OUTBOX);
    const untold: string[] = [];
    for (const doc of cancelled) if (!(await outbox.get(`${doc._id}:v${doc.version}:${doc.assignee}`))) untold.push(doc._id);
    expect(cancelled.length).toBeGreaterThan(0);
    expect(untold).toEqual([]);
    expect(await requests(store).count({ pendingSince: { $exists: true } })).toBe(0);
    await store.close();
  });
});
