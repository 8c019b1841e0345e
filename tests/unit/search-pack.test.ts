import { buildSearchIndex } from '@qgt/shared/search/build';
import { searchAll } from '@qgt/shared/search/match';
import { isPackedSearchIndex, packSearchIndex, unpackSearchIndex } from '@qgt/shared/search/pack';
import { scaledCatalog } from '../../bench/search';
import { readCatalogSource } from '../../cloudfunctions/lib/catalog/source';

/**
 * The index as the device stores it: a WeChat storage key holds at most 1 MB, and the device
 * must search 1,000 matters offline. Packing must lose nothing the matcher reads.
 */
const bytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v));

describe('packed search index', () => {
  const catalog = readCatalogSource();
  const index = buildSearchIndex(catalog);
  const packed = packSearchIndex(index);

  it('unpacks to exactly the built index (matters and 去哪办/随手拍 places)', () => {
    expect(isPackedSearchIndex(packed)).toBe(true);
    expect(isPackedSearchIndex(index)).toBe(false);
    expect(unpackSearchIndex(JSON.parse(JSON.stringify(packed)))).toEqual(index);
    expect(index.places?.length).toBeGreaterThan(0);
  });

  it('answers every query as the plain index does', () => {
    const unpacked = unpackSearchIndex(packed);
    for (const q of ['低保', 'dibao', 'txyz', '醫療保險', '低包', '医bao', '公司裁员了', '身份证丢了', '路灯坏了', '老人去世']) expect(searchAll(unpacked, q)).toEqual(searchAll(index, q));
  });

  it('keeps odd fields as they are (Latin, text-only, a field with no syllables)', () => {
    const odd = {
      version: '1',
      entries: [
        {
          code: 'x',
          title: 'ABC 证明',
          category: 'c',
          fields: [
            { text: 'abc证明', weight: 1, py: 'abczhengming', starts: [0, 3, 8], initials: 'azm' },
            { text: 'ab12', weight: 0.95, py: 'ab', starts: [0], initials: '' },
            { text: '只按文字', weight: 0.35, py: '', starts: [0], initials: '' },
            { text: '空', weight: 0.5, py: '', starts: [], initials: '' },
          ],
        },
      ],
    };
    expect(unpackSearchIndex(packSearchIndex(odd))).toEqual(odd);
  });

  it('fits 1,000 matters well under a 1 MB storage key (the plain index does not)', () => {
    const large = buildSearchIndex(scaledCatalog(1000));
    expect(bytes(large)).toBeGreaterThan(1024 * 1024);
    const size = bytes(packSearchIndex(large));
    expect(size).toBeLessThan(700 * 1024);
    expect(unpackSearchIndex(packSearchIndex(large)).entries).toHaveLength(1000);
  });
});
