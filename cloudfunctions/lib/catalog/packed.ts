import { packSearchIndex, type PackedSearchIndex } from '@qgt/shared/search/pack';
import type { SearchIndex } from '@qgt/shared/search/types';

const packed = new WeakMap<SearchIndex, PackedSearchIndex>();

/** The index as the device receives it (guide.catalog), packed once per loaded version. */
export function packedIndex(index: SearchIndex): PackedSearchIndex {
  let p = packed.get(index);
  if (!p) {
    p = packSearchIndex(index);
    packed.set(index, p);
  }
  return p;
}
