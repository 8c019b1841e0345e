import { customAlphabet } from 'nanoid';
import { AppError } from '@qgt/shared/errors';
import { REQUEST_FIELDS, type Effect, type ServiceRequest } from '@qgt/shared/domain/requestState';
import type { DueLevel } from '@qgt/shared/domain/deadlines';
import { metricFacts, METRICS_TZ, type MetricFacts } from '@qgt/shared/domain/metrics';
import type { Collection, Store, Update } from '../store/port';
import { localDate } from '@qgt/shared/domain/calendar';
import { markedCollection, markRollups, type MarkedSource } from '../metrics/rollupMarks';
import { CONFLICT_MESSAGE } from './config';
import type { PartnerRef } from '../partners/partners';
import type { RouteReasonCode } from '@qgt/shared/vocabulary/routing';

/**
 * Requests in the store: `requests/<id>` holds the domain's ServiceRequest plus what only the
 * server needs. Transitions are saved with a compare-and-set on `version`; the timer's marks
 * (`emitted`, `emittedLevels`) and follows (`follows/<id>:<openid>`) have their own atomic writes,
 * so a transition never overwrites them.
 */
export const REQUESTS = 'requests';
export const FOLLOWS = 'follows';
export const IDEMPOTENCY = 'idempotency';

export type AlertLevel = Exclude<DueLevel, 'ok'>;

export interface RequestDoc extends ServiceRequest {
  _id: string;
  /** Human title: kind + matter title or category name. */
  title: string;
  buildingCode?: string;
  /** The building's name when filed (people read names). */
  buildingName?: string;
  /** Visits: the address and phone the resident gave (the phone is masked like their words). */
  address?: string;
  contactPhone?: string;
  /** Filed in an urgent report category (dueAt in hours; first in every inbox). */
  urgent?: boolean;
  /** When the resident last urged it (催办, once a local day). */
  urgedAt?: string;
  /** The worker or clerk who filed on the resident's behalf. */
  filedBy?: string;
  /** Booked slot of a visit (slotId is in ServiceRequest). */
  slotStart?: string;
  slotEnd?: string;
  /** How it was routed: `reasonCode` from vocabulary/routing (documents before it carry `reason` text). */
  route?: { reasonCode?: RouteReasonCode; reason?: string; manual: boolean };
  /** Timer levels already notified, and when. */
  emittedLevels: AlertLevel[];
  emitted?: Partial<Record<AlertLevel, string>>;
  /** Photos WeChat's image check found risky: deleted from storage, never shown (lib/moderation/images). */
  hiddenPhotos?: string[];
  /** Denormalized metric facts, rewritten on every write (see shared/src/domain/metrics.ts). */
  facts?: MetricFacts;
  /**
   * A transition's effects (notices, 回访), stored in the same write as the transition (`v<version>`
   * → effects) and removed once they are in the outbox: a crash in between leaves them here for
   * the timer to finish (lib/requests/effects). `pendingSince` is when the last ones were stored.
   */
  pendingEffects?: Record<string, Effect[]>;
  pendingSince?: string;
  /** When it last changed (its latest timeline entry), rewritten on every write: Open311 change following. */
  updatedAt?: string;
  /** Filed by an Open311 partner (POST requests): who, their own number, whom to call back. */
  partner?: PartnerRef;
}

export interface FollowDoc {
  _id: string;
  request: string;
  openid: string;
  at: string;
}

export interface IdempotencyDoc {
  _id: string;
  requestId: string;
  at: string;
}

const nano = customAlphabet('0123456789ABCDEFGHJKLMNPQRSTUVWXYZ', 12);
export const newRequestId = () => `R${nano()}`;

/**
 * The requests collection: the one way request documents are written. Every whole-document write
 * (insert, insertIfAbsent, put) stores the request's metric facts, and saveTransition refreshes
 * them, so metrics are groups over `facts` (lib/metrics). Every write that can move a request in
 * or out of a metrics group (a whole document, `facts`, the grouped fields, a removal) marks its
 * community's day and month rollups dirty (lib/metrics/rollupMarks).
 */
export const requests = (store: Store): Collection<RequestDoc> => withFacts(store, store.collection(REQUESTS));

