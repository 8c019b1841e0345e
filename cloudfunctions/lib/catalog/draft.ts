import type { Catalog } from '@qgt/shared/catalog/schema';
import type { CatalogDraftView } from '@qgt/shared/admin/views';
import type { Store } from '../store/port';
import { USERS, type StaffUserDoc } from '../runtime/caller';
import { META } from './published';

/**
 * The console's unpublished catalog: one draft per environment (the catalog itself is one), kept in
 * `meta` beside the published pointer, so an admin's edits survive a reload and open on a second PC.
 * Any admin saves it; a 街道 admin's publish takes it and clears it.
 */
export const DRAFT_ID = 'catalogDraft';

export interface CatalogDraftDoc {
  _id: typeof DRAFT_ID;
  catalog: Catalog;
  savedAt: string;
  by: string;
  base: string | null;
}

const drafts = (store: Store) => store.collection<CatalogDraftDoc>(META);

export async function readDraft(store: Store): Promise<CatalogDraftView | null> {
  const doc = await drafts(store).get(DRAFT_ID);
  if (!doc) return null;
  const user = await store.collection<StaffUserDoc>(USERS).get(doc.by);
  const { _id, ...draft } = doc;
  return { ...draft, ...(user?.name && { byName: user.name }) };
}

export async function writeDraft(store: Store, draft: Omit<CatalogDraftDoc, '_id'>): Promise<void> {
  await drafts(store).put({ _id: DRAFT_ID, ...draft });
}

/** True when there was a draft to drop. */
export async function dropDraft(store: Store): Promise<boolean> {
  return (await drafts(store).removeMany({ _id: DRAFT_ID })) > 0;
}
