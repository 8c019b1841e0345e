import type * as z from 'zod/mini';
import { AppError } from '@qgt/shared/errors';
import type { ConsoleInput, ConsoleOutput } from '@qgt/shared/admin/api';
import { compareVersions } from '@qgt/shared/catalog/version';
import { unsourcedChanges } from '@qgt/shared/catalog/diff';
import { CatalogSchema, type Catalog } from '@qgt/shared/catalog/schema';
import { DEFAULT_TZ, localDate } from '@qgt/shared/domain/calendar';
import type { Context } from '../runtime/context';
import { requireSubdistrictAdmin, type AdminScope } from '../community/scope';
import { readJsonInput } from '../files/json-input';
import { CATALOGS, currentCatalogVersion, loadCatalog, type CatalogDoc } from './published';
import { CATALOG_HISTORY, publishNewVersion, type CatalogHistoryDoc } from './publish';
import { closeReport, openReports } from './reports';
import { dropDraft, dropPublishedDraft, nextSavedAt, readDraft, replaceDraft, writeDraft } from './draft';
import { MAX_LIMIT } from '../store/port';
import { USERS } from '../runtime/caller';

type In<K extends keyof typeof ConsoleInput> = z.output<(typeof ConsoleInput)[K]>;

/** The console's catalog workflow: drafts, review, publishing with sources, reports and versions (admins; see admin/handlers). */

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

export async function catalogDraft(ctx: Context): Promise<ConsoleOutput['catalog.draft.get']> {
  const [{ catalog }, draft] = await Promise.all([loadCatalog(ctx.store), readDraft(ctx.store)]);
  const doc = await ctx.store.collection<CatalogDoc>(CATALOGS).get(catalog.version);
  return { catalog, publishedAt: doc?.publishedAt ?? null, draft };
}

/** Any admin keeps the edited catalog as the draft; the sources rule is checked at publish, where it applies against the then-current version. */
export async function saveCatalogDraft(ctx: Context, admin: AdminScope, input: In<'catalog.draft.save'>): Promise<ConsoleOutput['catalog.draft.save']> {
  const catalog = await catalogInput(ctx, input);
  const base = await currentCatalogVersion(ctx.store);
  const draft = { catalog, savedAt: nextSavedAt(ctx.now, input.savedAt), by: admin.openid, base };
  // With the savedAt the editor started from, a save made meanwhile by another admin is not overwritten (409).
  if (input.savedAt === undefined) await writeDraft(ctx.store, draft);
  else await replaceDraft(ctx.store, draft, input.savedAt);
  return { savedAt: draft.savedAt, by: draft.by, base, ...(admin.name && { byName: admin.name }) };
}

export async function discardCatalogDraft(ctx: Context, input: In<'catalog.draft.discard'>): Promise<ConsoleOutput['catalog.draft.discard']> {
  return { discarded: await dropDraft(ctx.store, input.savedAt) };
}

export async function publishCatalog(ctx: Context, admin: AdminScope, input: In<'catalog.publish'>): Promise<ConsoleOutput['catalog.publish']> {
  // The catalog is shared by every 街道 of the environment: no single community's admin republishes it.
  requireSubdistrictAdmin(admin, '发布办事指南目录');
  const fromDraft = !input.catalog && !input.fileId;
  const draft = fromDraft ? await draftToPublish(ctx, input.version) : null;
  const catalog = draft?.catalog ?? (await catalogInput(ctx, input));
  await requireSourcesForChanges(ctx, catalog);
  const previous = await publishNewVersion(ctx.store, catalog, ctx.now, { by: admin.openid, ...(input.note && { note: input.note }) });
  // The draft is done once published; an inline publish (a script, an import) leaves it alone.
  // Only the draft published: one saved while the publish ran stays (outdated, not silently lost).
  if (draft) await dropPublishedDraft(ctx.store, draft.savedAt);
  ctx.log.info({ version: catalog.version, previous, by: admin.openid, fromDraft }, 'catalog published');
  return { version: catalog.version, previous, publishedAt: ctx.now.toISOString() };
}

async function draftToPublish(ctx: Context, version: string | undefined): Promise<{ catalog: Catalog; savedAt: string }> {
  const draft = await readDraft(ctx.store);
  if (!draft) throw new AppError('NOT_FOUND', '没有待发布的草稿，请先保存修改', { field: 'data.catalog' });
  // A draft started from an older version would silently undo what was published since.
  const current = await currentCatalogVersion(ctx.store);
  if (draft.base !== current)
    throw new AppError('CONFLICT', `草稿基于 ${draft.base ?? '无'} 版，目录已更新为 ${current} 版：请放弃草稿后在新版本上修改`, { field: 'data.version', reason: 'draftOutdated' });
  return { catalog: version ? { ...draft.catalog, version } : draft.catalog, savedAt: draft.savedAt };
}

export async function reviewCatalog(ctx: Context): Promise<ConsoleOutput['catalog.review']> {
  // The law table (~12 KB) is read by this page only: loaded on demand (a lazy chunk in the cloud bundle).
  const [{ catalog }, reports, { reviewList }] = await Promise.all([loadCatalog(ctx.store), openReports(ctx.store), import('@qgt/shared/catalog/checks')]);
  return { ...reviewList(catalog, { today: localDate(ctx.now.toISOString(), DEFAULT_TZ) }), reports };
}

export async function closeCatalogReport(ctx: Context, admin: AdminScope, input: In<'catalog.reportClose'>): Promise<ConsoleOutput['catalog.reportClose']> {
  return closeReport(ctx, admin, input.id, input.note);
}

export async function catalogVersions(ctx: Context): Promise<ConsoleOutput['catalog.versions']> {
  const current = await currentCatalogVersion(ctx.store);
  const history = await ctx.store.collection<CatalogHistoryDoc>(CATALOG_HISTORY).find({}, { sort: { publishedAt: -1 }, limit: MAX_LIMIT });
  // Stores published before the history existed: the current version still shows.
  if (current && !history.some((h) => h.version === current)) {
    const { catalog } = await loadCatalog(ctx.store);
    const doc = await ctx.store.collection<CatalogDoc>(CATALOGS).get(current);
    history.push({ _id: current, version: current, publishedAt: doc?.publishedAt ?? '', matters: catalog.matters.length });
  }
  const by = [...new Set(history.flatMap((h) => (h.by ? [h.by] : [])))];
  const users = by.length ? await ctx.store.collection(USERS).find({ _id: { $in: by } }) : [];
  const names = new Map(users.map((u) => [u._id, u.name]));
  const items = history
    .sort((a, b) => compareVersions(b.version, a.version))
    .map(({ _id, ...h }) => ({ ...h, ...(h.by && names.get(h.by) && { byName: names.get(h.by) }), current: h.version === current }));
  return { current, items };
}

/** The catalog to publish: inline, or the uploaded JSON behind `fileId` (past the call payload limit), parsed like an inline one. */
async function catalogInput(ctx: Context, input: { catalog?: Catalog; fileId?: string }): Promise<Catalog> {
  if (input.catalog && input.fileId) throw new AppError('BAD_REQUEST', '目录内容和目录文件只能提交一个', { field: 'data.fileId' });
  if (input.catalog) return input.catalog;
  if (!input.fileId) throw new AppError('BAD_REQUEST', '请提交目录', { field: 'data.catalog' });
  return readJsonInput(ctx, input.fileId, CatalogSchema, '目录文件');
}

