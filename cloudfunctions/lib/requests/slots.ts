import { nanoid } from 'nanoid';
import { AppError } from '@qgt/shared/errors';
import { canHandle, type Worker } from '@qgt/shared/domain/community';
import { findSlot, generateSlots, parseSlotId, type Slot } from '@qgt/shared/domain/slots';
import { addDays, localDate, localTime, startOfDate, type WorkCalendar } from '@qgt/shared/domain/calendar';
import { calendarOf } from '@qgt/shared/domain/streetSettings';
import type { Context } from '../runtime/context';
import type { Store } from '../store/port';
import { getWorker, loadCommunity, subdistrictOf } from '../community/store';
import { cancelEntry, type NewOutboxEntry } from '../outbox/outbox';
import { SLOT_FULL_MESSAGE, SLOT_PARAMS, TZ, VISIT_REMINDER_TIME } from './config';
import type { RequestDoc } from './store';
import { monthDayTime } from '../outbox/messages';

/**
 * Doorstep-visit slots. Offered slots are computed (generateSlots); only bookings are stored:
 * `slots/<slotId>` = {taken, capacity}, taken by ONE conditional increment, so concurrent
 * bookings can never exceed the capacity. A place is given back by one conditional decrement that
 * also marks the release done, so a release replayed after a crash gives nothing back twice.
 */
export const SLOTS = 'slots';

export interface SlotDoc {
  _id: string;
  taken: number;
  capacity: number;
  worker: string;
  start: string;
  /** The releases done so far, by key. */
  released?: Record<string, true>;
}

const slots = (store: Store) => store.collection(SLOTS);

export const capacityOf = (worker: Pick<Worker, 'capacity'>) => worker.capacity ?? SLOT_PARAMS.capacity;

/** The calendar of the worker's 街道 (its 调休 days off offer no slots). */
async function calendarOfWorker(store: Store, worker: Worker): Promise<WorkCalendar> {
  return calendarOf(subdistrictOf(await loadCommunity(store), worker.community));
}

/** A worker's offered slots in [from, to) with what is left of each. */
export async function workerSlots(store: Store, worker: Worker, from: string, to: string, now: Date): Promise<Slot[]> {
  // Slot ids are `<openid>:<UTC ISO start>`, so one range query on _id finds the worker's bookings.
  const [booked, calendar] = await Promise.all([slots(store).find({ _id: { $gte: `${worker.openid}:${from}`, $lte: `${worker.openid}:${to}` } }), calendarOfWorker(store, worker)]);
  return generateSlots({
    calendar,
    ...SLOT_PARAMS,
    capacity: capacityOf(worker),
    worker,
    from,
    to,
    now: now.toISOString(),
    tz: TZ,
    booked: Object.fromEntries(booked.map((s) => [s._id, s.taken])),
  });
}

/**
 * Takes one place in a slot: the slot must be one the worker offers now (never trust the client's
 * id), and the increment only happens while `taken < capacity`. 409 when full.
 */
export async function takeSlot(ctx: Context, slotId: string, matterCode: string | undefined, field = 'data.slotId'): Promise<{ slot: Slot; worker: Worker }> {
  const parsed = parseSlotId(slotId);
  if (!parsed) throw new AppError('BAD_REQUEST', '时段编号无效', { field });
  const worker = await getWorker(ctx.store, parsed.openid);
  const capacity = worker ? capacityOf(worker) : 0;
  const slot = worker && findSlot(slotId, { ...SLOT_PARAMS, capacity, worker, now: ctx.now.toISOString(), tz: TZ, calendar: await calendarOfWorker(ctx.store, worker) });
  if (!worker || !slot) throw new AppError('NOT_FOUND', '该时段不存在或已不可预约，请重新选择', { field });
  if (!canHandle(worker, matterCode)) throw new AppError('BAD_REQUEST', '该工作人员不办理此事项，请选择其他时段', { field });
  await slots(ctx.store).insertIfAbsent({ _id: slotId, taken: 0, capacity, worker: worker.openid, start: slot.start });
  const taken = await slots(ctx.store).updateById(slotId, { $inc: { taken: 1 } }, { taken: { $lt: capacity } });
  if (!taken) throw new AppError('CONFLICT', SLOT_FULL_MESSAGE, { field, reason: 'slotFull' });
  return { slot, worker };
}

/**
 * Gives a place back (cancel, reschedule, or a booking that failed after taking it) and withdraws
 * its reminder. `releaseKey` names this release: a transition's effect passes one derived from the
 * request's version, so the timer replaying the effect after a crash finds it done; an undo, never
 * replayed, gets a fresh one.
 */
export async function releaseSlot(ctx: Context, requestId: string, slotId: string, releaseKey = `${requestId}_${nanoid(10)}`): Promise<void> {
  const mark = `released.${releaseKey}`;
  await slots(ctx.store).updateById(slotId, { $inc: { taken: -1 }, $set: { [mark]: true } }, { taken: { $gt: 0 }, [mark]: { $exists: false } });
  await cancelEntry(ctx.store, reminderId(requestId, slotId));
}

/** 24:00 of the visit's local day: a visit is never due before it has taken place. */
export function visitDayEnd(slotStart: string): string {
  return new Date(startOfDate(addDays(localDate(slotStart, TZ), 1), TZ)).toISOString();
}

export const reminderId = (requestId: string, slotId: string) => `visit:${requestId}:${slotId}`;

/** The day-before reminder of a visit (18:00 local the day before), or none when that time has passed. */
export function visitReminder(doc: RequestDoc, now: Date): NewOutboxEntry | null {
  if (!doc.slotId || !doc.slotStart) return null;
  const day = localDate(doc.slotStart, TZ);
  const at = localTime(addDays(day, -1), VISIT_REMINDER_TIME, TZ);
  if (at <= now.getTime()) return null;
  return {
    _id: reminderId(doc._id, doc.slotId),
    to: doc.owner,
    template: 'visitReminder',
    notBefore: new Date(at).toISOString(),
    data: { requestId: doc._id, title: doc.title, message: `明天（${monthDayTime(doc.slotStart)}）工作人员将上门服务，请留意`, at: now.toISOString() },
  };
}

/** This area's collections, typed by name (see CollectionDocs in lib/store/port). */
declare module '../store/port' {
  interface CollectionDocs {
    slots: SlotDoc;
  }
}
