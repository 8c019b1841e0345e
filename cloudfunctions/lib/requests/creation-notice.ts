import type { Store } from '../store/port';
import { enqueue, OUTBOX, type NewOutboxEntry } from '../outbox/outbox';
import { entry } from './notify';
import { requests, type RequestDoc } from './store';

/**
 * The assignee's 新工单 notice. Its id is fixed per request, so whoever writes it — the create
 * flow right after storing the request, or the timer recovering from a crash in between — writes
 * it once.
 */
export function creationNotice(doc: RequestDoc): NewOutboxEntry {
  const message = doc.route?.manual ? `待人工派单：${doc.title}` : `您有新的工单：${doc.title}`;
  return entry(doc, doc.assignee, 'taskNotice', message, new Date(doc.createdAt), 'created');
}

/** How far back the timer looks, and how long it leaves the create flow to send the notice itself. */
const RECOVER_WITHIN_MS = 60 * 60_000;
const GRACE_MS = 60_000;

/**
 * A crash between storing a new request and queueing its notice would leave the assignee untold
 * until the deadline reminder. The timer queues the notice of recent, still unaccepted requests
 * that have none (an existing one, sent or not, is left alone). Returns how many it queued.
 */
export async function recoverCreationNotices(store: Store, now: Date): Promise<number> {
  const recent = await requests(store).find(
    { status: 'assigned', createdAt: { $gte: new Date(now.getTime() - RECOVER_WITHIN_MS).toISOString(), $lte: new Date(now.getTime() - GRACE_MS).toISOString() } },
    { limit: 1000 },
  );
  const missing: NewOutboxEntry[] = [];
  for (const doc of recent) {
    const notice = creationNotice(doc);
    if (!(await store.collection(OUTBOX).get(notice._id))) missing.push(notice);
  }
  if (missing.length) await enqueue(store, missing, now);
  return missing.length;
}
