import * as z from 'zod/mini';
import { MatterCode } from './codeSchemas';
import { LOCAL_FIELDS, LOCAL_LEVELS } from './codes';
import { MaterialSchema, SourceSchema, TimeFigureSchema } from './schema';

/** A local rule (本地规定) as a deployment file states it; what it means and how it applies: local.ts. */
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
