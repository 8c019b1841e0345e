import type { Matter } from '../catalog/schema';
import type { NoticeMaterial, RelatedAdvice } from '../desk/api';
import { addDays, DEFAULT_TZ, localDate } from './calendar';
import { timeLimitLine, reviewLine } from '../catalog/timeLimit';
import { effectiveReview } from '../catalog/checks';

/**
 * 在岗受理 (window desk), pure: the 一次性告知单 (one-time notification sheet) built from a catalog
 * matter and what the resident still lacks, related-matter advice from the catalog's `related`,
 * and the duty roster (值守轮班) lookup.
 */

/** Material names compare without spaces, case and bracket style (（）vs ()). */
export function normalizeMaterialName(name: string): string {
  return name
    .replace(/\s+/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/，/g, ',')
    .toLowerCase();
}

export interface MaterialSelection {
  /** Names of the matter's materials the resident still lacks. */
  missing?: readonly string[];
  /** Or: names of the materials the resident brought (missing = the required ones not brought). */
  have?: readonly string[];
}

export type NoticeMaterialsResult =
  | { ok: true; materials: NoticeMaterial[]; missing: NoticeMaterial[] }
  /** A name that is not one of the matter's materials, with where it was given. */
  | { ok: false; field: 'missing' | 'have'; index: number; name: string };

/**
 * Which of the matter's materials the resident has. With `missing` given, exactly those are
 * missing; with only `have`, the required materials not in it are missing; with neither, nothing
 * is (the sheet still lists every material). `have` on each material is what the resident brought:
 * never an optional material unless `have` names it.
 */
export function noticeMaterials(matter: Pick<Matter, 'materials'>, selection: MaterialSelection = {}): NoticeMaterialsResult {
  const byName = new Map(matter.materials.map((m) => [normalizeMaterialName(m.name), m]));
  for (const field of ['missing', 'have'] as const) {
    const names = selection[field] ?? [];
    for (const [index, name] of names.entries()) if (!byName.has(normalizeMaterialName(name))) return { ok: false, field, index, name };
  }
  const missingSet = selection.missing
    ? new Set(selection.missing.map(normalizeMaterialName))
    : selection.have
      ? new Set(
          matter.materials
            .filter((m) => m.required && !selection.have!.some((h) => normalizeMaterialName(h) === normalizeMaterialName(m.name)))
            .map((m) => normalizeMaterialName(m.name)),
        )
      : new Set<string>();
  // Ticked (have) only what the resident is known to have brought: what `have` names, else the
  // required materials not missing. An optional material nobody mentioned stays unticked.
  const haveSet = selection.have && new Set(selection.have.map(normalizeMaterialName));
  const brought = (m: Matter['materials'][number]) => {
    const key = normalizeMaterialName(m.name);
    return !missingSet.has(key) && (haveSet ? haveSet.has(key) : m.required);
  };
  const materials: NoticeMaterial[] = matter.materials.map((m) => ({
    name: m.name,
    form: m.form,
    copies: m.copies,
    required: m.required,
    ...(m.note !== undefined && { note: m.note }),
    have: brought(m),
  }));
  return { ok: true, materials, missing: materials.filter((m) => missingSet.has(normalizeMaterialName(m.name))) };
}

/**
 * 办理时限 as one printed line: "N个工作日内办结" only for a local promise, otherwise the law's
 * figure "以当地承诺为准" (catalog/timeLimit.ts; the page and posters print the same words).
 */
export function timeLimitText(timeLimit: Matter['timeLimit']): string {
  return timeLimitLine(timeLimit);
}

/** 本页于…核对, as of the day the sheet is issued. */
function noticeReview(matter: Matter, issuedAt: string) {
  const r = effectiveReview(matter, { today: localDate(issuedAt, DEFAULT_TZ) });
  return { reviewedAt: r.reviewedAt, status: r.status, line: reviewLine(r) };
}

