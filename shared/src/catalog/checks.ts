import { RULE_FIELDS, SOURCE_FIELD_LABELS, type ReviewStatus, type SourceField, type TimeUnit } from './codes';
import { LAWS, LAW_STATUS_LABELS, citedTitles, findLaw, lawInForceOn, type Law } from './laws';
import type { Catalog, Matter, Source } from './schema';

/**
 * Content checks over the catalog: every rule has a source (or is declared unverified, which
 * keeps the matter a draft), every cited document is in the registry and in force, no time-limit
 * note contradicts its figures, and no review is overdue. Pure: the date is an argument, so the
 * jest check (tests/unit/catalog/content.test.ts) and the admin review list give the same answer
 * for the same day.
 */

export type ContentCheck = 'sources' | 'law' | 'timeLimit' | 'review';

export interface ContentFinding {
  matter: string;
  check: ContentCheck;
  field?: string;
  message: string;
}

export interface CheckOptions {
  /** The day the checks are run for (YYYY-MM-DD). */
  today: string;
  laws?: readonly Law[];
}

/** The review as a reader should see it on `today`: `stale` once due again or a cited law lapsed. */
export interface EffectiveReview {
  reviewedAt: string | null;
  reviewedBy?: string;
  nextReviewDue: string | null;
  status: ReviewStatus;
  /** Why the status is what it is, in words for admins (empty for a plain 已核对). */
  reasons: string[];
  unverified: { field: SourceField; note: string }[];
}

type MatterLike = Pick<Matter, 'code' | 'basis' | 'sources' | 'review' | 'timeLimit'>;

/** The documents a matter cites: the 《titles》 in its basis and the titles of its sources. */
export function citedDocuments(m: Pick<Matter, 'basis' | 'sources' | 'timeLimit'>): string[] {
  const titles = new Set<string>(citedTitles(m.basis));
  for (const s of allSources(m)) titles.add(s.title.replace(/[《》]/g, ''));
  return [...titles];
}

function allSources(m: Pick<Matter, 'sources' | 'timeLimit'>): Source[] {
  // `?? []`: catalogs published before sources existed are stored without them.
  return [...(m.sources ?? []), ...(m.timeLimit.legal?.source ? [m.timeLimit.legal.source] : []), ...(m.timeLimit.local?.source ? [m.timeLimit.local.source] : [])];
}

function lapsedReason(law: Law): string {
  return `所引《${law.title}》${LAW_STATUS_LABELS[law.status] === '现行有效' ? '已失效' : LAW_STATUS_LABELS[law.status]}${law.supersededBy ? `，应改引《${law.supersededBy}》` : ''}`;
}

export function effectiveReview(m: MatterLike, opts: CheckOptions): EffectiveReview {
  const laws = opts.laws ?? LAWS;
  const review = m.review;
  if (!review) return { reviewedAt: null, nextReviewDue: null, status: 'draft', reasons: ['尚未核对'], unverified: [] };
  const reasons: string[] = [];
  let status: ReviewStatus = review.status;
  if (review.nextReviewDue < opts.today) {
    status = 'stale';
    reasons.push(`应于${review.nextReviewDue}前复核`);
  }
  for (const title of citedDocuments(m)) {
    const law = findLaw(title, laws);
    if (law && !lawInForceOn(law, opts.today)) {
      status = 'stale';
      reasons.push(lapsedReason(law));
    }
  }
  if (status === 'draft') for (const u of review.unverified ?? []) reasons.push(`${SOURCE_FIELD_LABELS[u.field]}待核实：${u.note}`);
  return {
    reviewedAt: review.reviewedAt,
    ...(review.reviewedBy && { reviewedBy: review.reviewedBy }),
    nextReviewDue: review.nextReviewDue,
    status,
    reasons,
    unverified: review.unverified ?? [],
  };
}

