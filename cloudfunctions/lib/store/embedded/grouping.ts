import type { FacetSpec, Filter, GroupRow } from '../port';
import { orderGroups } from '../adapters';
import { compileFilter, compiled, pathLoads } from './query';

/**
 * The port's groupings computed in memory, all of them in one pass over the documents: the
 * embedded store's `group` and `groupMany` (every document is in memory). The pass is generated
 * code for the groupings' shape (their paths and counts; not the filters' values), so each path is
 * read once per document with its own inline caches and each grouping's update is straight-line
 * code (one generic loop shared by every collection and grouping goes polymorphic and ran ~1.3–2×
 * slower). Groups are found through one map per key level, with no key string built per document.
 */
export function groupDocs<K extends string>(docs: readonly unknown[], filter: Filter, specs: Readonly<Record<K, FacetSpec>>): Record<K, GroupRow[]> {
  const names = Object.keys(specs) as K[];
  const list = names.map((name) => specs[name] as FacetSpec);
  const groups = list.map((spec) => new Groups(spec));
  const wheres = list.map((spec) => (spec.where ? compileFilter(spec.where) : null));
  passFor(list)(docs, compileFilter(filter), wheres, groups, mapKey);
  return Object.fromEntries(names.map((name, i) => [name, groups[i].rows()])) as Record<K, GroupRow[]>;
}

type Pass = (docs: readonly unknown[], matches: (doc: unknown) => boolean, wheres: Array<((doc: unknown) => boolean) | null>, groups: Groups[], key: typeof mapKey) => void;

/**
 * The generated pass. Locals: `p<i>` the value at the i-th distinct path, `n<j>` the number the j-th
 * summed path adds; per grouping, its where test, its root map and the group `a` it updates.
 */
function passFor(specs: readonly FacetSpec[]): Pass {
  const values: string[] = [];
  const numbers: string[] = [];
  const slot = (paths: string[], path: string) => (paths.includes(path) ? paths.indexOf(path) : paths.push(path) - 1);
  const plans = specs.map((spec) => ({
    keys: spec.by.map((path) => slot(values, path)),
    sums: (spec.sum ?? []).map((path) => slot(numbers, path)),
    distinct: (spec.distinct ?? []).map((path) => slot(values, path)),
    where: Boolean(spec.where),
  }));
  const reads = [
    ...values.map((path, i) => `v = doc; ${pathLoads(path)} const p${i} = v;`),
    ...numbers.map((path, j) => `v = doc; ${pathLoads(path)} const n${j} = typeof v === 'number' && Number.isFinite(v) ? v : 0;`),
  ];
  const updates = plans.map(({ keys, sums, distinct, where }, g) => {
    const lines = [`let m = root${g};`];
    keys.slice(0, -1).forEach((i) => lines.push(`{ const k = key(p${i}); let next = m.get(k); if (next === undefined) m.set(k, (next = new Map())); m = next; }`));
    const last = keys.length ? `key(p${keys[keys.length - 1]})` : 'null';
    lines.push(`const k = ${last}; let a = m.get(k); if (a === undefined) m.set(k, (a = group${g}.open([${keys.map((i) => `p${i}`).join(', ')}])));`);
    lines.push('a.count++;');
    if (sums.length) lines.push(`const s = a.sums; ${sums.map((n, j) => `s[${j}] += n${n};`).join(' ')}`);
    distinct.forEach((i, j) => lines.push(`if (p${i} !== null && p${i} !== undefined) a.sets[${j}].add(key(p${i}));`));
    const body = `{ ${lines.join(' ')} }`;
    return where ? `if (where${g}(doc)) ${body}` : body;
  });
  const locals = plans.map((_, g) => `const root${g} = groups[${g}].root, group${g} = groups[${g}], where${g} = wheres[${g}];`);
  return compiled<Pass>(
    ['docs', 'matches', 'wheres', 'groups', 'key'],
    [...locals, 'for (let d = 0; d < docs.length; d++) {', 'const doc = docs[d];', 'if (!matches(doc)) continue;', 'let v;', ...reads, ...updates, '}'].join('\n'),
  );
}

/** One group's running totals; `values` are its key values in `by` order. */
interface Acc {
  values: unknown[];
  count: number;
  sums: Float64Array;
  sets: Array<Set<unknown>>;
}

const NO_SUMS = new Float64Array(0);
const NO_SETS: Array<Set<unknown>> = [];

/** One grouping's groups, as the pass finds and updates them. */
class Groups {
  readonly root = new Map<unknown, unknown>();
  private readonly accs: Acc[] = [];

  constructor(private readonly spec: FacetSpec) {}

  open(values: unknown[]): Acc {
    const { sum, distinct } = this.spec;
    // Most groupings have no sums or distinct counts: their groups share the empty ones.
    const acc = { values: values.map((v) => v ?? null), count: 0, sums: sum?.length ? new Float64Array(sum.length) : NO_SUMS, sets: distinct?.length ? distinct.map(() => new Set()) : NO_SETS };
    this.accs.push(acc);
    return acc;
  }

  rows(): GroupRow[] {
    const { by, sum = [], distinct } = this.spec;
    const rows = this.accs.map((acc): GroupRow => {
      const row: GroupRow = { key: {}, count: acc.count, sums: {} };
      for (let i = 0; i < by.length; i++) row.key[by[i]] = acc.values[i];
      for (let j = 0; j < sum.length; j++) row.sums[sum[j]] = acc.sums[j];
      if (distinct) row.distinct = Object.fromEntries(distinct.map((p, j) => [p, acc.sets[j].size]));
      return row;
    });
    return orderGroups(this.spec, rows);
  }
}

/**
 * A value as a Map key: scalars as they are (missing = null); objects, arrays and dates by their
 * JSON, marked with a leading NUL (and strings that start with one marked again) so no string
 * collides with them.
 */
function mapKey(v: unknown): unknown {
  if (v === undefined) return null;
  if (typeof v === 'string') return v.charCodeAt(0) === 0 ? `\u0000${v}` : v;
  if (v === null || typeof v !== 'object') return v;
  return `\u0000${JSON.stringify(v)}`;
}
