import type { ReviewStatus, TimeUnit } from './codes';

/**
 * How a matter's time limit and its review are put into words, on the page, on posters and on the
 * printed 一次性告知单 alike. No zod: the device imports this.
 */

interface TimeFigure {
  value: number;
  unit: TimeUnit;
}
interface TimeLimit {
  workingDays: number;
  note?: string;
  legal?: TimeFigure;
  local?: TimeFigure;
}

export function figureText(f: TimeFigure): string {
  return f.unit === 'workday' ? `${f.value}个工作日` : `${f.value}日`;
}

/**
 * The time limit as residents read it. "N个工作日内办结" is a promise, so it is printed only for a
 * local promise (which carries its source); otherwise the law's figure with "以当地承诺为准", and
 * with neither, no figure at all. `workingDays` (what deadlines use) is never printed on its own.
 */
export function timeLimitLabel(t: TimeLimit): string {
  if (t.local) return t.local.value === 0 ? '当场办结' : `${figureText(t.local)}内办结`;
  if (t.legal) return `法定${figureText(t.legal)}（以当地承诺为准）`;
  if (t.workingDays === 0) return '一般当场办结（以当地规定为准）';
  return '办理时限以当地承诺为准';
}

/** The label with the note, as one printed line. */
export function timeLimitLine(t: TimeLimit): string {
  const base = timeLimitLabel(t);
  return t.note ? `${base}（${t.note}）` : base;
}

/** "2026-12-07" → "2026年12月7日" */
export function chineseDate(isoDate: string): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** "本页于2026年12月7日核对", with what a reader should know when it is a draft or stale. */
export function reviewLine(review: { reviewedAt: string | null; status: ReviewStatus } | undefined): string {
  if (!review?.reviewedAt) return '本页内容尚未核对，请以办理机关的规定为准';
  const base = `本页于${chineseDate(review.reviewedAt)}核对`;
  if (review.status === 'draft') return `${base}，部分内容待核实，以办理机关的规定为准`;
  if (review.status === 'stale') return `${base}，已到复核时间，以办理机关的规定为准`;
  return base;
}
