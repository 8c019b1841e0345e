import { AppError } from '@qgt/shared/errors';
import { WorkInput, type WorkOutput } from '@qgt/shared/requests/api';
import { allowedEvents, type EventType } from '@qgt/shared/domain/requestState';
import { canHandle, isOnLeave } from '@qgt/shared/domain/community';
import { addDays, localDate, startOfDate } from '@qgt/shared/domain/calendar';
import { action, type HandlerTable } from '../lib/runtime/handler';
import { departmentsServing, getWorker, loadCommunity, loadWorkers } from '../lib/community/store';
import { TZ } from '../lib/requests/config';
import { inboxFor } from '../lib/requests/inbox';
import { requests, type RequestDoc } from '../lib/requests/store';
import { applyEvent } from '../lib/requests/transitions';
import { viewMany } from '../lib/requests/view';
import type { Viewer } from '../lib/runtime/caller';

/** Object checks about an event's target only matter when the caller may fire it at all. */
const may = (doc: RequestDoc, viewer: Viewer, type: EventType) => allowedEvents(doc, viewer).includes(type);

/** The grid worker's (and the admin's manual-dispatch) desk: inbox, the request events, today's visits. */
export const workHandlers = {
  inbox: action({
    input: WorkInput.inbox,
    access: ['worker', 'admin'],
    rate: null,
    async run({ ctx, caller, input }): Promise<WorkOutput['inbox']> {
      const viewer = caller;
      return { items: await viewMany(ctx, await inboxFor(ctx, viewer, input.tab), viewer) };
    },
  }),

  accept: action({
    input: WorkInput.accept,
    access: ['worker', 'admin'],
    rate: 'write',
    audit: true,
    run: ({ ctx, caller, input }): Promise<WorkOutput['accept']> => applyEvent(ctx, caller, input.id, () => ({ event: { type: 'accept' } })),
  }),

  /** 业务转接单: to whom, why, what was done, what is pending. Only the assignee changes. */
  transfer: action({
    input: WorkInput.transfer,
    access: ['worker', 'admin'],
    rate: 'write',
    audit: true,
    run: ({ ctx, caller, input }): Promise<WorkOutput['transfer']> =>
      applyEvent(ctx, caller, input.id, async (doc, viewer) => {
        if (may(doc, viewer, 'transfer')) {
          const field = { field: 'data.toOpenid' };
          const target = await getWorker(ctx.store, input.toOpenid);
          if (!target) throw new AppError('NOT_FOUND', `转交对象不是登记的工作人员：${input.toOpenid}`, field);
          if (doc.community && target.community !== doc.community) throw new AppError('BAD_REQUEST', '只能转交给本社区的工作人员', field);
          if (!canHandle(target, doc.matterCode)) throw new AppError('BAD_REQUEST', `${target.name}不具备该事项的办理资质`, field);
          if (isOnLeave(target, ctx.now.toISOString()) || !target.onDuty) throw new AppError('CONFLICT', `${target.name}正在请假或不在岗，请选择其他人员`, field);
        }
        return { event: { type: 'transfer', to: input.toOpenid, reason: input.reason, done: input.done ?? '', pending: input.pending ?? '' } };
      }),
  }),

  /** 吹哨报到: a department is called in; the worker stays on it. */
  escalate: action({
    input: WorkInput.escalate,
    access: ['worker', 'admin'],
    rate: 'write',
    audit: true,
    run: ({ ctx, caller, input }): Promise<WorkOutput['escalate']> =>
      applyEvent(ctx, caller, input.id, async (doc) => {
        // The departments of the request's 街道 (another 街道's department is not this request's to call in).
        const departments = departmentsServing(await loadCommunity(ctx.store), doc.community ? [doc.community] : []);
        if (!departments.some((d) => d.code === input.department)) throw new AppError('NOT_FOUND', `找不到部门：${input.department}`, { field: 'data.department' });
        return { event: { type: 'escalate', department: input.department, reason: input.reason } };
      }),
  }),

  resolve: action({
    input: WorkInput.resolve,
    access: ['worker', 'admin'],
    rate: 'write',
    audit: true,
    run: ({ ctx, caller, input }): Promise<WorkOutput['resolve']> => applyEvent(ctx, caller, input.id, () => ({ event: { type: 'resolve', note: input.note } })),
  }),

  /** Internal note: staff only, never shown to the resident. */
  note: action({
    input: WorkInput.note,
    access: ['worker', 'admin'],
    rate: 'write',
    audit: true,
    run: ({ ctx, caller, input }): Promise<WorkOutput['note']> => applyEvent(ctx, caller, input.id, () => ({ event: { type: 'addNote', note: input.note } })),
  }),

  /** The department's answer (department staff or an admin); the request goes back to its worker. */
  returnFromDepartment: action({
    input: WorkInput.returnFromDepartment,
    access: ['worker', 'admin'],
    rate: 'write',
    audit: true,
    run: ({ ctx, caller, input }): Promise<WorkOutput['returnFromDepartment']> =>
      applyEvent(ctx, caller, input.id, () => ({ event: { type: 'returnFromDepartment', note: input.note } })),
  }),

  /** The caller's doorstep visits of one local day (today by default), by start time. */
  visits: action({
    input: WorkInput.visits,
    access: ['worker', 'admin'],
    rate: null,
    async run({ ctx, caller, input }): Promise<WorkOutput['visits']> {
      const viewer = caller;
      const date = input.date ?? localDate(ctx.now.getTime(), TZ);
      const docs = await requests(ctx.store).find(
        {
          assignee: viewer.openid,
          kind: 'visit',
          status: { $ne: 'cancelled' },
          slotStart: { $gte: new Date(startOfDate(date, TZ)).toISOString(), $lt: new Date(startOfDate(addDays(date, 1), TZ)).toISOString() },
        },
        { sort: { slotStart: 1 }, limit: 200 },
      );
      return { date, items: await viewMany(ctx, docs, viewer) };
    },
  }),

  directory: action({
    input: WorkInput.directory,
    access: ['worker', 'admin'],
    rate: null,
    async run({ ctx, caller }): Promise<WorkOutput['directory']> {
      const viewer = caller;
      const [workers, state] = await Promise.all([loadWorkers(ctx.store), loadCommunity(ctx.store)]);
      const mine = (community: string) => viewer.communities.includes(community);
      return {
        workers: workers
          .filter((w) => mine(w.community) && w.openid !== viewer.openid)
          .map((w) => ({ openid: w.openid, name: w.name, level: w.level, grids: w.grids, onLeave: isOnLeave(w, ctx.now.toISOString()) })),
        // The departments of the caller's 街道 (an environment may hold several).
        departments: departmentsServing(state, viewer.communities).map(({ code, name, categories }) => ({ code, name, categories })),
      };
    },
  }),
} satisfies HandlerTable;
