import type * as z from 'zod/mini';
import type { AdminInput } from '@qgt/shared/admin/api';
import type { AdminOutput } from '@qgt/shared/admin/api';
import { OPEN_STATUSES } from '@qgt/shared/domain/requestState';
import { overdueWhere } from '@qgt/shared/domain/metrics';
import type { Context } from '../runtime/context';
import { readableCommunities, type AdminScope } from '../runtime/caller';
import type { Filter } from '../store/port';
import { windowBound } from '../metrics/metrics';
import { requests } from './store';
import { viewMany } from './view';

type AdminIn<K extends keyof typeof AdminInput> = z.output<(typeof AdminInput)[K]>;

/** `admin.requests.list`: every request of the admin's communities, filtered as the dashboard's KPIs count them. */
export async function listRequests(ctx: Context, viewer: AdminScope, input: AdminIn<'requests.list'>): Promise<AdminOutput['requests.list']> {
  // The same scope and rules as admin.metrics, so a KPI opens exactly the requests it counts.
  const filter: Filter = { community: { $in: readableCommunities(viewer, input.community) } };
  if (input.overdue) Object.assign(filter, overdueWhere(ctx.now.toISOString()));
  if (input.status) filter.status = input.overdue ? { $in: OPEN_STATUSES.includes(input.status) ? [input.status] : [] } : input.status;
  if (input.gridCode) filter.gridCode = input.gridCode;
  if (input.category) filter['facts.category'] = input.category;
  if (input.department) filter.department = input.department;
  if (input.assignee) filter.assignee = input.assignee;
  if (input.missed) Object.assign(filter, { kind: 'visit', status: { $in: [...OPEN_STATUSES] }, slotEnd: { $lt: ctx.now.toISOString() } });
  if (input.from || input.to) {
    filter.createdAt = { ...(input.from && { $gte: windowBound(input.from, false) }), ...(input.to && { $lt: windowBound(input.to, true) }) };
  }
  const coll = requests(ctx.store);
  const [docs, total] = await Promise.all([coll.find(filter, { sort: { createdAt: -1 }, limit: input.limit }), coll.count(filter)]);
  // Open urgent reports first, as in every inbox.
  const urgentFirst = [...docs].sort((a, b) => Number(!!b.urgent && OPEN_STATUSES.includes(b.status)) - Number(!!a.urgent && OPEN_STATUSES.includes(a.status)));
  return { items: await viewMany(ctx, urgentFirst, viewer), total };
}
