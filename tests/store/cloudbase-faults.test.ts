import tcb from '@cloudbase/node-sdk';
import { AppError } from '../../shared/src/errors';
import { openCloudbaseStore } from '../../cloudfunctions/lib/store/cloudbase';
import { RETRY, UncertainWriteError } from '../../cloudfunctions/lib/store/transient';
import type { Doc } from '../../cloudfunctions/lib/store/port';
import { FAULTS, startFakeCloudbase, type FakeCloudbase } from '../fakes/cloudbase-server';

/**
 * The CloudBase adapter under load, against the fake with injected faults: write conflicts and
 * the concurrency limit are retried; what still fails becomes an AppError (429, or 409 for a write
 * whose outcome is unknown), never a 500; a write is never applied twice nor lost.
 */
interface Counter extends Doc {
  n: number;
}

let fake: FakeCloudbase;
const previous = process.env.TENCENTCLOUD;
const open = () => openCloudbaseStore(tcb.init({ env: 'test-env', secretId: 'x', secretKey: 'y', serviceUrl: `${fake.url}/admin` }));
const fault = (action: RegExp, kind: keyof typeof FAULTS, times: number, applied = false) => fake.faults.push({ action, ...FAULTS[kind], times, ...(applied && { applied }) });
const stored = (name: string) => (fake.collections.get(name) ?? []) as unknown as Counter[];

beforeAll(async () => {
  process.env.TENCENTCLOUD = 'true';
  fake = await startFakeCloudbase();
});
afterAll(async () => {
  await fake.close();
  if (previous === undefined) delete process.env.TENCENTCLOUD;
  else process.env.TENCENTCLOUD = previous;
});
afterEach(() => {
  fake.faults.length = 0;
  fake.latencyMs = 0;
});

it('retries write conflicts: the update lands once', async () => {
  const c = open().collection<Counter>('counters');
  await c.insert({ _id: 'a', n: 0 });
  fault(/^database\.modifyDocument$/, 'writeConflict', RETRY.attempts - 1);
  expect(await c.updateById('a', { $inc: { n: 1 } })).toBe(true);
  expect(stored('counters').find((d) => d._id === 'a')?.n).toBe(1);
});

it('retries the concurrency limit on reads; past the retries it is a 429 AppError', async () => {
  const c = open().collection<Counter>('counters');
  fault(/^database\.getDocument$/, 'concurrencyLimit', RETRY.attempts - 1);
  expect((await c.get('a'))?._id).toBe('a');
  fault(/^database\.getDocument$/, 'concurrencyLimit', RETRY.attempts);
  const err = await c.find({}).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  expect(err).toMatchObject({ code: 'RATE_LIMITED', status: 429, message: expect.stringMatching(/请稍后再试/) });
});

it('an insert whose answer was lost after it landed is taken as done: one document, no duplicate error', async () => {
  const c = open().collection<Counter>('counters');
  fault(/^database\.insertDocument$/, 'timeout', 1, true);
  await expect(c.insert({ _id: 'b', n: 7 })).resolves.toEqual({ _id: 'b', n: 7 });
  expect(stored('counters').filter((d) => d._id === 'b')).toHaveLength(1);
});

it('an insert that timed out before landing is sent again and lands', async () => {
  const c = open().collection<Counter>('counters');
  fault(/^database\.insertDocument$/, 'timeout', 1);
  await c.insert({ _id: 'c', n: 1 });
  expect(stored('counters').find((d) => d._id === 'c')?.n).toBe(1);
});

it('an $inc whose answer was lost is not repeated (applied once) and answers 409', async () => {
  const c = open().collection<Counter>('counters');
  await c.insert({ _id: 'd', n: 0 });
  fault(/^database\.modifyDocument$/, 'timeout', 1, true);
  const err = await c.updateById('d', { $inc: { n: 1 } }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(UncertainWriteError);
  expect(err).toMatchObject({ code: 'CONFLICT', status: 409 });
  expect(stored('counters').find((d) => d._id === 'd')?.n).toBe(1);
});

it('a put (whole-document replace) is repeated on a timeout: the same result', async () => {
  const c = open().collection<Counter>('counters');
  fault(/^database\.modifyDocument$/, 'timeout', 1, true);
  await c.put({ _id: 'e', n: 3 });
  expect(stored('counters').filter((d) => d._id === 'e').map((d) => d.n)).toEqual([3]);
});

it('works under latency with concurrent writers on one document', async () => {
  fake.latencyMs = () => 5 + Math.floor(Math.random() * 20);
  const c = open().collection<Counter>('counters');
  await c.insert({ _id: 'f', n: 0 });
  fault(/^database\.modifyDocument$/, 'writeConflict', 3);
  await Promise.all(Array.from({ length: 8 }, () => c.updateById('f', { $inc: { n: 1 } })));
  expect(stored('counters').find((d) => d._id === 'f')?.n).toBe(8);
});

it('an insert that keeps timing out without landing gives up with a 409, not a loop', async () => {
  const c = open().collection<Counter>('counters');
  fault(/^database\.insertDocument$/, 'timeout', 100);
  await expect(c.insert({ _id: 'g', n: 1 })).rejects.toBeInstanceOf(UncertainWriteError);
  expect(stored('counters').some((d) => d._id === 'g')).toBe(false);
});
