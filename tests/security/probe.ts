import { C1, C2, type RoleName, type World } from './world';
import type { Fixtures } from './fixtures';

/**
 * What a row of the authorization matrix is made of: the roles' statuses, the objects aimed at,
 * and the checks shared by the function rows (./matrix.ts) and the route rows (./routes.ts).
 *
 * Rows list the roles in this order:
 *   anonymous, resident A, resident B, worker of the grid (G1), worker of another grid,
 *   department staff (燃气), community admin (C1), admin of another community (C2).
 * For someone else's object the code answers 403 (404 only when looking up a request to link);
 * either way no data comes back.
 */
export type Row = readonly [number, number, number, number, number, number, number, number];

/** Objects made once, before the matrix runs (mutating probes make fresh ones per call). */
export interface Targets {
  reportA: string;
  reportB: string;
  reportC2: string;
  escalatedA: string;
  visitA: string;
  photoA: { fileId: string; id: string };
  notice: { noticeId: string; requestId: string };
  householdC1: string;
}

export interface ProbeContext {
  w: World;
  fx: Fixtures;
  t: Targets;
}

export interface Probe {
  /** What the call aims at. */
  target: string;
  data(ctx: ProbeContext, role: RoleName): unknown;
  expect: Row;
  /** Further checks on a 200 reply (scoping, masking); throws to fail. */
  check?(body: any, role: RoleName, ctx: ProbeContext): void;
  /** Why the secret scan does not apply to this reply (data meant for whoever asks). */
  publicBecause?: string;
  /** Calls only these roles (the row still says what the others would get), and why. */
  only?: { roles: readonly RoleName[]; because: string };
  /** Runs after every other probe: the call destroys what the others aim at. */
  runsLast?: true;
}

/** A QR PNG costs ~3 s to render under jest (pngjs in the vm sandbox) against ~0.1 s in node: call the anonymous and one signed-in path. */
export const PNG_RENDER = { roles: ['anonymous', 'residentA'] as const, because: 'the handler never reads the caller and a PNG costs seconds under jest' };
/** The /qr routes read no identity at all. */
export const PNG_ROUTE = { roles: ['anonymous'] as const, because: 'the route reads no identity and a PNG costs seconds under jest' };

// Common rows.
export const EVERYONE: Row = [200, 200, 200, 200, 200, 200, 200, 200];
export const SIGNED_IN: Row = [401, 200, 200, 200, 200, 200, 200, 200];
export const STAFF: Row = [401, 403, 403, 200, 200, 200, 200, 200];
/** Staff who belong to a community (department staff belong to none). */
export const COMMUNITY_STAFF: Row = [401, 403, 403, 200, 200, 403, 200, 200];
export const GRID_WORKERS: Row = [401, 403, 403, 200, 200, 403, 403, 403];
/** Both admins, each over their own community. */
export const ADMINS: Row = [401, 403, 403, 403, 403, 403, 200, 200];
/** Only C1's admin (the object is C1's). */
export const C1_ADMIN: Row = [401, 403, 403, 403, 403, 403, 200, 403];
/** Resident A's request: A, its assignee and C1's admin. */
export const SEES_A: Row = [401, 200, 403, 200, 403, 403, 200, 403];
/** Owner-or-admin events (cancel, reschedule) on A's request. */
export const A_OR_ADMIN: Row = [401, 200, 403, 403, 403, 403, 200, 403];
/** Assignee-or-admin events (transfer, escalate, note) on A's request. */
export const ASSIGNEE_OR_ADMIN: Row = [401, 403, 403, 200, 403, 403, 200, 403];
export const ASSIGNEE_ONLY: Row = [401, 403, 403, 200, 403, 403, 403, 403];

export const ownCommunity = (role: RoleName) => (role === 'otherAdmin' ? C2 : C1);
export const C1_WORKERS = ['demo-worker-1', 'demo-worker-2', 'demo-worker-3'];

export function assert(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(message);
}

/** Every item lies in the caller's own community. */
export const inOwnCommunity =
  (list: (body: any) => Array<{ community?: string }>) =>
  (body: any, role: RoleName): void => {
    const own = ownCommunity(role);
    for (const item of list(body)) assert(item.community === own, `${role} got an item of ${item.community}: ${JSON.stringify(item).slice(0, 200)}`);
  };

export const MONTH = { from: '2026-10-01', to: '2026-10-31' };
