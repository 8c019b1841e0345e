import fc from 'fast-check';

/**
 * Hostile values for the fuzzing of every action: query operators and prototype keys (made with
 * JSON.parse, so they are real own keys, as a JSON body delivers them), huge strings, control
 * characters and lone surrogates, 10,000-element and deeply nested arrays, wrong types and
 * numbers at the edges — put in place of the payload, of one of its fields, or beside them.
 */

const json = (s: string): unknown => JSON.parse(s);

const OPERATORS = [
  '{"$ne": null}',
  '{"$gt": ""}',
  '{"$gte": 0}',
  '{"$in": ["demo-admin", "demo-resident"]}',
  '{"$nin": []}',
  '{"$exists": true}',
  '{"$regex": ".*"}',
  '{"$where": "sleep(1000) || true"}',
  '{"$or": [{}, {"role": "admin"}]}',
  '{"$set": {"role": "admin"}}',
  '{"$inc": {"version": 1}}',
  '{"$$deleted": true}',
  '{"lat": {"$gt": 0}, "lng": {"$lt": 200}}',
].map(json);

const PROTOTYPE_KEYS = [
  '{"__proto__": {"polluted": "yes", "role": "admin"}}',
  '{"constructor": {"prototype": {"polluted": "yes"}}}',
  '{"prototype": {"polluted": "yes"}}',
  '{"__proto__": null}',
  '{"toString": "x", "valueOf": 1, "hasOwnProperty": false}',
].map(json);

const HUGE = ['x'.repeat(100_000), '测'.repeat(100_000), `${'a'.repeat(99_990)}\u0000\ud800`];

const LONG_ARRAYS = [Array.from({ length: 10_000 }, (_, i) => i), Array.from({ length: 10_000 }, () => 'G1'), Array.from({ length: 10_000 }, () => ({ $ne: null })), json(`${'['.repeat(3000)}${']'.repeat(3000)}`)];

const ODD_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\u0007\u001b[31m红\u001b[0m',
  '\r\n\t',
  '\u2028\u2029',
  '\ud800',
  '\udfff',
  'a\ud800b',
  '\ufeff\u202e\u200b',
  '\uffff',
  'constructor',
  'toString',
  '__proto__',
  'hasOwnProperty',
  'prototype',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  "' OR '1'='1",
  '${7*7}{{7*7}}',
  '%00%2e%2e',
  'demo-admin',
  'R0000MISSING',
  'cloud://env.bucket/reports/demo-admin/x.jpg',
  'f_AAAAAAAAAAAAAAAAAAAAA',
  'm=dibao',
  '2026-02-30',
  '2026-10-09T25:61:00Z',
  'NaN',
  'Infinity',
  '-0',
  '1e308',
  '0x10',
];

const ODD_NUMBERS = [0, -0, -1, 1.5, 1e308, -1e308, 5e-324, 2 ** 53 + 2, -(2 ** 31), 4294967296];

const WRONG_TYPES = [true, false, null, [], {}, [[]], [{}], [null]];

/** One hostile value. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...OPERATORS),
  fc.constantFrom(...PROTOTYPE_KEYS),
  fc.constantFrom(...HUGE),
  fc.constantFrom(...LONG_ARRAYS),
  fc.constantFrom(...ODD_STRINGS),
  fc.constantFrom(...ODD_NUMBERS),
  fc.constantFrom(...WRONG_TYPES),
  fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)), maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.double(),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Keys worth adding beside a payload's own: what a caller might hope the server trusts. */
const EXTRA_KEYS = ['__proto__', 'constructor', 'prototype', 'role', 'openid', 'owner', 'community', 'communities', '_id', '$where', '$set', 'status', 'version'];

type Path = readonly string[];

/** Every path into the payload that ends at a value (array elements included). */
export function leafPaths(v: unknown, at: Path = []): Path[] {
  if (v === null || typeof v !== 'object') return at.length ? [at] : [];
  const entries = Array.isArray(v) ? v.map((x, i) => [String(i), x] as const) : Object.entries(v);
  return [...(at.length ? [at] : []), ...entries.flatMap(([k, x]) => leafPaths(x, [...at, k]))];
}

/** A copy of `base` with `value` at `path`, as an own property even for `__proto__`. */
export function withValueAt(base: unknown, path: Path, value: unknown): unknown {
  if (!path.length) return value;
  const copy = base !== null && typeof base === 'object' ? (JSON.parse(JSON.stringify(base)) as Record<string, unknown>) : {};
  let node: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    const next = Object.prototype.hasOwnProperty.call(node, key) ? node[key] : undefined;
    const child = next !== null && typeof next === 'object' ? (next as Record<string, unknown>) : {};
    Object.defineProperty(node, key, { value: child, enumerable: true, writable: true, configurable: true });
    node = child;
  }
  Object.defineProperty(node, path[path.length - 1], { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** Hostile payloads built around a valid one: replaced whole, one field replaced, a key added, or left valid. */
export function hostilePayload(base: unknown): fc.Arbitrary<unknown> {
  const paths = leafPaths(base);
  const keys = [...new Set([...(base && typeof base === 'object' && !Array.isArray(base) ? Object.keys(base) : []), ...EXTRA_KEYS])];
  return fc.oneof(
    { arbitrary: hostileValue, weight: 2 },
    { arbitrary: fc.tuple(fc.constantFrom(...keys), hostileValue).map(([k, v]) => withValueAt(base, [k], v)), weight: 3 },
    { arbitrary: paths.length ? fc.tuple(fc.constantFrom(...paths), hostileValue).map(([p, v]) => withValueAt(base, p, v)) : hostileValue, weight: 4 },
    { arbitrary: fc.constant(base), weight: 1 },
  );
}
