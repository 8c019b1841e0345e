import { toStoredLatLng } from '@qgt/shared/domain/datum';
import { ok, report, serverPerFile } from './requests-helpers';

/**
 * Coordinates carry their datum. G1's west edge runs along lng 103.6225 (GCJ-02, as stored); a
 * browser reports WGS-84, which here lies ~250 m west of the same spot in GCJ-02 terms. A resident
 * standing in G1 just east of the edge gets a WGS-84 fix that, taken as GCJ-02, falls in G2.
 */

const T = serverPerFile();
/** The resident's WGS-84 fix (what navigator.geolocation gives). */
const FIX = { lat: 30.9925, lng: 103.6205 };

it('requests.create with datum wgs84 converts the point and routes to the grid the resident stands in', async () => {
  const converted = ok(await T.api.requests('create', report({ location: FIX, datum: 'wgs84' }), 'demo-resident'));
  expect(converted).toMatchObject({ gridCode: 'G1', assignee: { openid: 'demo-worker-1' } });
  expect(converted.location).toEqual(toStoredLatLng(FIX, 'wgs84'));
  // Taken as GCJ-02 (no datum: weapp's default), the same numbers are another place, in G2.
  expect(ok(await T.api.requests('create', report({ location: FIX }), 'demo-resident'))).toMatchObject({ gridCode: 'G2', location: FIX });
});

it('grids.import declares the file’s datum; a WGS-84 file is stored in GCJ-02', async () => {
  const ring = (x0: number, y0: number, x1: number, y1: number) => [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]];
  // A new grid south of the demo's, drawn in WGS-84.
  const feature = { type: 'Feature', geometry: { type: 'Polygon', coordinates: ring(103.6, 30.95, 103.605, 30.955) }, properties: { code: 'W1', name: '测试网格', community: 'demo-community', worker: 'demo-worker-1' } };
  ok(await T.api.admin('grids.import', { type: 'FeatureCollection', datum: 'wgs84', features: [feature] }, 'demo-admin'));
  const stored = ok(await T.api.admin('grids.list', {}, 'demo-admin')).items.find((g: { code: string }) => g.code === 'W1');
  const [lng, lat] = stored.geometry.coordinates[0][0];
  expect({ lat, lng }).toEqual(toStoredLatLng({ lat: 30.95, lng: 103.6 }, 'wgs84'));
  expect((await T.api.admin('grids.import', { type: 'FeatureCollection', datum: 'utm', features: [feature] }, 'demo-admin')).body.error.field).toBe('data.datum');
});
