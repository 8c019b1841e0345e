import type { Logger } from './context';
import { redact } from './redact';

/** One JSON line per event on stdout/stderr — what CloudBase's log service indexes. */
export function jsonLogger(base: object): Logger {
  const write = (level: string, obj: object, msg?: string) => {
    const line = JSON.stringify({ level, time: new Date().toISOString(), ...base, ...(redact(obj) as object), msg });
    (level === 'error' ? process.stderr : process.stdout).write(line + '\n');
  };
  return {
    info: (obj, msg) => write('info', obj, msg),
    warn: (obj, msg) => write('warn', obj, msg),
    error: (obj, msg) => write('error', obj, msg),
  };
}
