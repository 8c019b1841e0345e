import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { DEMO_POINTS } from '../../cloudfunctions/lib/seed/demo-community';
import {
  ADMINS,
  ASSIGNEE_ONLY,
  ASSIGNEE_OR_ADMIN,
  A_OR_ADMIN,
  C1_ADMIN,
  C1_WORKERS,
  COMMUNITY_STAFF,
  EVERYONE,
  GRID_WORKERS,
  MONTH,
  PNG_RENDER,
  SEES_A,
  SIGNED_IN,
  STAFF,
  assert,
  inOwnCommunity,
  ownCommunity,
  type Probe,
  type ProbeContext,
  type Row,
} from './probe';
import { C1, type RoleName } from './world';

/** Actions only a 街道 admin may take: every probed role is refused. */
const STREET_ADMIN_ONLY: Row = [401, 403, 403, 403, 403, 403, 403, 403];

/**
 * The authorization matrix: for every `function.action` of the handler tables, one or more probes
 * aimed at an object some callers may reach and others may not, with the exact status each of the
 * eight roles gets (the order of a row: ./probe.ts). The test enumerates the tables at run time,
 * so an action missing here fails.
 */

const report = { kind: 'report', category: 'shizheng', description: '探针：路灯不亮', location: DEMO_POINTS.G1 };

/** A request view as a follower or resident gets it: none of the staff-only fields. */
function residentShaped(view: any, role: RoleName): void {
  for (const key of ['owner', 'route', 'filedBy', 'due', 'emittedLevels', 'followers'])
    assert(!(key in view), `${role} sees the staff-only field ${key} of ${view.id}`);
  for (const e of view.timeline) assert(e.visibility === undefined && e.detail === undefined, `${role} sees a staff timeline entry of ${view.id}`);
}

async function bumpedCatalog({ w }: ProbeContext) {
  const { catalog } = await w.ok('admin', 'admin', 'catalog.draft.get', {});
  const [year, major, patch] = catalog.version.split('.').map(Number);
  return { catalog: { ...catalog, version: `${year}.${major}.${patch + 1}` }, note: '探针发布' };
}

async function g1Feature({ w }: ProbeContext) {
  const g = (await w.ok('admin', 'admin', 'grids.list', {})).items.find((x: { code: string }) => x.code === 'G1');
  return { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: g.geometry, properties: { code: g.code, name: g.name, community: g.community, worker: g.worker, backup: g.backup } }] };
}

/** An .xlsx naming C1's worker 1 as the demo has them. */
async function rosterOfWorker1() {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('网格员');
  sheet.addRow(['微信OpenID', '姓名', '电话', '等级', '社区编码', '网格编码', '技能事项编码', 'B角OpenID']);
  sheet.addRow(['demo-worker-1', '刘网格', '13800000001', 'A', C1, 'G1', '', 'demo-worker-2']);
  return { kind: 'workers', file: Buffer.from(await book.xlsx.writeBuffer()).toString('base64') };
}

/** One open C1 invitation by its listed id (the code's hash), made once like `takenInvite`. */
let madeInvite: Promise<string> | undefined;
function openInvite({ w }: ProbeContext) {
  madeInvite ??= w.ok('admin', 'admin', 'roles.invite', { role: 'worker', communities: [C1] }).then(({ code }) => createHash('sha256').update(code).digest('hex'));
  return madeInvite.then((id) => ({ id }));
}

async function webLoginSession({ w }: ProbeContext) {
  return { session: (await w.ok(null, 'account', 'webLogin.start', {})).session };
}

/** One invitation, made by C1's admin and already taken by someone else (made once: its QR costs seconds under jest). */
let usedInvite: Promise<string> | undefined;
function takenInvite({ w }: ProbeContext) {
  usedInvite ??= (async () => {
    const { code } = await w.ok('admin', 'admin', 'roles.invite', { role: 'worker', communities: [C1] });
    await w.ok('probe-invitee', 'account', 'invite.accept', { code });
    return code as string;
  })();
  return usedInvite.then((code) => ({ code }));
}

