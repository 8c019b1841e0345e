import type * as z from 'zod/mini';
import type { RequestsInput, RequestsOutput } from '@qgt/shared/requests/api';
import { AppError } from '@qgt/shared/errors';
import { loadCatalog } from '../catalog/published';
import { BUILDINGS, loadCommunity, stripId, type WithId } from '../community/store';
import type { Building } from '@qgt/shared/domain/community';
import { authorizeView } from './access';
import { CHANGE_CUTOFF_MINUTES, LIST_LIMIT, SLOT_PARAMS } from './config';
import { categoryName } from './create';
import { duplicatesFor } from './follow';
import { follows, loadRequest, requests } from './store';
import { maySeePhotos } from '../files/files';
import { visiblePhotos } from '../moderation/images';
import { viewMany, viewOne } from './view';
import type { Context } from '../runtime/context';
import type { Viewer } from '../runtime/caller';

/** What residents (and staff, for requests they can see) read of requests: the requests function's table calls it. */

type In<K extends keyof typeof RequestsInput> = z.output<(typeof RequestsInput)[K]>;

export async function findDuplicates(ctx: Context, viewer: Viewer, input: In<'duplicates'>): Promise<RequestsOutput['duplicates']> {
  const [{ catalog }, state] = await Promise.all([loadCatalog(ctx.store), loadCommunity(ctx.store)]);
  if (!categoryName(catalog, state, input.category)) throw new AppError('NOT_FOUND', `找不到问题分类：${input.category}`, { field: 'data.category' });
  if (!input.location && !input.buildingCode) throw new AppError('BAD_REQUEST', '请提供位置（location）或楼栋（buildingCode）', { field: 'data.location' });
  return { candidates: await duplicatesFor(ctx, viewer, input.category, input.location, input.buildingCode) };
}

export async function myRequests(ctx: Context, viewer: Viewer): Promise<RequestsOutput['mine']> {
  const [own, followed] = await Promise.all([
    requests(ctx.store).find({ owner: viewer.openid }, { sort: { createdAt: -1 }, limit: LIST_LIMIT }),
    follows(ctx.store).find({ openid: viewer.openid }, { sort: { at: -1 }, limit: LIST_LIMIT }),
  ]);
  const others = followed.length ? await requests(ctx.store).find({ _id: { $in: followed.map((f) => f.request) } }, { limit: LIST_LIMIT }) : [];
  const docs = [...own, ...others].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a._id < b._id ? 1 : -1));
  return { items: await viewMany(ctx, docs.slice(0, LIST_LIMIT), { ...viewer, role: 'resident' }, new Set(others.map((d) => d._id))) };
}

export async function requestPhotos(ctx: Context, viewer: Viewer, input: In<'photos'>): Promise<RequestsOutput['photos']> {
  const doc = await loadRequest(ctx.store, input.id);
  if (!maySeePhotos(doc, viewer)) throw new AppError('FORBIDDEN', '无权查看该工单的图片');
  return { photos: await ctx.platform.fileUrls(visiblePhotos(doc)) };
}

export async function getRequest(ctx: Context, viewer: Viewer, input: In<'get'>): Promise<RequestsOutput['get']> {
  const doc = await loadRequest(ctx.store, input.id);
  const { following } = await authorizeView(ctx, doc, viewer);
  const followers = viewer.role === 'resident' ? undefined : await follows(ctx.store).count({ request: doc._id });
  return viewOne(ctx, doc, viewer, viewer.role === 'resident' ? { following } : { followers });
}

