import { AppError } from '@qgt/shared/errors';
import type { Building, Community, Station } from '@qgt/shared/domain/community';
import { stationScene } from '@qgt/shared/guide/scene';
import { ConsoleInput, type BuildingAdminView, type ConsoleOutput, type RoleView, type StationView } from '@qgt/shared/admin/console-api';
import { compareVersions } from '@qgt/shared/catalog/version';
import { reviewList } from '@qgt/shared/catalog/checks';
import { unsourcedChanges } from '@qgt/shared/catalog/diff';
import { CatalogSchema, type Catalog } from '@qgt/shared/catalog/schema';
import { DEFAULT_TZ, localDate } from '@qgt/shared/domain/calendar';
import { action, type HandlerTable } from '../lib/runtime/handler';
import { type Context } from '../lib/runtime/context';
import { isSubdistrictAdmin, ownCommunity as own, requireSubdistrictAdmin, type AdminScope } from '../lib/community/scope';
import { CATALOGS, currentCatalogVersion, loadCatalog, type CatalogDoc } from '../lib/catalog/published';
import { CATALOG_HISTORY, publishNewVersion, type CatalogHistoryDoc } from '../lib/catalog/publish';
import { closeReport, openReports } from '../lib/catalog/reports';
import { BUILDINGS, COMMUNITIES, STATIONS, bumpCommunityVersion, loadCommunity, type CommunityState, type WithId } from '../lib/community/store';
import { MAX_LIMIT } from '../lib/store/port';
import { issuePartnerKey } from '../lib/partners/partners';
import { USERS, loadAdminScope, type Caller, type StaffUserDoc } from '../lib/runtime/caller';

/**
 * The admin console beside grids/workers/departments: catalog versions, buildings, stations and
 * roles. Admin only; an admin sees and changes only their own communities (a 街道 admin: every
 * community of the 街道).
 */

function buildingView(b: Building, state: CommunityState): BuildingAdminView {
  const grid = state.grids.find((g) => g.code === b.grid);
  return { code: b.code, name: b.name, grid: b.grid, gridName: grid?.name ?? b.grid, community: grid?.community ?? '', ...(b.point && { point: b.point }) };
}

function stationView(s: Station): StationView {
  return { ...s, scene: stationScene(s.code), qr: `/qr/station/${s.code}.png` };
}

function roleView(u: StaffUserDoc, state: CommunityState): RoleView {
  return {
    openid: u._id,
    role: u.role,
    ...(u.name && { name: u.name }),
    communities: u.communities ?? [],
    subdistrictAdmin: isSubdistrictAdmin(state, u._id),
  };
}

/**
 * The review workflow's rule: each changed field of a matter brings a new source for that field
 * (title with a 文号 or link), so nothing reaches residents that cannot be traced.
 */
async function requireSourcesForChanges(ctx: Context, next: Catalog): Promise<void> {
  const { catalog: current } = await loadCatalog(ctx.store);
  const missing = unsourcedChanges(current, next);
  if (!missing.length) return;
  const first = missing[0];
  const index = next.matters.findIndex((m) => m.code === first.code);
  const more = missing.length > 1 ? `等${missing.length}处修改` : '';
  throw new AppError('BAD_REQUEST', `「${first.title}」修改了${first.label}${more}，请为修改的每一项补充来源（文号或链接）`, {
    field: `data.catalog.matters.${index}.sources`,
  });
}

