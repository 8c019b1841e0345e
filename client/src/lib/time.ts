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
