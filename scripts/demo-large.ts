/**
 * `npm run demo:large`: writes the district-scale demo data set (22 communities, 205 grids, 380
 * workers, a year of 55,700 requests, walk-ins and grid visits; see cloudfunctions/lib/seed/large.ts)
 * into DATA_DIR through the store port, after the catalog and the usual demo seed. DEMO_SCALE
 * (default 1) scales the volumes. The 街道 admin is `district-admin`; community admins `admin-c01`…
 */
import path from 'node:path';
import { openEmbeddedStore } from '../cloudfunctions/lib/store/embedded';
import { syncCatalogFromSource } from '../cloudfunctions/lib/catalog/publish';
import { seedIfEmpty } from '../cloudfunctions/lib/seed/demo';
import { writeDistrict } from '../cloudfunctions/lib/seed/large';
import { requests } from '../cloudfunctions/lib/requests/store';

async function main() {
  const dataDir = path.resolve(process.env.DATA_DIR || path.join(__dirname, '..', '.data'));
  const scale = Number(process.env.DEMO_SCALE ?? '1');
  if (!(scale > 0 && scale <= 10)) throw new Error('DEMO_SCALE must be a number in (0, 10]');
  const store = openEmbeddedStore(dataDir);
  const now = new Date();
  if ((await requests(store).count({ _id: { $gte: 'L', $lt: 'M' } })) > 0) throw new Error(`${dataDir} already holds the large demo data set; delete it to regenerate`);
  await syncCatalogFromSource(store, now);
  await seedIfEmpty(store, 'demo', now);
  const started = Date.now();
  const counts = await writeDistrict(store, { scale, now });
  await store.close();
  console.log(`${dataDir}: ${counts.requests} requests, ${counts.walkins} walk-ins, ${counts.visits} grid visits in ${((Date.now() - started) / 1000).toFixed(1)} s (admin: district-admin)`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
