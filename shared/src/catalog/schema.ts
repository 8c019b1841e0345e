import * as z from 'zod/mini';
import { MATERIAL_FORMS, REVIEW_STATUSES, SOURCE_FIELDS, TIME_UNITS } from './codes';
import { CategoryCode, MatterCode } from './codeSchemas';

/**
 * The 百事通 catalog: what each matter needs, where to go, how long it takes.
 * Data files under shared/catalog/data are parsed with these schemas when the catalog is loaded.
 */

export const CategorySchema = z.object({
  code: CategoryCode,
  name: z.string().check(z.minLength(2), z.maxLength(12)),
  /** One emoji or short glyph shown on the category tile. */
  icon: z.string().check(z.minLength(1), z.maxLength(4)),
  order: z.number().check(z.int()),
});
export type Category = z.infer<typeof CategorySchema>;

export const MaterialSchema = z.object({
  name: z.string().check(z.minLength(2), z.maxLength(60)),
  form: z.enum(MATERIAL_FORMS),
  /** Number of copies to bring; 0 when the original is only shown (核验后退还). */
  copies: z.number().check(z.int(), z.gte(0), z.lte(10)),
  required: z.boolean(),
  /** When the material applies (适用情形) or what to watch out for. */
  note: z.optional(z.string().check(z.maxLength(120))),
});
export type Material = z.infer<typeof MaterialSchema>;

const IsoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD'));

/**
 * Where a rule comes from: a law (title + 文号 + article) or a public guide (title + link).
 * `field` names the matter field it supports; without it the source backs the matter as a whole.
 * A source must be findable again: a 文号 or a link is required.
 */
export const SourceSchema = z
  .object({
    title: z.string().check(z.minLength(2), z.maxLength(120)),
    docNo: z.optional(z.string().check(z.minLength(2), z.maxLength(60))),
    issuer: z.optional(z.string().check(z.minLength(2), z.maxLength(60))),
    /** Date of the document (adopted or issued). */
    date: z.optional(IsoDate),
    article: z.optional(z.string().check(z.minLength(1), z.maxLength(60))),
    url: z.optional(z.string().check(z.regex(/^https?:\/\/\S+$/, '链接格式不正确'), z.maxLength(500))),
    /** When the text was read (核对日期). */
    retrievedAt: z.optional(IsoDate),
    field: z.optional(z.enum(SOURCE_FIELDS)),
    /** A short quote of the rule as read, so a reviewer can compare without refetching. */
    excerpt: z.optional(z.string().check(z.maxLength(300))),
  })
  .check(
    z.refine((s) => !!(s.docNo || s.url), { message: '来源须有文号或链接', path: ['docNo'] }),
  );
export type Source = z.infer<typeof SourceSchema>;

/** A time limit as a rule states it: 法定 (the law's) or the local promise (承诺时限). */
export const TimeFigureSchema = z.object({
  value: z.number().check(z.int(), z.gte(0), z.lte(365)),
  /** `day` = 自然日, `workday` = 工作日. */
  unit: z.enum(TIME_UNITS),
  source: z.optional(SourceSchema),
});
export type TimeFigure = z.infer<typeof TimeFigureSchema>;

export const ReviewSchema = z.object({
  reviewedAt: IsoDate,
  reviewedBy: z.optional(z.string().check(z.minLength(1), z.maxLength(40))),
  nextReviewDue: IsoDate,
  /** As recorded; a reader derives `stale` once `nextReviewDue` has passed or a cited law lapsed. */
  status: z.enum(REVIEW_STATUSES),
  /** Fields whose rule could not be traced to a source, and why: they keep the matter a draft. */
  unverified: z._default(
    z.array(z.object({ field: z.enum(SOURCE_FIELDS), note: z.string().check(z.minLength(2), z.maxLength(200)) })).check(z.maxLength(20)),
    [],
  ),
});
export type Review = z.infer<typeof ReviewSchema>;

export const MatterSchema = z.object({
  code: MatterCode,
  title: z.string().check(z.minLength(2), z.maxLength(30)),
  category: CategoryCode,
  /** One sentence: what this matter is and who it is for. */
  summary: z.string().check(z.minLength(5), z.maxLength(200)),
  /** Colloquial names residents actually say (退休验证, 吃低保…). */
  aliases: z.array(z.string().check(z.minLength(2), z.maxLength(20))).check(z.minLength(1), z.maxLength(20)),
  /** 依据: the laws and rules the matter rests on, as one readable line. */
  basis: z.string().check(z.minLength(4), z.maxLength(400)),
  /** 来源: where each rule-stating field comes from (checked by tests/unit/catalog/content.test.ts). */
  sources: z._default(z.array(SourceSchema).check(z.maxLength(40)), []),
  /** 核对: when the matter was last checked against its sources, and when it is due again. */
  review: z.optional(ReviewSchema),
  /** 办理对象/条件 */
  eligibility: z.array(z.string().check(z.minLength(2), z.maxLength(200))).check(z.minLength(1), z.maxLength(20)),
  materials: z.array(MaterialSchema).check(z.minLength(1), z.maxLength(40)),
  steps: z.array(z.string().check(z.minLength(2), z.maxLength(200))).check(z.minLength(2), z.maxLength(30)),
  timeLimit: z.object({
    /** 承诺时限 in working days; 0 = 当场办结. */
    workingDays: z.number().check(z.int(), z.gte(0), z.lte(90)),
    note: z.optional(z.string().check(z.maxLength(120))),
    /** The limit the law sets (e.g. 《居住证暂行条例》第九条: 15日). */
    legal: z.optional(TimeFigureSchema),
    /** The local promise (承诺时限), only with its source; printed as "N个工作日内办结". */
    local: z.optional(TimeFigureSchema),
  }),
  /** 办理地点: the window and the online channels, as one readable line. */
  where: z.string().check(z.minLength(2), z.maxLength(200)),
  online: z._default(z.array(z.string().check(z.minLength(2), z.maxLength(60))).check(z.maxLength(10)), []),
  fee: z.string().check(z.minLength(2), z.maxLength(60)),
  /** True when the community window closes it on the spot (即办件); false when it is 流转 to the back office. */
  onTheSpot: z.boolean(),
  /** The back office a 流转 matter goes to (e.g. 区医保局). */
  backOffice: z.optional(z.string().check(z.maxLength(40))),
  /** 上门帮办 possible (grid worker visits the home). */
  doorstep: z.boolean(),
  /** 代办 possible (someone else or the community files on the resident's behalf). */
  proxy: z.boolean(),
  related: z._default(z.array(MatterCode).check(z.maxLength(20)), []),
  /** 温馨提示 */
  tips: z._default(z.array(z.string().check(z.minLength(2), z.maxLength(200))).check(z.maxLength(20)), []),
});
export type Matter = z.infer<typeof MatterSchema>;
export type MatterInput = z.input<typeof MatterSchema>;

