/**
 * Dates as residents and workers read them, in community time (Asia/Shanghai, UTC+8 all year:
 * China has no daylight saving). Computed by offset, not Intl, so every WeChat base library and
 * browser shows the same thing.
 */
const OFFSET_MS = 8 * 3600_000;
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

function shifted(iso: string | number): Date | null {
  const t = typeof iso === 'number' ? iso : Date.parse(iso);
  return Number.isNaN(t) ? null : new Date(t + OFFSET_MS);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD` of the local day. */
export function localDateKey(iso: string | number): string {
  const d = shifted(iso);
  return d ? `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` : '';
}

/** `HH:mm`. */
export function timeLabel(iso: string | number): string {
  const d = shifted(iso);
  return d ? `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}` : '';
}

/** `11月24日 周二`. */
export function dayLabel(iso: string | number): string {
  const d = shifted(iso);
  return d ? `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 周${WEEKDAYS[d.getUTCDay()]}` : '';
}

/** `11月24日 14:30`. */
export function dateTimeLabel(iso: string | number): string {
  const d = shifted(iso);
  return d ? `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}` : '';
}

/** `11月24日 周二 09:00–10:00`. */
export function slotLabel(start: string, end: string): string {
  return `${dayLabel(start)} ${timeLabel(start)}–${timeLabel(end)}`;
}

/** The local date `days` after today, `YYYY-MM-DD`. */
export function localDateAfter(days: number, now = Date.now()): string {
  return localDateKey(now + days * 86_400_000);
}

/** "今天" / "明天" / the day label, for grouping slots. */
export function relativeDayLabel(iso: string, now = Date.now()): string {
  const key = localDateKey(iso);
  if (key === localDateKey(now)) return `今天 ${dayLabel(iso)}`;
  if (key === localDateKey(now + 86_400_000)) return `明天 ${dayLabel(iso)}`;
  return dayLabel(iso);
}

/** Deadline wording: "11月24日 24:00 前" for a due instant at local midnight. */
export function dueLabel(iso: string): string {
  const d = shifted(iso);
  if (!d) return '';
  if (d.getUTCHours() === 0 && d.getUTCMinutes() === 0) return `${dateTimeLabel(Date.parse(iso) - 60_000).replace(/ \d\d:\d\d$/, '')} 24:00 前`;
  return `${dateTimeLabel(iso)} 前`;
}

/**
 * An ISO week (`2026-W49`, as admin.metrics counts them) as people read it: its Monday to Sunday,
 * `11月30日–12月6日` (the month once when both days share it). Anything else is shown as given.
 */
export function weekLabel(week: string): string {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!m) return week;
  // Week 1 is the week holding 4 January; weeks start on Monday.
  const jan4 = Date.UTC(Number(m[1]), 0, 4);
  const monday = new Date(jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * 86_400_000 + (Number(m[2]) - 1) * 7 * 86_400_000);
  const sunday = new Date(monday.getTime() + 6 * 86_400_000);
  const start = `${monday.getUTCMonth() + 1}月${monday.getUTCDate()}日`;
  const end = sunday.getUTCMonth() === monday.getUTCMonth() ? `${sunday.getUTCDate()}日` : `${sunday.getUTCMonth() + 1}月${sunday.getUTCDate()}日`;
  return `${start}–${end}`;
}
