import path from 'node:path';
import tcb from '@cloudbase/node-sdk';
import { openCloudbaseStore } from '../../cloudfunctions/lib/store/cloudbase';
import { seedModeFromArgs, seedStore } from '../../cloudfunctions/lib/seed/demo';
import { createContext } from '../../cloudfunctions/lib/runtime/context';
import { dispatch } from '../../cloudfunctions/lib/runtime/handler';
import { localPlatform } from '../../cloudfunctions/lib/platform/local';
import { requestsHandlers } from '../../cloudfunctions/requests/handlers';
import { REPO_ROOT } from '../../cloudfunctions/lib/server/config';
import { startFakeCloudbase, type FakeCloudbase } from '../fakes/cloudbase-server';

/**
 * `npm run seed:cloudbase -- --deployment <file>` against the fake CloudBase: the 街道 goes live
 * there (a report at a grid reaches its worker through the CloudBase store adapter), a second file
 * is added beside it, and seeding the same file again changes nothing.
 */

jest.setTimeout(60_000);

let fake: FakeCloudbase;
beforeAll(async () => {
  fake = await startFakeCloudbase();
  process.env.TENCENTCLOUD = 'true';
});
afterAll(() => fake.close());

const store = () => openCloudbaseStore(tcb.init({ env: 'test-env', secretId: 'x', secretKey: 'y', serviceUrl: `${fake.url}/admin` }));
const file = (code: string) => path.join(REPO_ROOT, 'deployments', `${code}.json`);

async function reportAt(location: { lat: number; lng: number }, openid: string) {
  const ctx = createContext({ store: store(), now: new Date('2026-10-09T00:00:00Z'), log: { info() {}, warn() {}, error() {} }, platform: localPlatform(() => 'http://127.0.0.1'), openid });
  return (await dispatch(requestsHandlers, 'requests', { action: 'create', data: { kind: 'report', category: 'shizheng', description: '路灯不亮，请尽快修理', location } }, ctx)) as { gridCode?: string; assignee: { openid: string } };
}

it('seeds 和平街道 from its file, then the demo beside it, each routing to its own workers', async () => {
  expect(() => seedModeFromArgs(['--deployment'], {})).toThrow(/--deployment needs a file/);
  const first = await seedStore(store(), seedModeFromArgs(['--deployment', file('heping')], {}), new Date());
  expect(first).toMatch(/^catalog: published .+; seed deployment .+heping\.json \(和平街道, version 1\): done$/);
  expect(await reportAt({ lat: 30.9725, lng: 103.609 }, 'cb-resident')).toMatchObject({ gridCode: 'QH2', assignee: { openid: 'qinghe-worker-2' } });

  const second = await seedStore(store(), seedModeFromArgs(['--deployment', file('demo')], {}), new Date());
  expect(second).toMatch(/^catalog: already up to date; seed deployment .+demo\.json \(幸福街道, version 1\): applied to a seeded environment$/);
  expect(await reportAt({ lat: 30.99, lng: 103.626 }, 'cb-resident')).toMatchObject({ gridCode: 'G1', assignee: { openid: 'demo-worker-1' } });
  expect(await reportAt({ lat: 30.9675, lng: 103.606 }, 'cb-resident')).toMatchObject({ gridCode: 'SL1', assignee: { openid: 'songlin-worker-1' } });
  // SEED unset and no --deployment: the catalog only, nothing else touched.
  expect(await seedStore(store(), seedModeFromArgs([], {}), new Date())).toBe('catalog: already up to date; seed none: already seeded');
});