const CN_DIGITS: Record<string, number> = { 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 七 → 7, 十五 → 15, 二十 → 20, 三十 → 30 (1–99 is all time limits need); digits pass through. */
export function parseNumber(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  const m = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(text);
  if (!m || !text) return null;
  if (!m[2]) return m[1] && !m[3] ? CN_DIGITS[m[1]] : null;
  return (m[1] ? CN_DIGITS[m[1]] : 1) * 10 + (m[3] ? CN_DIGITS[m[3]] : 0);
}

/** Every "N日 / N天 / N个工作日" figure in a text. */
export function timeFigures(text: string): { value: number; unit: TimeUnit; text: string }[] {
  const out: { value: number; unit: TimeUnit; text: string }[] = [];
  for (const m of text.matchAll(/(\d+|[一二两三四五六七八九十]+)\s*个?\s*(工作日|日|天)/g)) {
    const value = parseNumber(m[1]);
    if (value !== null) out.push({ value, unit: m[2] === '工作日' ? 'workday' : 'day', text: m[0] });
  }
  return out;
}

function timeLimitFindings(m: MatterLike): ContentFinding[] {
  const t = m.timeLimit;
  const findings: ContentFinding[] = [];
  const add = (message: string) => findings.push({ matter: m.code, check: 'timeLimit', field: 'timeLimit', message });
  // `workingDays` alone is no source: a figure in the note must be the law's, the local promise's,
  // or one quoted from a time-limit source (e.g. 法律援助法's "三日内指派").
  const allowed: { value: number; unit: TimeUnit }[] = [...(t.legal ? [t.legal] : []), ...(t.local ? [t.local] : [])];
  // A figure quoted from a time-limit source (e.g. 法律援助法's "三日内指派") may be repeated in the note.
  for (const s of allSources(m)) if (s.excerpt && (s.field === 'timeLimit' || s === t.legal?.source || s === t.local?.source)) allowed.push(...timeFigures(s.excerpt));
  for (const f of timeFigures(t.note ?? '')) {
    if (!allowed.some((a) => a.value === f.value && a.unit === f.unit))
      add(`时限说明写“${f.text}”，${t.legal || t.local ? '与法定时限、当地承诺及其来源不符' : '却没有法定时限或当地承诺可溯源'}（期限计算按${t.workingDays}个工作日）`);
  }
  if (t.local && t.local.unit === 'workday' && t.local.value !== t.workingDays)
    add(`当地承诺${t.local.value}个工作日，期限计算却按${t.workingDays}个工作日`);
  if (t.legal && t.workingDays > t.legal.value) add(`期限计算按${t.workingDays}个工作日，超过法定${t.legal.value}${t.legal.unit === 'workday' ? '个工作日' : '日'}`);
  if (t.legal && !t.legal.source) add('法定时限没有来源');
  if (t.local && !t.local.source) add('当地承诺时限没有来源');
  return findings;
}

function fieldCovered(m: MatterLike, field: SourceField): boolean {
  if ((m.sources ?? []).some((s) => s.field === field)) return true;
  if (field === 'basis' && (m.sources ?? []).some((s) => !s.field)) return true;
  if (field === 'timeLimit' && (m.timeLimit.legal?.source || m.timeLimit.local?.source)) return true;
  return false;
}

export function checkMatter(m: MatterLike, opts: CheckOptions): ContentFinding[] {
  const laws = opts.laws ?? LAWS;
  const findings: ContentFinding[] = [];
  const add = (check: ContentCheck, message: string, field?: string) => findings.push({ matter: m.code, check, ...(field && { field }), message });

  // Sources: at least one for the basis; every rule-stating field sourced or declared unverified.
  if (m.basis && !m.sources?.length) add('sources', '有办理依据却没有任何来源', 'basis');
  const unverified = new Set(m.review?.unverified?.map((u) => u.field) ?? []);
  for (const field of RULE_FIELDS) {
    if (!fieldCovered(m, field) && !unverified.has(field)) add('sources', `${SOURCE_FIELD_LABELS[field]}没有来源，也未列为待核实`, field);
  }
  for (const s of allSources(m)) {
    if (!s.docNo && !s.url) add('sources', `来源《${s.title}》没有文号或链接`, s.field);
    const law = findLaw(s.title, laws);
    if (!law && !s.url) add('sources', `来源《${s.title}》不在法规登记表中，也没有链接`, s.field);
    if (law?.docNo && s.docNo && law.docNo !== s.docNo) add('sources', `来源《${s.title}》的文号“${s.docNo}”与登记表“${law.docNo}”不一致`, s.field);
  }

  // Cited documents: registered, in force; a reviewed matter cites nothing whose status is unverified.
  for (const title of citedTitles(m.basis)) {
    const law = findLaw(title, laws);
    if (!law) add('law', `依据《${title}》不在法规登记表中`, 'basis');
    else if (!lawInForceOn(law, opts.today)) add('law', lapsedReason(law), 'basis');
    else if (law.status === 'toVerify' && m.review?.status === 'reviewed') add('law', `依据《${title}》的效力待核实，事项不能标为已核对`, 'basis');
  }

  findings.push(...timeLimitFindings(m));

  // Review: present, consistent with what is unverified, not overdue.
  const r = m.review;
  if (!r) add('review', '没有核对记录');
  else {
    if (r.status === 'reviewed' && r.unverified?.length) add('review', '有待核实的内容，却标为已核对');
    if (r.reviewedAt > opts.today) add('review', `核对日期${r.reviewedAt}晚于检查日期${opts.today}`);
    if (r.nextReviewDue <= r.reviewedAt) add('review', '下次复核日期应晚于核对日期');
    if (r.nextReviewDue < opts.today) add('review', `已过复核日期${r.nextReviewDue}`);
  }
  return findings;
}

export function checkCatalogContent(catalog: Pick<Catalog, 'matters'>, opts: CheckOptions): ContentFinding[] {
  return catalog.matters.flatMap((m) => checkMatter(m, opts));
}

/** A matter as `guide.get` answers it: its sources and its review as of `today`. */
export function matterWithReview<M extends MatterLike>(m: M, today: string): Omit<M, 'review'> & { sources: Source[]; review: EffectiveReview } {
  return { ...m, sources: m.sources ?? [], review: effectiveReview(m, { today }) };
}

export interface ReviewListItem {
  code: string;
  title: string;
  status: ReviewStatus;
  reviewedAt: string | null;
  nextReviewDue: string | null;
  reasons: string[];
}

export interface ReviewList {
  asOf: string;
  counts: Record<ReviewStatus, number>;
  /** Matters needing attention: stale first, then drafts, each by the earliest review due. */
  items: ReviewListItem[];
  /** Cited documents that are not plainly in force, with the matters citing them. */
  laws: { title: string; status: string; note?: string; citedBy: { code: string; title: string }[] }[];
}

/** The admins' review list (需复核 / 待核实) for a day. */
export function reviewList(catalog: Pick<Catalog, 'matters'>, opts: CheckOptions): ReviewList {
  const laws = opts.laws ?? LAWS;
  const counts: Record<ReviewStatus, number> = { draft: 0, reviewed: 0, stale: 0 };
  const items: ReviewListItem[] = [];
  const citing = new Map<Law, { code: string; title: string }[]>();
  for (const m of catalog.matters) {
    const r = effectiveReview(m, opts);
    counts[r.status]++;
    if (r.status !== 'reviewed') items.push({ code: m.code, title: m.title, status: r.status, reviewedAt: r.reviewedAt, nextReviewDue: r.nextReviewDue, reasons: r.reasons });
    for (const title of citedDocuments(m)) {
      const law = findLaw(title, laws);
      if (law && (law.status !== 'inForce' || !lawInForceOn(law, opts.today))) citing.set(law, [...(citing.get(law) ?? []), { code: m.code, title: m.title }]);
    }
  }
  const rank = (s: ReviewStatus) => (s === 'stale' ? 0 : 1);
  items.sort((a, b) => rank(a.status) - rank(b.status) || (a.nextReviewDue ?? '').localeCompare(b.nextReviewDue ?? '') || a.title.localeCompare(b.title));
  return {
    asOf: opts.today,
    counts,
    items,
    laws: [...citing].map(([law, citedBy]) => ({
      title: law.title,
      status: lawInForceOn(law, opts.today) ? LAW_STATUS_LABELS[law.status] : law.status === 'inForce' ? '已失效' : LAW_STATUS_LABELS[law.status],
      ...(law.note && { note: law.note }),
      citedBy,
    })),
  };
}
