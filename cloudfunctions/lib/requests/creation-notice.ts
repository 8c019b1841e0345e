import { OPEN_STATUSES } from '@qgt/shared/domain/requestState';
import type { Store } from '../store/port';
import { enqueue, OUTBOX, type NewOutboxEntry } from '../outbox/outbox';
import { RECOVERY_GRACE_MS } from './config';
import { entry } from './notify';
import { visitReminder } from './slots';
import { requests, type RequestDoc } from './store';
import type { CommunityState } from '../community/store';

/**
 * The assignee's 新工单 notice. Its id is fixed per request, so whoever writes it — the create
 * flow right after storing the request, or the timer recovering from a crash in between — writes
 * it once.
 */
export function creationNotice(doc: RequestDoc): NewOutboxEntry {
  const message = doc.route?.manual ? `待人工派单：${doc.title}` : `您有新的工单：${doc.title}`;
  return entry(doc, doc.assignee, 'taskNotice', message, new Date(doc.createdAt), 'created');
}

/**
 * An urgent report is told at once to the owning department's staff and the community's admins
 * (the assignee has the 新工单 notice). Fixed ids, like the 新工单 notice.
 */
export function urgentNotices(doc: RequestDoc, state: Pick<CommunityState, 'departments' | 'communities'>): NewOutboxEntry[] {
  if (!doc.urgent) return [];
  const staff = state.departments.find((d) => d.code === doc.department)?.staff ?? [];
  const admins = state.communities.find((c) => c.code === doc.community)?.admins ?? [];
  const to = [...new Set([...staff, ...admins])].filter((openid) => openid !== doc.assignee);
  return to.map((openid) => entry(doc, openid, 'taskNotice', `紧急：${doc.title}，请立即处置`, new Date(doc.createdAt), 'urgent'));
}

/** How far back the timer looks. */
const RECOVER_WITHIN_MS = 60 * 60_000;

/**
 * A crash between storing a new request and queueing its notices would leave the assignee untold
 * until the deadline reminder, a visit's resident without the day-before reminder, and an urgent
 * report's department and admins untold altogether. The timer queues those of recent requests that
 * have none (an existing one, sent, pending or cancelled, is left alone): the 新工单 notice while the
 * request is unaccepted, the reminder while the visit is open and still ahead, the urgent notices
 * while the report is open. Returns how many it queued.
 */
export async function recoverCreationNotices(store: Store, now: Date, state: Pick<CommunityState, 'departments' | 'communities'>): Promise<number> {
  const recent = await requests(store).find(
    { createdAt: { $gte: new Date(now.getTime() - RECOVER_WITHIN_MS).toISOString(), $lte: new Date(now.getTime() - RECOVERY_GRACE_MS).toISOString() } },
    { limit: 1000 },
  );
  const open = new Set<string>(OPEN_STATUSES);
  const missing: NewOutboxEntry[] = [];
  for (const doc of recent) {
    const notices = [
      doc.status === 'assigned' ? creationNotice(doc) : null,
      open.has(doc.status) ? visitReminder(doc, now) : null,
      ...(open.has(doc.status) ? urgentNotices(doc, state) : []),
    ];
    for (const notice of notices) if (notice && !(await store.collection(OUTBOX).get(notice._id))) missing.push(notice);
  }
  if (missing.length) await enqueue(store, missing, now);
  return missing.length;
}
