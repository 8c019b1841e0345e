/**
 * The timer and the outbox across a crash at each point between a decision and its delivery: the
 * process dies right before or after one write (every later write fails too: it is gone), a new
 * process opens the same files and ticks again. The end state must be the one an uninterrupted run
 * reaches: each message sent exactly once, each alert level marked once, each auto-close done once.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestServer } from '../helpers/server';
import { client, ok, report } from '../api/requests-helpers';
import { openEmbeddedStore } from '../../cloudfunctions/lib/store/embedded';
import type { Collection, Doc, Store, Update } from '../../cloudfunctions/lib/store/port';
import { runTick } from '../../cloudfunctions/lib/timer/tick';
import { localPlatform } from '../../cloudfunctions/lib/platform/local';
import { LEASE_MS, NOTIFICATIONS, OUTBOX, type OutboxEntry } from '../../cloudfunctions/lib/outbox/outbox';
import type { NotificationDoc } from '../../cloudfunctions/lib/outbox/sender';
import { REQUESTS, type RequestDoc } from '../../cloudfunctions/lib/requests/store';

/** Thursday 2026-11-26 12:00 in Shanghai, an ordinary working week. */
const T = new Date('2026-11-26T12:00:00+08:00');
const TICKS = [T, new Date(T.getTime() + LEASE_MS + 1000), new Date(T.getTime() + 2 * LEASE_MS + 2000)];
const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
const platform = localPlatform(() => 'http://127.0.0.1');

class Crash extends Error {}

interface CrashPoint {
  collection: string;
  method: keyof Collection<Doc>;
  when: 'before' | 'after';
  match(args: unknown[]): boolean;
}

const updateOf = (args: unknown[]) => args[1] as Update;

/** [where the process dies, how to recognise the write] */
const POINTS: Array<[string, CrashPoint]> = [
  ['a deadline alert is enqueued, its level not yet marked', { collection: OUTBOX, method: 'insertIfAbsent', when: 'after', match: (a) => (a[0] as OutboxEntry).template === 'dueAlert' }],
  ['an alert level is marked, its message not yet sent', { collection: REQUESTS, method: 'updateById', when: 'after', match: (a) => !!updateOf(a).$push?.emittedLevels }],
  ['a message is claimed, not yet sent', { collection: OUTBOX, method: 'updateById', when: 'after', match: (a) => updateOf(a).$set?.status === 'sending' }],
  ['a message is sent, not yet marked sent', { collection: NOTIFICATIONS, method: 'insertIfAbsent', when: 'after', match: () => true }],
  ['an unrated request is about to be closed', { collection: REQUESTS, method: 'updateById', when: 'before', match: (a) => updateOf(a).$set?.status === 'closed' }],
  ['an unrated request is closed, the tick not finished', { collection: REQUESTS, method: 'updateById', when: 'after', match: (a) => updateOf(a).$set?.status === 'closed' }],
];

/** `store` until the crash point's write; from then on every operation fails, as in a dead process. */
function dyingAt(store: Store, point: CrashPoint): { store: Store; crashed: () => boolean } {
  let dead = false;
  const wrap = <T extends Doc>(name: string, coll: Collection<T>): Collection<T> =>
    new Proxy(coll, {
      get(target, key) {
        const value = Reflect.get(target, key) as unknown;
        if (typeof value !== 'function') return value;
        return async (...args: unknown[]) => {
          if (dead) throw new Crash('the process is gone');
          const hit = name === point.collection && key === point.method && point.match(args);
          if (hit && point.when === 'before') dead = true;
          if (dead) throw new Crash('killed before the write');
          const result = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          if (hit) {
            dead = true;
            throw new Crash('killed after the write');
          }
          return result;
        };
      },
    });
  return { store: { kind: store.kind, close: () => store.close(), collection: <T extends Doc>(name: string) => wrap(name, store.collection<T>(name)) }, crashed: () => dead };
}

let prepared: string;
const ids = { overdue: '', nearlyDue: '', unrated: '' };

