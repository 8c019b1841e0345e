import { COLLECTIONS } from '../../cloudfunctions/lib/store/collections';
import { collectionsUsed } from './sources';

/** cloudfunctions/lib/store/collections.ts against the code: the deployment creates exactly these. */
describe('the collection list', () => {
  const { uses, problems } = collectionsUsed();
  const used = new Set(uses.map((u) => u.name));
  const listed = new Set(Object.keys(COLLECTIONS));

  it('reads every collection name in the sources', () => {
    expect(problems).toEqual([]);
    // The scanner finds direct calls, constants from other modules, and names passed through a helper.
    for (const name of ['requests', 'users', 'meta', 'grids', 'workers', 'rate_limits']) expect(used).toContain(name);
  });

  it('lists every collection the code uses', () => {
    const missing = [...new Set(uses.filter((u) => !listed.has(u.name)).map((u) => `${u.name} (used in ${u.file})`))];
    expect({ missingFromCollectionsTs: missing }).toEqual({ missingFromCollectionsTs: [] });
  });

  it('lists no collection the code no longer uses', () => {
    expect({ unusedInCollectionsTs: [...listed].filter((n) => !used.has(n)) }).toEqual({ unusedInCollectionsTs: [] });
  });

  it('has well-formed indexes: CloudBase names, no duplicates, none on _id alone', () => {
    for (const [name, spec] of Object.entries(COLLECTIONS)) {
      expect(name).toMatch(/^[A-Za-z][A-Za-z0-9_]{0,63}$/);
      const shapes = spec.indexes.map((keys) => JSON.stringify(keys));
      expect(new Set(shapes).size).toBe(shapes.length);
      for (const keys of spec.indexes) {
        expect(Object.keys(keys).length).toBeGreaterThan(0);
        expect(Object.keys(keys)).not.toEqual(['_id']);
      }
    }
  });
});
