import type { LatLng } from '@qgt/shared/domain/community';
import { newIdempotencyKey } from './idempotency';

/**
 * The 随手拍 draft, kept on the device (see useDraft) so closing the app loses nothing: text,
 * category, place and the ids of photos already uploaded. Its idempotency key is made once, with
 * the draft, and goes with every submit until the server has answered; only then is it dropped.
 */
export interface DraftPhoto {
  fileId: string;
  /** A local path to show the thumbnail this session; never stored (temp files and blob: URLs die). */
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

export function newReportDraft(): ReportDraft {
  return { key: newIdempotencyKey('rpt'), description: '', photos: [] };
}

export function restoreReportDraft(v: unknown): ReportDraft | undefined {
  const d = v as ReportDraft | undefined;
  if (!d || typeof d.key !== 'string' || typeof d.description !== 'string' || !Array.isArray(d.photos)) return undefined;
  return { ...d, photos: storablePhotos(d.photos) };
}

export function persistReportDraft(d: ReportDraft): ReportDraft {
  return { ...d, photos: storablePhotos(d.photos) };
}

/** Uploaded photos by file id only: a thumbnail is shown from the id once the local path is gone. */
export function storablePhotos(photos: DraftPhoto[]): DraftPhoto[] {
  return photos.filter((p) => typeof p?.fileId === 'string' && p.fileId).map((p) => ({ fileId: p.fileId }));
}

/** Whether the draft holds anything the resident typed or picked (the automatic position is not). */
export function reportHasContent(d: ReportDraft): boolean {
  return !!(d.description.trim() || d.category || d.buildingCode || d.photos.length);
}