/** The documents behind the sheet, once each: title, 文号, articles. */
function noticeSources(matter: Matter) {
  const seen = new Map<string, { title: string; docNo?: string; url?: string }>();
  for (const s of [...(matter.sources ?? []), ...(matter.timeLimit.legal?.source ? [matter.timeLimit.legal.source] : [])]) {
    if (!seen.has(s.title)) seen.set(s.title, { title: s.title, ...(s.docNo && { docNo: s.docNo }), ...(!s.docNo && s.url && { url: s.url }) });
  }
  return [...seen.values()];
}

export interface NoticeArgs {
  id: string;
  walkinId: string;
  requestId?: string;
  issuedAt: string;
  issuedBy: { openid: string; name: string };
  resident?: { name?: string };
  matter: Matter;
  selection?: MaterialSelection;
  dueAt?: string;
  contact: { name: string; phone?: string; community?: string };
  related: RelatedAdvice[];
}

/** The 一次性告知单: basis, what is still missing, every material, steps, time limit, where, contact. */
export function buildNoticeSheet(args: NoticeArgs) {
  const { matter } = args;
  const picked = noticeMaterials(matter, args.selection);
  if (!picked.ok) return picked;
  return {
    ok: true as const,
    sheet: {
      id: args.id,
      walkinId: args.walkinId,
      ...(args.requestId && { requestId: args.requestId }),
      issuedAt: args.issuedAt,
      issuedBy: args.issuedBy,
      ...(args.resident?.name && { resident: { name: args.resident.name } }),
      matterCode: matter.code,
      title: matter.title,
      summary: matter.summary,
      basis: matter.basis,
      missing: picked.missing,
      materials: picked.materials,
      steps: [...matter.steps],
      timeLimit: {
        workingDays: matter.timeLimit.workingDays,
        ...(matter.timeLimit.note && { note: matter.timeLimit.note }),
        text: timeLimitText(matter.timeLimit),
        promised: !!matter.timeLimit.local,
      },
      review: noticeReview(matter, args.issuedAt),
      sources: noticeSources(matter),
      ...(args.dueAt && { dueAt: args.dueAt }),
      where: matter.where,
      fee: matter.fee,
      online: [...matter.online],
      ...(matter.backOffice && { backOffice: matter.backOffice }),
      tips: [...matter.tips],
      contact: args.contact,
      related: args.related,
      printPath: `/desk/notice/${encodeURIComponent(args.id)}`,
    },
  };
}

/** Related-matter advice (新生儿医保 → 育儿补贴): the matter's `related` codes that exist, in order. */
export function relatedAdvice(byCode: ReadonlyMap<string, Matter>, code: string): RelatedAdvice[] {
  const matter = byCode.get(code);
  if (!matter) return [];
  return matter.related
    .map((c) => byCode.get(c))
    .filter((m): m is Matter => m !== undefined)
    .map((m) => ({ code: m.code, title: m.title, summary: m.summary, onTheSpot: m.onTheSpot }));
}

// ---- 值守轮班 ----

export interface RosterEntry {
  date: string;
  community: string;
  openids: readonly string[];
}

/** Who is on the window on `date` in these communities (in roster order, without repeats). */
export function onDutyOn(roster: readonly RosterEntry[], date: string, communities: readonly string[]): string[] {
  const out: string[] = [];
  for (const r of roster) if (r.date === date && communities.includes(r.community)) for (const o of r.openids) if (!out.includes(o)) out.push(o);
  return out;
}

/** Longest roster range one read may cover. */
export const MAX_ROSTER_DAYS = 62;

/** The dates from `from` to `to` inclusive; null when reversed or longer than MAX_ROSTER_DAYS. */
export function rosterDates(from: string, to: string): string[] | null {
  if (to < from) return null;
  const dates: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    dates.push(d);
    if (dates.length > MAX_ROSTER_DAYS) return null;
  }
  return dates;
}