export const MATRIX: Record<string, Probe[]> = {
  'account.me': [{ target: 'the caller', data: () => ({}), expect: EVERYONE }],
  // Subscribe grants and the message list are the caller's own: anyone signed in.
  'account.subscribed': [{ target: "the caller's own grants", data: () => ({ accepted: ['tpl-unknown'] }), expect: SIGNED_IN }],
  'account.messages': [{ target: "the caller's own messages", data: () => ({}), expect: SIGNED_IN }],
  'account.messages.read': [{ target: "the caller's own badge", data: () => ({}), expect: SIGNED_IN }],
  // 注销账号 erases the caller's own data: residents only (staff accounts are the community's).
  'account.delete': [{ target: "the caller's own account", data: () => ({ confirm: true }), expect: [401, 200, 200, 403, 403, 403, 403, 403], runsLast: true }],
  // Sign-in (self-hosted production; tests/api/production-signin.test.ts). This server has no
  // WECHAT_APPID, so every code is refused; the dev headers stand in for tokens.
  'account.login': [{ target: 'a wx.login code', data: () => ({ code: 'probe-code' }), expect: [401, 401, 401, 401, 401, 401, 401, 401] }],
  'account.logout': [{ target: "the call's own session (none here)", data: () => ({}), expect: EVERYONE }],
  'account.webLogin.start': [{ target: 'a new 扫码登录 QR', data: () => ({ device: '探针浏览器' }), expect: EVERYONE, publicBecause: 'the QR of a sign-in the caller just started' }],
  'account.webLogin.get': [{ target: 'a pending 扫码登录 QR', data: webLoginSession, expect: STAFF }],
  'account.webLogin.confirm': [{ target: 'a pending 扫码登录 QR (fresh per call)', data: webLoginSession, expect: STAFF }],
  'account.webLogin.poll': [{ target: 'a pending 扫码登录 QR', data: webLoginSession, expect: EVERYONE }],
  // 邀请加入: anyone signed in may read an invitation and try to take it; a taken one is taken for all.
  'account.invite.get': [{ target: 'an invitation already taken', data: takenInvite, expect: SIGNED_IN }],
  'account.invite.accept': [{ target: 'an invitation already taken', data: takenInvite, expect: [401, 409, 409, 409, 409, 409, 409, 409] }],

  'guide.list': [{ target: 'the catalog', data: () => ({}), expect: EVERYONE }],
  'guide.get': [{ target: 'a matter', data: () => ({ code: 'dibao' }), expect: EVERYONE }],
  'guide.search': [{ target: 'the catalog', data: () => ({ q: '低保' }), expect: EVERYONE }],
  'guide.scene': [{ target: 'a matter QR', data: () => ({ scene: 'm=dibao' }), expect: EVERYONE }],
  'guide.catalog': [{ target: 'the catalog', data: () => ({}), expect: EVERYONE }],
  'guide.lifeEvent': [{ target: 'a life event', data: () => ({ code: 'birth' }), expect: EVERYONE }],
  'guide.qr': [{ target: 'a matter', data: () => ({ code: 'dibao' }), expect: EVERYONE, only: PNG_RENDER }],

  'requests.create': [
    { target: "the caller's own report", data: () => report, expect: SIGNED_IN },
    // Staff file on a resident's behalf only inside their own communities (C1 here; the department's 街道 for its staff).
    { target: 'a report on resident A’s behalf', data: () => ({ ...report, onBehalfOf: 'demo-resident' }), expect: [401, 403, 403, 200, 200, 200, 200, 403] },
    { target: "resident A's uploaded photo", data: ({ t }) => ({ ...report, photos: [t.photoA.fileId] }), expect: [401, 200, 403, 403, 403, 403, 403, 403] },
  ],
  'requests.duplicates': [
    {
      // 物业 in G1: no other probe files one, so the nearest candidates are resident A's.
      target: 'reports near resident A’s',
      async data({ fx }) {
        await fx.reportOfA([], 'wuye');
        return { category: 'wuye', location: DEMO_POINTS.G1 };
      },
      expect: SIGNED_IN,
      publicBecause: '同一问题？ shows nearby reports of the category (a 60-character snippet) to anyone about to file one',
      check(body, role, { fx }) {
        assert(body.candidates.some((c: { id: string }) => fx.ownerOf(c.id) === 'residentA'), 'no candidates among resident A’s reports');
        for (const c of body.candidates) {
          assert(Object.keys(c).every((k) => ['id', 'description', 'distance', 'status', 'createdAt', 'mine'].includes(k)), `candidate carries more than a snippet: ${Object.keys(c)}`);
          assert(c.description.length <= 60, 'candidate description longer than a snippet');
          if (!c.mine) assert(!/1[3-9]\d{9}/.test(c.description), `${role} reads a neighbour's phone number in ${c.id}`);
          if (fx.ownerOf(c.id)) assert(c.mine === (fx.ownerOf(c.id) === role), `${role} is told ${c.id} is ${c.mine ? '' : 'not '}theirs`);
        }
      },
    },
  ],
  'requests.follow': [
    {
      target: "resident A's report (我也遇到)",
      data: async ({ fx }) => ({ id: await fx.followableReportOfA() }),
      expect: [401, 409, 200, 200, 200, 200, 200, 200],
      check: (view, role) => residentShaped(view, role),
    },
  ],
  'requests.mine': [
    {
      target: "the caller's own and followed requests",
      data: () => ({}),
      expect: SIGNED_IN,
      check: (body, role) => body.items.forEach((v: unknown) => residentShaped(v, role)),
    },
  ],
  'requests.get': [
    { target: "resident A's report", data: ({ t }) => ({ id: t.reportA }), expect: SEES_A },
    { target: "resident B's report in G2", data: ({ t }) => ({ id: t.reportB }), expect: [401, 403, 200, 403, 200, 403, 200, 403] },
    { target: 'a report in C2', data: ({ t }) => ({ id: t.reportC2 }), expect: [401, 403, 403, 403, 403, 403, 403, 200] },
    { target: "resident A's report called in to 燃气", data: ({ t }) => ({ id: t.escalatedA }), expect: [401, 200, 403, 200, 403, 200, 200, 403] },
  ],
  'requests.photos': [{ target: "resident A's report with a photo", data: ({ t }) => ({ id: t.photoA.id }), expect: SEES_A }],
  // WeChat's pushed image verdict (the system on CloudBase; admins locally). No trace ids exist locally.
  'requests.mediaChecked': [{ target: 'an unknown trace id (only the system, i.e. WeChat’s push, applies verdicts)', data: () => ({ traceId: 'trace-unknown', suggest: 'risky' }), expect: [401, 403, 403, 403, 403, 403, 403, 403] }],
  'requests.cancel': [{ target: "resident A's report", data: async ({ fx }) => ({ id: await fx.reportOfA(), reason: '已自行解决' }), expect: A_OR_ADMIN }],
  'requests.rate': [{ target: "resident A's resolved report", data: async ({ fx }) => ({ id: await fx.resolvedOfA(), score: 5 }), expect: [401, 200, 403, 403, 403, 403, 403, 403] }],
  'requests.options': [{ target: 'categories, buildings, communities', data: () => ({}), expect: SIGNED_IN }],
  'requests.urge': [{ target: "resident A's open report (催办)", data: async ({ fx }) => ({ id: await fx.reportOfA() }), expect: [401, 200, 403, 403, 403, 403, 403, 403] }],

  'booking.slots': [{ target: "G1's worker's slots", data: () => ({ location: DEMO_POINTS.G1, from: '2026-10-12', to: '2026-10-13' }), expect: EVERYONE }],
  'booking.reschedule': [
    { target: "resident A's doorstep visit", data: async ({ fx }) => ({ id: await fx.visitOfA(), slotId: await fx.freeSlot(), reason: '临时有事' }), expect: A_OR_ADMIN },
  ],
  'booking.cancel': [{ target: "resident A's doorstep visit", data: async ({ fx }) => ({ id: await fx.visitOfA(), reason: '不需要了' }), expect: A_OR_ADMIN }],

  'work.inbox': [{ target: "the caller's requests", data: () => ({}), expect: STAFF }],
  'work.accept': [{ target: "resident A's report", data: async ({ fx }) => ({ id: await fx.reportOfA() }), expect: ASSIGNEE_ONLY }],
  'work.transfer': [
    {
      target: "resident A's report",
      data: async ({ fx }) => ({ id: await fx.reportOfA(), toOpenid: 'demo-worker-2', reason: '片区调整', pending: '上门核实' }),
      expect: ASSIGNEE_OR_ADMIN,
    },
  ],
  'work.escalate': [
    { target: "resident A's accepted report", data: async ({ fx }) => ({ id: await fx.acceptedOfA(['departmentStaff']), department: 'ranqi', reason: '疑似燃气泄漏' }), expect: ASSIGNEE_OR_ADMIN },
  ],
  'work.resolve': [{ target: "resident A's accepted report", data: async ({ fx }) => ({ id: await fx.acceptedOfA(), note: '已修复' }), expect: ASSIGNEE_ONLY }],
  'work.note': [
    // The note itself is internal: resident A must never read it back.
    { target: "resident A's report", data: ({ t, fx }) => ({ id: t.reportA, note: fx.secret('internal note', ['gridWorker', 'admin'], 'IN') }), expect: ASSIGNEE_OR_ADMIN },
  ],
  'work.returnFromDepartment': [
    { target: "resident A's report called in to 燃气", data: async ({ fx }) => ({ id: await fx.escalatedOfA(), note: '已关阀检修' }), expect: [401, 403, 403, 403, 403, 200, 200, 403] },
  ],
  'work.visits': [{ target: "the caller's visits today", data: () => ({}), expect: STAFF }],
  'work.directory': [
    {
      target: "the caller's colleagues",
      data: () => ({}),
      expect: STAFF,
      check(body, role) {
        const c1 = body.workers.filter((x: { openid: string }) => C1_WORKERS.includes(x.openid));
        if (role === 'otherAdmin' || role === 'departmentStaff') assert(c1.length === 0, `${role} lists C1's workers`);
      },
    },
  ],

  'admin.grids.import': [{ target: 'C1’s grid G1 (re-imported as is)', data: g1Feature, expect: C1_ADMIN }],
  // 街道 admins only (none of the probed roles is one: tests/api/boundaries.test.ts drives demo-street-admin).
  'admin.communities.upsert': [{ target: 'C1 (unchanged)', data: () => ({ code: C1, name: '锦绣社区' }), expect: STREET_ADMIN_ONLY }],
  'admin.categories.upsert': [{ target: 'the 街道’s 市政设施 category (unchanged)', data: () => ({ code: 'shizheng', name: '市政设施', icon: '💡' }), expect: STREET_ADMIN_ONLY }],
  'admin.communities.list': [{ target: "the caller's communities", data: () => ({}), expect: ADMINS, check: inOwnCommunity((b) => b.items.map((c: { code: string }) => ({ community: c.code }))) }],
  'admin.grids.list': [{ target: "the caller's grids", data: () => ({}), expect: ADMINS, check: inOwnCommunity((b) => b.items) }],
  'admin.workers.upsert': [
    { target: "G1's worker (unchanged)", data: () => ({ openid: 'demo-worker-1', name: '刘网格', level: 'A', phone: '13800000001' }), expect: C1_ADMIN },
    // Registering an admin as a worker must not make them admin of the caller's community.
    { target: 'a new admin of C1, as a worker', data: async ({ fx }) => ({ openid: await fx.freshC1Admin(), name: '新主任', level: 'A' }), expect: C1_ADMIN },
    // A B角 serves the worker's own community (as grids.import requires of a grid's B角).
    { target: "C2's worker with C1's grid worker as B角", data: () => ({ openid: 'c2-worker', name: '孙网格', level: 'A', backup: 'demo-worker-1' }), expect: [401, 403, 403, 403, 403, 403, 403, 400] },
  ],
  'admin.workers.list': [{ target: "the caller's workers", data: () => ({}), expect: ADMINS, check: inOwnCommunity((b) => b.items) }],
  // Departments serve the whole 街道: only its 街道 admins keep them, never one community's admin.
  'admin.departments.upsert': [
    { target: '燃气 (unchanged)', data: () => ({ code: 'ranqi', name: '燃气公司', categories: ['ranqi'], staff: ['demo-dept-gas'] }), expect: STREET_ADMIN_ONLY },
    { target: "a department staffed with C1's grid worker", data: () => ({ code: 'probe-dept', name: '探针部门', categories: [], staff: ['demo-worker-1'] }), expect: STREET_ADMIN_ONLY },
  ],
  'admin.departments.list': [{ target: 'the 街道’s departments', data: () => ({}), expect: ADMINS }],
  'admin.requests.list': [{ target: "the caller's communities' requests", data: () => ({}), expect: ADMINS, check: inOwnCommunity((b) => b.items) }],
  'admin.followups.list': [{ target: "the caller's 回访 tasks", data: () => ({}), expect: ADMINS, check: inOwnCommunity((b) => b.items) }],
  'admin.followups.record': [{ target: "resident A's 回访 task", data: async ({ fx }) => ({ id: await fx.followupOfA(), result: '已电话回访', reached: true }), expect: C1_ADMIN }],
  'admin.catalog.draft.get': [{ target: 'the published catalog', data: () => ({}), expect: ADMINS }],
  // The catalog is shared by every 街道 of the environment: only 街道 admins publish it.
  'admin.catalog.publish': [{ target: 'the catalog, next version', data: bumpedCatalog, expect: STREET_ADMIN_ONLY }],
  'admin.catalog.versions': [{ target: 'the catalog history', data: () => ({}), expect: ADMINS }],
  // Any admin keeps the unpublished draft (publishing it is the 街道's).
  'admin.catalog.draft.save': [{ target: 'the draft, as published', data: async ({ w }) => ({ catalog: (await w.ok('admin', 'admin', 'catalog.draft.get', {})).catalog }), expect: ADMINS }],
  'admin.catalog.draft.discard': [{ target: 'the draft', data: () => ({}), expect: ADMINS }],
  'admin.catalog.review': [{ target: 'the catalog’s review list', data: () => ({}), expect: ADMINS }],
  'admin.catalog.reportClose': [
    {
      target: 'a fresh 报告错误 filed by worker 1',
      data: async ({ w }) => ({ id: (await w.ok('gridWorker', 'desk', 'reportError', { matterCode: 'dibao', note: '探针：时限写错了' })).id }),
      expect: ADMINS,
    },
  ],
  'admin.buildings.upsert': [{ target: 'C1’s building G1-1 (unchanged)', data: () => ({ code: 'G1-1', name: '锦绣东苑1栋', grid: 'G1' }), expect: C1_ADMIN }],
  'admin.buildings.list': [
    { target: "the caller's buildings", data: () => ({}), expect: ADMINS, check: inOwnCommunity((b) => b.items) },
    { target: "C1's grid G1", data: () => ({ grid: 'G1' }), expect: C1_ADMIN },
  ],
  'admin.stations.upsert': [
    { target: "C1's window (unchanged)", data: () => ({ code: 'jinxiu-window', name: '锦绣社区党群服务中心综合窗口', kind: 'window' }), expect: C1_ADMIN },
  ],
  'admin.stations.list': [{ target: "the caller's stations", data: () => ({}), expect: ADMINS, check: inOwnCommunity((b) => b.items) }],
  'admin.roles.set': [
    { target: "G1's worker (unchanged)", data: () => ({ openid: 'demo-worker-1', role: 'worker', communities: [C1] }), expect: C1_ADMIN },
    // Only a 街道 admin appoints admins.
    { target: 'a new admin of the caller’s community', data: (_ctx, role) => ({ openid: 'appointee', role: 'admin', communities: [ownCommunity(role)] }), expect: [401, 403, 403, 403, 403, 403, 403, 403] },
  ],
  'admin.roles.invite': [
    { target: 'a worker invitation to the caller’s community', data: (_ctx, role) => ({ role: 'worker', communities: [ownCommunity(role)] }), expect: ADMINS },
    // Only a 街道 admin invites admins.
    { target: 'an admin invitation to the caller’s community', data: (_ctx, role) => ({ role: 'admin', communities: [ownCommunity(role)] }), expect: [401, 403, 403, 403, 403, 403, 403, 403] },
  ],
  // Invitations listed (by name, never OPENID) within the caller's communities; revoked by the same reach that made them.
  'admin.roles.invites': [
    {
      target: "the caller's open invitations",
      data: () => ({ status: 'all' }),
      expect: ADMINS,
      check: (body, role) =>
        body.items.forEach((i: { communityNames: string[]; invitedBy: string }) => {
          assert(i.communityNames.every((n) => n === (role === 'otherAdmin' ? '翠湖社区' : '锦绣社区')), `${role} lists an invitation to ${i.communityNames}`);
          assert(!/demo-|c2-|probe-/.test(JSON.stringify(i)), `${role} sees an OPENID in an invitation`);
        }),
    },
  ],
  // Revoking again answers the same, so one C1 invitation serves every role.
  'admin.roles.revokeInvite': [{ target: 'an open worker invitation to C1', data: openInvite, expect: C1_ADMIN }],
  'admin.roles.list': [
    {
      target: "the caller's staff",
      data: () => ({}),
      expect: ADMINS,
      check: (body, role) => body.items.forEach((u: { openid: string; communities: string[] }) => assert(u.communities.includes(ownCommunity(role)), `${role} lists ${u.openid} of ${u.communities}`)),
    },
  ],
  // Partners file into every community of the 街道: only its admins issue keys (none of the matrix roles is one).
  'admin.partners.upsert': [{ target: 'a partner key', data: () => ({ code: 'probe-partner', name: '探针平台' }), expect: [401, 403, 403, 403, 403, 403, 403, 403] }],
  // The audit trail is read by 街道 admins only (tests/api/audit.test.ts); neither community admin is one.
  'admin.audit.list': [{ target: 'the audit trail', data: () => ({}), expect: [401, 403, 403, 403, 403, 403, 403, 403] }],
  // Rosters from Excel: any admin may check a sheet; one naming another community's worker is refused row by row (400), never written.
  'admin.rosters.template': [{ target: 'the workers template', data: () => ({ kind: 'workers' }), expect: ADMINS, publicBecause: 'an empty template, the same for every admin' }],
  'admin.rosters.preview': [
    {
      target: "a sheet of C1's worker 1 (unchanged)",
      data: rosterOfWorker1,
      expect: ADMINS,
      check: (body, role) => assert(body.valid === (role === 'admin'), `${role} previews C1's roster as ${body.valid ? 'valid' : 'invalid'}`),
    },
  ],
  'admin.rosters.import': [{ target: "a sheet of C1's worker 1 (unchanged)", data: rosterOfWorker1, expect: [401, 403, 403, 403, 403, 403, 200, 400] }],
  'admin.metrics': [
    { target: "the caller's communities", data: () => MONTH, expect: ADMINS, check: (body, role) => assert(JSON.stringify(body.communities) === JSON.stringify([ownCommunity(role)]), `${role} metrics over ${body.communities}`) },
    { target: 'C1', data: () => ({ ...MONTH, community: C1 }), expect: C1_ADMIN },
  ],

  'timer.tick': [{ target: 'the deadline sweep', data: () => ({}), expect: ADMINS }],

  'visits.log': [
    { target: 'a visit in the caller’s grid', data: () => ({ household: '3栋2单元501', found: '一切正常' }), expect: GRID_WORKERS },
    { target: "linking resident A's report", data: ({ t }) => ({ household: '3栋2单元502', found: '代为反映', requestIds: [t.reportA] }), expect: [401, 403, 403, 200, 404, 403, 403, 403] },
  ],
  'visits.mine': [
    {
      target: "the caller's visits",
      data: () => ({ from: '2026-09-10', to: '2026-10-09' }),
      expect: COMMUNITY_STAFF,
      check(body, role) {
        inOwnCommunity((b) => b.items)(body, role);
        if (role === 'gridWorker' || role === 'otherGridWorker')
          for (const v of body.items) assert(v.worker === (role === 'gridWorker' ? 'demo-worker-1' : 'demo-worker-3'), `${role} sees ${v.worker}'s visit`);
      },
    },
    { target: "G1's worker's visits", data: () => ({ worker: 'demo-worker-1' }), expect: [401, 403, 403, 200, 403, 403, 200, 403] },
  ],
  'visits.households.upsert': [
    { target: "a C1 key household (unchanged)", data: ({ t }) => ({ code: t.householdC1, name: '甲户', tags: ['独居老人'], worker: 'demo-worker-1', frequencyDays: 7 }), expect: C1_ADMIN },
  ],
  'visits.households.list': [{ target: "the caller's key households", data: () => ({}), expect: COMMUNITY_STAFF, check: inOwnCommunity((b) => b.items) }],
  'visits.home': [{ target: "the caller's home card", data: () => ({}), expect: GRID_WORKERS }],
  'visits.targets': [
    { target: "the caller's targets", data: () => ({}), expect: COMMUNITY_STAFF },
    { target: "G1's worker's targets", data: () => ({ worker: 'demo-worker-1' }), expect: [401, 403, 403, 200, 403, 403, 200, 403] },
  ],

  'desk.walkin': [{ target: 'a walk-in at the caller’s window', data: () => ({ matterCode: 'dibao', outcome: 'onTheSpot' }), expect: COMMUNITY_STAFF }],
  'desk.notice': [{ target: "a 告知单 issued at C1's window", data: ({ t }) => ({ id: t.notice.noticeId }), expect: [401, 403, 403, 200, 200, 403, 200, 403] }],
  'desk.today': [{ target: "the caller's window today", data: () => ({}), expect: COMMUNITY_STAFF }],
  'desk.related': [{ target: 'a matter’s related advice', data: () => ({ matterCode: 'dibao' }), expect: STAFF }],
  'desk.reportError': [{ target: '报告错误 on a matter', data: () => ({ matterCode: 'dibao', note: '探针：时限写错了' }), expect: STAFF }],
  'desk.roster.set': [{ target: "C1's roster", data: () => ({ date: '2026-10-12', openids: ['demo-worker-1'], community: C1 }), expect: C1_ADMIN }],
  'desk.roster.get': [
    { target: "the caller's rosters", data: () => MONTH, expect: COMMUNITY_STAFF, check: inOwnCommunity((b) => b.items) },
    { target: "C1's roster", data: () => ({ ...MONTH, community: C1 }), expect: [401, 403, 403, 200, 200, 403, 200, 403] },
  ],
};
