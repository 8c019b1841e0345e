import { MATERIAL_FORM_LABELS, SOURCE_FIELDS, SOURCE_FIELD_LABELS, type SourceField } from './codes';
import type { Catalog, Matter, Source } from './schema';

/**
 * The per-field difference between two catalogs, as the console shows it before publishing, and
 * the rule of the review workflow: every changed field comes with a source for it that the
 * previous version did not have (a new or edited source naming that field). Pure, no zod: the
 * device shows the diff, the admin function enforces the rule.
 */

export interface FieldChange {
  code: string;
  title: string;
  field: SourceField;
  label: string;
  before: string;
  after: string;
}

type M = Pick<Matter, 'code' | 'title' | SourceField | 'sources'>;

/** A field as one readable line (what the diff shows). */
export function fieldText(m: M, field: SourceField): string {
  switch (field) {
    case 'materials':
      // The form too: 复印件 → 原件 is a change that needs its source like any other.
      return m.materials.map((x) => `${x.name} ${MATERIAL_FORM_LABELS[x.form]}${x.copies ? `×${x.copies}` : ''}${x.required ? '' : '（视情况）'}${x.note ? `（${x.note}）` : ''}`).join('；');
    case 'timeLimit': {
      const t = m.timeLimit;
      return [
        `期限${t.workingDays}个工作日`,
        t.legal ? `法定${t.legal.value}${t.legal.unit === 'workday' ? '个工作日' : '日'}` : '',
        t.local ? `当地承诺${t.local.value}${t.local.unit === 'workday' ? '个工作日' : '日'}` : '',
        t.note ?? '',
      ]
        .filter(Boolean)
        .join('；');
    }
    case 'eligibility':
    case 'steps':
    case 'online':
    case 'tips':
      return m[field].join('；');
    default:
      return m[field];
  }
}

export function catalogDiff(before: { matters: readonly M[] }, after: { matters: readonly M[] }): FieldChange[] {
  const old = new Map(before.matters.map((m) => [m.code, m]));
  const changes: FieldChange[] = [];
  for (const m of after.matters) {
    const prev = old.get(m.code);
    for (const field of SOURCE_FIELDS) {
      const a = fieldText(m, field);
      const b = prev ? fieldText(prev, field) : '';
      if (a !== b) changes.push({ code: m.code, title: m.title, field, label: SOURCE_FIELD_LABELS[field], before: b, after: a });
    }
  }
  return changes;
}

function sourcesFor(m: Pick<Matter, 'sources' | 'timeLimit'>, field: SourceField): Source[] {
  const own = (m.sources ?? []).filter((s) => s.field === field);
  if (field !== 'timeLimit') return own;
  return [...own, ...(m.timeLimit.legal?.source ? [m.timeLimit.legal.source] : []), ...(m.timeLimit.local?.source ? [m.timeLimit.local.source] : [])];
}

const key = (s: Source) => JSON.stringify([s.title, s.docNo ?? '', s.url ?? '', s.article ?? '', s.retrievedAt ?? '', s.excerpt ?? '']);

/** The changes that bring no new source for their field (the publish refuses them). */
export function unsourcedChanges(before: Pick<Catalog, 'matters'>, after: Pick<Catalog, 'matters'>): FieldChange[] {
  const old = new Map(before.matters.map((m) => [m.code, m]));
  return catalogDiff(before, after).filter((c) => {
    const prev = old.get(c.code);
    const known = new Set(prev ? sourcesFor(prev, c.field).map(key) : []);
    const now = after.matters.find((m) => m.code === c.code)!;
    return !sourcesFor(now, c.field).some((s) => !known.has(key(s)));
  });
}
