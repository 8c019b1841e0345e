/**
 * `npm run seed:cloudbase`: publishes the catalog (and, with SEED=demo, the demo community) into a
 * CloudBase environment through the same store adapter the functions use.
 * Needs TCB_ENV, TCB_SECRET_ID and TCB_SECRET_KEY (an API key of the Tencent Cloud account).
 */
import tcb from '@cloudbase/node-sdk';
import { openCloudbaseStore } from '../cloudfunctions/lib/store/cloudbase';
import { syncCatalogFromSource } from '../cloudfunctions/lib/catalog/publish';
import { seedIfEmpty } from '../cloudfunctions/lib/seed/demo';

async function main() {
  const { TCB_ENV: env, TCB_SECRET_ID: secretId, TCB_SECRET_KEY: secretKey } = process.env;
  if (!env || !secretId || !secretKey) throw new Error('set TCB_ENV, TCB_SECRET_ID and TCB_SECRET_KEY');
  const store = openCloudbaseStore(tcb.init({ env, secretId, secretKey }));
  const published = await syncCatalogFromSource(store, new Date());
  const seeded = await seedIfEmpty(store, process.env.SEED === 'demo' ? 'demo' : 'none', new Date());
  console.log(`catalog: ${published ? `published ${published}` : 'already up to date'}; seed: ${seeded ? 'done' : 'already seeded'}`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
