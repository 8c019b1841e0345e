import * as z from 'zod/mini';
import { MatterCode } from '../catalog/codeSchemas';
import { Code, LatLngSchema } from '../domain/community';
import { optionalText } from '../textFields';
import { DateOrInstant, RequestId, SlotIdInput } from '../requests/schemas';
import type { PersonRef, RequestView } from '../requests/views';

/** The `booking` function (上门帮办 slots, reschedule, cancel): input schemas and output types. */

export const BookingInput = {
  slots: z.object({
    matterCode: z.optional(MatterCode),
    location: z.optional(LatLngSchema),
    buildingCode: z.optional(Code),
    /** A date is the whole local day; `to` as a date is inclusive. At most 31 days. */
    from: DateOrInstant,
    to: DateOrInstant,
  }),
  /** The reason is optional: a resident need not explain moving or dropping their own visit. */
  reschedule: z.object({ id: RequestId, slotId: SlotIdInput, reason: optionalText(200, '改约原因') }),
  cancel: z.object({ id: RequestId, reason: optionalText(200, '取消原因') }),
} as const;

// ---- Outputs ----

export interface SlotView {
  slotId: string;
  start: string;
  end: string;
  remaining: number;
  capacity: number;
  worker: PersonRef;
}

export interface BookingOutput {
  slots: { slots: SlotView[] };
  reschedule: RequestView;
  cancel: RequestView;
}
