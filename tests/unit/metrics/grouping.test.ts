import fc from 'fast-check';
import { groupDocs } from '../../../cloudfunctions/lib/store/embedded/grouping';
import { compileFilter, pathReader, valueAt } from '../../../cloudfunctions/lib/store/embedded/query';
import { orderGroups } from '../../../cloudfunctions/lib/store/adapters';
import type { FacetSpec, Filter, GroupRow } from '../../../cloudfunctions/lib/store/port';

/**
 * The embedded store's generated grouping pass against a plain reference written from the port's
 * wording (group per value, missing = null; finite numbers summed; distinct non-null values), on
 * random documents with awkward values: mixed types, missing fields, objects, arrays, NaN.
 */

/** A value's identity for grouping: its type (object or not) and its JSON. */
const identity = (v: unknown) =>
  // JSON writes NaN and ±Infinity as null: name them, so they stay three values apart from null.
  JSON.stringify([v !== null && typeof v === 'object' ? 'o' : typeof v, typeof v === 'number' && !Number.isFinite(v) ? String(v) : v]);

function reference(docs: readonly unknown[], filter: Filter, spec: FacetSpec): GroupRow[] {
  const matches = compileFilter(filter);
  const where = spec.where ? compileFilter(spec.where) : () => true;
  const groups = new Map<string, { row: GroupRow; sets: Array<Set<string>> }>();
  for (const doc of docs) {
    if (!matches(doc) || !where(doc)) continue;
    const values = spec.by.map((path) => valueAt(doc, path) ?? null);
    const id = JSON.stringify(values.map(identity));
    let g = groups.get(id);
    if (!g) {
      g = { row: { key: Object.fromEntries(spec.by.map((p, i) => [p, values[i]])), count: 0, sums: Object.fromEntries((spec.sum ?? []).map((p) => [p, 0])) }, sets: (spec.distinct ?? []).map(() => new Set()) };
      groups.set(id, g);
    }
    g.row.count++;
    for (const p of spec.sum ?? []) {
      const v = valueAt(doc, p);
      if (typeof v === 'number' && Number.isFinite(v)) g.row.sums[p] += v;
    }
    (spec.distinct ?? []).forEach((p, j) => {
      const v = valueAt(doc, p);
      if (v !== null && v !== undefined) g!.sets[j].add(identity(v));
    });
  }
  const rows = [...groups.values()].map(({ row, sets }) => (spec.distinct ? { ...row, distinct: Object.fromEntries(spec.distinct.map((p, j) => [p, sets[j].size])) } : row));
  return orderGroups(spec, rows);
}

const value = fc.oneof(
  fc.constantFrom('a', 'b', '\u0000{"z":1}', '', 1, 2, 2.5, -0, 0, NaN, Infinity, true, false, null),
  fc.constant({ z: 1 }),
  fc.constant(['x']),
  fc.constant(new Date('2026-01-01T00:00:00Z')),
);
const doc = fc.record(
  { k: value, n: value, o: fc.oneof(fc.record({ k: value, n: value }, { requiredKeys: [] }), value) },
  { requiredKeys: [] },
);
const paths = ['k', 'n', 'o.k', 'o.n'];
const subset = (of: string[], max: number) => fc.subarray(of, { maxLength: max });
const spec: fc.Arbitrary<FacetSpec> = fc.record(
  {
    by: subset(paths, 3),
    sum: subset(['n', 'o.n', 'k'], 3),
    distinct: subset(paths, 2),
    where: fc.constantFrom<Filter>({ k: 'a' }, { n: { $lt: 2 } }, { 'o.k': { $ne: null } }),
    limit: fc.integer({ min: 1, max: 5 }),
  },
  { requiredKeys: ['by'] },
);
const filter = fc.constantFrom<Filter>({}, { n: { $gte: 0 } }, { k: { $in: ['a', 1, true] } }, { $or: [{ k: 'b' }, { 'o.n': { $exists: true } }] });

describe('groupDocs (the embedded grouping pass)', () => {
  it('answers every grouping of a groupMany as the reference does', () => {
    fc.assert(
      fc.property(fc.array(doc, { maxLength: 40 }), filter, fc.array(spec, { minLength: 1, maxLength: 4 }), (docs, f, specs) => {
        const named = Object.fromEntries(specs.map((s, i) => [`g${i}`, s]));
        const got = groupDocs(docs, f, named);
        for (const [name, s] of Object.entries(named)) expect(got[name]).toEqual(reference(docs, f, s));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps a string apart from an object whose JSON it spells', () => {
    const rows = groupDocs([{ k: { z: 1 } }, { k: '\u0000{"z":1}' }, { k: '{"z":1}' }], {}, { all: { by: ['k'] } }).all;
    expect(rows.map((r) => r.count)).toEqual([1, 1, 1]);
  });

  it('reads any field name as data, never as code', () => {
    const name = 'a"]; throw new Error("injected"); //';
    expect(pathReader(name)({ [name]: 7 })).toBe(7);
    expect(groupDocs([{ [name]: 'x' }, { [name]: 'x' }], {}, { g: { by: [name], sum: [name] } }).g).toEqual([{ key: { [name]: 'x' }, count: 2, sums: { [name]: 0 } }]);
  });
});
