/**
 * Catalog constants without zod, so the device can import them without bundling the schema
 * library (schema.ts builds its schemas from these).
 */

/** A matter code doubles as a QR scene (`m=<code>`); WeChat scenes are at most 32 characters. */
export const MATTER_CODE = /^[a-z0-9][a-z0-9-]{1,29}$/;

/** 原件 / 复印件 / 原件及复印件 / 电子材料 / 现场填写的表格 */
export const MATERIAL_FORMS = ['original', 'copy', 'originalAndCopy', 'electronic', 'form'] as const;
export type MaterialForm = (typeof MATERIAL_FORMS)[number];

export const MATERIAL_FORM_LABELS: Record<MaterialForm, string> = {
  original: '原件',
  copy: '复印件',
  originalAndCopy: '原件及复印件',
  electronic: '电子材料',
  form: '现场填写',
};

/** Matter fields a source can back (`sources[].field`, `review.unverified[].field`). */
export const SOURCE_FIELDS = ['summary', 'basis', 'eligibility', 'materials', 'steps', 'timeLimit', 'where', 'online', 'fee', 'tips'] as const;
export type SourceField = (typeof SOURCE_FIELDS)[number];

/** Fields that state a rule: each needs a source, or is listed as unverified (which keeps the matter a draft). */
export const RULE_FIELDS = ['basis', 'eligibility', 'materials', 'steps', 'timeLimit', 'fee'] as const satisfies readonly SourceField[];

export const SOURCE_FIELD_LABELS: Record<SourceField, string> = {
  summary: '事项说明',
  basis: '办理依据',
  eligibility: '办理条件',
  materials: '所需材料',
  steps: '办理流程',
  timeLimit: '办理时限',
  where: '办理地点',
  online: '网上办理',
  fee: '收费',
  tips: '温馨提示',
};

/** 自然日 / 工作日 */
export const TIME_UNITS = ['day', 'workday'] as const;
export type TimeUnit = (typeof TIME_UNITS)[number];

/** draft: some rule not yet traced; reviewed: checked against its sources; stale: due again or a cited law lapsed. */
export const REVIEW_STATUSES = ['draft', 'reviewed', 'stale'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
export const REVIEW_STATUS_LABELS: Record<ReviewStatus, string> = { draft: '待核实', reviewed: '已核对', stale: '需复核' };

/** 本地规定: the level a local rule comes from, and the matter fields it may set (catalog/local.ts). */
export const LOCAL_LEVELS = ['province', 'city', 'county', 'subdistrict'] as const;
export type LocalLevel = (typeof LOCAL_LEVELS)[number];
export const LOCAL_LEVEL_LABELS: Record<LocalLevel, string> = { province: '省', city: '市', county: '区县', subdistrict: '街道' };

/** The fields a local rule may set. */
export const LOCAL_FIELDS = ['materials', 'timeLimit', 'where', 'online'] as const;
export type LocalField = (typeof LOCAL_FIELDS)[number];
