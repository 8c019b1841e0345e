import { AppError, type Envelope } from '@qgt/shared/errors';
import type { Logger } from './context';

/**
 * Runs a call and wraps its outcome in the contract's envelope. An AppError becomes its code;
 * anything else is a bug: logged with its stack, answered as INTERNAL without details.
 */
export async function toEnvelope<T>(log: Logger, where: object, run: () => Promise<T>): Promise<{ status: number; body: Envelope<T> }> {
  try {
    return { status: 200, body: { ok: true, data: await run() } };
  } catch (e) {
    const err = e instanceof AppError ? e : internal(log, where, e);
    return { status: err.status, body: { ok: false, error: err.toBody() } };
  }
}

function internal(log: Logger, where: object, e: unknown): AppError {
  log.error({ ...where, err: e instanceof Error ? { message: e.message, stack: e.stack } : String(e) }, 'unhandled error');
  return new AppError('INTERNAL');
}
