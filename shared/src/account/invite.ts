import type { Role } from '../roles';
import { scannedText } from '../guide/scene';

/**
 * 邀请加入 (staff invitations), without zod: the client imports these. An admin makes a one-time
 * code for a role and communities; the person opens it in the mini-program and accepts, and their
 * OPENID comes from the platform — nobody types one.
 */

/** 8 letters and digits without look-alikes (0/O, 1/I): read aloud or typed from a screen. */
export const INVITE_CODE = /^[A-HJ-NP-Z2-9]{8}$/;
export const INVITE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** The mini-program page an invitation QR opens (with `scene`), and the H5 route of the same page. */
export const INVITE_PAGE = 'signin/pages/invite/index';

/** How long an invitation can be accepted. */
export const INVITE_MS = 3 * 24 * 3600_000;

/** The QR scene of an invitation (`i=<code>`, 10 characters). */
export function inviteScene(code: string): string {
  return `i=${code}`;
}

/** The code an invitation page was opened with: its scene (`i=…`, maybe URL-encoded), a link's `code=`, or the code typed; null otherwise. */
export function parseInviteCode(raw: unknown): string | null {
  const s = scannedText(raw);
  if (s === null) return null;
  const m = /^(?:i=)?([A-Za-z0-9]{8})$/.exec(s.replace(/\s+/g, '')) ?? /[?&]code=([A-Za-z0-9]{8})(?:&|$)/.exec(s);
  const code = m ? m[1].toUpperCase() : null;
  return code && INVITE_CODE.test(code) ? code : null;
}

/** Where an invitation stands: accepted, past its time, withdrawn by an admin, or still open. */
export type InviteStatus = 'open' | 'used' | 'expired' | 'revoked';

/** What an invitation offers, as the invited person reads it (names only). */
export interface InviteOffer {
  status: InviteStatus;
  role: Role;
  communityNames: string[];
  name?: string;
  invitedBy?: string;
  expiresAt: string;
}
