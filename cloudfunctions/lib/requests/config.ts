import { DEFAULT_TZ } from '@qgt/shared/domain/calendar';
import { DEFAULT_SLOT_PARAMS, SlotParamsSchema, type SlotParams } from '@qgt/shared/domain/slots';

/**
 * Settings of the requests pipeline that are the same for every call. Per-deployment data
 * (categories, departments, grids, workers' plans and capacities) lives in the store.
 */

/** Deadlines, working days and slots are all reckoned in this zone; instants are stored as UTC ISO. */
export const TZ = DEFAULT_TZ;

/** 60-minute visits, 30 minutes' travel, 2 hours' notice; capacity per worker, default from SLOT_CAPACITY (1). */
export const SLOT_PARAMS: SlotParams = SlotParamsSchema.parse({ ...DEFAULT_SLOT_PARAMS, capacity: Number(process.env.SLOT_CAPACITY) || DEFAULT_SLOT_PARAMS.capacity });

/** A resident may reschedule or cancel a visit until this long before it starts. */
export const CHANGE_CUTOFF_MINUTES = 120;

/** The day-before reminder of a visit goes out at this local time. */
export const VISIT_REMINDER_TIME = '18:00';

/** Longest window `booking.slots` answers for. */
export const MAX_SLOT_RANGE_DAYS = 31;

/**
 * How long the action that stored a request or a transition has to queue its notices itself before
 * the timer steps in as if it had crashed (creation notices, pending effects).
 */
export const RECOVERY_GRACE_MS = 60_000;

/**
 * Doorstep visits one resident may have open (booked, not yet done or cancelled) at once: a
 * worker's week of seats is for the whole grid, not for whoever books fastest.
 */
export const MAX_OPEN_VISITS = 3;

/** Most items a list action returns. */
export const LIST_LIMIT = 200;

export const CONFLICT_MESSAGE = '工单已被他人更新，请刷新后重试';
export const SLOT_FULL_MESSAGE = '该时段已约满，请选择其他时段';
