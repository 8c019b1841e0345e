import { OPEN_STATUSES } from '@qgt/shared/domain/requestState';
import { DUE_THRESHOLDS, progress } from '@qgt/shared/domain/deadlines';
import type { InboxTab } from '@qgt/shared/work/api';
import type { Context } from '../runtime/context';
import type { Filter } from '../store/port';
import type { Viewer } from '../runtime/caller';
import { LIST_LIMIT, TZ } from './config';
import { requests, type RequestDoc } from './store';

const OPEN = [...OPEN_STATUSES];

/**
 * A worker's inbox: requests assigned to them (and, for department staff, those their department
 * was called in to, and open urgent reports of their department). Open urgent reports first, then
 * open requests, soonest due first; then the rest, newest first.
 */
export async function inboxFor(ctx: Context, viewer: Viewer, tab: InboxTab): Promise<RequestDoc[]> {
  const assigned: Filter = viewer.department
    ? {
        $or: [
          { assignee: viewer.openid },
          { department: viewer.department, status: 'escalated' },
          // An urgent report calls its owning department in from the start.
          { department: viewer.department, urgent: true, status: { $in: OPEN } },
        ],
      }
    : { assignee: viewer.openid };
  const filter: Filter = {
    all: assigned,
    pending: { ...assigned, status: 'assigned' },
    active: { ...assigned, status: { $in: ['accepted', 'escalated'] } },
    dueSoon: { ...assigned, status: { $in: OPEN } },
    overdue: { ...assigned, status: { $in: OPEN } },
    watching: { firstResponder: viewer.openid, assignee: { $ne: viewer.openid } },
  }[tab];
  let docs = await requests(ctx.store).find(filter, { limit: 1000 });
  if (tab === 'dueSoon' || tab === 'overdue') {
    const now = ctx.now.toISOString();
    docs = docs.filter((d) => {
      const p = progress(d.createdAt, d.dueAt, now, TZ);
      return tab === 'overdue' ? p >= DUE_THRESHOLDS.overdue : p >= DUE_THRESHOLDS.remind && p < DUE_THRESHOLDS.overdue;
    });
  }
  const open = (d: RequestDoc) => OPEN_STATUSES.includes(d.status);
  const urgentOpen = (d: RequestDoc) => !!d.urgent && open(d);
  docs.sort((a, b) => {
    if (urgentOpen(a) !== urgentOpen(b)) return urgentOpen(a) ? -1 : 1;
    if (open(a) !== open(b)) return open(a) ? -1 : 1;
    if (open(a)) return a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : a.createdAt < b.createdAt ? -1 : 1;
    return a.createdAt < b.createdAt ? 1 : -1;
  });
  return docs.slice(0, LIST_LIMIT);
}
