/**
 * Every collection the code uses, with the indexes its queries need on CloudBase: the one list
 * the deployment (scripts/deploy.ts, deploy/*.json) is generated from. Data only.
 * tests/deploy/collections.test.ts scans the sources for `store.collection(…)` and fails when a
 * collection is used but missing here, or listed here but no longer used.
 *
 * An index is the fields of one query shape in order (1 ascending, -1 descending): equality
 * fields first, then the sorted or ranged one. `_id` is always indexed, so lookups by id, `_id`
 * ranges and sorts by `_id` need nothing. Small collections read whole (grids, workers …) need none.
 * Clients never read or write any of them: every rule is deny-all (`deploy/database-rules.json`).
 */

export type IndexKeys = Readonly<Record<string, 1 | -1>>;

export interface CollectionSpec {
  /** What one document is. */
  holds: string;
  indexes: readonly IndexKeys[];
}

export const COLLECTIONS = {
  requests: {
    holds: '诉求/工单 (lib/requests/store)',
    indexes: [
      { owner: 1, createdAt: -1 }, // requests.mine; account erasure
      { assignee: 1, status: 1 }, // work.inbox tabs; routing's open-request counts
      { assignee: 1, slotStart: 1 }, // work.visits of a day
      { department: 1, status: 1 }, // inbox of department staff (escalated to them)
      { firstResponder: 1, assignee: 1 }, // inbox "watching"
      { community: 1, createdAt: -1 }, // admin requests.list, metrics window, CSV export
      { status: 1, resolvedAt: 1 }, // timer: open requests, auto-close of resolved ones
      { category: 1, createdAt: -1 }, // duplicates nearby (同一问题？)
      { createdAt: -1 }, // Open311 requests.json, newest first
      { updatedAt: 1 }, // Open311 servicerequestupdates: changes in a window
      { photos: 1 }, // who may read an attached photo
      { pendingSince: 1 }, // timer: transitions whose effects a crash left pending (lib/requests/effects)
      { 'facts.day': 1 }, // metrics rollups: one day's requests grouped again (lib/metrics/rollups)
      { 'facts.hotCell': 1 }, // metrics: categories of the top hot-spot cells (lib/metrics/rollups)
    ],
  },
  follows: { holds: '我也遇到: one resident following one request', indexes: [{ openid: 1, at: -1 }, { request: 1 }] },
  idempotency: { holds: 'requests.create idempotency claims', indexes: [{ requestId: 1 }] },
  slots: { holds: 'booked doorstep-visit capacity, keyed worker:start', indexes: [] },
  followups: { holds: '回访 tasks', indexes: [{ community: 1, createdAt: -1 }, { resident: 1 }] },
  outbox: {
    holds: 'notifications to send exactly once',
    indexes: [{ status: 1, notBefore: 1 }, { status: 1, leaseUntil: 1 }, { to: 1, createdAt: -1 }], // to: account.messages and its badge; erasure
  },
  notifications: { holds: 'notifications delivered by the local sender (dev), keyed by outbox entry', indexes: [{ to: 1 }] },
  subscriptions: { holds: 'one-time subscribe-message grants per person and template, and when they last read their messages (lib/outbox/grants), keyed by OPENID', indexes: [] },
  users: { holds: 'people and their role, keyed by OPENID', indexes: [{ role: 1 }, { department: 1 }] },
  invites: { holds: '邀请加入: one-time staff invitations, keyed by the code’s hash (lib/community/invites)', indexes: [] },
  rate_limits: { holds: 'rate budgets per caller', indexes: [{ key: 1 }, { expiresAt: 1 }] },
  files: { holds: 'uploaded photos (metadata), keyed by fileId', indexes: [{ owner: 1 }] },
  media_checks: { holds: 'photo content checks awaiting WeChat’s verdict, keyed by trace id', indexes: [] },
  meta: { holds: 'pointers and versions: current catalog, deployment, community version, seed marker', indexes: [] },
  catalogs: { holds: 'published catalogs, one per version', indexes: [] },
  catalogHistory: { holds: 'who published which catalog version', indexes: [{ publishedAt: -1 }] },
  catalogReports: { holds: '报告错误: staff reports of a wrong line in the guide', indexes: [{ status: 1, at: -1 }] }, // admin.catalog.review: open ones, newest first
  subdistricts: { holds: '街道, one per deployment file applied: its admins, report categories and file version', indexes: [] },
  communities: { holds: '社区', indexes: [] },
  grids: { holds: '网格 with their polygons', indexes: [] },
  buildings: { holds: '楼栋 (routing without GPS)', indexes: [{ grid: 1 }] },
  stations: { holds: '服务站点 (QR scenes)', indexes: [{ community: 1 }] },
  departments: { holds: '职能部门 (吹哨报到)', indexes: [] },
  workers: { holds: '网格员/工作人员, keyed by OPENID', indexes: [] },
  walkins: { holds: '窗口受理 walk-ins', indexes: [{ worker: 1, date: 1 }, { community: 1, at: 1 }, { 'resident.openid': 1 }] },
  notices: { holds: '一次性告知单', indexes: [] },
  roster: { holds: '值守轮班, one per community and day', indexes: [{ community: 1, date: 1 }] },
  gridVisits: { holds: '下沉网格 visits', indexes: [{ worker: 1, date: -1 }, { community: 1, date: -1 }] },
  keyHouseholds: { holds: '包保 key households', indexes: [{ worker: 1 }, { community: 1 }] },
  partners: { holds: 'Open311 partners and the hash of their API key, keyed by code', indexes: [{ keyHash: 1 }] },
  sessions: {
    holds: 'self-hosted sign-in sessions, keyed by the SHA-256 of the token',
    indexes: [
      { openid: 1 }, // signed out everywhere on account deletion
      { expiresAt: 1 }, // timer: expired sessions swept
    ],
  },
  web_logins: { holds: '扫码登录 sessions of the web console (5 minutes)', indexes: [{ expiresAt: 1 }] },
  metric_rollups: {
    holds: 'admin.metrics rollups of requests, walk-ins and grid visits per community and day or month (lib/metrics/rollups)',
    indexes: [
      { source: 1, community: 1, period: 1 }, // a window's rollups
      { dirty: 1, builtAt: 1 }, // timer: rollups a write made stale, and the clean ones longest unbuilt (re-checked)
    ],
  },
  audit: {
    holds: 'the append-only audit trail of staff changes (lib/audit)',
    indexes: [
      { at: -1 }, // admin.audit.list, newest first
      { actor: 1, at: -1 }, // … of one person
      { action: 1, at: -1 }, // … of one action
    ],
  },
} as const satisfies Record<string, CollectionSpec>;

export type CollectionName = keyof typeof COLLECTIONS;
