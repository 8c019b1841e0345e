import path from 'node:path';
import type { Store } from '../store/port';
import { syncCatalogFromSource } from '../catalog/publish';
import { DEMO_DEPLOYMENT } from './demo-community';
import { applyDeployment, markSeeded, readDeploymentFile } from './deployment';
import type { Deployment } from '@qgt/shared/domain/deployment';
import { metaDocs } from '../catalog/published';
import type { UserDoc } from '../runtime/caller';

/** The demo identities of the contract (deployments/demo.json grants them); the README lists them. */
export const DEMO_USERS: (Omit<UserDoc, 'createdAt'> & { department?: string })[] = DEMO_DEPLOYMENT.users.map((u) => ({
  _id: u.openid,
  role: u.role,
  ...(u.name && { name: u.name }),
  ...(u.communities.length && { communities: u.communities }),
  ...(u.department && { department: u.department }),
}));

/** 'demo': deployments/demo.json; 'none': the catalog only; or a deployment read from a file (DEPLOYMENT). */
export type SeedMode = 'demo' | 'none' | { deployment: Deployment; file: string };

/**
 * Seeds a new store with a deployment (the demo's unless told) or nothing (mode 'none'; the
 * catalog is published separately, see syncCatalogFromSource). Every write is a put and the marker
 * goes last, so a crash mid-way just seeds again. A deployment file is applied to a store that is
 * already seeded too: a new 街道 is added beside the others, a newer version of one applied.
 */
export async function seedIfEmpty(store: Store, mode: SeedMode, now: Date): Promise<boolean> {
  const marker = await metaDocs(store, 'seed').get('seed');
  if (typeof mode === 'object') {
    await applyDeployment(store, mode.deployment, now, mode.file);
    return markSeeded(store, mode.deployment.data.subdistrict.code, now);
  }
  if (marker) return false;
  if (mode === 'demo') await applyDeployment(store, DEMO_DEPLOYMENT, now, 'deployments/demo.json');
  return markSeeded(store, mode, now);
}

/** `--deployment <file>` (or DEPLOYMENT) → that file; else SEED=demo → the demo; else the catalog only. */
export function seedModeFromArgs(argv: readonly string[], env: NodeJS.ProcessEnv): SeedMode {
  const i = argv.indexOf('--deployment');
  const file = i >= 0 ? argv[i + 1] : env.DEPLOYMENT;
  if (i >= 0 && !file) throw new Error('--deployment needs a file: --deployment deployments/<code>.json');
  if (file) return { deployment: readDeploymentFile(path.resolve(file)), file };
  return env.SEED === 'demo' ? 'demo' : 'none';
}

/** The catalog brought up to date, then the seed: what `npm run seed:cloudbase` does, as one line to print. */
export async function seedStore(store: Store, mode: SeedMode, now: Date): Promise<string> {
  const published = await syncCatalogFromSource(store, now);
  const seeded = await seedIfEmpty(store, mode, now);
  const what = typeof mode === 'object' ? `deployment ${mode.file} (${mode.deployment.data.subdistrict.name}, version ${mode.deployment.version})` : mode;
  return `catalog: ${published ? `published ${published}` : 'already up to date'}; seed ${what}: ${seeded ? 'done' : typeof mode === 'object' ? 'applied to a seeded environment' : 'already seeded'}`;
}
