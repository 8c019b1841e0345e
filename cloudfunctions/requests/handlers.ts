import { RequestsInput, type RequestsOutput } from '@qgt/shared/requests/api';
import { AppError } from '@qgt/shared/errors';
import { assertCleanText } from '../lib/moderation/text';
import { action, type HandlerTable } from '../lib/runtime/handler';
import { loadCatalog } from '../lib/catalog/published';
import { loadCommunity } from '../lib/community/store';
import { authorizeView, loadViewer } from '../lib/requests/access';
import { cancelFlow } from '../lib/requests/cancel';
import { LIST_LIMIT } from '../lib/requests/config';
import { categoryName, createFlow } from '../lib/requests/create';
import { duplicatesFor, followFlow } from '../lib/requests/follow';
import { follows, loadRequest, requests } from '../lib/requests/store';
import { applyEvent } from '../lib/requests/transitions';
import { maySeePhotos } from '../lib/files/files';
import { applyImageVerdict, visiblePhotos } from '../lib/moderation/images';
import { viewMany, viewOne } from '../lib/requests/view';
import { urgeFlow } from '../lib/requests/urge';
import { requestOptions } from '../lib/requests/options';

/**
 * Residents' requests (随手拍 reports, doorstep visits, consultations). Workers and admins may use
 * them too: to file on a resident's behalf (`onBehalfOf`) or to read a request they can see.
 */
export const requestsHandlers = {
  create: action({
    input: RequestsInput.create,
    access: 'signedIn',
    audit: true,
    async run({ ctx, caller, input }): Promise<RequestsOutput['create']> {
      return createFlow(ctx, await loadViewer(ctx, caller), input);
    },
  }),

  duplicates: action({
    input: RequestsInput.duplicates,
    access: 'signedIn',
    async run({ ctx, caller, input }): Promise<RequestsOutput['duplicates']> {
      const [{ catalog }, state] = await Promise.all([loadCatalog(ctx.store), loadCommunity(ctx.store)]);
      if (!categoryName(catalog, state, input.category)) throw new AppError('NOT_FOUND', `找不到问题分类：${input.category}`, { field: 'data.category' });
      if (!input.location && !input.buildingCode) throw new AppError('BAD_REQUEST', '请提供位置（location）或楼栋（buildingCode）', { field: 'data.location' });
      return { candidates: await duplicatesFor(ctx, await loadViewer(ctx, caller), input.category, input.location, input.buildingCode) };
    },
  }),

  follow: action({
    input: RequestsInput.follow,
    access: 'signedIn',
    async run({ ctx, caller, input }): Promise<RequestsOutput['follow']> {
      return followFlow(ctx, await loadViewer(ctx, caller), input.id, 'data.id');
    },
  }),

  mine: action({
    input: RequestsInput.mine,
    access: 'signedIn',
    async run({ ctx, caller }): Promise<RequestsOutput['mine']> {
      const viewer = await loadViewer(ctx, caller);
      const [own, followed] = await Promise.all([
        requests(ctx.store).find({ owner: viewer.openid }, { sort: { createdAt: -1 }, limit: LIST_LIMIT }),
        follows(ctx.store).find({ openid: viewer.openid }, { sort: { at: -1 }, limit: LIST_LIMIT }),
      ]);
      const others = followed.length ? await requests(ctx.store).find({ _id: { $in: followed.map((f) => f.request) } }, { limit: LIST_LIMIT }) : [];
      const docs = [...own, ...others].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a._id < b._id ? 1 : -1));
      return { items: await viewMany(ctx, docs.slice(0, LIST_LIMIT), { ...viewer, role: 'resident' }, new Set(others.map((d) => d._id))) };
    },
  }),

  photos: action({
    input: RequestsInput.photos,
    access: 'signedIn',
    async run({ ctx, caller, input }): Promise<RequestsOutput['photos']> {
      const viewer = await loadViewer(ctx, caller);
      const doc = await loadRequest(ctx.store, input.id);
      if (!maySeePhotos(doc, viewer)) throw new AppError('FORBIDDEN', '无权查看该工单的图片');
      return { photos: await ctx.platform.fileUrls(visiblePhotos(doc)) };
    },
  }),
  mediaChecked: action({
    input: RequestsInput.mediaChecked,
    access: ['admin'],
    audit: { target: (input) => input.traceId },
    async run({ ctx, caller, input }): Promise<RequestsOutput['mediaChecked']> {
      // Only WeChat's push, run as the system by the CloudBase entry; no person applies verdicts.
      if (!caller.openid?.startsWith('system:')) throw new AppError('FORBIDDEN', '图片审核结果只能由微信推送');
      return applyImageVerdict(ctx, input.traceId, input.suggest, input.openid);
    },
  }),
  get: action({
    input: RequestsInput.get,
    access: 'signedIn',
    async run({ ctx, caller, input }): Promise<RequestsOutput['get']> {
      const viewer = await loadViewer(ctx, caller);
      const doc = await loadRequest(ctx.store, input.id);
      const { following } = await authorizeView(ctx, doc, viewer);
      const followers = viewer.role === 'resident' ? undefined : await follows(ctx.store).count({ request: doc._id });
      return viewOne(ctx, doc, viewer, viewer.role === 'resident' ? { following } : { followers });
    },
  }),

  cancel: action({
    input: RequestsInput.cancel,
    access: 'signedIn',
    audit: true,
    run: ({ ctx, caller, input }): Promise<RequestsOutput['cancel']> => cancelFlow(ctx, caller, input.id, input.reason),
  }),

  rate: action({
    input: RequestsInput.rate,
    access: 'signedIn',
    async run({ ctx, caller, input }): Promise<RequestsOutput['rate']> {
      await assertCleanText(ctx, [{ field: 'data.comment', text: input.comment, scene: 'comment' }]);
      return applyEvent(ctx, caller, input.id, () => ({ event: { type: 'rate', score: input.score, comment: input.comment, outcome: input.outcome } }));
    },
  }),

  urge: action({
    input: RequestsInput.urge,
    access: ['resident'],
    async run({ ctx, caller, input }): Promise<RequestsOutput['urge']> {
      return urgeFlow(ctx, await loadViewer(ctx, caller), input.id);
    },
  }),

  options: action({
    input: RequestsInput.options,
    access: 'signedIn',
    async run({ ctx, caller, input }): Promise<RequestsOutput['options']> {
      return requestOptions(ctx, await loadViewer(ctx, caller), input);
    },
  }),
} satisfies HandlerTable;
