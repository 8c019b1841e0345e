import { BookingInput, type BookingOutput } from '@qgt/shared/booking/api';
import { action, type HandlerTable } from '../lib/runtime/handler';
import { cancelFlow } from '../lib/requests/cancel';
import { rescheduleFlow } from '../lib/requests/reschedule';
import { openSlots } from '../lib/requests/booking';

/**
 * 上门帮办 booking. Looking at slots is open to anyone; booking is `requests.create` with
 * `kind: 'visit'` and a `slotId`; rescheduling and cancelling work until the cut-off.
 */
export const bookingHandlers = {
  slots: action({
    input: BookingInput.slots,
    access: 'anyone',
    rate: null,
    run: ({ ctx, input }) => openSlots(ctx, input),
  }),

  reschedule: action({
    input: BookingInput.reschedule,
    access: 'signedIn',
    rate: 'write',
    audit: true,
    run: ({ ctx, caller, input }): Promise<BookingOutput['reschedule']> => rescheduleFlow(ctx, caller, input),
  }),

  cancel: action({
    input: BookingInput.cancel,
    access: 'signedIn',
    rate: 'write',
    audit: true,
    run: ({ ctx, caller, input }): Promise<BookingOutput['cancel']> => cancelFlow(ctx, caller, input.id, input.reason),
  }),
} satisfies HandlerTable;
