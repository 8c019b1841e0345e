import { AppError } from '@qgt/shared/errors';
import { parseSlotId } from '@qgt/shared/domain/slots';
import type { RequestView } from '@qgt/shared/requests/views';
import type { Context } from '../runtime/context';
import { enqueue } from '../outbox/outbox';
import { monthDayTime } from '../outbox/messages';
import { checkCutoff } from './cancel';
import { releaseSlot, takeSlot, visitDayEnd, visitReminder } from './slots';
import { loadRequest } from './store';
import { applyEvent } from './transitions';
import type { Viewer } from '../runtime/caller';

/**
 * 改约: take the new slot first (409 when full), then store the move with the compare-and-set;
 * if that fails the new place is given back. The old slot and its reminder go with the
 * transition's releaseSlot effect; the new reminder is queued afterwards.
 */

export async function rescheduleFlow(ctx: Context, viewer: Viewer, input: { id: string; slotId: string; reason?: string }): Promise<RequestView> {
  const view = await applyEvent(ctx, viewer, input.id, async (doc) => {
    if (doc.kind !== 'visit' || !doc.slotId) throw new AppError('BAD_REQUEST', '只有预约上门的诉求可以改约', { field: 'data.id' });
    checkCutoff(doc, viewer, ctx.now);
    if (input.slotId === doc.slotId) throw new AppError('CONFLICT', '新时段与原时段相同', { field: 'data.slotId' });
    if (parseSlotId(input.slotId)?.openid !== doc.assignee) throw new AppError('BAD_REQUEST', '只能改约为同一工作人员的其他时段', { field: 'data.slotId' });
    const { slot } = await takeSlot(ctx, input.slotId, doc.matterCode);
    const dayEnd = visitDayEnd(slot.start);
    return {
      event: {
        type: 'reschedule',
        slotId: slot.slotId,
        start: slot.start,
        ...(input.reason && { reason: input.reason }),
        ...(doc.slotStart && { change: `${monthDayTime(doc.slotStart)} → ${monthDayTime(slot.start)}` }),
      },
      extra: { slotStart: slot.start, slotEnd: slot.end, ...(dayEnd > doc.dueAt && { dueAt: dayEnd }) },
      undo: () => releaseSlot(ctx, doc._id, slot.slotId),
    };
  });
  const reminder = visitReminder(await loadRequest(ctx.store, input.id), ctx.now);
  if (reminder) await enqueue(ctx.store, [reminder], ctx.now).catch((e: unknown) => ctx.log.error({ err: String(e) }, 'reminder not queued'));
  return view;
}
