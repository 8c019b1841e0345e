import { customAlphabet } from 'nanoid';
import type { KeyHouseholdTag } from '@qgt/shared/domain/visits';
import type { Store } from '../store/port';
import { markedCollection } from '../metrics/rollupMarks';

/**
 * 下沉网格 in the store. `gridVisits`: one document per visit, exactly
 * `{_id, worker, community, date, household, buildingCode?, found, requestIds, createdAt}` (the
 * metrics read these fields). `keyHouseholds`: 包保 households keyed by code, phone kept masked.
 */
export const GRID_VISITS = 'gridVisits';
export const KEY_HOUSEHOLDS = 'keyHouseholds';

export interface GridVisitDoc {
  _id: string;
  worker: string;
  community: string;
  /** Local date YYYY-MM-DD (Asia/Shanghai). */
  date: string;
  /** A key household's code, or free text (≤ 50). */
  household: string;
  buildingCode?: string;
  found: string;
  requestIds: string[];
  createdAt: string;
}

export interface KeyHouseholdDoc {
  _id: string; // code
  code: string;
  name: string;
  /** Masked (138****0001); the whole number is never stored. */
  phone?: string;
  address?: string;
  buildingCode?: string;
  tags: KeyHouseholdTag[];
  worker: string;
  community: string;
  frequencyDays: number;
  note?: string;
  updatedAt: string;
}

const nano = customAlphabet('0123456789ABCDEFGHJKLMNPQRSTUVWXYZ', 12);
export const newVisitId = () => `V${nano()}`;

/** Grid visits, each write marking the visit rollups of its community's day (lib/metrics/rollupMarks). */
export const gridVisits = (store: Store) =>
  markedCollection(store, store.collection(GRID_VISITS), { source: 'visits', day: (d) => d.date, grouped: /^(community|date|worker|household)(\.|$)/ });
export const keyHouseholds = (store: Store) => store.collection(KEY_HOUSEHOLDS);

/** This area's collections, typed by name (see CollectionDocs in lib/store/port). */
declare module '../store/port' {
  interface CollectionDocs {
    gridVisits: GridVisitDoc;
    keyHouseholds: KeyHouseholdDoc;
  }
}
