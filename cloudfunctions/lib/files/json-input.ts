import { AppError } from '@qgt/shared/errors';
import type { Context } from '../runtime/context';

/** What a schema's safeParse gives back (zod/mini), without tying this module to one schema. */
interface Parser<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } };
}

/**
 * A large input handed over through cloud storage: CloudBase refuses a call payload past 100 KB,
 * so the client uploads the JSON and passes its fileID. The file is read, parsed and checked with
 * the same schema an inline input gets; every failure is a 400 on `data.fileId`.
 */
export async function readJsonInput<T>(ctx: Context, fileId: string, schema: Parser<T>, what: string): Promise<T> {
  let json: unknown;
  try {
    json = JSON.parse((await ctx.platform.readFile(fileId)).toString('utf8'));
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('BAD_REQUEST', `${what}不是有效的 JSON`, { field: 'data.fileId' });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new AppError('BAD_REQUEST', `${what}有误：${parsed.error.issues[0]?.message ?? '格式不符'}`, { field: 'data.fileId' });
  return parsed.data;
}
