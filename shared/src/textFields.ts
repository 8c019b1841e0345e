import * as z from 'zod/mini';

/**
 * Free-text fields of function inputs: trimmed, limited in length, with the message the UI shows
 * under the field (请填写…, …不能超过N个字).
 */

/** Required text: not blank after trimming, at most `max` characters. */
export const text = (max: number, what: string) => z.string().check(z.trim(), z.minLength(1, `请填写${what}`), z.maxLength(max, `${what}不能超过${max}个字`));

/** Optional text: trimmed, at most `max` characters. */
export const optionalText = (max: number, what: string) => z.optional(z.string().check(z.trim(), z.maxLength(max, `${what}不能超过${max}个字`)));
