import { AppError } from '@qgt/shared/errors';

/**
 * Transient CloudBase database errors under load, and what the adapter does with them.
 * - Refused: the service did not run the request (a write conflict between concurrent writers,
 *   MongoDB's WriteConflict, or the environment's concurrent-request limit): any request may be sent again.
 * - Uncertain: no answer (the service's DATABASE_TIMEOUT, the SDK's ESOCKETTIMEDOUT/ECONNRESET): a read
 *   may be sent again, a write only where repeating it cannot change the result (`idempotent`).
 * What is still failing after the retries becomes an AppError the client can act on (429 / 409),
 * never a 500: refused → 429 "try again", an uncertain write → 409 "refresh and check".
 */
const code = (e: unknown): string => String((e as { code?: unknown })?.code ?? '');
const message = (e: unknown): string => String((e as { message?: unknown })?.message ?? '');

export function isRefused(e: unknown): boolean {
  if (/WriteConflict|write conflict/i.test(message(e))) return true;
  if (code(e) === 'DATABASE_TRANSACTION_CONFLICT') return true;
  return (code(e) === 'SYS_ERR' || code(e) === 'LimitExceeded') && /limit|concurren|busy|繁忙/i.test(message(e));
}

export function isUncertain(e: unknown): boolean {
  return ['DATABASE_TIMEOUT', 'ESOCKETTIMEDOUT', 'ETIMEDOUT', 'ECONNRESET'].includes(code(e));
}

/** Attempts in all, and the pause before each retry (ms, doubled each time, with jitter). */
export const RETRY = { attempts: 3, baseDelayMs: 40 };

const pause = (attempt: number) => new Promise((r) => setTimeout(r, RETRY.baseDelayMs * 2 ** attempt * (0.5 + Math.random() / 2)));

export async function retryTransient<R>(run: () => Promise<R>, opts: { idempotent: boolean }): Promise<R> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (e) {
      const refused = isRefused(e);
      const uncertain = isUncertain(e);
      if (!refused && !uncertain) throw e;
      const again = refused || opts.idempotent;
      if (again && attempt + 1 < RETRY.attempts) {
        await pause(attempt);
        continue;
      }
      if (uncertain && !opts.idempotent) throw new UncertainWriteError();
      throw new AppError('RATE_LIMITED', '当前使用的人较多，请稍后再试');
    }
  }
}

/** A write with no answer after its retries: it may or may not have been applied (409 to the client). */
export class UncertainWriteError extends AppError {
  constructor() {
    super('CONFLICT', '保存结果未能确认，请刷新后查看是否已保存');
  }
}
