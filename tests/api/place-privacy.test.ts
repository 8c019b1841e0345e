import { haversineMeters } from '@qgt/shared/domain/duplicates';
import { ok, report, serverPerFile } from './requests-helpers';

/**
 * The exact point of a report is its resident's and staff's: a neighbour reaching it through
 * "同一问题？" (requests.duplicates) and 我也遇到 (requests.follow) gets it rounded to ~100 m, as
 * the public Open311 feed does, and distances measured to that rounded point.
 */
const T = serverPerFile();

/** A resident's doorstep, off every rounding boundary. */
const DOOR = { lat: 30.98912, lng: 103.62687 };
const ROUNDED = { lat: 30.989, lng: 103.627 };

test('a neighbour gets the rounded point through duplicates and follow; the owner and staff the exact one', async () => {
  const original = ok(await T.api.requests('create', report({ category: 'huanjing', description: '楼下垃圾堆积', location: DOOR }), 'demo-resident'));
  // Three neighbours' positions around it: exact distances would pin the door down.
  const probes = [
    { lat: DOOR.lat + 0.0002, lng: DOOR.lng },
    { lat: DOOR.lat, lng: DOOR.lng + 0.0002 },
    { lat: DOOR.lat - 0.0001, lng: DOOR.lng - 0.0001 },
  ];
  for (const at of probes) {
    const [c] = ok(await T.api.requests('duplicates', { category: 'huanjing', location: at }, 'demo-resident-2')).candidates;
    expect(c.id).toBe(original.id);
    expect(c.distance).toBe(Math.round(haversineMeters(at, ROUNDED) / 10) * 10);
    expect(c.distance).not.toBe(Math.round(haversineMeters(at, DOOR)));
  }
  const followed = ok(await T.api.requests('follow', { id: original.id }, 'demo-resident-2'));
  expect(followed.location).toEqual(ROUNDED);
  const mine = ok(await T.api.requests('mine', {}, 'demo-resident-2')).items.find((i: { id: string }) => i.id === original.id);
  expect(mine.location).toEqual(ROUNDED);
  expect(JSON.stringify(ok(await T.api.requests('get', { id: original.id }, 'demo-resident-2')))).not.toContain(String(DOOR.lat));

  expect(ok(await T.api.requests('get', { id: original.id }, 'demo-resident')).location).toEqual(DOOR);
  expect(ok(await T.api.requests('get', { id: original.id }, 'demo-worker-1')).location).toEqual(DOOR);
  expect(ok(await T.api.requests('get', { id: original.id }, 'demo-admin')).location).toEqual(DOOR);
});
