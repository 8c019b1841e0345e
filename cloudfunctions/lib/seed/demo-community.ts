import type { CommunityData } from '@qgt/shared/domain/communityData';
import { parseDeployment, type Deployment } from '@qgt/shared/domain/deployment';
import demoFile from '../../../deployments/demo.json';

/**
 * The demo is a deployment file like any other: deployments/demo.json. This module reads it (the
 * seed, tests and the large demo share it) and names the points tests file reports at.
 *
 * The demo 街道 and community: 幸福街道 (demo-street) → 锦绣社区 (demo-community), around
 * 都江堰 (lat 30.99, lng 103.62). Three grids share borders; G3 has a hole (锦绣公园, in no grid).
 *
 *   grid  name      worker (A角)          B角            a point inside
 *   G1    锦绣东苑  demo-worker-1 刘网格  demo-worker-2  {lat: 30.9900, lng: 103.6260}
 *   G2    锦绣西苑  demo-worker-2 陈网格  demo-worker-3  {lat: 30.9925, lng: 103.6190}
 *   G3    锦绣南苑  demo-worker-3 赵网格  demo-worker-1  {lat: 30.9870, lng: 103.6165}
 *   none: the park in G3's hole {lat: 30.9873, lng: 103.6192}; far away {lat: 31.0000, lng: 103.6000}
 *
 * demo-worker-2 takes 3 households per visit slot (the others 1); demo-worker-3 is level B (only
 * the elderly/disability/低保 matters in its skills). Everyone keeps standard community hours.
 */

export const DEMO_POINTS = {
  G1: { lat: 30.99, lng: 103.626 },
  G2: { lat: 30.9925, lng: 103.619 },
  G3: { lat: 30.987, lng: 103.6165 },
  park: { lat: 30.9873, lng: 103.6192 },
  nowhere: { lat: 31.0, lng: 103.6 },
} as const;

export const DEMO_DEPLOYMENT: Deployment = parseDeployment(demoFile, 'deployments/demo.json');
export const DEMO_COMMUNITY: CommunityData = DEMO_DEPLOYMENT.data;
