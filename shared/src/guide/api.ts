import * as z from 'zod/mini';
import { MatterCode } from '../catalog/codeSchemas';
import { Code } from '../domain/fields';
import type { LocalMark } from '../catalog/local';
import type { Catalog, LifeEvent, Matter } from '../catalog/schema';
import type { CatalogSummary, CategoryWithCount, MatterBrief } from '../catalog/summary';
import type { LifeEventPlan } from './lifeEvents';
import type { PlaceHit } from '../search/types';
import type { PackedSearchIndex } from '../search/pack';
import type { EffectiveReview } from '../catalog/checks';
import type { Scene } from './scene';

/** Input schemas and output types of the `guide` function (anonymous callers allowed). */
export const GuideInput = {
  list: z.object({}),
  /** `subdistrict`: the 街道 the reader is in (a station's), whose local rules (本地规定) apply. */
  get: z.object({ code: MatterCode, subdistrict: z.optional(Code) }),
  search: z.object({
    q: z.string().check(z.trim(), z.minLength(1, '请输入要搜索的内容'), z.maxLength(100, '搜索内容不能超过100个字')),
    limit: z.optional(z.number().check(z.int(), z.gte(1), z.lte(50))),
  }),
  scene: z.object({ scene: z.string().check(z.minLength(1, '缺少二维码场景值'), z.maxLength(128, '二维码场景值过长')) }),
  /**
   * The device sends the version it has cached; the catalog comes back only when it changed.
   * `summary`: the guide's summary (catalog/summary.ts) instead of the full catalog.
   */
  catalog: z.object({ version: z.optional(z.string().check(z.maxLength(32))), summary: z.optional(z.boolean()) }),
  qr: z.object({ code: MatterCode }),
  /** 高效办成一件事: a life event's matters in order with one merged material list. */
  lifeEvent: z.object({ code: MatterCode }),
} as const;

export type { CategoryWithCount, MatterBrief };

export interface GuideOutput {
  list: { version: string; categories: CategoryWithCount[]; matters: MatterBrief[]; lifeEvents: Pick<LifeEvent, 'code' | 'title' | 'summary'>[] };
  /** The matter with its sources and its review as of the call's day (see catalog/checks.ts). */
  /** `local`: the fields a local rule (本地规定) set, each with its region, source and review dates. */
  /** `detailsVersion`: changes with the catalog or the local rules; the device's cached copy of a matter is current while it matches. */
  get: Omit<Matter, 'review'> & { review: EffectiveReview; local?: LocalMark[]; detailsVersion?: string };
  search: { results: { code: string; title: string; category: string }[]; answers: PlaceHit[] };
  scene: { type: 'matter'; code: string } | StationInfo;
  /** With `summary`, `detailsVersion` is guide.get's (matters opened before are refetched when it moves). */
  catalog:
    | { version: string; unchanged: true; detailsVersion?: string }
    /** The index packed (search/pack.ts): 1,000 matters fit well under a 1 MB device storage key. */
    | { version: string; unchanged: false; catalog: Catalog; index: PackedSearchIndex }
    | { version: string; unchanged: false; summary: CatalogSummary; index: PackedSearchIndex; detailsVersion: string };
  qr: { scene: string; page: string; link: string; image: string };
  lifeEvent: LifeEventPlan;
}

/** A station QR (`s=<code>`): the station's page — where, when, whom to call, what can be done there. */
export interface StationInfo {
  type: 'station';
  code: string;
  name: string;
  /** 综合窗口 / 小区受理点. */
  kind: 'window' | 'point';
  kindName: string;
  community: string;
  communityName: string;
  address?: string;
  point?: { lat: number; lng: number };
  hours: string;
  phone?: string;
  /** What can be done here (matters by title). */
  matters: { code: string; title: string; onTheSpot: boolean }[];
}

/** Standard community hours, shown for a station that names none. */
export const STANDARD_HOURS_TEXT = '工作日 9:00–12:00，14:00–17:30';

/** The mini-program page a matter scene opens. */
export const MATTER_PAGE = 'pages/matter/index';

/** The mini-program page a station scene opens (the guide's home, which reads `scene`). */
export const STATION_PAGE = 'pages/index/index';
