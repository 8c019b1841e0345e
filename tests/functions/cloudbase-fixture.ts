/**
 * What running a function bundle as CloudBase does needs: the fake CloudBase server with the
 * catalog and the demo community, the environment the SDK inside the bundle reads, the context
 * SCF hands `main`, and one typical first call per function. Shared by tests/functions and
 * bench/sizes.ts (which times require + first call in fresh processes).
 */
import tcb from '@cloudbase/node-sdk';
import { openCloudbaseStore } from '../../cloudfunctions/lib/store/cloudbase';
import { syncCatalogFromSource } from '../../cloudfunctions/lib/catalog/publish';
import { seedIfEmpty } from '../../cloudfunctions/lib/seed/demo';
import { startFakeCloudbase, type FakeCloudbase } from '../fakes/cloudbase-server';

/** The fake CloudBase server holding the published catalog and the demo community (sets TENCENTCLOUD=true here, as the bundles see it). */
export async function startSeededCloudbase(): Promise<FakeCloudbase> {
  const fake = await startFakeCloudbase();
  process.env.TENCENTCLOUD = 'true'; // the seeding SDK: no metadata probe
  const store = openCloudbaseStore(tcb.init({ env: 'test-env', secretId: 'x', secretKey: 'y', serviceUrl: `${fake.url}/admin` }));
  await syncCatalogFromSource(store, new Date());
  await seedIfEmpty(store, 'demo', new Date());
  return fake;
}

/** The environment a bundle's SDK reads on CloudBase, pointed at the fake. */
export const bundleEnv = (fake: FakeCloudbase): Record<string, string> => ({
  TENCENTCLOUD: 'true', // skip the metadata probe outside Tencent Cloud
  TENCENTCLOUD_SECRETID: 'x',
  TENCENTCLOUD_SECRETKEY: 'y',
  TCB_ENV: 'test-env',
  TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${fake.url}/admin` }),
  // The cloud-call token SCF gives an invocation from the mini-program (the SDK finds it through WX_CONTEXT_KEYS).
  WX_CONTEXT_KEYS: 'WX_API_TOKEN',
  WX_API_TOKEN: 'fake-cloud-call-token',
});

/**
 * What SCF hands a function: the caller's identity in `environment`, never in the event; a timer
 * trigger's call carries `TRIGGER_SRC=timer` (the SDK reads the cloud-call token from the process
 * environment: WX_API_TOKEN, or WX_TRIGGER_API_TOKEN_V0 for the timer).
 */
export const contextFor = (openid?: string, trigger?: 'timer') => ({
  request_id: 'r1',
  environment: JSON.stringify({
    ...(openid && { WX_OPENID: openid, WX_CONTEXT_KEYS: 'WX_OPENID' }),
    ...(trigger === 'timer' && { TRIGGER_SRC: 'timer' }),
  }),
});

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** A call each function typically gets first after a cold start, and who makes it (reads only, except timer's tick). */
export const TYPICAL_CALLS: Record<string, { event: unknown; openid?: string; trigger?: 'timer' }> = {
  account: { event: { action: 'me' }, openid: 'demo-resident' },
  guide: { event: { action: 'list' } },
  requests: { event: { action: 'mine' }, openid: 'demo-resident' },
  booking: { event: { action: 'slots', data: { from: day(1), to: day(7) } } },
  work: { event: { action: 'inbox' }, openid: 'demo-worker-1' },
  admin: { event: { action: 'grids.list' }, openid: 'demo-admin' },
  timer: { event: { Type: 'Timer', TriggerName: 'tick', Time: new Date().toISOString() }, trigger: 'timer' },
  visits: { event: { action: 'mine' }, openid: 'demo-worker-1' },
  desk: { event: { action: 'today' }, openid: 'demo-worker-1' },
};
