import { maskText } from '@qgt/shared/privacy/mask';

/**
 * A log line's fields with phone and ID numbers masked in every string. Handlers are written not
 * to log personal data at all; this is the net under that rule (an error message quoting input,
 * a URL with a query), applied by both loggers. Credentials go whole, by their field's name.
 */
/** Fields that hold credentials (sign-in tokens, WeChat secrets): never written, whatever they hold. */
const SECRET_KEYS = /^(authorization|cookie|token|access_?token|session|session_?key|secret|js_?code|api_?key)$/i;
export const REDACTED = '[redacted]';

export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskText(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  // An Error's message and stack are not enumerable: keep them, masked.
  if (value instanceof Error) return { name: value.name, message: maskText(value.message), ...(value.stack && { stack: maskText(value.stack) }) };
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEYS.test(k) ? REDACTED : redact(v, depth + 1)]));
}
