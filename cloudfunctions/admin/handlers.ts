import { AdminInput } from '@qgt/shared/admin/api';
import type { AdminOutput } from '@qgt/shared/admin/api';
import { ConsoleInput, type ConsoleOutput } from '@qgt/shared/admin/api';
import { MetricsInput } from '@qgt/shared/admin/api';
import type { MetricsView } from '@qgt/shared/metrics/views';
import { AuditInput, type AuditOutput } from '@qgt/shared/admin/api';
import { action, type HandlerTable } from '../lib/runtime/handler';
import { loadCommunity } from '../lib/community/store';
import { gridImportOf, importGrids, listCommunities, listGrids, listWorkers, upsertCategory, upsertCommunity, upsertDepartment, upsertWorker } from '../lib/community/admin';
import { requireSubdistrictAdmin } from '../lib/community/scope';
import { listRoles, setRole } from '../lib/community/roles';
import { listRequests } from '../lib/requests/admin-list';
import { listFollowups, recordFollowupCall } from '../lib/requests/followups';
import { auditReach, listAudit } from '../lib/audit/audit';
// Rare paths, loaded on first use from lazy chunks beside index.js (scripts/build-functions.ts LAZY_CHUNKS).
const catalogConsole = () => import('../lib/catalog/console');
const rosters = () => import('../lib/rosters/rosters');
const metrics = () => import('../lib/metrics/metrics');
const invites = () => import('../lib/community/invites');
const places = () => import('../lib/community/places');
const partners = () => import('../lib/partners/partners');

