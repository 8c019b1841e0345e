import type { SlotView } from '@qgt/shared/booking/api';
import { newIdempotencyKey } from '../../../lib/idempotency';
import type { VisitForm } from './ConfirmStep';

/**
 * The 预约上门帮办 draft (see useDraft): matter, slot and contact details, with the idempotency key
 * every submit of this booking carries, so a retry after a timeout never books twice.
 */
export interface VisitDraft {
  key: string;
  /** undefined: not chosen yet; null: 其他事项. */
  matterCode?: string | null;
  slot?: SlotView;
  /** The place step is done: a building (form.buildingCode) or 不在列表中 (an address later). */
  placeChosen?: boolean;
  form: VisitForm;
}

export function newVisitDraft(matterCode?: string): VisitDraft {
  return { key: newIdempotencyKey('visit'), ...(matterCode && { matterCode }), form: { address: '', phone: '', note: '' } };
}

/**
 * A stored draft, repaired: a slot that has begun is dropped (the resident picks again, the place
 * kept: a draft with a slot, even one saved before the place step existed, has its place), and a
 * page opened for a particular matter (`preset`) takes that matter over the stored one, keeping
 * the contact details.
 */
export function restoreVisitDraft(v: unknown, preset: string | undefined, now = Date.now()): VisitDraft | undefined {
  const d = v as VisitDraft | undefined;
  const f = d?.form;
  if (!d || typeof d.key !== 'string' || !f || typeof f.address !== 'string' || typeof f.phone !== 'string' || typeof f.note !== 'string') return undefined;
  const matterCode = preset ?? d.matterCode;
  const slotLive = d.slot && typeof d.slot.start === 'string' && Date.parse(d.slot.start) > now;
  return { key: d.key, ...(matterCode !== undefined && { matterCode }), ...((d.placeChosen === true || d.slot) && { placeChosen: true }), ...(slotLive && matterCode === d.matterCode && { slot: d.slot }), form: f };
}

export function visitHasContent(d: VisitDraft): boolean {
  return !!(d.slot || d.form.buildingCode || d.form.address.trim() || d.form.phone.trim() || d.form.note.trim());
}
