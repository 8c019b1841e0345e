import { buildSearchIndex } from '@qgt/shared/search/build';
import { searchAll } from '@qgt/shared/search/match';
import { readCatalogSource } from '../cloudfunctions/lib/catalog/source';
const i = buildSearchIndex(readCatalogSource());
for (const q of process.argv.slice(2)) {
  const r = searchAll(i, q, 3);
  console.log(q.padEnd(10), r.results.map((x) => x.code).join(',') || '∅', '|', r.answers.map((a) => a.code).join(','));
}