export const adminHandlers = {
  /** Console: catalog versions (lib/catalog/console), buildings and stations (lib/community/places), roles (lib/community/roles), partners. */
  'catalog.draft.get': action({
    input: ConsoleInput['catalog.draft.get'],
    access: ['admin'],
    rate: null,
    run: async ({ ctx }) => (await catalogConsole()).catalogDraft(ctx),
  }),

  'catalog.draft.save': action({
    input: ConsoleInput['catalog.draft.save'],
    access: ['admin'],
    rate: 'write',
    audit: { target: () => 'draft' },
    run: async ({ ctx, caller, input }) => (await catalogConsole()).saveCatalogDraft(ctx, caller, input),
  }),

  'catalog.draft.discard': action({
    input: ConsoleInput['catalog.draft.discard'],
    access: ['admin'],
    rate: 'write',
    audit: { target: () => 'draft' },
    run: async ({ ctx, input }) => (await catalogConsole()).discardCatalogDraft(ctx, input),
  }),

  'catalog.publish': action({
    input: ConsoleInput['catalog.publish'],
    access: ['admin'],
    rate: 'write',
    audit: { target: (_input, output) => (output as ConsoleOutput['catalog.publish']).version }, // the catalog may come inline or as a storage fileId
    run: async ({ ctx, caller, input }) => (await catalogConsole()).publishCatalog(ctx, caller, input),
  }),

  'catalog.review': action({
    input: ConsoleInput['catalog.review'],
    access: ['admin'],
    rate: null,
    run: async ({ ctx }) => (await catalogConsole()).reviewCatalog(ctx),
  }),

  'catalog.reportClose': action({
    input: ConsoleInput['catalog.reportClose'],
    access: ['admin'],
    rate: 'write',
    run: async ({ ctx, caller, input }) => (await catalogConsole()).closeCatalogReport(ctx, caller, input),
    audit: true,
  }),

  'catalog.versions': action({
    input: ConsoleInput['catalog.versions'],
    access: ['admin'],
    rate: null,
    run: async ({ ctx }) => (await catalogConsole()).catalogVersions(ctx),
  }),

  'buildings.upsert': action({
    input: ConsoleInput['buildings.upsert'],
    access: ['admin'],
    rate: 'write',
    audit: true,
    run: async ({ ctx, caller, input }) => (await places()).upsertBuilding(ctx, caller, input),
  }),

  'buildings.list': action({
    input: ConsoleInput['buildings.list'],
    access: ['admin'],
    rate: null,
    run: async ({ ctx, caller, input }) => (await places()).listBuildings(ctx, caller, input),
  }),

  'stations.upsert': action({
    input: ConsoleInput['stations.upsert'],
    access: ['admin'],
    rate: 'write',
    audit: true,
    run: async ({ ctx, caller, input }) => (await places()).upsertStation(ctx, caller, input),
  }),

  'stations.list': action({
    input: ConsoleInput['stations.list'],
    access: ['admin'],
    rate: null,
    run: async ({ ctx, caller }) => (await places()).listStations(ctx, caller),
  }),

  'roles.set': action({
    input: ConsoleInput['roles.set'],
    access: ['admin'],
    rate: 'write',
    audit: true,
    run: ({ ctx, caller, input }) => setRole(ctx, caller, input),
  }),

  'roles.invite': action({
    input: ConsoleInput['roles.invite'],
    access: ['admin'],
    rate: 'write',
    audit: { target: (input) => `${input.role}:${input.communities.join(',')}` }, // never the code: it signs someone in as staff
    run: async ({ ctx, caller, input }) => (await invites()).createInvite(ctx, caller, input),
  }),

  'roles.invites': action({
    input: ConsoleInput['roles.invites'],
    access: ['admin'],
    rate: null,
    run: async ({ ctx, caller, input }) => (await invites()).listInvites(ctx, caller, input),
  }),

  'roles.revokeInvite': action({
    input: ConsoleInput['roles.revokeInvite'],
    access: ['admin'],
    rate: 'write',
    audit: true, // the stored hash: it names the invitation and accepts nothing
    run: async ({ ctx, caller, input }) => (await invites()).revokeInvite(ctx, caller, input),
  }),

  'roles.list': action({
    input: ConsoleInput['roles.list'],
    access: ['admin'],
    rate: null,
    run: ({ ctx, caller }) => listRoles(ctx, caller),
  }),

  'partners.upsert': action({
    input: ConsoleInput['partners.upsert'],
    access: ['admin'],
    rate: 'write',
    run: async ({ ctx, caller, input }) => (await partners()).upsertPartner(ctx, caller, input),
    audit: true,
  }),

  /** The dashboard (lib/metrics), over the communities the admin runs (a 街道 admin: all of the 街道's). */
  metrics: action({
    input: MetricsInput,
    access: ['admin'],
    rate: null,
    run: async ({ ctx, caller, input }): Promise<MetricsView> => (await metrics()).computeMetrics(ctx, caller, input),
  }),

  /**
   * The audit trail, for 街道 admins only. A community admin gets 403: the trail records what the
   * community's own admins do, so it is read one level up (the 街道 that oversees them), as an
   * auditor's log is kept apart from those it audits.
   */
  'audit.list': action({
    input: AuditInput['audit.list'],
    access: ['admin'],
    rate: null,
    async run({ ctx, caller, input }): Promise<AuditOutput['audit.list']> {
      requireSubdistrictAdmin(caller, '查看操作审计');
      // A 街道 admin of a 区 environment reads their own 街道's records only; a 区 admin reads all.
      return listAudit(ctx, input, auditReach(caller));
    },
  }),

  'grids.import': action({
    input: AdminInput['grids.import'],
    access: ['admin'],
    rate: 'write',
    // A file import names its file: the grids are in it, read after the input is checked.
    audit: { target: (input) => input.features?.map((f) => f.properties.code).join(',') ?? input.fileId },
    async run({ ctx, caller, input }): Promise<AdminOutput['grids.import']> {
      return { imported: await importGrids(ctx, caller, await gridImportOf(ctx, input)) };
    },
  }),

  /** Rosters from Excel (workers, buildings, households): a template, a preview of every row, then an all-or-nothing import. */
  'rosters.template': action({
    input: AdminInput['rosters.template'],
    access: ['admin'],
    rate: null,
    run: async ({ input }) => (await rosters()).rosterTemplate(input.kind),
  }),

  'rosters.preview': action({
    input: AdminInput['rosters.preview'],
    access: ['admin'],
    rate: null,
    run: async ({ ctx, caller, input }) => (await rosters()).previewRoster(ctx, caller, input.kind, input.file),
  }),

  'rosters.import': action({
    input: AdminInput['rosters.import'],
    access: ['admin'],
    rate: 'write',
    audit: { target: (input) => input.kind },
    run: async ({ ctx, caller, input }) => (await rosters()).importRoster(ctx, caller, input.kind, input.file),
  }),

  /** 街道 admins: a community of their 街道, its boundary and its admins. */
  'communities.upsert': action({
    input: AdminInput['communities.upsert'],
    access: ['admin'],
    rate: 'write',
    async run({ ctx, caller, input }): Promise<AdminOutput['communities.upsert']> {
      return upsertCommunity(ctx, caller, input);
    },
    audit: true,
  }),

  /** 街道 admins: add, rename or retire a 随手拍 category (never delete: requests use them). */
  'categories.upsert': action({
    input: AdminInput['categories.upsert'],
    access: ['admin'],
    rate: 'write',
    async run({ ctx, caller, input }): Promise<AdminOutput['categories.upsert']> {
      return upsertCategory(ctx, caller, input);
    },
    audit: true,
  }),

  'communities.list': action({
    input: AdminInput['communities.list'],
    access: ['admin'],
    rate: null,
    run: async ({ caller }) => listCommunities(caller),
  }),

  'grids.list': action({
    input: AdminInput['grids.list'],
    access: ['admin'],
    rate: null,
    run: ({ ctx, caller }) => listGrids(ctx, caller),
  }),

  'workers.upsert': action({
    input: AdminInput['workers.upsert'],
    access: ['admin'],
    rate: 'write',
    audit: true,
    async run({ ctx, caller, input }): Promise<AdminOutput['workers.upsert']> {
      return upsertWorker(ctx, caller, input);
    },
  }),

  'workers.list': action({
    input: AdminInput['workers.list'],
    access: ['admin'],
    rate: null,
    run: ({ ctx, caller }) => listWorkers(ctx, caller),
  }),

  'departments.upsert': action({
    input: AdminInput['departments.upsert'],
    access: ['admin'],
    rate: 'write',
    audit: true,
    async run({ ctx, caller, input }): Promise<AdminOutput['departments.upsert']> {
      return upsertDepartment(ctx, caller, input);
    },
  }),

  'departments.list': action({
    input: AdminInput['departments.list'],
    access: ['admin'],
    rate: null,
    run: async ({ ctx }): Promise<AdminOutput['departments.list']> => ({ items: (await loadCommunity(ctx.store)).departments }),
  }),

  'requests.list': action({
    input: AdminInput['requests.list'],
    access: ['admin'],
    rate: null,
    run: ({ ctx, caller, input }) => listRequests(ctx, caller, input),
  }),

  /** 回访 tasks (opened when a rating reopens a request), of the admin's communities. */
  'followups.list': action({
    input: AdminInput['followups.list'],
    access: ['admin'],
    rate: null,
    async run({ ctx, caller, input }): Promise<AdminOutput['followups.list']> {
      return { items: await listFollowups(ctx, caller, input.status) };
    },
  }),

  'followups.record': action({
    input: AdminInput['followups.record'],
    access: ['admin'],
    rate: 'write',
    audit: true,
    run: ({ ctx, caller, input }) => recordFollowupCall(ctx, caller, input),
  }),
} satisfies HandlerTable;
