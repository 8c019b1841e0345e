import { haversineMeters } from '@qgt/shared/domain/duplicates';
import { AREA_M, NEAR_BUILDING_M, PLACE_UNNAMED, placeName, type NamedBuilding } from '@qgt/shared/domain/placeName';

/** The demo's buildings: 锦绣东苑1栋 and 2栋 about 430 m apart, one without a point. */
const one = { name: '锦绣东苑1栋', point: { lat: 30.9885, lng: 103.6245 }, gridName: '锦绣东苑', communityName: '锦绣社区' };
const two = { name: '锦绣东苑2栋', point: { lat: 30.9915, lng: 103.6275 }, gridName: '锦绣东苑', communityName: '锦绣社区' };
const pointless: NamedBuilding = { name: '锦绣西苑3栋', gridName: '锦绣西苑', communityName: '锦绣社区' };
const buildings = [pointless, one, two];
/** `m` metres north of a point (1° of latitude ≈ 111.2 km). */
const north = (p: { lat: number; lng: number }, m: number) => ({ lat: p.lat + m / 111_195, lng: p.lng });

describe('placeName: a located point read as a place, never as coordinates', () => {
  it('names the nearest building within ~80 m, with its community', () => {
    expect(placeName(north(one.point, 30), buildings)).toBe('锦绣社区 锦绣东苑1栋附近');
    expect(placeName(north(two.point, -70), buildings)).toBe('锦绣社区 锦绣东苑2栋附近');
    // Nearer to 2栋 than to 1栋, though both are in the list: the nearest wins, not the first.
    expect(placeName(north(two.point, 10), [one, two])).toBe('锦绣社区 锦绣东苑2栋附近');
  });

  it('draws the 80 m line where it says', () => {
    const at = (m: number) => placeName(north(one.point, m), [one]);
    expect(haversineMeters(north(one.point, NEAR_BUILDING_M - 1), one.point)).toBeLessThan(NEAR_BUILDING_M);
    expect(at(NEAR_BUILDING_M - 1)).toBe('锦绣社区 锦绣东苑1栋附近');
    expect(at(NEAR_BUILDING_M + 1)).toBe('锦绣社区 锦绣东苑一带');
  });

  it('else names the grid and community: known to the caller first, else from a building within reach', () => {
    const far = north(one.point, -200);
    expect(placeName(far, [one], { gridName: '和平里', communityName: '和平社区' })).toBe('和平社区 和平里一带');
    expect(placeName(far, [one], { communityName: '和平社区' })).toBe('和平社区一带');
    expect(placeName(far, [one])).toBe('锦绣社区 锦绣东苑一带');
    expect(placeName(far, [{ name: '1栋', point: one.point, communityName: '锦绣社区' }])).toBe('锦绣社区一带');
    // A building still close enough to name is preferred over the caller's area.
    expect(placeName(north(one.point, 20), [one], { communityName: '和平社区' })).toBe('锦绣社区 锦绣东苑1栋附近');
  });

  it('else says only that the place was recorded', () => {
    expect(placeName(north(one.point, AREA_M + 50), [one])).toBe(PLACE_UNNAMED);
    expect(placeName(one.point, [])).toBe(PLACE_UNNAMED);
    expect(placeName(one.point, [pointless])).toBe(PLACE_UNNAMED);
    expect(placeName(north(one.point, -200), [{ name: '1栋', point: one.point }], { communityName: '  ' })).toBe(PLACE_UNNAMED);
    expect(PLACE_UNNAMED).toBe('已定位（位置已记录）');
  });

  it('never shows a coordinate', () => {
    for (const m of [0, 50, 150, 1000]) expect(placeName(north(one.point, m), buildings)).not.toMatch(/\d+\.\d{3}/);
  });
});
