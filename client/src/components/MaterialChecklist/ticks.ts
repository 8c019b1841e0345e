import { readStorage, writeStorage } from '../../lib/storage';

/** Which materials of a matter the resident has ticked, remembered per matter. */
const key = (code: string) => `qgt.ticks.${code}`;

export function readTicks(code: string): string[] {
  const v = readStorage<unknown>(key(code));
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

export function writeTicks(code: string, names: string[]): void {
  writeStorage(key(code), names);
}
