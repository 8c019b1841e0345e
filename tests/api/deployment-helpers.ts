import path from 'node:path';
import { REPO_ROOT } from '../../cloudfunctions/lib/server/config';
import { as, NOW, ok } from './requests-helpers';
import type { TestServer } from '../helpers/server';

/**
 * Shared by the per-deployment tests (one file per deployments/<code>.json, as FixMyStreet has one
 * per council): where each file lives, and "file a report here, who gets it".
 */
export const deploymentFile = (code: string) => path.join(REPO_ROOT, 'deployments', `${code}.json`);

export interface Expectation {
  /** What the point is, for the test name. */
  place: string;
  at: { lat: number; lng: number } | { buildingCode: string };
  gridCode: string | undefined;
  assignee: string;
  category?: string;
}

/** Files a report as `resident` at the expectation's place; returns the request view. */
export async function fileAt(server: TestServer, e: Expectation, resident = 'deployment-resident') {
  const where = 'buildingCode' in e.at ? { buildingCode: e.at.buildingCode } : { location: e.at };
  return ok(await server.call('requests', 'create', { kind: 'report', category: e.category ?? 'shizheng', description: `测试：${e.place}路灯不亮`, ...where }, as(resident, NOW)));
}

export async function roleOf(server: TestServer, openid: string): Promise<string> {
  return ok(await server.call('account', 'me', {}, as(openid))).role;
}
