import type { Via } from '../account/api';
import type { InviteStatus } from '../account/invite';
import type { Catalog } from '../catalog/schema';
import type { GridGeometry, Station, WorkingPlan } from '../domain/community';
import type { FollowupStatus, RatingOutcome } from '../domain/satisfaction';
import type { Role } from '../roles';
import type { PersonRef } from '../requests/views';

/** What the `admin` function's actions return (its output table is in ./api.ts). */

export interface WorkerView {
  openid: string;
  name: string;
  phone?: string;
  level: 'A' | 'B';
  skills: string[];
  grids: string[];
  community: string;
  onLeave: boolean;
  leave: { start: string; end: string }[];
  onDuty: boolean;
  workingPlan?: WorkingPlan;
  backup?: string;
  capacity: number;
  /** Open requests assigned (workers.list). */
  open?: number;
  /** The names of `grids`, in order (workers.list): pages show these, not the codes. */
  gridNames?: string[];
}

export interface GridView {
  code: string;
  name: string;
  community: string;
  worker: string;
  backup?: string;
  /** The worker's and B角's names (grids.list), for pages. */
  workerName?: string;
  backupName?: string;
  geometry: GridGeometry;
}

/** 回访 task: opened when a rating reopens a request; the community admin calls the resident. */
export interface FollowupView {
  id: string;
  requestId: string;
  /** The request's title (kind · matter or category). */
  title: string;
  community?: string;
  status: FollowupStatus;
  createdAt: string;
  resident: PersonRef & { phone?: string };
  rating: { score: number; comment?: string; outcome: RatingOutcome; at: string };
  /** Who the request went back to (the first responder). */
  assignee: PersonRef;
  /** Set once recorded. */
  reached?: boolean;
  result?: string;
  note?: string;
  recordedAt?: string;
  recordedBy?: PersonRef;
}

export interface CatalogVersionView {
  version: string;
  publishedAt: string;
  /** OPENID of the publishing admin (absent for versions synced from the repository). */
  by?: string;
  byName?: string;
  note?: string;
  matters: number;
  current: boolean;
}

export interface BuildingAdminView {
  code: string;
  name: string;
  grid: string;
  gridName: string;
  community: string;
  point?: { lat: number; lng: number };
}

export type StationView = Station & {
  /** QR scene `s=<code>`. */
  scene: string;
  /** Printable QR of the H5 link (local server / H5 deployments). */
  qr: string;
};

/** The unpublished catalog draft kept on the server (one per environment, like the catalog). */
export interface CatalogDraftView {
  catalog: Catalog;
  savedAt: string;
  /** Who saved it last. */
  by: string;
  byName?: string;
  /** The published version it was started from. */
  base: string | null;
}

/** A new invitation, shown once to the admin who made it (the store keeps only the code's hash). */
export interface InviteView {
  code: string;
  role: Role;
  communityNames: string[];
  name?: string;
  expiresAt: string;
  /** What the QR carries: the mini-program page with the code (self-hosted: a link). */
  link: string;
  /** The QR, a PNG data URL. */
  image: string;
}

/**
 * An invitation as the console lists it (`admin.roles.invites`): `id` is the stored hash of the
 * code, enough to revoke it but never to accept it; people by name, never by OPENID.
 */
export interface InviteListItem {
  id: string;
  role: Role;
  communityNames: string[];
  name?: string;
  invitedBy: string;
  createdAt: string;
  expiresAt: string;
  status: InviteStatus;
  usedByName?: string;
}

export interface RoleView {
  openid: string;
  role: Role;
  name?: string;
  communities: string[];
  /** The names of `communities`, in order: pages show these, not the codes. */
  communityNames: string[];
  /** True for 街道 admins (may grant admin). */
  subdistrictAdmin: boolean;
}

export interface AuditEntry {
  at: string;
  /** The staff member's OPENID; a resident shows only as 居民（已脱敏）. */
  actor: string;
  actorName?: string;
  /** `"<function>.<action>"`. */
  action: string;
  /** The object acted on; phone and ID numbers masked. */
  target: string | null;
  via: Via;
}
