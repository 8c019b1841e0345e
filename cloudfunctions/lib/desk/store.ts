import { customAlphabet } from 'nanoid';
import type { NoticeSheet, WalkinOutcome } from '@qgt/shared/desk/api';
import type { Store } from '../store/port';
import { markedCollection } from '../metrics/rollupMarks';

/**
 * The window desk in the store: `walkins/<id>` (one per walk-in), `notices/<id>` (the
 * 一次性告知单 as issued, so reprinting shows the same sheet) and `roster/<community>:<date>`
 * (who is on the window that day; one document per day, replaced whole by `roster.set`).
 */
export const WALKINS = 'walkins';
export const NOTICES = 'notices';
export const ROSTER = 'roster';

export interface WalkinDoc {
  _id: string;
  at: string;
  date: string;
  community: string;
  matterCode: string;
  matterTitle: string;
  worker: string;
  resident?: { name?: string; phone?: string; openid?: string };
  outcome: WalkinOutcome;
  missing: string[];
  note?: string;
  requestId?: string;
  noticeId?: string;
}

export type NoticeDoc = Omit<NoticeSheet, 'id'> & { _id: string; community: string };

export interface RosterDoc {
  _id: string;
  date: string;
  community: string;
  openids: string[];
  setBy: string;
  setAt: string;
}

const nano = customAlphabet('0123456789ABCDEFGHJKLMNPQRSTUVWXYZ', 14);
export const newWalkinId = () => `W${nano()}`;
/** Notice ids are long and random: the printable page is reachable by its link alone. */
export const newNoticeId = () => `N${nano()}${nano()}`;
export const rosterId = (community: string, date: string) => `${community}:${date}`;

/** Walk-ins, each write marking the walk-in rollups of its community's day (lib/metrics/rollupMarks). */
export const walkins = (store: Store) =>
  markedCollection(store, store.collection(WALKINS), { source: 'walkins', day: (d) => d.date, grouped: /^(community|date|at|matterCode|outcome|resident)(\.|$)/ });
export const notices = (store: Store) => store.collection(NOTICES);
export const roster = (store: Store) => store.collection(ROSTER);

export function noticeSheet(doc: NoticeDoc): NoticeSheet {
  const { _id, community: _community, ...rest } = doc;
  return { id: _id, ...rest };
}

/** This area's collections, typed by name (see CollectionDocs in lib/store/port). */
declare module '../store/port' {
  interface CollectionDocs {
    walkins: WalkinDoc;
    notices: NoticeDoc;
    roster: RosterDoc;
  }
}
