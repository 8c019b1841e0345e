import * as z from 'zod/mini';
// Only the Chinese locale: the whole `z.locales` namespace would add every language to each bundle.
import { zhCN } from 'zod/locales';
import { AppError, type FieldIssue } from '@qgt/shared/errors';

// Chinese default messages for every zod issue; schemas may still give their own.
z.config(zhCN());

function joinPath(prefix: string, path: readonly PropertyKey[]): string {
  return [prefix, ...path.map(String)].filter(Boolean).join('.');
}

/** Parses untrusted input; on failure throws BAD_REQUEST naming the first offending field. */
export function parseInput<S extends z.ZodMiniType>(schema: S, value: unknown, prefix: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues: FieldIssue[] = result.error.issues.slice(0, 10).map((issue) => ({
    field: joinPath(prefix, issue.path) || prefix || '(root)',
    message: issue.message,
  }));
  const first = issues[0];
  throw new AppError('BAD_REQUEST', `参数错误：${first.field} ${first.message}`, { field: first.field, issues });
}
