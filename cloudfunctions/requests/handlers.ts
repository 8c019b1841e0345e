import { RequestsInput, type RequestsOutput } from '@qgt/shared/requests/api';
import { AppError } from '@qgt/shared/errors';
import { assertCleanText } from '../lib/moderation/text';
import { action, type HandlerTable } from '../lib/runtime/handler';
import { loadCatalog } from '../lib/catalog/published';
import { BUILDINGS, loadCommunity, stripId, type WithId } from '../lib/community/store';
import type { Building } from '@qgt/shared/domain/community';
import { authorizeView } from '../lib/requests/access';
import { cancelFlow } from '../lib/requests/cancel';
import { CHANGE_CUTOFF_MINUTES, LIST_LIMIT, SLOT_PARAMS } from '../lib/requests/config';
import { categoryName, createFlow } from '../lib/requests/create';
import { duplicatesFor, followFlow } from '../lib/requests/follow';
import { follows, loadRequest, requests } from '../lib/requests/store';
import { applyEvent } from '../lib/requests/transitions';
import { maySeePhotos } from '../lib/files/files';
import { applyImageVerdict, visiblePhotos } from '../lib/moderation/images';
import { viewMany, viewOne } from '../lib/requests/view';
import { urgeFlow } from '../lib/requests/urge';
import { loadViewer } from '../lib/runtime/caller';

/**
 * Residents' requests (随手拍 reports, doorstep visits, consultations). Workers and admins may use
 * them too: to file on a resident's behalf (`onBehalfOf`) or to read a request they can see.
 */
export const requestsHandlers = {
  create: action({
    input: RequestsInput.create,
    access: 'signedIn',
    rate: 'create',
    audit: true,
    async run({ ctx, caller, input }): Promise<RequestsOutput['create']> {
      return createFlow(ctx, caller, input);
    },
  }),

  duplicates: action({
    input: RequestsInput.duplicates,
    access: 'signedIn',
    rate: null,
    async run({ ctx, caller, input }): Promise<RequestsOutput['duplicates']> {
      const [{ catalog }, state] = await Promise.all([loadCatalog(ctx.store), loadCommunity(ctx.store)]);
      if (!categoryName(catalog, state, input.category)) throw new AppError('NOT_FOUND', `找不到问题分类：${input.category}`, { field: 'data.category' });
      if (!input.location && !input.buildingCode) throw new AppError('BAD_REQUEST', '请提供位置（location）或楼栋（buildingCode）', { field: 'data.location' });
      return { candidates: await duplicatesFor(ctx, caller, input.category, input.location, input.buildingCode) };
    },
  }),

  follow: action({
    input: RequestsInput.follow,
    access: 'signedIn',
    rate: 'write',
    async run({ ctx, caller, input }): Promise<RequestsOutput['follow']> {
      return followFlow(ctx, caller, input.id, 'data.id');
    },
  }),

  mine: action({
    input: RequestsInput.mine,
    access: 'signedIn',
    rate: null,
    async run({ ctx, caller }): Promise<RequestsOutput['mine']> {
      const viewer = caller;
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
    rate: null,
    async run({ ctx, caller, input }): Promise<RequestsOutput['photos']> {
      const viewer = caller;
      const doc = await loadRequest(ctx.store, input.id);
      if (!maySeePhotos(doc, viewer)) throw new AppError('FORBIDDEN', '无权查看该工单的图片');
      return { photos: await ctx.platform.fileUrls(visiblePhotos(doc)) };
    },
  }),
  mediaChecked: action({
    input: RequestsInput.mediaChecked,
    // Only WeChat's push, run as the system by the CloudBase entry; no person applies verdicts.
    access: 'system',
    rate: null,
    audit: { target: (input) => input.traceId },
    run: ({ ctx, input }): Promise<RequestsOutput['mediaChecked']> => applyImageVerdict(ctx, input.traceId, input.suggest, input.openid),
  }),
  get: action({
    input: RequestsInput.get,
    access: 'signedIn',
    rate: null,
    async run({ ctx, caller, input }): Promise<RequestsOutput['get']> {
      const viewer = caller;
      const doc = await loadRequest(ctx.store, input.id);
      const { following } = await authorizeView(ctx, doc, viewer);
      const followers = viewer.role === 'resident' ? undefined : await follows(ctx.store).count({ request: doc._id });
      return viewOne(ctx, doc, viewer, viewer.role === 'resident' ? { following } : { followers });
    },
  }),

  cancel: action({
    input: RequestsInput.cancel,
    access: 'signedIn',
    rate: 'write',
    audit: true,
    run: ({ ctx, caller, input }): Promise<RequestsOutput['cancel']> => cancelFlow(ctx, caller, input.id, input.reason),
  }),

  rate: action({
    input: RequestsInput.rate,
    access: 'signedIn',
    rate: 'write',
    async run({ ctx, caller, input }): Promise<RequestsOutput['rate']> {
      await assertCleanText(ctx, [{ field: 'data.comment', text: input.comment, scene: 'comment' }]);
      return applyEvent(ctx, caller, input.id, () => ({ event: { type: 'rate', score: input.score, comment: input.comment, outcome: input.outcome } }));
    },
  }),

  urge: action({
    input: RequestsInput.urge,
    access: ['resident'],
    rate: 'write',
    async run({ ctx, caller, input }): Promise<RequestsOutput['urge']> {
      return urgeFlow(ctx, caller, input.id);
    },
  }),

  options: action({
    input: RequestsInput.options,
    access: 'signedIn',
    rate: null,
    async run({ ctx }): Promise<RequestsOutput['options']> {
      const state = await loadCommunity(ctx.store);
      const gridNames = new Map(state.grids.map((g) => [g.code, g]));
      const buildings = (await ctx.store.collection<WithId<Building>>(BUILDINGS).find({}, { sort: { _id: 1 } })).map((b) => stripId<Building>(b));
      return {
        reportCategories: state.reportCategories.filter((c) => !c.retired),
        buildings: buildings
          .filter((b) => gridNames.has(b.grid))
          .map((b) => ({ code: b.code, name: b.name, grid: b.grid, gridName: gridNames.get(b.grid)!.name, community: gridNames.get(b.grid)!.community, ...(b.point && { point: b.point }) })),
        communities: state.communities.map((c) => ({ code: c.code, name: c.name })),
        visit: { visitMinutes: SLOT_PARAMS.visitMinutes, bufferMinutes: SLOT_PARAMS.bufferMinutes, noticeMinutes: SLOT_PARAMS.noticeMinutes, cutoffMinutes: CHANGE_CUTOFF_MINUTES },
      };
    },
  }),
} satisfies HandlerTable;
