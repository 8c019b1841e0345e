import { adminLevelOf, communitiesRunBy, isSubdistrictAdmin, subdistrictsRunBy, type Places } from '@qgt/shared/domain/adminScope';

/** How far an admin reaches: community → 街道 → 区, decided once (issue 13's scoped caller builds on it). */

const places: Places = {
  districtAdmins: ['qu'],
  subdistricts: [
    { code: 'S1', admins: ['jd1'] },
    { code: 'S2', admins: ['jd2', 'both'] },
    { code: 'S3', admins: ['both'] },
  ],
  communities: [
    { code: 'c3', subdistrict: 'S2' },
    { code: 'c1', subdistrict: 'S1' },
    { code: 'c2', subdistrict: 'S1' },
    { code: 'c4', subdistrict: 'S3' },
  ],
};

describe('adminScope', () => {
  it('levels: a 区 admin, a 街道 admin, anyone else a community admin', () => {
    expect(['qu', 'jd1', 'both', 'cadmin'].map((o) => adminLevelOf(places, o))).toEqual(['district', 'subdistrict', 'subdistrict', 'community']);
    // Listed as 区 admin and 街道 admin: the wider level wins.
    expect(adminLevelOf({ ...places, districtAdmins: ['jd1'] }, 'jd1')).toBe('district');
  });

  it('is 街道 admin of a named 街道, of any 街道, and a 区 admin of every one', () => {
    expect(isSubdistrictAdmin(places, 'jd1', 'S1')).toBe(true);
    expect(isSubdistrictAdmin(places, 'jd1', 'S2')).toBe(false);
    expect(isSubdistrictAdmin(places, 'jd1')).toBe(true);
    expect(isSubdistrictAdmin(places, 'cadmin')).toBe(false);
    expect(isSubdistrictAdmin(places, 'qu', 'S3')).toBe(true);
    expect(isSubdistrictAdmin(places, 'qu', 'nowhere')).toBe(true);
  });

  it('the 街道 run as a whole', () => {
    expect(subdistrictsRunBy(places, 'both')).toEqual(['S2', 'S3']);
    expect(subdistrictsRunBy(places, 'qu')).toEqual(['S1', 'S2', 'S3']);
    expect(subdistrictsRunBy(places, 'cadmin')).toEqual([]);
  });

  it('communities: their own, widened to every community of their 街道, sorted, each once', () => {
    expect(communitiesRunBy(places, 'cadmin', ['c2', 'c9'])).toEqual(['c2', 'c9']);
    expect(communitiesRunBy(places, 'jd1', ['c3', 'c1'])).toEqual(['c1', 'c2', 'c3']);
    expect(communitiesRunBy(places, 'both', [])).toEqual(['c3', 'c4']);
    expect(communitiesRunBy(places, 'qu', [])).toEqual(['c1', 'c2', 'c3', 'c4']);
  });
});
