import Taro from '@tarojs/taro';
import { ApiError } from './errors';

/**
 * Time limits and failure causes for calls that leave the device. wx.cloud.callFunction and
 * uploadFile take no timeout of their own, and fetch none either, so every call races a timer:
 * a page never waits forever. A call given up on may still have reached the server; submits
 * carry an idempotency key so the retry cannot file twice.
 */
export const CALL_TIMEOUT_MS = 15_000;
export const UPLOAD_TIMEOUT_MS = 60_000;

const TIMED_OUT = Symbol('timed out');
const TRANSPORT_CODES: ReadonlySet<string> = new Set(['NETWORK', 'OFFLINE', 'TIMEOUT']);

/** `work` within `ms`, else a TIMEOUT ApiError (the work itself cannot be cancelled). */
export async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
  });
  try {
    const winner = await Promise.race([work, limit]);
    if (winner === TIMED_OUT) throw ApiError.transport('TIMEOUT');
    return winner;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `run` within `ms`; past it the signal aborts the fetch (and the body read) that `run` makes,
 * and the call rejects with TIMEOUT.
 */
export async function withAbortTimeout<T>(run: (signal?: AbortSignal) => Promise<T>, ms: number): Promise<T> {
  const abort = typeof AbortController === 'function' ? new AbortController() : undefined;
  const timer = setTimeout(() => abort?.abort(), ms);
  try {
    return await withTimeout(run(abort?.signal), ms);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Why a call got no answer: the device is offline, the call timed out (ours or the platform's
 * own limit), or the connection failed. `message` overrides the generic connection failure.
 */
export async function transportFailure(e: unknown, message?: string): Promise<ApiError> {
  // An answer from the server (or a bad reply) is not a transport failure.
  if (e instanceof ApiError && !TRANSPORT_CODES.has(e.code)) return e;
  if (await isOffline()) return ApiError.transport('OFFLINE');
  if (e instanceof ApiError) return e;
  const text = `${String((e as { errMsg?: unknown })?.errMsg ?? '')} ${e instanceof Error ? `${e.name} ${e.message}` : ''}`;
  if (/time(d)?\s*out|超时|AbortError/i.test(text)) return ApiError.transport('TIMEOUT');
  return ApiError.transport('NETWORK', message);
}

async function isOffline(): Promise<boolean> {
  if (process.env.TARO_ENV === 'h5') return typeof navigator !== 'undefined' && navigator.onLine === false;
  try {
    return (await Taro.getNetworkType()).networkType === 'none';
  } catch {
    return false;
  }
}
