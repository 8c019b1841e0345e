import type * as z from 'zod/mini';
import { AppError } from '@qgt/shared/errors';
import { MATTER_PAGE, STANDARD_HOURS_TEXT, type GuideInput, type GuideOutput, type StationInfo } from '@qgt/shared/guide/api';
import { STATION_KIND_LABELS, type Station } from '@qgt/shared/domain/community';
import { matterScene, parseScene } from '@qgt/shared/guide/scene';
import { catalogSummary, categoriesWithCounts, matterBriefs, type CatalogSummary } from '@qgt/shared/catalog/summary';
import { searchAll } from '@qgt/shared/search/match';
import { lifeEventPlan } from '@qgt/shared/guide/lifeEvents';
import { matterWithReview } from '@qgt/shared/catalog/checks';
import { DEFAULT_TZ, localDate } from '@qgt/shared/domain/calendar';
import type { Context } from '../runtime/context';
import { sniffImage } from '../files/sniff';
import { loadCatalog, type LoadedCatalog } from './published';
import { packedIndex } from './packed';
import { detailsVersion, localMatter, localRulesFor } from './local-rules';
import { applyLocalRules } from '@qgt/shared/catalog/local';
import { communityName, getStation } from '../community/stations';
import { loadCommunity } from '../community/store';

/** The 百事通 guide's service: open to everyone, signed in or not (the guide function's table calls it). */

type In<K extends keyof typeof GuideInput> = z.output<(typeof GuideInput)[K]>;

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

/** A station as its QR page shows it: names, hours, phone and the matters handled there. */
function stationInfo(station: Station, loaded: LoadedCatalog, communityName: string): StationInfo {
  const matters = station.matters
    ? station.matters.map((code) => loaded.byCode.get(code)).filter((m) => m !== undefined)
    : loaded.catalog.matters.filter((m) => m.onTheSpot);
  return {
    type: 'station',
    code: station.code,
    name: station.name,
    kind: station.kind,
    kindName: STATION_KIND_LABELS[station.kind],
    community: station.community,
    communityName,
    ...(station.address && { address: station.address }),
    ...(station.point && { point: station.point }),
    hours: station.hours ?? STANDARD_HOURS_TEXT,
    ...(station.phone && { phone: station.phone }),
    matters: matters.map((m) => ({ code: m.code, title: m.title, onTheSpot: m.onTheSpot })),
  };
}


export async function guideList(ctx: Context): Promise<GuideOutput['list']> {
  const { catalog } = await loadCatalog(ctx.store);
  return {
    version: catalog.version,
    categories: categoriesWithCounts(catalog),
    matters: matterBriefs(catalog),
    lifeEvents: (catalog.lifeEvents ?? []).map(({ code, title, summary }) => ({ code, title, summary })),
  };
}

export async function guideMatter(ctx: Context, input: In<'get'>): Promise<GuideOutput['get']> {
  const loaded = await loadCatalog(ctx.store);
  const matter = matterOrThrow(loaded, input.code);
  if (input.subdistrict && !(await loadCommunity(ctx.store)).subdistricts.some((s) => s.code === input.subdistrict))
    throw new AppError('NOT_FOUND', `找不到街道：${input.subdistrict}`, { field: 'data.subdistrict' });
  // Local rules (本地规定) of where the reader is, then the review as of today: `stale` once due
  // again or a cited law lapsed, whatever was recorded.
  const shown = matterWithReview(await localMatter(ctx.store, matter, input.subdistrict), localDate(ctx.now.toISOString(), DEFAULT_TZ));
  return { ...shown, detailsVersion: await detailsVersion(ctx.store, loaded.catalog.version) };
}

export async function guideSearch(ctx: Context, input: In<'search'>): Promise<GuideOutput['search']> {
  const { index } = await loadCatalog(ctx.store);
  const { results, answers } = searchAll(index, input.q, input.limit);
  // `answers`: 去哪办 / 随手拍 entries, apart from `results` so the contract's matter list keeps its shape.
  return { results: results.map(({ code, title, category }) => ({ code, title, category })), answers };
}

export async function guideScene(ctx: Context, input: In<'scene'>): Promise<GuideOutput['scene']> {
  const scene = parseScene(input.scene);
  if (!scene) throw new AppError('BAD_REQUEST', '二维码内容无法识别', { field: 'data.scene' });
  const loaded = await loadCatalog(ctx.store);
  if (scene.type === 'matter') {
    matterOrThrow(loaded, scene.code);
    return scene;
  }
  const station = await getStation(ctx.store, scene.code);
  if (!station) throw new AppError('NOT_FOUND', `找不到服务站点：${scene.code}`, { field: 'data.scene' });
  return stationInfo(station, loaded, await communityName(ctx.store, station.community));
}

// The summary is the same for every caller of a version: built once per loaded catalog.
const summaries = new WeakMap<LoadedCatalog['catalog'], CatalogSummary>();

export async function guideCatalog(ctx: Context, input: In<'catalog'>): Promise<GuideOutput['catalog']> {
  const { catalog, index } = await loadCatalog(ctx.store);
  if (input.summary) {
    // The summary carries nothing local rules change; the details version tells the device when
    // the matters it keeps (materials, where, time limits) are out of date.
    const details = await detailsVersion(ctx.store, catalog.version);
    if (input.version === catalog.version) return { version: catalog.version, unchanged: true, detailsVersion: details };
    let summary = summaries.get(catalog);
    if (!summary) summaries.set(catalog, (summary = catalogSummary(catalog)));
    return { version: catalog.version, unchanged: false, summary, index: packedIndex(index), detailsVersion: details };
  }
  if (input.version === catalog.version) return { version: catalog.version, unchanged: true };
  // The local rules that hold wherever this environment serves travel inside the device's copy
  // (a later change of them reaches devices with the next catalog version).
  const rules = await localRulesFor(ctx.store);
  const shown = rules.length ? { ...catalog, matters: catalog.matters.map((m) => applyLocalRules(m, rules)) } : catalog;
  return { version: catalog.version, unchanged: false, catalog: shown, index: packedIndex(index) };
}

export async function guideLifeEvent(ctx: Context, input: In<'lifeEvent'>): Promise<GuideOutput['lifeEvent']> {
  const plan = lifeEventPlan((await loadCatalog(ctx.store)).catalog, input.code);
  if (!plan) throw new AppError('NOT_FOUND', `找不到这件事：${input.code}`, { field: 'data.code' });
  return plan;
}

export async function matterQr(ctx: Context, input: In<'qr'>): Promise<GuideOutput['qr']> {
  matterOrThrow(await loadCatalog(ctx.store), input.code);
  const scene = matterScene(input.code);
  const link = matterLink(ctx.platform.publicUrl, input.code);
  const code = await ctx.platform.sceneCode({ scene, page: MATTER_PAGE, link });
  // WeChat's codes are JPEG whatever they are called: label the bytes as what they are.
  return { scene, page: MATTER_PAGE, link, image: `data:${sniffImage(code) ?? 'image/png'};base64,${code.toString('base64')}` };
}

