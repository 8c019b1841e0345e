import { AdminInput } from '@qgt/shared/requests/adminInput';
import type { AdminOutput } from '@qgt/shared/requests/api';
import { OPEN_STATUSES } from '@qgt/shared/domain/requestState';
import { action, type HandlerTable } from '../lib/runtime/handler';
import type { Context } from '../lib/runtime/context';
import type { Filter } from '../lib/store/port';
import { loadCommunity, loadWorkers } from '../lib/community/store';
import { importGrids, upsertCategory, upsertCommunity, upsertDepartment, upsertWorker, workerView } from '../lib/community/admin';
import { requests } from '../lib/requests/store';
import { viewMany } from '../lib/requests/view';
import { consoleHandlers } from './console';
import { metricsHandlers } from './metrics';
import { auditHandlers } from './audit';
import { listFollowups, noteOnRequest, recordFollowup } from '../lib/requests/followups';
import { metricsScope, windowBound } from '../lib/metrics/metrics';
import { overdueWhere } from '@qgt/shared/domain/metrics';
import { loadAdminScope, type Caller } from '../lib/runtime/caller';

/** Community admins: grids, workers, departments, and every request of their communities. */
export const adminHandlers = {
  /** Console: catalog versions, buildings, stations, roles (./console.ts). */
  ...consoleHandlers,
  /** Dashboard metrics (./metrics.ts). */
  ...metricsHandlers,
  /** The audit trail, for 街道 admins (./audit.ts). */
  ...auditHandlers,

  'grids.import': action({
    input: AdminInput['grids.import'],
    access: ['admin'],
    rate: 'write',
    audit: { target: (input) => input.features.map((f) => f.properties.code).join(',') },
    async run({ ctx, caller, input }): Promise<AdminOutput['grids.import']> {
      return { imported: await importGrids(ctx, caller, input) };
    },
  }),

  /** 街道 admins: a community of their 街道, its boundary and its admins. */
  'communities.upsert': action({
    input: AdminInput['communities.upsert'],
    access: ['admin'],
    rate: 'write',
    async run({ ctx, caller, input }): Promise<AdminOutput['communities.upsert']> {
      return upsertCommunity(ctx, caller, input);
    },
    audit: true,
  }),

  /** 街道 admins: add, rename or retire a 随手拍 category (never delete: requests use them). */
  'categories.upsert': action({
    input: AdminInput['categories.upsert'],
    access: ['admin'],
    rate: 'write',
    async run({ ctx, caller, input }): Promise<AdminOutput['categories.upsert']> {
      return upsertCategory(ctx, caller, input);
    },
    audit: true,
  }),

  'communities.list': action({
    input: AdminInput['communities.list'],
    access: ['admin'],
    rate: null,
    async run({ ctx, caller }): Promise<AdminOutput['communities.list']> {
      const scope = caller;
      return { items: scope.state.communities.filter((c) => scope.communities.includes(c.code)), level: scope.level, subdistricts: scope.state.subdistricts.filter((s) => scope.subdistricts.includes(s.code)) };
    },
  }),

  'grids.list': action({
    input: AdminInput['grids.list'],
    access: ['admin'],
    rate: null,
    async run({ ctx, caller }): Promise<AdminOutput['grids.list']> {
      const viewer = caller;
      return { items: (await loadCommunity(ctx.store)).grids.filter((g) => viewer.communities.includes(g.community)) };
    },
  }),

  'workers.upsert': action({
    input: AdminInput['workers.upsert'],
    access: ['admin'],
    rate: 'write',
    audit: true,
    async run({ ctx, caller, input }): Promise<AdminOutput['workers.upsert']> {
      return upsertWorker(ctx, caller, input);
    },
  }),

  'workers.list': action({
    input: AdminInput['workers.list'],
    access: ['admin'],
    rate: null,
    async run({ ctx, caller }): Promise<AdminOutput['workers.list']> {
      const viewer = caller;
      const workers = (await loadWorkers(ctx.store)).filter((w) => viewer.communities.includes(w.community));
      const open = await Promise.all(workers.map((w) => requests(ctx.store).count({ assignee: w.openid, status: { $in: [...OPEN_STATUSES] } })));
      return { items: workers.map((w, i) => workerView(w, open[i])) };
    },
  }),

  'departments.upsert': action({
    input: AdminInput['departments.upsert'],
    access: ['admin'],
    rate: 'write',
    audit: true,
    async run({ ctx, caller, input }): Promise<AdminOutput['departments.upsert']> {
      return upsertDepartment(ctx, caller, input);
    },
  }),

  'departments.list': action({
    input: AdminInput['departments.list'],
    access: ['admin'],
    rate: null,
    async run({ ctx }): Promise<AdminOutput['departments.list']> {
      return { items: (await loadCommunity(ctx.store)).departments };
    },
  }),

  'requests.list': action({
    input: AdminInput['requests.list'],
    access: ['admin'],
    rate: null,
    async run({ ctx, caller, input }): Promise<AdminOutput['requests.list']> {
      const viewer = caller;
      // The same scope and rules as admin.metrics, so a KPI opens exactly the requests it counts.
      const filter: Filter = { community: { $in: await metricsScope(ctx, viewer, input.community) } };
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
    },
  }),

  /** 回访 tasks (opened when a rating reopens a request), of the admin's communities. */
  'followups.list': action({
    input: AdminInput['followups.list'],
    access: ['admin'],
    rate: null,
    async run({ ctx, caller, input }): Promise<AdminOutput['followups.list']> {
      return { items: await listFollowups(ctx, caller, input.status) };
    },
  }),

  'followups.record': action({
    input: AdminInput['followups.record'],
    access: ['admin'],
    rate: 'write',
    audit: true,
    async run({ ctx, caller, input }): Promise<AdminOutput['followups.record']> {
      const viewer = caller;
      const task = await recordFollowup(ctx, viewer, input);
      // The worker the request went back to reads the call's outcome on its timeline (staff only).
      const note = `回访${input.reached ? '已联系上居民' : '未联系上居民'}：${input.result}`.slice(0, 500);
      await noteOnRequest(ctx, viewer, task.requestId, note).catch((e: unknown) =>
        ctx.log.error({ request: task.requestId, err: e instanceof Error ? e.message : String(e) }, 'followup note not added'),
      );
      return task;
    },
  }),
} satisfies HandlerTable;
