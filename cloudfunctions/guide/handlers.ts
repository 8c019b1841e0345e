import { AppError } from '@qgt/shared/errors';
import { GuideInput, MATTER_PAGE, type GuideOutput } from '@qgt/shared/guide/api';
import { matterScene, parseScene } from '@qgt/shared/guide/scene';
import { categoriesWithCounts, matterBriefs } from '@qgt/shared/catalog/summary';
import { search } from '@qgt/shared/search/match';
import { sniffImage } from '../lib/files/sniff';
import { action, type HandlerTable } from '../lib/runtime/handler';
import { loadCatalog, type LoadedCatalog } from '../lib/catalog/published';
import { getStation } from '../lib/community/stations';

/** The 百事通 guide: open to everyone, signed in or not. */

function matterOrThrow(loaded: LoadedCatalog, code: string) {
  const matter = loaded.byCode.get(code);
  if (!matter) throw new AppError('NOT_FOUND', `找不到事项：${code}`, { field: 'data.code' });
  return matter;
}

export function matterLink(publicUrl: string, code: string): string {
  return `${publicUrl.replace(/\/$/, '')}/?m=${encodeURIComponent(code)}`;
}

export function stationLink(publicUrl: string, code: string): string {
  return `${publicUrl.replace(/\/$/, '')}/?s=${encodeURIComponent(code)}`;
}

export const guideHandlers = {
  list: action({
    input: GuideInput.list,
    access: 'anyone',
    async run({ ctx }): Promise<GuideOutput['list']> {
      const { catalog } = await loadCatalog(ctx.store);
      return { version: catalog.version, categories: categoriesWithCounts(catalog), matters: matterBriefs(catalog) };
    },
  }),

  get: action({
    input: GuideInput.get,
    access: 'anyone',
    async run({ ctx, input }): Promise<GuideOutput['get']> {
      return matterOrThrow(await loadCatalog(ctx.store), input.code);
    },
  }),

  search: action({
    input: GuideInput.search,
    access: 'anyone',
    async run({ ctx, input }): Promise<GuideOutput['search']> {
      const { index } = await loadCatalog(ctx.store);
      return { results: search(index, input.q, input.limit).map(({ code, title, category }) => ({ code, title, category })) };
    },
  }),

  scene: action({
    input: GuideInput.scene,
    access: 'anyone',
    async run({ ctx, input }): Promise<GuideOutput['scene']> {
      const scene = parseScene(input.scene);
      if (!scene) throw new AppError('BAD_REQUEST', '二维码内容无法识别', { field: 'data.scene' });
      if (scene.type === 'matter') matterOrThrow(await loadCatalog(ctx.store), scene.code);
      else if (!(await getStation(ctx.store, scene.code))) throw new AppError('NOT_FOUND', `找不到服务站点：${scene.code}`, { field: 'data.scene' });
      return scene;
    },
  }),

  catalog: action({
    input: GuideInput.catalog,
    access: 'anyone',
    async run({ ctx, input }): Promise<GuideOutput['catalog']> {
      const { catalog, index } = await loadCatalog(ctx.store);
      if (input.version === catalog.version) return { version: catalog.version, unchanged: true };
      return { version: catalog.version, unchanged: false, catalog, index };
    },
  }),

  qr: action({
    input: GuideInput.qr,
    access: 'anyone',
    async run({ ctx, input }): Promise<GuideOutput['qr']> {
      matterOrThrow(await loadCatalog(ctx.store), input.code);
      const scene = matterScene(input.code);
      const link = matterLink(ctx.platform.publicUrl, input.code);
      const code = await ctx.platform.sceneCode({ scene, page: MATTER_PAGE, link });
      // WeChat's codes are JPEG whatever they are called: label the bytes as what they are.
      return { scene, page: MATTER_PAGE, link, image: `data:${sniffImage(code) ?? 'image/png'};base64,${code.toString('base64')}` };
    },
  }),
} satisfies HandlerTable;
