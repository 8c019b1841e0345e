import * as z from 'zod/mini';
import { addDays, chinaCalendar, isWeekend, localDate, localTime, weekdayOf, type WorkCalendar } from './calendar';
import { planOf, type LeaveRange, type WorkingPlan } from './community';

/**
 * 上门帮办 booking slots. Slots are laid out from the start of each working period: a visit, a
 * travel buffer, the next visit… A slot never straddles a break. Notice, leave and the window
 * only remove slots, they never shift the grid, so a slotId stays valid while time passes.
 */

export const SlotParamsSchema = z.object({
  visitMinutes: z._default(z.number().check(z.int(), z.gte(15), z.lte(480)), 60),
  bufferMinutes: z._default(z.number().check(z.int(), z.gte(0), z.lte(240)), 30),
  noticeMinutes: z._default(z.number().check(z.int(), z.gte(0), z.lte(60 * 24 * 14)), 120),
  capacity: z._default(z.number().check(z.int(), z.gte(1), z.lte(20)), 1),
});
export type SlotParams = z.infer<typeof SlotParamsSchema>;
/** 60-minute visits, 30 minutes' travel between them, 2 hours' notice, one household per slot. */
export const DEFAULT_SLOT_PARAMS: SlotParams = SlotParamsSchema.parse({});

export interface SlotQuery extends SlotParams {
  /** A Worker fits; absent plan = standard hours, `onLeave` = no slots at all. */
  worker: { openid: string; workingPlan?: WorkingPlan; onLeave?: boolean; leave?: readonly LeaveRange[] };
  /** Window [from, to) as ISO instants; only slots fully inside are offered. */
  from: string;
  to: string;
  now: string;
  tz: string;
  calendar?: WorkCalendar;
  /** Bookings per slotId, to report `remaining`; full slots are kept with remaining 0. */
  booked?: Readonly<Record<string, number>>;
}

export interface Slot {
  slotId: string;
  start: string;
  end: string;
  capacity: number;
  remaining: number;
}

export function slotId(openid: string, start: string): string {
  return `${openid}:${start}`;
}

/** Splits a slotId; the start is the trailing UTC ISO instant, so an openid may contain ':'. */
export function parseSlotId(id: string): { openid: string; start: string } | null {
  const m = /^(.+):(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)$/.exec(id);
  if (!m) return null;
  const t = Date.parse(m[2]);
  if (Number.isNaN(t) || new Date(t).toISOString() !== m[2]) return null;
  return { openid: m[1], start: m[2] };
}

/** The periods worked on a local date: none on a non-working day; a 调休 weekend day follows `makeupWeekday`. */
function periodsOn(date: string, q: SlotQuery) {
  if (!(q.calendar ?? chinaCalendar).isWorkday(date)) return [];
  const plan = planOf(q.worker);
  return plan[isWeekend(date) ? plan.makeupWeekday : weekdayOf(date)];
}

/** Bookable slots of one worker in [from, to), sorted by start. */
export function generateSlots(q: SlotQuery): Slot[] {
  if (q.worker.onLeave) return [];
  const visit = q.visitMinutes * 60_000;
  const step = visit + q.bufferMinutes * 60_000;
  const from = Date.parse(q.from);
  const to = Date.parse(q.to);
  const earliest = Date.parse(q.now) + q.noticeMinutes * 60_000;
  const leave = q.worker.leave ?? [];
  const out: Slot[] = [];
  for (let date = localDate(from, q.tz); localTime(date, '00:00', q.tz) < to; date = addDays(date, 1)) {
    for (const p of periodsOn(date, q)) {
      const periodEnd = localTime(date, p.end, q.tz);
      for (let s = localTime(date, p.start, q.tz); s + visit <= periodEnd; s += step) {
        const e = s + visit;
        if (s < from || e > to || s < earliest) continue;
        if (leave.some((r) => Date.parse(r.start) < e && s < Date.parse(r.end))) continue;
        const start = new Date(s).toISOString();
        const id = slotId(q.worker.openid, start);
        const remaining = Math.max(0, q.capacity - (q.booked?.[id] ?? 0));
        out.push({ slotId: id, start, end: new Date(e).toISOString(), capacity: q.capacity, remaining });
      }
    }
  }
  return out.sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
}

/**
 * The offered slot with this id, or undefined when the id is not (or no longer) offered: the
 * booking handler must check this rather than trust a client-made slotId.
 */
export function findSlot(id: string, q: Omit<SlotQuery, 'from' | 'to'>): Slot | undefined {
  const parsed = parseSlotId(id);
  if (!parsed || parsed.openid !== q.worker.openid) return undefined;
  const day = localDate(parsed.start, q.tz);
  const from = new Date(localTime(day, '00:00', q.tz)).toISOString();
  const to = new Date(localTime(addDays(day, 1), '00:00', q.tz)).toISOString();
  return generateSlots({ ...q, from, to }).find((s) => s.slotId === id);
}

/** Reschedule/cancel is allowed until `cutoffMinutes` before the slot starts (inclusive). */
export function canChange(slotStart: string, now: string, cutoffMinutes: number): boolean {
  return Date.parse(now) + cutoffMinutes * 60_000 <= Date.parse(slotStart);
}

