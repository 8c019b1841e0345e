import type * as z from 'zod/mini';
import { AppError } from '@qgt/shared/errors';
import type { CatalogReportView, DeskInput } from '@qgt/shared/desk/api';
import type { PersonRef } from '@qgt/shared/requests/views';
import { type Context } from '../runtime/context';
import { MAX_LIMIT, type Store } from '../store/port';
import { loadCatalog } from './published';
import { customAlphabet } from 'nanoid';
import { USERS } from '../runtime/caller';

const nano = customAlphabet('0123456789ABCDEFGHJKLMNPQRSTUVWXYZ', 14);

/**
 * 报告错误: window staff flag a line of a matter as wrong or outdated; open reports are listed
 * with the admins' review list (admin.catalog.review) until an admin closes them.
 */
export const CATALOG_REPORTS = 'catalogReports';
export type CatalogReportDoc = Omit<CatalogReportView, 'id'> & { _id: string };

const reports = (store: Store) => store.collection<CatalogReportDoc>(CATALOG_REPORTS);
const view = ({ _id, ...doc }: CatalogReportDoc): CatalogReportView => ({ id: _id, ...doc });

async function personOf(ctx: Context, openid: string, fallback?: string): Promise<PersonRef> {
  const user = await ctx.store.collection(USERS).get(openid);
  return { openid, name: user?.name ?? fallback ?? '工作人员' };
}

export async function fileReport(ctx: Context, by: { openid: string; name?: string }, input: z.infer<(typeof DeskInput)['reportError']>): Promise<CatalogReportView> {
  const { byCode } = await loadCatalog(ctx.store);
  const matter = byCode.get(input.matterCode);
  if (!matter) throw new AppError('NOT_FOUND', `找不到事项：${input.matterCode}`, { field: 'data.matterCode' });
  const doc: CatalogReportDoc = {
    _id: `CR${nano()}`,
    at: ctx.now.toISOString(),
    matterCode: matter.code,
    matterTitle: matter.title,
    ...(input.field && { field: input.field }),
    note: input.note,
    by: await personOf(ctx, by.openid, by.name),
    status: 'open',
  };
  await reports(ctx.store).put(doc);
  return view(doc);
}

export async function openReports(store: Store): Promise<CatalogReportView[]> {
  return (await reports(store).find({ status: 'open' }, { sort: { at: -1 }, limit: MAX_LIMIT })).map(view);
}

export async function closeReport(ctx: Context, by: { openid: string; name?: string }, id: string, note?: string): Promise<CatalogReportView> {
  const doc = await reports(ctx.store).get(id);
  if (!doc) throw new AppError('NOT_FOUND', `找不到错误报告：${id}`, { field: 'data.id' });
  if (doc.status === 'closed') throw new AppError('CONFLICT', '该报告已处理', { field: 'data.id' });
  const set = { status: 'closed' as const, closedBy: await personOf(ctx, by.openid, by.name), closedAt: ctx.now.toISOString(), ...(note && { closeNote: note }) };
  // Compare-and-set: of two admins closing at once, one wins and the other hears 409.
  if (!(await reports(ctx.store).updateById(id, { $set: set }, { status: 'open' }))) throw new AppError('CONFLICT', '该报告已处理', { field: 'data.id' });
  return view({ ...doc, ...set });
}

/** This area's collections, typed by name (see CollectionDocs in lib/store/port). */
declare module '../store/port' {
  interface CollectionDocs {
    catalogReports: CatalogReportDoc;
  }
}
