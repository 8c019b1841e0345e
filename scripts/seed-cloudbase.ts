/**
 * `npm run seed:cloudbase`: publishes the catalog into a CloudBase environment through the same
 * store adapter the functions use, and seeds a 街道:
 *   -- --deployment deployments/<code>.json   that 街道 (added beside others; a newer version applied)
 *   SEED=demo                                 the demo (deployments/demo.json), on an empty environment
 * Needs TCB_ENV, TCB_SECRET_ID and TCB_SECRET_KEY (an API key of the Tencent Cloud account).
 */
import tcb from '@cloudbase/node-sdk';
import { openCloudbaseStore } from '../cloudfunctions/lib/store/cloudbase';
import { seedStore, seedModeFromArgs } from '../cloudfunctions/lib/seed/demo';

async function main() {
  const mode = seedModeFromArgs(process.argv.slice(2), process.env);
  const { TCB_ENV: env, TCB_SECRET_ID: secretId, TCB_SECRET_KEY: secretKey } = process.env;
  if (!env || !secretId || !secretKey) throw new Error('set TCB_ENV, TCB_SECRET_ID and TCB_SECRET_KEY');
  const store = openCloudbaseStore(tcb.init({ env, secretId, secretKey }));
  console.log(await seedStore(store, mode, new Date()));
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
