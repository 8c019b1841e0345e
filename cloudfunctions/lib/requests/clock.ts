import { TZ } from './config';

/** Wall-clock parts of an instant in the deployment's zone, for messages (never for arithmetic). */
export function localClock(iso: string, tz = TZ): { date: string; time: string; month: number; day: number } {
  const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const p = Object.fromEntries(fmt.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}`, month: Number(p.month), day: Number(p.day) };
}