/**
 * 去哪办 and 随手拍 answers: needs that are not community matters (身份证 → 派出所) or that are
 * problems to report (路灯坏了 → 随手拍), found by search beside the matters.
 */
export const PlaceSchema = z.object({
  code: MatterCode,
  type: z.enum(['where', 'report']),
  title: z.string().check(z.minLength(2), z.maxLength(30)),
  /** Where it is done (type where). */
  office: z.optional(z.string().check(z.minLength(2), z.maxLength(80))),
  /** The report category a problem goes to (type report). */
  category: z.optional(z.string().check(z.minLength(2), z.maxLength(32))),
  /** An urgent problem shows its emergency line before the report form. */
  urgent: z.optional(z.boolean()),
  emergency: z.optional(z.object({ name: z.string().check(z.minLength(2), z.maxLength(20)), phone: z.string().check(z.regex(/^[0-9-]{3,20}$/)) })),
  note: z.optional(z.string().check(z.maxLength(120))),
  /** Words residents use for it; matched like a matter's aliases. */
  keywords: z.array(z.string().check(z.minLength(2), z.maxLength(20))).check(z.minLength(1), z.maxLength(30)),
});
export type Place = z.infer<typeof PlaceSchema>;

/** 高效办成一件事: a life event bundling matters in the order they are done. */
export const LifeEventSchema = z.object({
  code: MatterCode,
  title: z.string().check(z.minLength(2), z.maxLength(20)),
  summary: z.string().check(z.minLength(5), z.maxLength(120)),
  matters: z.array(MatterCode).check(z.minLength(2), z.maxLength(12)),
});
export type LifeEvent = z.infer<typeof LifeEventSchema>;

export const CatalogSchema = z
  .object({
    /** Semantic data version, bumped on publish; devices refresh their cached guide when it changes. */
    version: z.string().check(z.regex(/^\d{4}\.\d{1,6}\.\d{1,6}$/, '版本号格式应为 年.次.修订')),
    categories: z.array(CategorySchema).check(z.minLength(1), z.maxLength(100)),
    /** A 街道's whole guide; the search bench scales it to 1,000. */
    matters: z.array(MatterSchema).check(z.minLength(1), z.maxLength(3000)),
    places: z.optional(z.array(PlaceSchema).check(z.maxLength(200))),
    lifeEvents: z.optional(z.array(LifeEventSchema).check(z.maxLength(50))),
    /** Everyday words for the catalog's word (裁员 → 失业), applied to search queries. */
    synonyms: z.optional(
      z
        .array(z.object({ word: z.string().check(z.minLength(1), z.maxLength(10)), variants: z.array(z.string().check(z.minLength(1), z.maxLength(10))).check(z.minLength(1), z.maxLength(40)) }))
        .check(z.maxLength(300)),
    ),
  })
  .check(
    z.superRefine((catalog, ctx) => {
      const categories = new Set(catalog.categories.map((c) => c.code));
      const codes = new Set<string>();
      catalog.matters.forEach((m, i) => {
        if (codes.has(m.code)) ctx.addIssue({ code: 'custom', path: ['matters', i, 'code'], message: `事项编码重复：${m.code}` });
        codes.add(m.code);
        if (!categories.has(m.category))
          ctx.addIssue({ code: 'custom', path: ['matters', i, 'category'], message: `未知分类：${m.category}` });
      });
      catalog.matters.forEach((m, i) => {
        m.related.forEach((r, j) => {
          if (!codes.has(r)) ctx.addIssue({ code: 'custom', path: ['matters', i, 'related', j], message: `关联事项不存在：${r}` });
          if (r === m.code) ctx.addIssue({ code: 'custom', path: ['matters', i, 'related', j], message: '事项不能关联自身' });
        });
        if (!m.onTheSpot && m.timeLimit.workingDays === 0)
          ctx.addIssue({ code: 'custom', path: ['matters', i, 'timeLimit'], message: '流转事项的办结时限应大于0个工作日' });
      });
      catalog.lifeEvents?.forEach((e, i) =>
        e.matters.forEach((c, j) => {
          if (!codes.has(c)) ctx.addIssue({ code: 'custom', path: ['lifeEvents', i, 'matters', j], message: `一件事中的事项不存在：${c}` });
        }),
      );
    }),
  );
export type Catalog = z.infer<typeof CatalogSchema>;
