import * as z from 'zod/mini';
import { chinaCalendar, withAdjustments, type WorkCalendar } from './calendar';
import { Code } from './fields';

/**
 * A 街道's own settings in its deployment file (`subdistrict.holidayAdjustments`,
 * `subdistrict.features`): 调休 the official calendar does not have yet (or a 街道's own day off)
 * and feature switches. Pure: the store keeps them on the 街道's document, deadlines and the
 * public feed read them through the functions here.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
function isRealDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}
const LocalDate = z.string().check(z.refine(isRealDate, '日期应为有效的 YYYY-MM-DD'));

/** 调休: `holidays` are days off (放假), `workdays` are worked weekend days (调休上班). */
export const HolidayAdjustmentsSchema = z
  .object({
    holidays: z._default(z.array(LocalDate).check(z.maxLength(366)), []),
    workdays: z._default(z.array(LocalDate).check(z.maxLength(366)), []),
  })
  .check(
    z.superRefine((a, ctx) => {
      const off = new Set(a.holidays);
      a.workdays.forEach((d, i) => {
        if (off.has(d)) ctx.addIssue({ code: 'custom', path: ['workdays', i], message: `${d} 不能既是放假日又是调休上班日` });
      });
    }),
  );
export type HolidayAdjustments = z.infer<typeof HolidayAdjustmentsSchema>;

/** Feature switches of one 街道. */
export const FeaturesSchema = z.object({
  /**
   * The public Open311 feed: `enabled: false` keeps the 街道 out of it entirely; `categories` (随手拍
   * category and catalog category codes) is the allow-list of what it may show (absent: everything
   * not private).
   */
  open311: z.optional(
    z.object({
      enabled: z._default(z.boolean(), true),
      categories: z.optional(z.array(Code).check(z.maxLength(200))),
    }),
  ),
});
export type Features = z.infer<typeof FeaturesSchema>;

const calendars = new WeakMap<HolidayAdjustments, WorkCalendar>();

/**
 * The working calendar of a 街道: the official one with its adjustments. One calendar object per
 * adjustments object, so computeDueAt's memo (kept per calendar) stays warm between calls.
 */
export function calendarOf(street: { holidayAdjustments?: HolidayAdjustments } | undefined): WorkCalendar {
  const adj = street?.holidayAdjustments;
  if (!adj || (!adj.holidays.length && !adj.workdays.length)) return chinaCalendar;
  let calendar = calendars.get(adj);
  if (!calendar) calendars.set(adj, (calendar = withAdjustments(chinaCalendar, adj)));
  return calendar;
}

/** Whether a 街道 publishes to the public Open311 feed at all. */
export function open311Enabled(street: { features?: Features } | undefined): boolean {
  return street?.features?.open311?.enabled ?? true;
}

/**
 * Category codes the feed must hide beyond the private ones: with an allow-list, every known
 * category (随手拍 or catalog) not on it.
 */
export function open311Withheld(street: { features?: Features } | undefined, knownCategories: readonly string[]): string[] {
  const allowed = street?.features?.open311?.categories;
  if (!allowed) return [];
  const on = new Set(allowed);
  return knownCategories.filter((c) => !on.has(c));
}
