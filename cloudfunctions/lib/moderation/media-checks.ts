/**
 * WeChat's asynchronous image checks in the store: one record per submitted photo, keyed by the
 * trace id (./images submits them, ./verdicts applies the verdicts).
 */
export const MEDIA_CHECKS = 'media_checks';

export interface MediaCheckDoc {
  _id: string; // WeChat's trace_id
  /** Absent on a verdict that arrived before its record (kept until the record comes). */
  requestId?: string;
  fileId?: string;
  /** Whose photo it is: the OPENID WeChat's push carries for it. */
  openid?: string;
  submittedAt?: string;
  verdict?: 'pass' | 'review' | 'risky';
  decidedAt?: string;
  /** The OPENID of a verdict that came early, checked against the record's when it comes. */
  verdictFor?: string;
}

/** This area's collections, typed by name (see CollectionDocs in lib/store/port). */
declare module '../store/port' {
  interface CollectionDocs {
    media_checks: MediaCheckDoc;
  }
}
