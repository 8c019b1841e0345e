import type { LatLng } from '@qgt/shared/domain/community';
import { newIdempotencyKey } from './idempotency';
import { readStorage, removeStorage, writeStorage } from './storage';

/**
 * The 随手拍 draft, kept on the device so closing the app loses nothing: text, category, place and
 * the ids of photos already uploaded. Its idempotency key is made once, with the draft, and goes
 * with every submit until the server has answered; only then is the draft dropped.
 */
export interface DraftPhoto {
  fileId: string;
  /** A local path to show the thumbnail (weapp temp files may expire; the fileId stays). */
  preview?: string;
}

export interface ReportDraft {
  key: string;
  category?: string;
  description: string;
  /** GPS point (gcj02 on weapp) or a building's point. */
  location?: LatLng;
  buildingCode?: string;
  buildingName?: string;
  photos: DraftPhoto[];
}

export const DRAFT_KEY = 'qgt.reportDraft';

export function newDraft(): ReportDraft {
  return { key: newIdempotencyKey('rpt'), description: '', photos: [] };
}

function isDraft(v: unknown): v is ReportDraft {
  const d = v as ReportDraft | undefined;
  return !!d && typeof d.key === 'string' && typeof d.description === 'string' && Array.isArray(d.photos);
}

export function loadDraft(): ReportDraft {
  const v = readStorage<unknown>(DRAFT_KEY);
  return isDraft(v) ? v : newDraft();
}

export function saveDraft(d: ReportDraft): void {
  // h5 blob: previews die with the page; keep only the file ids for those.
  writeStorage(DRAFT_KEY, { ...d, photos: d.photos.map((p) => (p.preview?.startsWith('blob:') ? { fileId: p.fileId } : p)) });
}

export function clearDraft(): void {
  removeStorage(DRAFT_KEY);
}

/** Whether the draft holds anything the resident typed or picked. */
export function draftHasContent(d: ReportDraft): boolean {
  return !!(d.description.trim() || d.category || d.location || d.buildingCode || d.photos.length);
}
