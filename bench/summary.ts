import zlib from 'node:zlib';
import type { Catalog } from '@qgt/shared/catalog/schema';
import { catalogSummary } from '@qgt/shared/catalog/summary';
import { buildSearchIndex } from '@qgt/shared/search/build';
import { packSearchIndex } from '@qgt/shared/search/pack';
import { readCatalogSource } from '../cloudfunctions/lib/catalog/source';
import { scaledCatalog } from './search';
import { kb, type Row } from './stats';

/**
 * What the guide's home and search download (guide.catalog with `summary`) against the whole
 * catalog they downloaded before, for the repository's catalog and for 1,000 matters: JSON bytes,
 * gzip (brotli is smaller still), and the summary's own WeChat storage key (1 MB at most).
 */
function sizes(catalog: Catalog) {
  const index = JSON.stringify(packSearchIndex(buildSearchIndex(catalog)));
  const summary = JSON.stringify(catalogSummary(catalog));
  const full = JSON.stringify(catalog);
  const bytes = (s: string) => Buffer.byteLength(s);
  const gz = (s: string) => zlib.gzipSync(s).length;
  return { summary: bytes(summary), full: bytes(full), index: bytes(index), summaryGz: gz(summary), fullGz: gz(full), indexGz: gz(index) };
}

export function benchCatalogSummary(): Row[] {
  const rows: Row[] = [];
  for (const [label, catalog] of [
    [`repo catalog (${readCatalogSource().matters.length} matters)`, readCatalogSource()],
    ['1,000 matters', scaledCatalog(1000)],
  ] as const) {
    const s = sizes(catalog);
    const pct = (a: number, b: number) => `${((a / b) * 100).toFixed(0)} %`;
    rows.push({
      metric: `guide summary, ${label}`,
      value: kb(s.summary),
      ...(label === '1,000 matters' && { goal: '≤ 500 KB', pass: s.summary <= 500 * 1024 }),
      note: `${pct(s.summary, s.full)} of the full catalog ${kb(s.full)}; gzip ${kb(s.summaryGz)} vs ${kb(s.fullGz)}; one storage key`,
    });
    rows.push({
      metric: `guide.catalog reply, ${label}`,
      value: kb(s.summary + s.index),
      note: `summary + packed index; was ${kb(s.full + s.index)} with the full catalog; gzip ${kb(s.summaryGz + s.indexGz)} vs ${kb(s.fullGz + s.indexGz)}`,
    });
  }
  return rows;
}