export const consoleHandlers = {
  'catalog.draft.get': action({
    input: ConsoleInput['catalog.draft.get'],
    access: ['admin'],
    rate: null,
    async run({ ctx, caller }): Promise<ConsoleOutput['catalog.draft.get']> {
      caller;
      const { catalog } = await loadCatalog(ctx.store);
      const doc = await ctx.store.collection<CatalogDoc>(CATALOGS).get(catalog.version);
      return { catalog, publishedAt: doc?.publishedAt ?? null };
    },
  }),

  'catalog.publish': action({
    input: ConsoleInput['catalog.publish'],
    access: ['admin'],
    rate: 'write',
    audit: { target: (_input, output) => (output as ConsoleOutput['catalog.publish']).version }, // the catalog may come inline or as a storage fileId
    async run({ ctx, caller, input }): Promise<ConsoleOutput['catalog.publish']> {
      const admin = caller;
      // The catalog is shared by every 街道 of the environment: no single community's admin republishes it.
      requireSubdistrictAdmin(admin, '发布办事指南目录');
      const catalog = await catalogInput(ctx, input);
      await requireSourcesForChanges(ctx, catalog);
      const previous = await publishNewVersion(ctx.store, catalog, ctx.now, { by: admin.openid, ...(input.note && { note: input.note }) });
      ctx.log.info({ version: catalog.version, previous, by: admin.openid }, 'catalog published');
      return { version: catalog.version, previous, publishedAt: ctx.now.toISOString() };
    },
  }),

  'catalog.review': action({
    input: ConsoleInput['catalog.review'],
    access: ['admin'],
    rate: null,
    async run({ ctx, caller }): Promise<ConsoleOutput['catalog.review']> {
      caller;
      const [{ catalog }, reports] = await Promise.all([loadCatalog(ctx.store), openReports(ctx.store)]);
      return { ...reviewList(catalog, { today: localDate(ctx.now.toISOString(), DEFAULT_TZ) }), reports };
    },
  }),

  'catalog.reportClose': action({
    input: ConsoleInput['catalog.reportClose'],
    access: ['admin'],
    rate: 'write',
    async run({ ctx, caller, input }): Promise<ConsoleOutput['catalog.reportClose']> {
      const admin = caller;
      return closeReport(ctx, admin, input.id, input.note);
    },
    audit: true,
  }),

  'catalog.versions': action({
    input: ConsoleInput['catalog.versions'],
    access: ['admin'],
    rate: null,
    async run({ ctx, caller }): Promise<ConsoleOutput['catalog.versions']> {
      caller;
      const current = await currentCatalogVersion(ctx.store);
      const history = await ctx.store.collection<CatalogHistoryDoc>(CATALOG_HISTORY).find({}, { sort: { publishedAt: -1 }, limit: MAX_LIMIT });
      // Stores published before the history existed: the current version still shows.
      if (current && !history.some((h) => h.version === current)) {
        const { catalog } = await loadCatalog(ctx.store);
        const doc = await ctx.store.collection<CatalogDoc>(CATALOGS).get(current);
        history.push({ _id: current, version: current, publishedAt: doc?.publishedAt ?? '', matters: catalog.matters.length });
      }
      const by = [...new Set(history.flatMap((h) => (h.by ? [h.by] : [])))];
      const users = by.length ? await ctx.store.collection<StaffUserDoc>(USERS).find({ _id: { $in: by } }) : [];
      const names = new Map(users.map((u) => [u._id, u.name]));
      const items = history
        .sort((a, b) => compareVersions(b.version, a.version))
        .map(({ _id, ...h }) => ({ ...h, ...(h.by && names.get(h.by) && { byName: names.get(h.by) }), current: h.version === current }));
      return { current, items };
    },
  }),

  'buildings.upsert': action({
    input: ConsoleInput['buildings.upsert'],
    access: ['admin'],
    rate: 'write',
    audit: true,
    async run({ ctx, caller, input }): Promise<ConsoleOutput['buildings.upsert']> {
      const admin = caller;
      const grid = admin.state.grids.find((g) => g.code === input.grid);
      if (!grid) throw new AppError('NOT_FOUND', `找不到网格：${input.grid}`, { field: 'data.grid' });
      own(admin, grid.community, 'data.grid');
      const coll = ctx.store.collection<WithId<Building>>(BUILDINGS);
      const existing = await coll.get(input.code);
      if (existing) own(admin, admin.state.grids.find((g) => g.code === existing.grid)?.community, 'data.code');
      const point = input.point ?? existing?.point;
      const building: Building = { code: input.code, name: input.name, grid: input.grid, ...(point && { point }) };
      await coll.put({ ...building, _id: building.code });
      return buildingView(building, admin.state);
    },
  }),

  'buildings.list': action({
    input: ConsoleInput['buildings.list'],
    access: ['admin'],
    rate: null,
    async run({ ctx, caller, input }): Promise<ConsoleOutput['buildings.list']> {
      const admin = caller;
      const grids = admin.state.grids.filter((g) => admin.communities.includes(g.community)).map((g) => g.code);
      if (input.grid && !grids.includes(input.grid)) throw new AppError('FORBIDDEN', `无权查看网格：${input.grid}`, { field: 'data.grid' });
      const docs = await ctx.store.collection<WithId<Building>>(BUILDINGS).find({ grid: { $in: input.grid ? [input.grid] : grids } }, { sort: { _id: 1 }, limit: MAX_LIMIT });
      return { items: docs.map(({ _id, ...b }) => buildingView(b, admin.state)) };
    },
  }),

  'stations.upsert': action({
    input: ConsoleInput['stations.upsert'],
    access: ['admin'],
    rate: 'write',
    audit: true,
    async run({ ctx, caller, input }): Promise<ConsoleOutput['stations.upsert']> {
      const admin = caller;
      const coll = ctx.store.collection<WithId<Station>>(STATIONS);
      const existing = await coll.get(input.code);
      if (existing) own(admin, existing.community, 'data.code');
      const community = input.community ?? existing?.community ?? admin.communities[0];
      if (!admin.state.communities.some((c) => c.code === community)) throw new AppError('NOT_FOUND', `未知社区：${community}`, { field: 'data.community' });
      own(admin, community, 'data.community');
      const address = input.address ?? existing?.address;
      const point = input.point ?? existing?.point;
      const hours = input.hours ?? existing?.hours;
      const phone = input.phone ?? existing?.phone;
      const matters = input.matters ?? existing?.matters;
      const station: Station = {
        code: input.code,
        name: input.name,
        kind: input.kind,
        community,
        ...(address && { address }),
        ...(point && { point }),
        ...(hours && { hours }),
        ...(phone && { phone }),
        ...(matters && { matters }),
      };
      await coll.put({ ...station, _id: station.code });
      return stationView(station);
    },
  }),

  'stations.list': action({
    input: ConsoleInput['stations.list'],
    access: ['admin'],
    rate: null,
    async run({ ctx, caller }): Promise<ConsoleOutput['stations.list']> {
      const admin = caller;
      const docs = await ctx.store.collection<WithId<Station>>(STATIONS).find({ community: { $in: admin.communities } }, { sort: { _id: 1 }, limit: MAX_LIMIT });
      return { items: docs.map(({ _id, ...s }) => stationView(s)) };
    },
  }),

  'roles.set': action({
    input: ConsoleInput['roles.set'],
    access: ['admin'],
    rate: 'write',
    audit: true,
    async run({ ctx, caller, input }): Promise<ConsoleOutput['roles.set']> {
      const admin = caller;
      if (input.openid === admin.openid) throw new AppError('FORBIDDEN', '不能修改自己的角色', { field: 'data.openid' });
      if (input.role === 'admin' && admin.level === 'community') throw new AppError('FORBIDDEN', '只有街道管理员可以任命社区管理员', { field: 'data.role' });
      input.communities.forEach((c, i) => {
        if (!admin.state.communities.some((x) => x.code === c)) throw new AppError('NOT_FOUND', `未知社区：${c}`, { field: `data.communities.${i}` });
        own(admin, c, `data.communities.${i}`);
      });
      if (input.role !== 'resident' && !input.communities.length) throw new AppError('BAD_REQUEST', '请至少选择一个社区', { field: 'data.communities' });
      const users = ctx.store.collection<StaffUserDoc>(USERS);
      const user = await users.get(input.openid);
      const theirs = user?.communities ?? [];
      if (user?.role === 'admin' && admin.level === 'community') throw new AppError('FORBIDDEN', '只有街道管理员可以变更管理员的角色', { field: 'data.openid' });
      if (isSubdistrictAdmin(admin.state, input.openid)) throw new AppError('FORBIDDEN', '街道管理员的角色不能在此变更', { field: 'data.openid' });
      if (user && user.role !== 'resident' && theirs.length && !theirs.some((c) => admin.communities.includes(c)))
        throw new AppError('FORBIDDEN', '无权管理其他社区的人员', { field: 'data.openid' });
      if (input.role === 'resident' && admin.state.grids.some((g) => g.worker === input.openid || g.backup === input.openid))
        throw new AppError('CONFLICT', '该人员仍是网格员或B角，请先在网格中替换', { field: 'data.role' });
      // Communities outside the caller's reach stay as they were; inside it, the input decides. So
      // "resident" from an admin of one of several communities someone serves only lets them go
      // from that admin's communities: they keep their role for the others.
      const kept = theirs.filter((c) => !admin.communities.includes(c));
      const released = input.role === 'resident' && user !== null && user.role !== 'resident' && kept.length > 0;
      const role = released ? user.role : input.role;
      const communities = input.role === 'resident' ? kept : [...new Set([...kept, ...input.communities])];
      const doc: StaffUserDoc = {
        ...user,
        _id: input.openid,
        role,
        ...((input.name ?? user?.name) && { name: input.name ?? user?.name }),
        communities,
        createdAt: user?.createdAt ?? ctx.now.toISOString(),
      };
      await users.put(doc);
      await syncCommunityAdmins(ctx, admin, input.openid, role === 'admin' ? communities : []);
      return roleView(doc, admin.state);
    },
  }),

  'roles.list': action({
    input: ConsoleInput['roles.list'],
    access: ['admin'],
    rate: null,
    async run({ ctx, caller }): Promise<ConsoleOutput['roles.list']> {
      const admin = caller;
      const users = await ctx.store.collection<StaffUserDoc>(USERS).find({ role: { $in: ['admin', 'worker'] } }, { sort: { _id: 1 }, limit: MAX_LIMIT });
      return { items: users.filter((u) => (u.communities ?? []).some((c) => admin.communities.includes(c))).map((u) => roleView(u, admin.state)) };
    },
  }),

  'partners.upsert': action({
    input: ConsoleInput['partners.upsert'],
    access: ['admin'],
    rate: 'write',
    async run({ ctx, caller, input }): Promise<ConsoleOutput['partners.upsert']> {
      const admin = caller;
      // A partner files into every community of the 街道: only its admins may let one in.
      if (admin.level === 'community') throw new AppError('FORBIDDEN', '只有街道管理员可以管理对接平台的密钥', { field: 'data.code' });
      const issued = await issuePartnerKey(ctx.store, input, admin.openid, ctx.now);
      ctx.log.info({ partner: input.code, by: admin.openid }, 'partner key issued');
      return issued;
    },
    audit: true,
  }),
} satisfies HandlerTable;

