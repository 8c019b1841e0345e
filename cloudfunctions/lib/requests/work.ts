import type * as z from 'zod/mini';
import { AppError } from '@qgt/shared/errors';
import type { WorkInput, WorkOutput } from '@qgt/shared/work/api';
import { allowedEvents, type EventType } from '@qgt/shared/domain/requestState';
import { canHandle, isOnLeave } from '@qgt/shared/domain/community';
import { addDays, localDate, startOfDate } from '@qgt/shared/domain/calendar';
import { departmentsServing, getWorker, loadCommunity, loadWorkers } from '../community/store';
import { TZ } from './config';
import { inboxFor } from './inbox';
import { requests, type RequestDoc } from './store';
import { applyEvent } from './transitions';
import { viewMany } from './view';
import type { Viewer } from '../runtime/caller';
import type { Context } from '../runtime/context';

/** The staff desk's service (the work function's table calls it): inbox, handing over and calling in, today's visits, the directory. */

type In<K extends keyof typeof WorkInput> = z.output<(typeof WorkInput)[K]>;

/** Object checks about an event's target only matter when the caller may fire it at all. */
const may = (doc: RequestDoc, viewer: Viewer, type: EventType) => allowedEvents(doc, viewer).includes(type);

export async function workInbox(ctx: Context, viewer: Viewer, input: In<'inbox'>): Promise<WorkOutput['inbox']> {
  return { items: await viewMany(ctx, await inboxFor(ctx, viewer, input.tab), viewer) };
}

export async function visitsOfDay(ctx: Context, viewer: Viewer, input: In<'visits'>): Promise<WorkOutput['visits']> {
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
}

export async function staffDirectory(ctx: Context, viewer: Viewer): Promise<WorkOutput['directory']> {
  const [workers, state] = await Promise.all([loadWorkers(ctx.store), loadCommunity(ctx.store)]);
  const mine = (community: string) => viewer.communities.includes(community);
  return {
    workers: workers
      .filter((w) => mine(w.community) && w.openid !== viewer.openid)
      .map((w) => ({ openid: w.openid, name: w.name, level: w.level, grids: w.grids, onLeave: isOnLeave(w, ctx.now.toISOString()) })),
    // The departments of the caller's 街道 (an environment may hold several).
    departments: departmentsServing(state, viewer.communities).map(({ code, name, categories }) => ({ code, name, categories })),
  };
}

/** 业务转接单: to a registered worker of the request's community who may handle it and is on duty. */
export function transferRequest(ctx: Context, viewer: Viewer, input: In<'transfer'>): Promise<WorkOutput['transfer']> {
  return applyEvent(ctx, viewer, input.id, async (doc, viewer) => {
    if (may(doc, viewer, 'transfer')) {
      const field = { field: 'data.toOpenid' };
      const target = await getWorker(ctx.store, input.toOpenid);
      if (!target) throw new AppError('NOT_FOUND', `转交对象不是登记的工作人员：${input.toOpenid}`, field);
      if (doc.community && target.community !== doc.community) throw new AppError('BAD_REQUEST', '只能转交给本社区的工作人员', field);
      if (!canHandle(target, doc.matterCode)) throw new AppError('BAD_REQUEST', `${target.name}不具备该事项的办理资质`, field);
      if (isOnLeave(target, ctx.now.toISOString()) || !target.onDuty) throw new AppError('CONFLICT', `${target.name}正在请假或不在岗，请选择其他人员`, field);
    }
    return { event: { type: 'transfer', to: input.toOpenid, reason: input.reason, done: input.done ?? '', pending: input.pending ?? '' } };
  });
}

/** 吹哨报到: to a department serving the request's 街道. */
export function escalateRequest(ctx: Context, viewer: Viewer, input: In<'escalate'>): Promise<WorkOutput['escalate']> {
  return applyEvent(ctx, viewer, input.id, async (doc) => {
    // The departments of the request's 街道 (another 街道's department is not this request's to call in).
    const departments = departmentsServing(await loadCommunity(ctx.store), doc.community ? [doc.community] : []);
    if (!departments.some((d) => d.code === input.department)) throw new AppError('NOT_FOUND', `找不到部门：${input.department}`, { field: 'data.department' });
    return { event: { type: 'escalate', department: input.department, reason: input.reason } };
  });
}

