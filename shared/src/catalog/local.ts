import * as z from 'zod/mini';
import { MatterCode } from './codeSchemas';
import { MaterialSchema, SourceSchema, TimeFigureSchema, type Matter, type Source } from './schema';

/**
 * Local rules (本地规定): a province, city, county or 街道 that asks for other materials, promises
 * its own time limit, names its own window or online channel (the provincial app). Each rule
 * carries its own source and review dates, and the page marks what it changed with a 本地 badge.
 * A deployment file lists them; the guide applies them to the shared catalog for that 街道.
 */

export const LOCAL_LEVELS = ['province', 'city', 'county', 'subdistrict'] as const;
export type LocalLevel = (typeof LOCAL_LEVELS)[number];
export const LOCAL_LEVEL_LABELS: Record<LocalLevel, string> = { province: '省', city: '市', county: '区县', subdistrict: '街道' };

/** The fields a local rule may set. */
export const LOCAL_FIELDS = ['materials', 'timeLimit', 'where', 'online'] as const;
export type LocalField = (typeof LOCAL_FIELDS)[number];

const IsoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD'));

export const LocalRuleSchema = z
  .object({
    matter: MatterCode,
    level: z.enum(LOCAL_LEVELS),
    /** The region as people name it: 四川省, 成都市, 武侯区, 和平街道. */
    region: z.string().check(z.minLength(2), z.maxLength(30)),
    materials: z.optional(z.array(MaterialSchema).check(z.minLength(1), z.maxLength(40))),
    /** The local promise (承诺时限), in working days: it becomes the figure deadlines use. */
    timeLimit: z.optional(
      z.extend(TimeFigureSchema, {
        unit: z.literal('workday', { error: '本地承诺时限应以工作日计' }),
        value: z.number().check(z.int(), z.gte(0), z.lte(90)),
      }),
    ),
    where: z.optional(z.string().check(z.minLength(2), z.maxLength(200))),
    online: z.optional(z.array(z.string().check(z.minLength(2), z.maxLength(60))).check(z.maxLength(10))),
    /** Where the local rule is written (a local 文号 or the local government's guide). */
    source: SourceSchema,
    reviewedAt: IsoDate,
    nextReviewDue: IsoDate,
  })
  .check(
    z.refine((r) => LOCAL_FIELDS.some((f) => r[f] !== undefined), { message: '本地规定至少应改变一项内容（材料、时限、地点或网上办理）', path: ['matter'] }),
    z.refine((r) => r.nextReviewDue > r.reviewedAt, { message: '下次复核日期应晚于核对日期', path: ['nextReviewDue'] }),
  );
export type LocalRule = z.infer<typeof LocalRuleSchema>;

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
