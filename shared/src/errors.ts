/** The closed set of error codes of the API contract, and their HTTP statuses. */
export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** Default Chinese messages, used when a thrower has nothing more specific to say. */
export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  BAD_REQUEST: '请求有误',
  UNAUTHENTICATED: '请先登录',
  FORBIDDEN: '没有权限进行此操作',
  NOT_FOUND: '找不到相关内容',
  CONFLICT: '操作冲突，请刷新后重试',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  INTERNAL: '系统繁忙，请稍后再试',
};

/**
 * A stable, language-free name for why a call failed (`slotFull`, `stateConflict`…), carried next
 * to the Chinese message so clients and tests tell cases apart without reading the text. Without
 * a specific one it is the code's own name, camel-cased (`BAD_REQUEST` → `badRequest`).
 */
export type ErrorReason = string;

export function defaultReason(code: ErrorCode): ErrorReason {
  return code.toLowerCase().replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
}

export interface FieldIssue {
  /** Dot path of the offending field, e.g. `data.q`. */
  field: string;
  message: string;
}

export interface ErrorBody {
  code: ErrorCode;
  /** Stable reason code (see ErrorReason); replies from older servers may lack it. */
  reason?: ErrorReason;
  message: string;
  /** The first offending field, when the error is about input. */
  field?: string;
  issues?: FieldIssue[];
}

const APP_ERROR = Symbol.for('qgt.AppError');

/** The one error type every layer throws; the transport maps it to HTTP or a CloudBase reply. */
export class AppError extends Error {
  /**
   * A function's lazy chunk (scripts/build-functions.ts) carries its own copy of this class: an
   * AppError thrown there is still an AppError to the handler that catches it. Subclasses keep the
   * ordinary prototype test.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (this !== AppError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return typeof value === 'object' && value !== null && (value as { [APP_ERROR]?: boolean })[APP_ERROR] === true;
  }

  readonly code: ErrorCode;
  readonly reason: ErrorReason;
  readonly field?: string;
  readonly issues?: FieldIssue[];

  constructor(code: ErrorCode, message?: string, extra: { field?: string; issues?: FieldIssue[]; reason?: ErrorReason } = {}) {
    super(message ?? ERROR_MESSAGES[code]);
    this.name = 'AppError';
    this.code = code;
    this.reason = extra.reason ?? defaultReason(code);
    this.field = extra.field;
    this.issues = extra.issues;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  toBody(): ErrorBody {
    const body: ErrorBody = { code: this.code, reason: this.reason, message: this.message };
    if (this.field) body.field = this.field;
    if (this.issues?.length) body.issues = this.issues;
    return body;
  }
}

Object.defineProperty(AppError.prototype, APP_ERROR, { value: true });

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** Envelope of every function reply, locally and on CloudBase. */
export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };
