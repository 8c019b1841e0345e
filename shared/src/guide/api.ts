import * as z from 'zod';
import { MatterCode, type Catalog, type Category, type Matter } from '../catalog/schema';
import type { SearchIndex } from '../search/types';
import type { Scene } from './scene';

/** Input schemas and output types of the `guide` function (anonymous callers allowed). */
export const GuideInput = {
  list: z.object({}),
  get: z.object({ code: MatterCode }),
  search: z
    .object({
      q: z.string().trim().min(1, '请输入要搜索的内容').max(100, '搜索内容不能超过100个字'),
      limit: z.number().int().min(1).max(50).optional(),
    })
    ,
  scene: z.object({ scene: z.string().min(1, '缺少二维码场景值').max(128, '二维码场景值过长') }),
  /** The device sends the version it has cached; the full catalog comes back only when it changed. */
  catalog: z.object({ version: z.string().max(32).optional() }),
  qr: z.object({ code: MatterCode }),
} as const;

export type CategoryWithCount = Category & { count: number };
export type MatterBrief = Pick<Matter, 'code' | 'title' | 'category'>;

export interface GuideOutput {
  list: { version: string; categories: CategoryWithCount[]; matters: MatterBrief[] };
  get: Matter;
  search: { results: { code: string; title: string; category: string }[] };
  scene: Scene;
  catalog:
    | { version: string; unchanged: true }
    | { version: string; unchanged: false; catalog: Catalog; index: SearchIndex };
  qr: { scene: string; page: string; link: string; image: string };
}

/** The mini-program page a matter scene opens. */
export const MATTER_PAGE = 'pages/matter/index';

/** The mini-program page a station scene opens (the guide's home, which reads `scene`). */
export const STATION_PAGE = 'pages/index/index';