/**
 * Keeps each community's `admins` (dispatcher first, 督办 recipients) in step with the roles:
 * a new admin is appended (the dispatcher stays), a former one removed — within the caller's reach.
 */
async function syncCommunityAdmins(ctx: Context, admin: AdminScope, openid: string, adminOf: string[]): Promise<void> {
  const coll = ctx.store.collection<WithId<Community>>(COMMUNITIES);
  let changed = false;
  for (const c of admin.state.communities.filter((x) => admin.communities.includes(x.code))) {
    const has = c.admins.includes(openid);
    const should = adminOf.includes(c.code);
    if (has === should) continue;
    await coll.put({ ...c, _id: c.code, admins: should ? [...c.admins, openid] : c.admins.filter((a) => a !== openid) });
    changed = true;
  }
  if (changed) await bumpCommunityVersion(ctx.store);
}

/** The catalog to publish: inline, or the uploaded JSON behind `fileId` (past the call payload limit), parsed like an inline one. */
async function catalogInput(ctx: Context, input: { catalog?: Catalog; fileId?: string }): Promise<Catalog> {
  if (input.catalog && input.fileId) throw new AppError('BAD_REQUEST', '目录内容和目录文件只能提交一个', { field: 'data.fileId' });
  if (input.catalog) return input.catalog;
  if (!input.fileId) throw new AppError('BAD_REQUEST', '请提交目录', { field: 'data.catalog' });
  let json: unknown;
  try {
    json = JSON.parse((await ctx.platform.readFile(input.fileId)).toString('utf8'));
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('BAD_REQUEST', '目录文件不是有效的 JSON', { field: 'data.fileId' });
  }
  const parsed = CatalogSchema.safeParse(json);
  if (!parsed.success) throw new AppError('BAD_REQUEST', `目录文件有误：${parsed.error.issues[0]?.message ?? '格式不符'}`, { field: 'data.fileId' });
  return parsed.data;
}
