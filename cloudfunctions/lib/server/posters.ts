import type { Catalog } from '@qgt/shared/catalog/schema';
import { timeLimitLabel } from '@qgt/shared/catalog/timeLimit';
import { STATION_KIND_LABELS, type Station } from '@qgt/shared/domain/community';

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * An A4 sheet of posters, one card per station (name, address, QR `s=<code>`) and one per matter
 * (title, time limit, QR), for printing and posting at the community stations. Cards never split
 * across pages.
 */
export function posterSheetHtml(
  catalog: Catalog,
  link: (code: string) => string,
  stations: readonly Station[] = [],
  stationLink: (code: string) => string = link,
): string {
  const names = new Map(catalog.categories.map((c) => [c.code, c.name]));
  const stationCards = stations.map(
    (s) => `<figure class="card station">
  <div class="cat">${esc(STATION_KIND_LABELS[s.kind])}</div>
  <h2>${esc(s.name)}</h2>
  <img src="/qr/station/${esc(s.code)}.png" alt="${esc(s.name)} 二维码" width="180" height="180">
  <figcaption>微信扫一扫 · 本站可办事项${s.address ? `<br>${esc(s.address)}` : ''}<br><small>${esc(stationLink(s.code))}</small></figcaption>
</figure>`,
  );
  const cards = [...stationCards, ...catalog.matters
    .map(
      (m) => `<figure class="card">
  <div class="cat">${esc(names.get(m.category) ?? '')}</div>
  <h2>${esc(m.title)}</h2>
  <img src="/qr/matter/${esc(m.code)}.png" alt="${esc(m.title)} 二维码" width="180" height="180">
  <figcaption>微信扫一扫 · 查看办事指南<br><small>${esc(timeLimitLabel(m.timeLimit))} · ${esc(link(m.code))}</small></figcaption>
</figure>`,
    )]
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>百事通二维码海报（${esc(catalog.version)}）</title>
<style>
@page { size: A4; margin: 12mm; }
body { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; margin: 0; color: #111; }
header { padding: 12px 16px; }
.sheet { display: grid; grid-template-columns: repeat(3, 1fr); gap: 8mm; padding: 0 16px 16px; }
.card { break-inside: avoid; border: 1px solid #ccc; border-radius: 8px; margin: 0; padding: 10px; text-align: center; }
.card h2 { font-size: 18px; margin: 6px 0; }
.cat { color: #07c160; font-size: 13px; }
figcaption { font-size: 13px; color: #333; }
small { color: #666; word-break: break-all; }
@media print { header { display: none; } }
</style></head>
<body><header><h1>百事通 · 事项二维码海报</h1><p>${stations.length ? `服务站点 ${stations.length} 个，` : ''}事项共 ${catalog.matters.length} 项，目录版本 ${esc(catalog.version)}。使用浏览器“打印”即可输出 A4 海报。</p></header>
<main class="sheet">
${cards}
</main></body></html>`;
}
