import { LOCAL_LEVELS, type LocalField, type LocalLevel } from './codes';
import type { LocalRule } from './localRule';
import type { Matter, Source } from './schema';

/**
 * Local rules (本地规定): a province, city, county or 街道 that asks for other materials, promises
 * its own time limit, names its own window or online channel (the provincial app). Each rule
 * carries its own source and review dates, and the page marks what it changed with a 本地 badge.
 * A deployment file lists them; the guide applies them to the shared catalog for that 街道.
 */

export { LOCAL_FIELDS, LOCAL_LEVEL_LABELS, LOCAL_LEVELS, type LocalField, type LocalLevel } from './codes';
export type { LocalRule } from './localRule';

/** What the page shows beside a field a local rule set: the 本地 badge and where it comes from. */
export interface LocalMark {
  field: LocalField;
  level: LocalLevel;
  region: string;
  source: Source;
  reviewedAt: string;
  nextReviewDue: string;
}

const rank = (level: LocalLevel) => LOCAL_LEVELS.indexOf(level);

/**
 * The matter as it holds in one place: rules from the broadest level to the narrowest, so a 街道's
 * rule beats its city's. Each changed field gets a mark and the rule's source (field-tagged, so the
 * content checks see it); the matter is returned unchanged when no rule names it.
 */
export function applyLocalRules<M extends Matter>(matter: M, rules: readonly LocalRule[]): M & { local?: LocalMark[] } {
  const mine = rules.filter((r) => r.matter === matter.code).sort((a, b) => rank(a.level) - rank(b.level));
  if (!mine.length) return matter;
  const out: M & { local?: LocalMark[] } = { ...matter, timeLimit: { ...matter.timeLimit }, sources: [...matter.sources] };
  const marks = new Map<LocalField, LocalMark>();
  for (const rule of mine) {
    const mark = (field: LocalField) => marks.set(field, { field, level: rule.level, region: rule.region, source: rule.source, reviewedAt: rule.reviewedAt, nextReviewDue: rule.nextReviewDue });
    if (rule.materials) (out.materials = rule.materials), mark('materials');
    if (rule.timeLimit) {
      out.timeLimit = { ...out.timeLimit, workingDays: rule.timeLimit.value, local: { value: rule.timeLimit.value, unit: 'workday', source: rule.timeLimit.source ?? rule.source } };
      mark('timeLimit');
    }
    if (rule.where) (out.where = rule.where), mark('where');
    if (rule.online) (out.online = rule.online), mark('online');
  }
  // A field set locally rests on the local source, not on the national one it replaced.
  const local = new Set(marks.keys());
  out.sources = [
    ...out.sources.filter((s) => !s.field || !local.has(s.field as LocalField)),
    ...[...marks.values()].map((m) => ({ ...m.source, field: m.field })),
  ];
  out.local = [...marks.values()];
  return out;
}

/** Local rules whose review date has passed on `today` (YYYY-MM-DD): the admins' review list shows them. */
export function staleLocalRules(rules: readonly LocalRule[], today: string): LocalRule[] {
  return rules.filter((r) => r.nextReviewDue < today);
}
