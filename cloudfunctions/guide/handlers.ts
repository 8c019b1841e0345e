import { GuideInput } from '@qgt/shared/guide/api';
import { action, type HandlerTable } from '../lib/runtime/handler';
import { guideCatalog, guideLifeEvent, guideList, guideMatter, guideScene, guideSearch, matterQr } from '../lib/catalog/guide';

/** The 百事通 guide: open to everyone, signed in or not (lib/catalog/guide). */
export const guideHandlers = {
  list: action({
    input: GuideInput.list,
    access: 'anyone',
    rate: null,
    run: ({ ctx }) => guideList(ctx),
  }),

  get: action({
    input: GuideInput.get,
    access: 'anyone',
    rate: null,
    run: ({ ctx, input }) => guideMatter(ctx, input),
  }),

  search: action({
    input: GuideInput.search,
    access: 'anyone',
    rate: null,
    run: ({ ctx, input }) => guideSearch(ctx, input),
  }),

  scene: action({
    input: GuideInput.scene,
    access: 'anyone',
    rate: null,
    run: ({ ctx, input }) => guideScene(ctx, input),
  }),

  catalog: action({
    input: GuideInput.catalog,
    access: 'anyone',
    rate: null,
    run: ({ ctx, input }) => guideCatalog(ctx, input),
  }),

  lifeEvent: action({
    input: GuideInput.lifeEvent,
    access: 'anyone',
    rate: null,
    run: ({ ctx, input }) => guideLifeEvent(ctx, input),
  }),

  qr: action({
    input: GuideInput.qr,
    access: 'anyone',
    rate: 'qr',
    run: ({ ctx, input }) => matterQr(ctx, input),
  }),
} satisfies HandlerTable;
