import type { ErrorBody, ErrorCode, FieldIssue } from '@qgt/shared/errors';

/** Client-side failures that never reached a handler. */
export type ClientErrorCode = 'NETWORK';
export type ApiErrorCode = ErrorCode | ClientErrorCode;

const NETWORK_MESSAGE = '网络连接失败，请检查网络后重试';

/** The one error a function call rejects with; `message` is Chinese and safe to show. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly field?: string;
  readonly issues?: FieldIssue[];

  constructor(code: ApiErrorCode, message: string, extra: { field?: string; issues?: FieldIssue[] } = {}) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.field = extra.field;
    this.issues = extra.issues;
  }

  static fromBody(body: ErrorBody): ApiError {
    return new ApiError(body.code, body.message || '系统繁忙，请稍后再试', { field: body.field, issues: body.issues });
  }

  static network(): ApiError {
    return new ApiError('NETWORK', NETWORK_MESSAGE);
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** A message fit for the UI, whatever was thrown. */
export function errorMessage(e: unknown): string {
  if (isApiError(e)) return e.message;
  return '系统繁忙，请稍后再试';
}

/** "<message>。<hint>" without doubled punctuation. */
export function withHint(message: string, hint: string): string {
  return `${message.replace(/[。.！!]+$/, '')}。${hint}`;
}