beforeAll(async () => {
  const server = await startTestServer();
  const api = client(server);
  // Due Thursday 11-19 24:00: at T it is 250 % through → remind, 督办 and 街道 escalation.
  ids.overdue = ok(await api.requests('create', report(), 'timer-crash-1', '2026-11-16T10:00:00+08:00')).id;
  // Due Thursday 11-26 24:00: at T it is 83 % through → remind only.
  ids.nearlyDue = ok(await api.requests('create', report(), 'timer-crash-2', '2026-11-23T10:00:00+08:00')).id;
  // Resolved 11-17 and never rated: closed as unrated at T (7 days on).
  ids.unrated = ok(await api.requests('create', report(), 'timer-crash-3', '2026-11-16T10:00:00+08:00')).id;
  ok(await api.work('accept', { id: ids.unrated }, 'demo-worker-1', '2026-11-17T09:00:00+08:00'));
  ok(await api.work('resolve', { id: ids.unrated, note: '已修好' }, 'demo-worker-1', '2026-11-17T10:00:00+08:00'));
  prepared = server.dataDir;
  await server.close();
});
afterAll(() => fs.rmSync(prepared, { recursive: true, force: true }));

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
function copyOfPrepared(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qgt-timer-crash-'));
  fs.cpSync(prepared, dir, { recursive: true });
  dirs.push(dir);
  return dir;
}

/** What must come out the same with or without a crash (times and attempt counts may differ). */
async function endState(store: Store) {
  const notifications = (await store.collection<NotificationDoc>(NOTIFICATIONS).find({}, { sort: { _id: 1 } })).map(({ _id, to, template }) => ({ _id, to, template }));
  const outbox = (await store.collection<OutboxEntry>(OUTBOX).find({}, { sort: { _id: 1 } })).map(({ _id, status }) => ({ _id, status }));
  const reqs = await store.collection<RequestDoc>(REQUESTS).find({ _id: { $in: Object.values(ids) } }, { sort: { _id: 1 } });
  const requests = Object.fromEntries(
    reqs.map((r) => [r._id, { status: r.status, emittedLevels: r.emittedLevels, emitted: Object.keys(r.emitted ?? {}).sort(), timeline: r.timeline.map((e) => e.type), version: r.version }]),
  );
  return { notifications, outbox, requests };
}

/** Ticks at each of TICKS on a copy of the prepared data, the first tick dying at `point`, then reopening. */
async function ticksWithCrash(point?: CrashPoint) {
  const dir = copyOfPrepared();
  let store = openEmbeddedStore(dir);
  let crashed = false;
  for (const [i, now] of TICKS.entries()) {
    if (i === 0 && point) {
      const dying = dyingAt(store, point);
      await runTick({ store: dying.store, now, log, platform }).catch((e: unknown) => {
        if (!(e instanceof Crash)) throw e;
      });
      crashed = dying.crashed();
      // The dead process's store is abandoned as it is (no close, no compaction): a new one reads the files.
      store = openEmbeddedStore(dir);
    } else await runTick({ store, now, log, platform });
  }
  const state = await endState(store);
  await store.close();
  return { crashed, state };
}

describe('timer and outbox across a crash', () => {
  let uninterrupted: Awaited<ReturnType<typeof endState>>;
  beforeAll(async () => {
    uninterrupted = (await ticksWithCrash()).state;
  });

  it('without a crash: every level alerted once, the unrated request closed once, everything sent', () => {
    const { requests, outbox, notifications } = uninterrupted;
    expect(requests[ids.overdue].emittedLevels).toEqual(['remind', 'overdue', 'escalate']);
    expect(requests[ids.nearlyDue].emittedLevels).toEqual(['remind']);
    expect(requests[ids.unrated].status).toBe('closed');
    expect(requests[ids.unrated].timeline.filter((t) => t === 'close')).toHaveLength(1);
    const alerts = notifications.filter((n) => n.template === 'dueAlert').map((n) => n._id);
    expect(alerts.sort()).toEqual([`${ids.nearlyDue}:remind`, `${ids.overdue}:escalate`, `${ids.overdue}:overdue`, `${ids.overdue}:remind`].sort());
    expect(outbox.filter((e) => e.status !== 'sent')).toEqual([]);
    expect(notifications.map((n) => n._id)).toEqual(outbox.map((e) => e._id));
  });

  it.each(POINTS)('dies when %s, restarts: the same messages, marks and closes, once each', async (_, point) => {
    const { crashed, state } = await ticksWithCrash(point);
    expect(crashed).toBe(true);
    expect(state).toEqual(uninterrupted);
  });
});
