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
