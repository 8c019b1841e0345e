import type { Station } from '@qgt/shared/domain/community';
import type { Store } from '../store/port';

/** Stations on their own, so the guide function can resolve `s=<code>` scenes without the grid index. */
export const STATIONS = 'stations';

export async function getStation(store: Store, code: string): Promise<Station | null> {
  const doc = await store.collection<Station & { _id: string }>(STATIONS).get(code);
  if (!doc) return null;
  const { _id: _omit, ...station } = doc;
  return station;
}

/** A community's name (its code when unknown), read by key without the grid index. */
export async function communityName(store: Store, code: string): Promise<string> {
  const doc = await store.collection<{ _id: string; name?: string }>('communities').get(code);
  return doc?.name ?? code;
}
