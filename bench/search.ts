import type { Catalog, Matter } from '@qgt/shared/catalog/schema';
import { buildSearchIndex } from '@qgt/shared/search/build';
import { search } from '@qgt/shared/search/match';
import { packSearchIndex } from '@qgt/shared/search/pack';
import { readCatalogSource } from '../cloudfunctions/lib/catalog/source';
import { percentile, timeEach, type Row } from './stats';

const PLACES = ['锦绣', '银杏', '幸福', '灌口', '玉湖', '文源', '旭阳', '秋浦', '北城', '月亮湖', '蒲阳', '聚源', '天马', '石羊', '胥家', '崇义', '翠月湖', '柳街', '安龙', '大观', '紫坪铺', '青城', '龙池', '向峨', '虹口', '中兴', '玉堂', '奎光', '太平', '壹街'];

/** The real catalog, repeated with place-name variants until it has `n` matters. */
export function scaledCatalog(n: number): Catalog {
  const base = readCatalogSource();
  const matters: Matter[] = Array.from({ length: n }, (_, i) => {
    const m = base.matters[i % base.matters.length];
    const round = Math.floor(i / base.matters.length);
    if (round === 0) return m;
    const place = PLACES[(round + i) % PLACES.length];
    return { ...m, code: `${m.code.slice(0, 24)}-${round}`, title: `${m.title}（${place}）`.slice(0, 30), related: [] };
  });
  return { ...base, matters };
}

/** A mix of what residents type: titles, aliases, pinyin, initials and colloquial questions. */
function queries(catalog: Catalog, index: ReturnType<typeof buildSearchIndex>): string[] {
  const out: string[] = [];
  for (const [i, e] of index.entries.slice(0, 40).entries()) {
    const m = catalog.matters[i];
    out.push(m.title.slice(0, 4), m.aliases[0], `${m.aliases[0]}怎么办理`);
    const alias = e.fields[1];
    if (alias?.py) out.push(alias.py, alias.initials, alias.py.slice(0, 5));
  }
  return out;
}

/** The baseline: a plain substring scan over titles and aliases (no pinyin, no ranking). */
function naiveScan(catalog: Catalog, q: string) {
  return catalog.matters.filter((m) => m.title.includes(q) || m.aliases.some((a) => a.includes(q)));
}

export function benchSearch(): Row[] {
  const catalog = scaledCatalog(1000);
  const index = buildSearchIndex(catalog);
  const qs = queries(catalog, index);
  timeEach(qs, 3, (q) => search(index, q)); // warm-up
  timeEach(qs, 3, (q) => naiveScan(catalog, q));
  const ours = timeEach(qs, 20, (q) => search(index, q));
  const naive = timeEach(qs, 20, (q) => naiveScan(catalog, q));
  const p95 = percentile(ours, 95);
  const naiveP95 = percentile(naive, 95);
  const indexBytes = Buffer.byteLength(JSON.stringify(index));
  const packedBytes = Buffer.byteLength(JSON.stringify(packSearchIndex(index)));
  return [
    { metric: 'search p95, 1,000 matters', value: `${p95.toFixed(3)} ms`, goal: '≤ 1 ms', note: `${qs.length} queries × 20 (Chinese, pinyin, initials, phrases)` },
    { metric: 'naive substring scan p95', value: `${naiveP95.toFixed(3)} ms`, note: 'titles + aliases, no pinyin, no ranking' },
    { metric: 'search / naive p95 ratio', value: `${(p95 / naiveP95).toFixed(1)}×` },
    { metric: 'search index JSON, 1,000 matters', value: `${(indexBytes / 1024).toFixed(0)} KB`, note: 'plain, as the function holds it' },
    { metric: 'device search index, 1,000 matters', value: `${(packedBytes / 1024).toFixed(0)} KB`, goal: '≤ 800 KB', pass: packedBytes <= 800 * 1024, note: 'packed, one WeChat storage key (1 MB at most)' },
  ];
}
