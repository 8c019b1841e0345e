import { addDays, localDate, DEFAULT_TZ } from '@qgt/shared/domain/calendar';
import type { Deployment } from '@qgt/shared/domain/deployment';
import { maskPhone } from '@qgt/shared/privacy/mask';
import type { Store } from '../store/port';
import { gridVisits, keyHouseholds, type GridVisitDoc, type KeyHouseholdDoc } from '../visits/store';
import { DEMO_DEPLOYMENT } from './demo-community';

/**
 * A deployment's 包保 key households and sample past grid visits, the visits dated back from the
 * seeding day. In the demo (deployments/demo.json) the worker home always opens on a mixed picture:
 * 王奶奶 (weekly, last seen 10 days ago) is overdue, the others are on schedule.
 *
 *   code      name    worker         tags             every   last visit
 *   G1-H001   王奶奶  demo-worker-1  独居老人          7 d    today − 10  → overdue 3 days
 *   G1-H002   李大爷  demo-worker-1  低保, 残疾        14 d   today − 3
 *   G1-H003   周先生  demo-worker-1  退役军人          30 d   today − 20
 *   G2-H001   陈婆婆  demo-worker-2  独居老人          7 d    today − 5
 *
 * Deterministic for a given day; ids are fixed (re-seeding overwrites, never duplicates).
 */
export function visitData(dep: Deployment, today: string, at: string): { households: KeyHouseholdDoc[]; visits: GridVisitDoc[] } {
  const communityOf = new Map(dep.data.workers.map((w) => [w.openid, w.community]));
  const households = dep.households.map(({ phone, ...h }): KeyHouseholdDoc => ({ _id: h.code, ...h, ...(phone && { phone: maskPhone(phone) }), updatedAt: at }));
  const visits = dep.sampleVisits.map(
    (v, i): GridVisitDoc => ({
      _id: `V-${dep.data.subdistrict.code}-${i + 1}`,
      worker: v.worker,
      community: communityOf.get(v.worker)!,
      date: addDays(today, -v.daysAgo),
      household: v.household,
      ...(v.buildingCode && { buildingCode: v.buildingCode }),
      found: v.found,
      requestIds: [],
      createdAt: at,
    }),
  );
  return { households, visits };
}

export const demoVisitData = (today: string, at: string) => visitData(DEMO_DEPLOYMENT, today, at);

export async function seedVisits(store: Store, dep: Deployment, now: Date): Promise<void> {
  const { households, visits } = visitData(dep, localDate(now.getTime(), DEFAULT_TZ), now.toISOString());
  for (const h of households) await keyHouseholds(store).put(h);
  for (const v of visits) await gridVisits(store).insertIfAbsent(v);
}
