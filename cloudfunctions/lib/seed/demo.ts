import type { Store } from '../store/port';
import type { UserDoc } from '../runtime/context';
import { USERS } from '../runtime/context';
import { META } from '../catalog/published';
import { writeCommunityData } from '../community/store';
import { DEMO_COMMUNITY } from './demo-community';
import { seedDemoVisits } from './demo-visits';

/** The demo identities of the contract; the README lists them. Department staff carry their department. */
export const DEMO_USERS: (Omit<UserDoc, 'createdAt'> & { department?: string })[] = [
  { _id: 'demo-admin', role: 'admin', name: '王主任', communities: ['demo-community'] },
  { _id: 'demo-resident', role: 'resident', name: '张阿姨' },
  { _id: 'demo-resident-2', role: 'resident', name: '李师傅' },
  { _id: 'demo-worker-1', role: 'worker', name: '刘网格', communities: ['demo-community'] },
  { _id: 'demo-worker-2', role: 'worker', name: '陈网格', communities: ['demo-community'] },
  { _id: 'demo-worker-3', role: 'worker', name: '赵网格', communities: ['demo-community'] },
  { _id: 'demo-street-admin', role: 'admin', name: '孙科长', communities: ['demo-community'] },
  { _id: 'demo-dept-gas', role: 'worker', name: '周师傅', department: 'ranqi' },
];

export type SeedMode = 'demo' | 'none';

/**
 * Seeds a new store with the demo community and identities (mode 'demo') or nothing (mode 'none';
 * the catalog is published separately, see syncCatalogFromSource). Runs once per store:
 * every write is a put and the marker goes last, so a crash mid-way just seeds again.
 */
export async function seedIfEmpty(store: Store, mode: SeedMode, now: Date): Promise<boolean> {
  const marker = await store.collection<{ _id: string; mode: SeedMode; at: string }>(META).get('seed');
  if (marker) return false;
  if (mode === 'demo') {
    const users = store.collection<UserDoc>(USERS);
    for (const u of DEMO_USERS) await users.put({ ...u, createdAt: now.toISOString() });
    await writeCommunityData(store, DEMO_COMMUNITY);
    await seedDemoVisits(store, now);
  }
  await store.collection<{ _id: string; mode: SeedMode; at: string }>(META).put({ _id: 'seed', mode, at: now.toISOString() });
  return true;
}