/** The latest timeline entry: when a request last changed. */
const lastChangeOf = (r: Pick<ServiceRequest, 'createdAt' | 'timeline'>) => r.timeline.reduce((latest, e) => (e.at > latest ? e.at : latest), r.createdAt);

const withFact = (doc: RequestDoc): RequestDoc => ({ ...doc, facts: metricFacts(doc), updatedAt: lastChangeOf(doc) });

/** How requests mark their rollups: by the local day of createdAt; the fields grouped are the facts and the dimensions beside them. */
const REQUEST_MARKS: MarkedSource<RequestDoc> = {
  source: 'requests',
  day: (d) => localDate(d.createdAt, METRICS_TZ),
  grouped: /^(facts|community|gridCode|assignee|department|createdAt)(\.|$)/,
};

function withFacts(store: Store, coll: Collection<RequestDoc>): Collection<RequestDoc> {
  const facts = Object.assign(Object.create(coll) as Collection<RequestDoc>, {
    insert: (doc: RequestDoc) => coll.insert(withFact(doc)),
    insertIfAbsent: (doc: RequestDoc) => coll.insertIfAbsent(withFact(doc)),
    put: (doc: RequestDoc) => coll.put(withFact(doc)),
  });
  return markedCollection(store, facts, REQUEST_MARKS);
}
export const follows = (store: Store) => store.collection(FOLLOWS);
export const followId = (requestId: string, openid: string) => `${requestId}:${openid}`;

export async function loadRequest(store: Store, id: string, field = 'data.id'): Promise<RequestDoc> {
  const doc = await requests(store).get(id);
  if (!doc) throw new AppError('NOT_FOUND', `找不到工单：${id}`, { field });
  return doc;
}

const PENDING = 'pendingEffects';
/** The key of a version's pending effects (a plain object key, never an array index). */
export const pendingKey = (version: number) => `v${version}`;
export const pendingPath = (version: number) => `${PENDING}.${pendingKey(version)}`;

/**
 * Stores a transition: only the domain fields that changed (plus `extra`), and only if nobody else
 * saved since `prev` was read. Returns the stored document; CONFLICT when the version moved on.
 */
export async function saveTransition(
  store: Store,
  prev: RequestDoc,
  next: ServiceRequest,
  extra: Record<string, unknown> = {},
  pending?: { effects: Effect[]; at: string },
): Promise<RequestDoc> {
  const $set: Record<string, unknown> = { ...extra, facts: metricFacts(next), updatedAt: lastChangeOf(next) };
  if (pending) Object.assign($set, { [pendingPath(next.version)]: pending.effects, pendingSince: pending.at });
  const $unset: Record<string, true> = {};
  for (const key of REQUEST_FIELDS) {
    if (key === 'id') continue;
    const before = prev[key];
    const after = next[key];
    if (after === undefined) {
      if (before !== undefined) $unset[key] = true;
    } else if (JSON.stringify(before) !== JSON.stringify(after)) $set[key] = after;
  }
  const update: Update = { $set };
  if (Object.keys($unset).length) update.$unset = $unset;
  // The raw collection: the marks need no read back (community and createdAt never change).
  const saved = await store.collection(REQUESTS).updateById(prev._id, update, { version: prev.version });
  if (!saved) throw new AppError('CONFLICT', CONFLICT_MESSAGE);
  await markRollups(store, 'requests', prev.community, ($set.facts as MetricFacts).day);
  const doc: RequestDoc = { ...prev, ...next, ...extra, facts: $set.facts as MetricFacts, _id: prev._id };
  if (pending) Object.assign(doc, { pendingEffects: { ...prev.pendingEffects, [pendingKey(next.version)]: pending.effects }, pendingSince: pending.at });
  for (const key of Object.keys($unset)) delete (doc as unknown as Record<string, unknown>)[key];
  return doc;
}

/** This area's collections, typed by name (see CollectionDocs in lib/store/port). */
declare module '../store/port' {
  interface CollectionDocs {
    requests: RequestDoc;
    follows: FollowDoc;
    idempotency: IdempotencyDoc;
  }
}
