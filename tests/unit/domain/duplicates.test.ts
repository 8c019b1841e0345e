import { findDuplicates, haversineMeters } from '@qgt/shared/domain/duplicates';
import type { RequestStatus } from '@qgt/shared/domain/requestState';

/** Metres per degree of latitude on the mean-radius sphere (π/180 · 6 371 008.8 m). */
const M_PER_DEG = 111_195.08;
const HERE = { lat: 30, lng: 120 };
const north = (m: number) => ({ lat: HERE.lat + m / M_PER_DEG, lng: HERE.lng });
const east = (m: number) => ({ lat: HERE.lat, lng: HERE.lng + m / (M_PER_DEG * Math.cos((HERE.lat * Math.PI) / 180)) });

describe('haversineMeters', () => {
  it.each([
    ['the same point', HERE, HERE, 0],
    ['one degree of latitude', { lat: 0, lng: 0 }, { lat: 1, lng: 0 }, M_PER_DEG],
    ['one degree of longitude at the equator', { lat: 0, lng: 0 }, { lat: 0, lng: 1 }, M_PER_DEG],
    ['20 m north', HERE, north(20), 20],
    ['45 m east at 30°N', HERE, east(45), 45],
    ['antipodes', { lat: 0, lng: 0 }, { lat: 0, lng: 180 }, Math.PI * 6_371_008.8],
  ])('%s', (_, a, b, m) => {
    expect(haversineMeters(a, b)).toBeCloseTo(m, 1);
    expect(haversineMeters(b, a)).toBeCloseTo(m, 1);
  });
});

describe('findDuplicates', () => {
  const NOW = '2026-10-09T12:00:00+08:00';
  const r = (id: string, location: { lat: number; lng: number } | undefined, createdAt: string, extra: { category?: string; status?: RequestStatus; kind?: string } = {}) => ({
    id,
    kind: extra.kind ?? 'report',
    category: extra.category ?? 'environment',
    location,
    createdAt,
    status: extra.status ?? 'accepted',
  });
  const EXISTING = [
    r('far', north(60), '2026-10-08T12:00:00+08:00'),
    r('east45', east(45), '2026-10-08T12:00:00+08:00'),
    r('north20', north(20), '2026-10-08T12:00:00+08:00'),
    r('otherCategory', north(5), '2026-10-08T12:00:00+08:00', { category: 'lighting' }),
    r('eightDaysAgo', north(10), '2026-10-01T11:59:59+08:00'),
    r('exactlySevenDays', north(30), '2026-10-02T12:00:00+08:00'),
    r('cancelled', north(10), '2026-10-08T12:00:00+08:00', { status: 'cancelled' }),
    r('resolvedRecently', north(40), '2026-10-07T12:00:00+08:00', { status: 'resolved' }),
    r('noLocation', undefined, '2026-10-08T12:00:00+08:00'),
    r('fromTheFuture', north(10), '2026-10-09T12:00:01+08:00'),
    r('aVisit', north(10), '2026-10-08T12:00:00+08:00', { kind: 'visit' }),
    r('tieB', north(25), '2026-10-08T12:00:00+08:00'),
    r('tieA', north(25), '2026-10-08T12:00:00+08:00'),
  ];

  it('lists same-category reports within 50 m in the last 7 days, nearest first', () => {
    const got = findDuplicates({ category: 'environment', location: HERE }, EXISTING, NOW);
    expect(got.map((c) => c.id)).toEqual(['north20', 'tieA', 'tieB', 'exactlySevenDays', 'resolvedRecently', 'east45']);
    expect(got[0].distanceMeters).toBeCloseTo(20, 1);
    expect(got.at(-1)!.distanceMeters).toBeCloseTo(45, 1);
  });

  it('takes the radius and window as options', () => {
    const got = findDuplicates({ category: 'environment', location: HERE }, EXISTING, NOW, { radiusMeters: 100, days: 1 });
    expect(got.map((c) => c.id)).toEqual(['north20', 'tieA', 'tieB', 'east45', 'far']);
  });

  it('keeps the edges: filed at this very moment, exactly at the radius', () => {
    const edge = [r('now', north(10), NOW), r('atRadius', north(30), '2026-10-08T12:00:00+08:00')];
    const radiusMeters = haversineMeters(HERE, north(30));
    expect(findDuplicates({ category: 'environment', location: HERE }, edge, NOW, { radiusMeters }).map((c) => c.id)).toEqual(['now', 'atRadius']);
  });

  it('counts a request without a kind as a report', () => {
    const { kind: _kind, ...old } = r('old', north(10), '2026-10-08T12:00:00+08:00');
    expect(findDuplicates({ category: 'environment', location: HERE }, [old], NOW).map((c) => c.id)).toEqual(['old']);
  });

  it('orders equally near reports by id, whatever order they come in', () => {
    const ties = ['c', 'b', 'a', 'd'].map((id) => r(id, north(25), '2026-10-08T12:00:00+08:00'));
    expect(findDuplicates({ category: 'environment', location: HERE }, ties, NOW).map((c) => c.id)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('finds nothing for another category or an empty list', () => {
    expect(findDuplicates({ category: 'noise', location: HERE }, EXISTING, NOW)).toEqual([]);
    expect(findDuplicates({ category: 'environment', location: HERE }, [], NOW)).toEqual([]);
  });
});
