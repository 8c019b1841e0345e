import * as z from 'zod/mini';
import { FUNCTIONS } from '../../cloudfunctions/functions';

/**
 * Every input schema of every action bounds what it accepts: each string has a maximum length (or
 * a fully anchored pattern without unbounded repetition), each array a maximum count, each number
 * both ends (or is an integer, which zod bounds to the safe range); no open records or unknowns.
 * Walks the zod definitions, so a new field without a limit fails here.
 */

type Def = { type: string; checks?: Array<{ _zod: { def: Record<string, unknown> } }>; [k: string]: unknown };
const defOf = (s: z.core.$ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;
const checksOf = (def: Def) => (def.checks ?? []).map((c) => c._zod.def);

/** A pattern that only matches strings of bounded length: anchored both ends, no `*`, `+` or `{n,}`. */
function boundedPattern(p: RegExp): boolean {
  const src = p.source;
  return src.startsWith('^') && src.endsWith('$') && !/(^|[^\\])[*+]|\{\d+,\}/.test(src);
}

function stringBounded(def: Def): boolean {
  const checks = [def, ...checksOf(def)];
  return checks.some(
    (c) =>
      c.check === 'max_length' ||
      c.check === 'length_equals' ||
      // zod's own formats (iso datetime, date…) are fixed-shape patterns.
      (c.check === 'string_format' && (c.format !== 'regex' || boundedPattern(c.pattern as RegExp))),
  );
}

function numberBounded(def: Def): boolean {
  // z.int() is itself the integer check; z.number().check(z.int()) lists it among its checks.
  const checks = [def, ...checksOf(def)];
  const has = (kind: string) => checks.some((c) => c.check === kind);
  return checks.some((c) => c.check === 'number_format') || (has('greater_than') && has('less_than'));
}

/** Paths under `path` whose values are not bounded. */
function unbounded(schema: z.core.$ZodType, path: string, seen = new Set<z.core.$ZodType>()): string[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const def = defOf(schema);
  const inner = (s: unknown, p = path) => unbounded(s as z.core.$ZodType, p, seen);
  switch (def.type) {
    case 'string':
      return stringBounded(def) ? [] : [`${path} (string without a maximum length)`];
    case 'number':
      return numberBounded(def) ? [] : [`${path} (number without both bounds)`];
    case 'array': {
      const limited = checksOf(def).some((c) => c.check === 'max_length' || c.check === 'length_equals');
      return [...(limited ? [] : [`${path} (array without a maximum count)`]), ...inner(def.element, `${path}[]`)];
    }
    case 'tuple':
      return [...(def.items as z.core.$ZodType[]).flatMap((s, i) => inner(s, `${path}.${i}`)), ...(def.rest ? [`${path} (tuple with an open rest)`] : [])];
    case 'object':
      return Object.entries(def.shape as Record<string, z.core.$ZodType>).flatMap(([k, s]) => inner(s, `${path}.${k}`));
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return inner(def.innerType);
    case 'pipe':
      return inner(def.in);
    case 'union':
      return (def.options as z.core.$ZodType[]).flatMap((s) => inner(s));
    case 'intersection':
      return [...inner(def.left), ...inner(def.right)];
    case 'enum':
    case 'literal':
    case 'boolean':
    case 'null':
    case 'undefined':
      return [];
    default:
      return [`${path} (${def.type}: accepts anything)`];
  }
}

const INPUTS = Object.entries(FUNCTIONS).flatMap(([fn, table]) => Object.entries(table).map(([action, act]) => [`${fn}.${action}`, act.input] as const));

describe('input limits', () => {
  it.each(INPUTS)('%s bounds every string, array and number it accepts', (_key, input) => {
    expect(unbounded(input, 'data')).toEqual([]);
  });

  it('tells an unbounded field from a bounded one (the walk is not vacuous)', () => {
    const probe = z.object({
      a: z.string(),
      b: z.string().check(z.maxLength(3)),
      c: z.string().check(z.regex(/^[a-z]+$/)),
      d: z.string().check(z.regex(/^[a-z]{1,9}$/)),
      e: z.array(z.number().check(z.int())),
      f: z.array(z.number().check(z.gte(0), z.lte(1))).check(z.maxLength(2)),
      g: z.number().check(z.gte(0)),
      h: z.tuple([z.int()], z.int()),
      i: z.record(z.string().check(z.maxLength(2)), z.string().check(z.maxLength(2))),
      j: z.unknown(),
      k: z.int(),
    });
    expect(unbounded(probe, 'data').map((p) => p.split(' ')[0])).toEqual(['data.a', 'data.c', 'data.e', 'data.g', 'data.h', 'data.i', 'data.j']);
  });
});
