import * as z from 'zod/mini';

/**
 * Input field schemas several functions' APIs share (request and slot ids, dates, phone numbers).
 * Each function's own actions are in shared/src/<fn>/api.ts.
 */

/** A request id as the server makes them. */
export const RequestId = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, '工单编号格式不正确'));
/** A slot id (`<openid>:<UTC ISO start>`); the server re-derives the slot, never trusting it. */
export const SlotIdInput = z.string().check(z.minLength(1, '缺少时段编号'), z.maxLength(120, '时段编号过长'));
/** An uploaded file id (cloud://… on CloudBase); the photo upload itself is handled elsewhere. */
export const FileId = z.string().check(z.minLength(1), z.maxLength(256, '图片编号过长'), z.regex(/^[\w.:/@-]+$/, '图片编号格式不正确'));
export const IdempotencyKey = z.string().check(z.regex(/^[A-Za-z0-9_.:-]{1,64}$/, '幂等键只能包含字母、数字和 _.:-，最长64位'));
/** A local date `YYYY-MM-DD`, or an ISO time; a time without an offset is Asia/Shanghai wall time. */
export const DateOrInstant = z.string().check(
  z.maxLength(40),
  z.regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/, '应为日期（YYYY-MM-DD）或ISO 8601时间'),
  z.refine((s) => !Number.isNaN(Date.parse(s.length === 10 ? `${s}T00:00:00Z` : /Z|[+-]\d{2}:\d{2}$/.test(s) ? s : `${s}Z`)), '日期无效'),
);
export const LocalDate = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为YYYY-MM-DD'),
  z.refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), '日期无效'),
);

export const byId = z.object({ id: RequestId });
/** A mainland mobile or landline number (138…, 028-8…). */
export const PhoneNumber = z.string().check(z.trim(), z.regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, '电话号码格式不正确'));
