import { nanoid } from 'nanoid';
import type { Logger } from '../runtime/context';
import type { Filter, Store } from '../store/port';

/**
 * The notification outbox. Whoever decides that someone must be told writes an entry with a
 * deterministic `_id` (insert-if-absent, so deciding twice writes once). A sender claims an entry
 * with a conditional update (`pending` → `sending` with a lease), sends it, then marks it `sent`;
 * an entry whose lease ran out (the sender crashed) may be claimed again. The local sender stores
 * into `notifications` keyed by the entry id, so a retry after a crash never delivers twice.
 */
export const OUTBOX = 'outbox';
export const NOTIFICATIONS = 'notifications';

export const TEMPLATES = ['requestUpdate', 'taskNotice', 'dueAlert', 'visitReminder', 'rateReminder'] as const;
export type Template = (typeof TEMPLATES)[number];
/** `held`: not pushed for want of a subscribe grant; the person reads it in the app (lib/outbox/grants). */
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'cancelled' | 'held';

export interface OutboxData {
  requestId: string;
  title: string;
  message: string;
  /** When the event happened (ISO). */
  at: string;
  [key: string]: string;
}

export interface NewOutboxEntry {
  _id: string;
  to: string;
  template: Template;
  data: OutboxData;
  /** Not to be sent before this instant (reminders); default now. */
  notBefore?: string;
}

export interface OutboxEntry extends Required<NewOutboxEntry> {
  status: OutboxStatus;
  attempts: number;
  createdAt: string;
  leaseUntil?: string;
  claim?: string;
  sentAt?: string;
  lastError?: string;
}

/** How a claimed entry reaches its addressee. Throw PermanentSendError for errors a retry cannot fix. */
export interface Sender {
  readonly name: string;
  send(entry: OutboxEntry): Promise<void>;
}

export class PermanentSendError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentSendError';
  }
}

/** Not pushed for want of a subscribe grant: the entry is held for the in-app list, not retried. */
export class NoGrantError extends PermanentSendError {
  constructor(message: string) {
    super(message);
    this.name = 'NoGrantError';
  }
}

export const LEASE_MS = 60_000;
export const MAX_ATTEMPTS = 5;

export const outbox = (store: Store) => store.collection(OUTBOX);

/** Writes entries that are not there yet; returns the ids of all of them. */
export async function enqueue(store: Store, entries: readonly NewOutboxEntry[], now: Date): Promise<string[]> {
  const at = now.toISOString();
  for (const e of entries) await outbox(store).insertIfAbsent({ notBefore: at, ...e, status: 'pending', attempts: 0, createdAt: at });
  return entries.map((e) => e._id);
}

/**
 * Writes new entries that are due now already claimed by the caller, who sends them at once: one
 * write per entry instead of two (insert, then claim). Returns the ones written with their claim
 * tokens; an entry that exists is left to whoever has it, or to the timer's sweep. A crash before
 * the send leaves the entry `sending` until its lease runs out, then the sweep claims it again.
 */
export async function enqueueClaimed(store: Store, entries: readonly NewOutboxEntry[], now: Date): Promise<OutboxEntry[]> {
  const at = now.toISOString();
  const claimed: OutboxEntry[] = [];
  for (const e of entries) {
    const entry: OutboxEntry = { notBefore: at, ...e, status: 'sending', attempts: 1, createdAt: at, leaseUntil: new Date(now.getTime() + LEASE_MS).toISOString(), claim: nanoid(12) };
    if (entry.notBefore > at) throw new Error(`outbox entry ${e._id} is not due: enqueue it instead`);
    if ((await outbox(store).insertIfAbsent(entry)).inserted) claimed.push(entry);
  }
  return claimed;
}

/** Withdraws an entry that has not been claimed yet (a reminder of a rescheduled visit). */
export function cancelEntry(store: Store, id: string): Promise<boolean> {
  return outbox(store).updateById(id, { $set: { status: 'cancelled' } }, { status: 'pending' });
}

/** Claims one entry for sending; false when someone else has it or it is not due. */
export async function claim(store: Store, entry: OutboxEntry, now: Date): Promise<string | null> {
  const at = now.toISOString();
  const token = nanoid(12);
  const condition: Filter = entry.status === 'sending' ? { status: 'sending', leaseUntil: { $lt: at } } : { status: 'pending', notBefore: { $lte: at } };
  const ok = await outbox(store).updateById(
    entry._id,
    { $set: { status: 'sending', leaseUntil: new Date(now.getTime() + LEASE_MS).toISOString(), claim: token }, $inc: { attempts: 1 } },
    condition,
  );
  return ok ? token : null;
}

/** Entries a sweep should try: due pending ones and those whose sender's lease expired. */
export function dueEntries(store: Store, now: Date, limit = 100): Promise<OutboxEntry[]> {
  const at = now.toISOString();
  return outbox(store).find(
    { $or: [{ status: 'pending', notBefore: { $lte: at } }, { status: 'sending', leaseUntil: { $lt: at } }] },
    { sort: { createdAt: 1 }, limit },
  );
}

/** The sweep: every due entry, claim → send → mark sent. Never throws; returns how many were sent. */
export async function deliver(store: Store, sender: Sender, now: Date, log: Logger): Promise<number> {
  const entries = await dueEntries(store, now);
  let sent = 0;
  for (const entry of entries) {
    try {
      const token = await claim(store, entry, now);
      if (!token) continue;
      if (await sendClaimed(store, sender, { ...entry, status: 'sending', claim: token, attempts: entry.attempts + 1 }, now, log)) sent++;
    } catch (e) {
      log.error({ outbox: entry._id, err: e instanceof Error ? e.message : String(e) }, 'outbox delivery failed');
    }
  }
  return sent;
}

/**
 * Sends an entry the caller has claimed, then marks it sent; a failed send goes back to `pending`
 * (or `failed` after MAX_ATTEMPTS or a permanent error). Returns whether it was sent.
 */
export async function sendClaimed(store: Store, sender: Sender, claimed: OutboxEntry, now: Date, log: Logger): Promise<boolean> {
  try {
    await sender.send(claimed);
  } catch (e) {
    const permanent = e instanceof PermanentSendError || claimed.attempts >= MAX_ATTEMPTS;
    const message = e instanceof Error ? e.message : String(e);
    const status: OutboxStatus = e instanceof NoGrantError ? 'held' : permanent ? 'failed' : 'pending';
    await outbox(store).updateById(claimed._id, { $set: { status, lastError: message.slice(0, 300) }, $unset: { leaseUntil: true } }, { claim: claimed.claim });
    log.warn({ outbox: claimed._id, template: claimed.template, permanent, err: message }, 'notification not sent');
    return false;
  }
  return outbox(store).updateById(claimed._id, { $set: { status: 'sent', sentAt: now.toISOString() }, $unset: { leaseUntil: true } }, { claim: claimed.claim });
}

/** This area's collections, typed by name (see CollectionDocs in lib/store/port). */
declare module '../store/port' {
  interface CollectionDocs {
    outbox: OutboxEntry;
  }
}
