import * as z from 'zod/mini';
import { MATTER_CODE } from './codes';

/**
 * The schemas of matter and category codes, which requests, routing and deadlines check too.
 * Apart from the catalog's document schemas (schema.ts), which only the catalog's loaders build.
 */

export const MatterCode = z.string().check(z.regex(MATTER_CODE, '事项编码只能包含小写字母、数字和连字符，2–30位'));

export const CategoryCode = z.string().check(z.regex(/^[a-z][a-z0-9-]{1,23}$/, '分类编码格式不正确'));
