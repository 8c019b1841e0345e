import type { ErrorBody, ErrorCode, FieldIssue } from '@qgt/shared/errors';

/** Client-side failures that never got an answer from a handler. */
export type ClientErrorCode = 'NETWORK' | 'OFFLINE' | 'TIMEOUT';
export type ApiErrorCode = ErrorCode | ClientErrorCode;

const CLIENT_MESSAGES: Record<ClientErrorCode, string> = {
  NETWORK: '网络连接失败，请检查网络后重试',
  OFFLINE: '当前没有网络连接，请连接网络后重试',
  TIMEOUT: '网络不畅，请求超时，请稍后重试',
};

const FALLBACK_MESSAGE = '系统繁忙，请稍后再试';

/** The one error a function call rejects with; `message` is Chinese and safe to show. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly field?: string;
  readonly issues?: FieldIssue[];
  /** The server's stable reason (e.g. `draftChanged`), for a page that answers one case its own way. */
  readonly reason?: string;

  constructor(code: ApiErrorCode, message: string, extra: { field?: string; issues?: FieldIssue[]; reason?: string } = {}) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.field = extra.field;
    this.issues = extra.issues;
    this.reason = extra.reason;
  }

  static fromBody(body: ErrorBody): ApiError {
    return new ApiError(body.code, body.message || FALLBACK_MESSAGE, { field: body.field, issues: body.issues, reason: body.reason });
  }

  /** A call that got no answer: no network, no reply in time, or the connection failed. */
  static transport(code: ClientErrorCode, message = CLIENT_MESSAGES[code]): ApiError {
    return new ApiError(code, message);
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/**
 * What a failure means to the person using the app — the one place that decides it. Transport
 * trouble and server faults may pass if tried again (`retry`); any other answer (bad input,
 * no permission, conflict, rate limit) needs a change first, and its message is the server's.
 * `field` names the form field the server blames (`description`), when it names one.
 */
export interface Failure {
  message: string;
  retry: boolean;
  field?: string;
  /** The label of FormError's action when it is not 重试 (刷新: reload what changed meanwhile). */
  action?: string;
}

const NO_ANSWER: ReadonlySet<ApiErrorCode> = new Set<ApiErrorCode>(['NETWORK', 'OFFLINE', 'TIMEOUT']);

/** The call got no answer at all (offline, timed out, connection failed): the next one likely won't either. */
export function isNoAnswer(e: unknown): boolean {
  return isApiError(e) && NO_ANSWER.has(e.code);
}

const RETRYABLE: ReadonlySet<ApiErrorCode> = new Set<ApiErrorCode>(['NETWORK', 'OFFLINE', 'TIMEOUT', 'INTERNAL']);

export function failureOf(e: unknown): Failure {
  // Anything else thrown is a bug of ours: say so gently and let the person try again.
  if (!isApiError(e)) return { message: FALLBACK_MESSAGE, retry: true };
  const field = formField(e.field);
  return { message: e.message, retry: RETRYABLE.has(e.code), ...(field && { field }) };
}

/** A message fit for the UI, whatever was thrown. */
export function errorMessage(e: unknown): string {
  return failureOf(e).message;
}

/** `data.description` / `data.photos.2` → the form's field name (`description`, `photos`). */
function formField(path: string | undefined): string | undefined {
  const name = path?.replace(/^data\./, '').split('.')[0];
  return name && name !== 'data' && name !== 'action' && name !== '(root)' ? name : undefined;
}

/** The message to show next to `field`, if the failure is about it. */
export function fieldError(failure: Failure | null, field: string): string | undefined {
  return failure?.field === field ? failure.message : undefined;
}

/** The failure to show under the form: none when a field the form shows already carries it. */
export function formFailure(failure: Failure | null, shownFields: readonly string[]): Failure | null {
  return failure?.field && shownFields.includes(failure.field) ? null : failure;
}

/** "<message>。<hint>" without doubled punctuation. */
export function withHint(message: string, hint: string): string {
  return `${message.replace(/[。.！!]+$/, '')}。${hint}`;
}
