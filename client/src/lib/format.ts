import { MATERIAL_FORM_LABELS } from '@qgt/shared/catalog/codes';
import type { Material, Matter } from '@qgt/shared/catalog/schema';

/** Display labels for matter fields. Pure, so pages and tests share them. */

export function materialFormLabel(m: Pick<Material, 'form'>): string {
  return MATERIAL_FORM_LABELS[m.form] ?? m.form;
}

/** 份数: "2份", or "核验后退还" for an original that is only shown. */
export function materialCopiesLabel(m: Pick<Material, 'form' | 'copies'>): string {
  if (m.copies > 0) return `${m.copies}份`;
  if (m.form === 'original' || m.form === 'originalAndCopy') return '核验后退还';
  return '';
}

export function timeLimitLabel(t: Matter['timeLimit']): string {
  return t.workingDays === 0 ? '当场办结' : `${t.workingDays}个工作日`;
}

export function handlingLabel(m: Pick<Matter, 'onTheSpot' | 'backOffice'>): string {
  if (m.onTheSpot) return '即办件';
  return m.backOffice ? `流转件 · ${m.backOffice}` : '流转件';
}

/** Codes or openids typed into one field, separated by commas (either width) or spaces. */
export const splitList = (text: string): string[] => text.split(/[,，\s]+/).filter(Boolean);
