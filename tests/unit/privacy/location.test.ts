import { coarsenPoint } from '@qgt/shared/privacy/location';

describe('coarsenPoint', () => {
  it.each([
    [{ lat: 30.99004, lng: 103.62617 }, { lat: 30.99, lng: 103.626 }],
    [{ lat: 30.98951, lng: 103.61649 }, { lat: 30.99, lng: 103.616 }],
    [{ lat: -0.0004, lng: -103.6165 }, { lat: 0, lng: -103.616 }],
  ])('%o → %o', (point, coarse) => expect(coarsenPoint(point)).toEqual(coarse));

  it('puts every door of a block on one point, at most ~80 m away', () => {
    const doors = [
      { lat: 30.98951, lng: 103.62552 },
      { lat: 30.99049, lng: 103.62648 },
      { lat: 30.9902, lng: 103.6257 },
    ];
    const points = doors.map((d) => coarsenPoint(d));
    expect(new Set(points.map((p) => `${p.lat},${p.lng}`)).size).toBe(1);
    for (const [i, d] of doors.entries()) {
      const dy = (d.lat - points[i].lat) * 111_000;
      const dx = (d.lng - points[i].lng) * 111_000 * Math.cos((d.lat * Math.PI) / 180);
      expect(Math.hypot(dx, dy)).toBeLessThan(80);
    }
  });
});
