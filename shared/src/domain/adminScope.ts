import type { Community, Subdistrict } from './communityData';

/**
 * How far an admin's reach goes, decided in one place: a community admin runs the communities
 * their user record lists; a 街道 admin (named in a 街道's `admins`) every community of that 街道;
 * a 区 admin every 街道 of the environment. Pure: the places are passed in.
 */
export type AdminLevel = 'community' | 'subdistrict' | 'district';

export interface Places {
  subdistricts: readonly Pick<Subdistrict, 'code' | 'admins'>[];
  districtAdmins: readonly string[];
  communities: readonly Pick<Community, 'code' | 'subdistrict'>[];
}

export function adminLevelOf(places: Places, openid: string): AdminLevel {
  if (places.districtAdmins.includes(openid)) return 'district';
  return places.subdistricts.some((s) => s.admins.includes(openid)) ? 'subdistrict' : 'community';
}

/** The one "is 街道 admin" check (a 区 admin is one of every 街道). */
export function isSubdistrictAdmin(places: Places, openid: string, subdistrict?: string): boolean {
  if (places.districtAdmins.includes(openid)) return true;
  return places.subdistricts.some((s) => (subdistrict === undefined || s.code === subdistrict) && s.admins.includes(openid));
}

/** The 街道 an admin runs as a whole. */
export function subdistrictsRunBy(places: Places, openid: string): string[] {
  return places.subdistricts.filter((s) => isSubdistrictAdmin(places, openid, s.code)).map((s) => s.code);
}

/** Their own communities, widened once to every community of the 街道 they run; sorted. */
export function communitiesRunBy(places: Places, openid: string, own: readonly string[]): string[] {
  const streets = new Set(subdistrictsRunBy(places, openid));
  const all = new Set(own);
  for (const c of places.communities) if (streets.has(c.subdistrict)) all.add(c.code);
  return [...all].sort();
}
