import { applyDeployment, readDeploymentFile } from '../../cloudfunctions/lib/seed/deployment';
import { deploymentFile } from '../api/deployment-helpers';
import { asyncApi, bootApp, textOf, waitFor, type Callbacks, type WeappHarness } from './harness';
import { FIRST_LOAD_MS, RealBackend } from './real-backend';

/**
 * A 区 environment (the demo 街道 and 和平 beside it, on the real handlers): the report and booking
 * pages ask `requests.options` for the place they have, so the categories and buildings offered
 * are those of the 街道 there, not the resident's default (the demo resident's is the demo 街道).
 */

let h: WeappHarness | undefined;
let backend: RealBackend | undefined;
afterEach(async () => {
  h?.closeAll();
  await backend?.close();
});

/** 清河社区 QH1 in 和平街道. */
const QH1 = { latitude: 30.9725, longitude: 103.603 };

async function districtBackend(): Promise<RealBackend> {
  const b = new RealBackend();
  await b.ok('account', 'me', {});
  await applyDeployment(b.store, readDeploymentFile(deploymentFile('heping')), b.now);
  return b;
}

function boot(b: RealBackend) {
  h = bootApp({
    cloud: b.handler(),
    wx: { getLocation: asyncApi<Callbacks & { type?: string }>('getLocation', () => ({ ...QH1, accuracy: 10 })) },
  });
  return h;
}

const locatedCalls = (b: RealBackend) =>
  b.callsOf('requests', 'options').filter((c) => (c.data.location as { lat?: number } | undefined)?.lat === QH1.latitude);

describe('requests.options at the page’s place', () => {
  it('随手拍 offers the categories of the 街道 where the resident stands', async () => {
    backend = await districtBackend();
    const page = await boot(backend).open('/resident/pages/report/index');
    await waitFor(() => locatedCalls(backend!).length === 1, FIRST_LOAD_MS);
    await waitFor(() => textOf(page).includes('乱停乱放'), FIRST_LOAD_MS);
    // 燃气安全 is the demo 街道's own category: not offered in 和平.
    expect(textOf(page)).not.toContain('燃气安全');
    expect(locatedCalls(backend)[0].data).toEqual({ location: { lat: QH1.latitude, lng: QH1.longitude } });
  });

  it('预约上门 asks for the resident’s position in a 区 environment and offers that 街道’s options', async () => {
    backend = await districtBackend();
    boot(backend).open('/resident/pages/booking/index');
    await waitFor(() => locatedCalls(backend!).length === 1, FIRST_LOAD_MS);
    // First the caller's default 街道 (no point yet), then the one at their position.
    expect(backend.callsOf('requests', 'options')[0].data).toEqual({});
  });
});
