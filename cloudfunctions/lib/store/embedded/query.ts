import type { FieldOps, Filter } from '../port';

/**
 * The embedded engine's query compiler: the port's filters and dot paths as generated predicates
 * and readers, for in-memory evaluation (find, count, grouping passes).
 */

/** The value at a dot path of a document (undefined when absent). */
export function valueAt(doc: unknown, path: string): unknown {
  let v: unknown = doc;
  for (const part of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

const scalarKey = (v: unknown) => (v instanceof Date ? v.getTime() : v);
const same = (a: unknown, b: unknown) => scalarKey(a) === scalarKey(b);
function comparable(a: unknown, b: unknown): boolean {
  const ta = a instanceof Date ? 'date' : typeof a;
  const tb = b instanceof Date ? 'date' : typeof b;
  return ta === tb && (ta === 'number' || ta === 'string' || ta === 'date');
}
const anyOf = (v: unknown, test: (x: unknown) => boolean) => (Array.isArray(v) ? v.some(test) : test(v));

/**
 * A range operator. A value of the argument's own type (string or number: the usual ISO timestamps
 * and dates) compares directly, in code generated per operator and type, as it runs once per
 * document in a grouping pass; arrays and dates take the general path.
 */
function comparison(op: '>' | '>=' | '<' | '<=', arg: unknown): (v: unknown) => boolean {
  const holds = (x: unknown) => comparable(x, arg) && compare(op, scalarKey(x) as number, scalarKey(arg) as number);
  const general = (v: unknown) => anyOf(v, holds);
  const type = typeof arg;
  if (type !== 'string' && type !== 'number') return general;
  const make = compiled<(arg: unknown, general: (v: unknown) => boolean) => (v: unknown) => boolean>(
    ['arg', 'general'],
    `return (v) => typeof v === '${type}' ? v ${op} arg : typeof v === 'object' && v !== null && general(v);`,
  );
  return make(arg, general);
}
const compare = (op: string, x: number, y: number) => (op === '>' ? x > y : op === '>=' ? x >= y : op === '<' ? x < y : x <= y);

/**
 * The port's filter as a predicate, with the semantics the store contract fixes (equality also
 * matches an element of an array field; `null` equality only an explicit null; `$ne`/`$nin` keep
 * documents without the field; comparisons only between values of one type). For in-memory
 * evaluation (the embedded adapter's `group`).
 */
export function compileFilter(filter: Filter): (doc: unknown) => boolean {
  const tests: Array<(doc: unknown) => boolean> = [];
  for (const [key, cond] of Object.entries(filter)) {
    if (key === '$or') {
      const branches = (cond as Filter[]).map(compileFilter);
      tests.push((doc) => branches.some((b) => b(doc)));
      continue;
    }
    const read = pathReader(key);
    const ops: Array<(v: unknown) => boolean> = [];
    const isOps = cond !== null && typeof cond === 'object' && !(cond instanceof Date) && !Array.isArray(cond) && Object.keys(cond).every((k) => k.startsWith('$')) && Object.keys(cond).length > 0;
    if (!isOps) ops.push(cond === null ? (v) => v === null : (v) => anyOf(v, (x) => same(x, cond)));
    else
      for (const [op, arg] of Object.entries(cond as FieldOps)) {
        switch (op) {
          case '$eq':
            ops.push(arg === null ? (v) => v === null : (v) => anyOf(v, (x) => same(x, arg)));
            break;
          case '$ne':
            ops.push(arg === null ? (v) => v !== null : (v) => !anyOf(v, (x) => same(x, arg)));
            break;
          case '$gt':
            ops.push(comparison('>', arg));
            break;
          case '$gte':
            ops.push(comparison('>=', arg));
            break;
          case '$lt':
            ops.push(comparison('<', arg));
            break;
          case '$lte':
            ops.push(comparison('<=', arg));
            break;
          case '$in': {
            const set = new Set((arg as unknown[]).map(scalarKey));
            // A string or number is its own key: the common case skips the array and Date checks.
            ops.push((v) => (typeof v === 'string' || typeof v === 'number' ? set.has(v) : v !== undefined && anyOf(v, (x) => set.has(scalarKey(x)))));
            break;
          }
          case '$nin': {
            const set = new Set((arg as unknown[]).map(scalarKey));
            ops.push((v) => !anyOf(v, (x) => set.has(scalarKey(x))));
            break;
          }
          case '$exists':
            ops.push(arg ? (v) => v !== undefined : (v) => v === undefined);
            break;
          default:
            throw new Error(`unsupported filter operator ${op}`);
        }
      }
    const [only] = ops;
    tests.push(ops.length === 1 ? (doc) => only(read(doc)) : (doc) => {
      const v = read(doc);
      for (let i = 0; i < ops.length; i++) if (!ops[i](v)) return false;
      return true;
    });
  }
  // Indexed loops: this runs once per document of a grouping pass.
  return (doc) => {
    for (let i = 0; i < tests.length; i++) if (!tests[i](doc)) return false;
    return true;
  };
}

/**
 * Reads a dot path (undefined when absent), as generated code: each path's property loads keep
 * their own inline caches, where one shared closure reading every path with a variable key goes
 * megamorphic (the embedded grouping pass ran ~1.5× slower).
 */
export function pathReader(path: string): (doc: unknown) => unknown {
  return compiled(['doc'], `let v = doc; ${pathLoads(path)} return v;`);
}

/** Statements that replace `v` with its value at `path` (undefined when absent); segments are JSON string literals. */
export function pathLoads(path: string): string {
  return path
    .split('.')
    .map((part) => `v = v !== null && typeof v === 'object' ? v[${JSON.stringify(part)}] : undefined;`)
    .join(' ');
}

/**
 * A function compiled from generated source, kept per source so it stays optimized from one call to
 * the next (a new function starts cold). Generated code embeds paths only through pathLoads, plus
 * numbers and operators of its own, so no input can inject code. The cache holds as many functions as the code base has
 * distinct paths and grouping shapes; it starts over should anything ever make more.
 */
export function compiled<F>(params: readonly string[], body: string): F {
  const id = `${params.join(',')}\n${body}`;
  let fn = compiledFunctions.get(id);
  if (fn === undefined) {
    if (compiledFunctions.size >= 1000) compiledFunctions.clear();
    compiledFunctions.set(id, (fn = new Function(...params, body)));
  }
  return fn as F;
}
const compiledFunctions = new Map<string, unknown>();
