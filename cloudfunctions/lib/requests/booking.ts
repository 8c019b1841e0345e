import type * as z from 'zod/mini';
import { AppError } from '@qgt/shared/errors';
import type { BookingInput, BookingOutput, SlotView } from '@qgt/shared/booking/api';
import { canHandle, isOnLeave, type Worker } from '@qgt/shared/domain/community';
import { loadCatalog } from '../catalog/published';
import { defaultCommunity, getBuilding, loadCommunity, loadWorkers } from '../community/store';
import { routeNew } from './route';
import { slotRange } from './range';
import { capacityOf, workerSlots } from './slots';
import type { Context } from '../runtime/context';

type In<K extends keyof typeof BookingInput> = z.output<(typeof BookingInput)[K]>;

/** `booking.slots`: the open slots of the worker a place routes to, or of everyone on duty who can handle the matter. */
export async function openSlots(ctx: Context, input: In<'slots'>): Promise<BookingOutput['slots']> {
  const { from, to } = slotRange(input.from, input.to);
  if (input.matterCode && !(await loadCatalog(ctx.store)).byCode.has(input.matterCode))
    throw new AppError('NOT_FOUND', `找不到事项：${input.matterCode}`, { field: 'data.matterCode' });
  if (input.buildingCode && !(await getBuilding(ctx.store, input.buildingCode)))
    throw new AppError('NOT_FOUND', `找不到楼栋：${input.buildingCode}`, { field: 'data.buildingCode' });
  const [state, workers] = await Promise.all([loadCommunity(ctx.store), loadWorkers(ctx.store)]);
  // The worker the place routes to; without a place (or with manual dispatch) everyone on duty who can handle it.
  const route = input.location || input.buildingCode ? await routeNew(ctx, state, workers, input) : null;
  const community = route?.community ?? defaultCommunity(state);
  const now = ctx.now.toISOString();
  const candidates: Worker[] =
    route && !route.manual
      ? workers.filter((w) => w.openid === route.assignee)
      : workers.filter((w) => (!community || w.community === community) && w.onDuty && !isOnLeave(w, now) && canHandle(w, input.matterCode));
  const perWorker = await Promise.all(candidates.map((w) => workerSlots(ctx.store, w, from, to, ctx.now)));
  const slots: SlotView[] = perWorker.flatMap((list, i) =>
    list.map((s) => ({ slotId: s.slotId, start: s.start, end: s.end, remaining: s.remaining, capacity: capacityOf(candidates[i]), worker: { openid: candidates[i].openid, name: candidates[i].name } })),
  );
  slots.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.worker.openid < b.worker.openid ? -1 : 1));
  return { slots };
}

