import { AppError } from '@qgt/shared/errors';
import { canChange } from '@qgt/shared/domain/slots';
import type { RequestView } from '@qgt/shared/requests/views';
import type { Context } from '../runtime/context';
import { CHANGE_CUTOFF_MINUTES } from './config';
import { applyEvent } from './transitions';
import type { RequestDoc } from './store';
import type { Viewer } from '../runtime/caller';

/** A resident may change a booked visit only until the cut-off before it starts; staff any time. */
export function checkCutoff(doc: RequestDoc, viewer: Viewer, now: Date): void {
  if (viewer.role !== 'resident' || !doc.slotStart) return;
  if (!canChange(doc.slotStart, now.toISOString(), CHANGE_CUTOFF_MINUTES))
    throw new AppError('CONFLICT', `距上门时间不足${CHANGE_CUTOFF_MINUTES / 60}小时，不能再改约或取消，请联系工作人员`);
}

/** requests.cancel / booking.cancel: the slot of a visit is released by the transition's effect. */
export function cancelFlow(ctx: Context, viewer: Viewer, id: string, reason?: string): Promise<RequestView> {
  return applyEvent(ctx, viewer, id, (doc) => {
    checkCutoff(doc, viewer, ctx.now);
    return { event: { type: 'cancel', reason } };
  });
}
