import type { NoticeSheet } from '@qgt/shared/desk/api';
import { MATERIAL_FORM_LABELS, type MaterialForm } from '@qgt/shared/catalog/codes';
import { localClock } from '../outbox/messages';

const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The 一次性告知单 as a printable A4 page (the resident may also save the mini-program page as an image). */
export function noticeHtml(n: NoticeSheet): string {
  const at = localClock(n.issuedAt);
  const due = n.dueAt ? localClock(n.dueAt) : undefined;
  const material = (m: NoticeSheet['materials'][number]) =>
    `<li>${m.have ? '☑' : '☐'} ${esc(m.name)}（${esc(MATERIAL_FORM_LABELS[m.form as MaterialForm] ?? m.form)}${m.copies ? `，${m.copies}份` : ''}${m.required ? '' : '，视情况提供'}）${m.note ? `<small>${esc(m.note)}</small>` : ''}</li>`;
  return `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>一次性告知单 · ${esc(n.title)}</title>
<style>body{font-family:"Noto Sans CJK SC",sans-serif;max-width:720px;margin:16px auto;padding:0 16px;line-height:1.6;color:#222}
h1{text-align:center;font-size:22px;margin-bottom:4px}h2{font-size:16px;border-left:4px solid #c0392b;padding-left:8px;margin-top:18px}
.meta{text-align:center;color:#666;font-size:13px}.missing{background:#fff4f2;border:1px solid #f0c0b8;padding:8px 12px}
ul,ol{padding-left:22px}.src,.review{color:#666;font-size:13px}small{display:block;color:#777}@media print{button{display:none}body{margin:0}}</style>
<h1>一次性告知单</h1>
<p class="meta">${esc(n.title)} · ${esc(at.date)} ${esc(at.time)}${n.resident?.name ? ` · 居民：${esc(n.resident.name)}` : ''} · 编号 ${esc(n.id)}</p>
${n.missing.length ? `<h2>还需补齐的材料</h2><div class="missing"><ul>${n.missing.map(material).join('')}</ul></div>` : ''}
<h2>办理依据</h2><p>${esc(n.basis)}</p>
${n.sources?.length ? `<p class="src">来源：${n.sources.map((s) => `${esc(s.title)}${s.docNo ? `（${esc(s.docNo)}）` : ''}`).join('；')}</p>` : ''}
<h2>全部申请材料</h2><ul>${n.materials.map(material).join('')}</ul>
<h2>办理流程</h2><ol>${n.steps.map((s) => `<li>${esc(s)}</li>`).join('')}</ol>
<h2>办理时限</h2><p>${esc(n.timeLimit.text)}${due ? (n.timeLimit.promised === false ? `；社区将于 ${esc(due.date)} 前跟进答复` : `，预计 ${esc(due.date)} 前办结`) : ''}</p>
<h2>办理地点</h2><p>${esc(n.where)}${n.backOffice ? `（后台：${esc(n.backOffice)}）` : ''}</p>
${n.online.length ? `<p>网上办理：${n.online.map(esc).join('、')}</p>` : ''}
<p>收费：${esc(n.fee)}</p>
${n.tips.length ? `<h2>温馨提示</h2><ul>${n.tips.map((t) => `<li>${esc(t)}</li>`).join('')}</ul>` : ''}
${n.related.length ? `<h2>您可能还需要办理</h2><ul>${n.related.map((r) => `<li>${esc(r.title)}${r.onTheSpot ? '（可当场办结）' : ''}</li>`).join('')}</ul>` : ''}
<h2>联系人（首问负责人）</h2><p>${esc(n.contact.name)}${n.contact.phone ? ` · ${esc(n.contact.phone)}` : ''}${n.contact.community ? ` · ${esc(n.contact.community)}` : ''}</p>
${n.review ? `<p class="review">${esc(n.review.line)}</p>` : ''}
<p><button onclick="print()">打印</button></p>
</html>`;
}
