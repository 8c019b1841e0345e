import type { Catalog } from '@qgt/shared/catalog/schema';
import { AppError } from '@qgt/shared/errors';
import type { CatalogDraftView } from '@qgt/shared/admin/views';
import type { Store } from '../store/port';
import { USERS, type StaffUserDoc } from '../runtime/caller';
import { META } from './published';
import { monthDayTime } from '../outbox/messages';

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

/**
 * Writes the draft only if the stored one is still the one the editor started from (`expected`: its
 * savedAt, null for none), in one atomic store operation; else 409 draftChanged naming who saved.
 */
export async function replaceDraft(store: Store, draft: Omit<CatalogDraftDoc, '_id'>, expected: string | null): Promise<void> {
  const written =
    expected === null
      ? (await drafts(store).insertIfAbsent({ _id: DRAFT_ID, ...draft })).inserted
      : await drafts(store).updateById(DRAFT_ID, { $set: { ...draft } }, { savedAt: expected });
  if (!written) throw await draftChanged(store);
}

/** A savedAt after `previous`, so two saves within one millisecond still differ (the check compares it). */
export function nextSavedAt(now: Date, previous: string | null | undefined): string {
  const at = now.toISOString();
  return previous && at <= previous ? new Date(Date.parse(previous) + 1).toISOString() : at;
}

/** True when there was a draft to drop; with `expected` (its savedAt, null for none) only that draft, else 409. */
export async function dropDraft(store: Store, expected?: string | null): Promise<boolean> {
  // The filter is the compare-and-set: one delete of the draft only while it is the expected one.
  if (expected !== null && (await drafts(store).removeMany({ _id: DRAFT_ID, ...(expected !== undefined && { savedAt: expected }) })) > 0) return true;
  // Nothing dropped: fine when no draft is left; a draft saved since the editor loaded is not dropped unseen.
  if (expected !== undefined && (await drafts(store).get(DRAFT_ID))) throw await draftChanged(store);
  return false;
}

/** After a publish from the draft: drops that draft only (by its savedAt), never one saved meanwhile. */
export async function dropPublishedDraft(store: Store, savedAt: string): Promise<void> {
  await drafts(store).removeMany({ _id: DRAFT_ID, savedAt });
}

/** The 409 when another save or a discard came first: who and when, in words (names, never OPENIDs). */
async function draftChanged(store: Store): Promise<AppError> {
  const now = await readDraft(store);
  const message = now ? `草稿已被${now.byName ?? '其他管理员'}于 ${monthDayTime(now.savedAt)} 修改，请刷新后再改` : '草稿已被放弃，请刷新后再改';
  return new AppError('CONFLICT', message, { field: 'data.savedAt', reason: 'draftChanged' });
}
