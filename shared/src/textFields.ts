import * as z from 'zod/mini';

/**
 * Free-text fields of function inputs: trimmed, limited in length, with the message the UI shows
 * under the field (请填写…, …不能超过N个字), and free of control characters.
 */

/**
 * C0 control characters other than tab, newline and carriage return (a Windows textarea sends
 * CR LF). Nobody types them; one stored in a description made every XML feed it appeared in
 * unreadable (XML 1.0 cannot carry them even escaped).
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
const noControls = (what: string) => z.refine<string>((s) => !CONTROL.test(s), `${what}含有不可见的控制字符，请删除后再提交`);

/** Required text: not blank after trimming, at most `max` characters. */
export const text = (max: number, what: string) => z.string().check(z.trim(), z.minLength(1, `请填写${what}`), z.maxLength(max, `${what}不能超过${max}个字`), noControls(what));

/** Optional text: trimmed, at most `max` characters. */
export const optionalText = (max: number, what: string) => z.optional(z.string().check(z.trim(), z.maxLength(max, `${what}不能超过${max}个字`), noControls(what)));

/** Text that may be left out or blank (then ''), at most `max` characters. */
export const textOrEmpty = (max: number, what: string) => z._default(z.string().check(z.trim(), z.maxLength(max, `${what}不能超过${max}个字`), noControls(what)), '');
