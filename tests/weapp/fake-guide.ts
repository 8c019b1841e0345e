import type { Catalog } from '@qgt/shared/catalog/schema';
import { packSearchIndex } from '@qgt/shared/search/pack';
import type { Envelope } from '@qgt/shared/errors';
import type { GuideOutput, StationInfo } from '@qgt/shared/guide/api';
import { buildSearchIndex } from '@qgt/shared/search/build';
import { searchAll } from '@qgt/shared/search/match';
import { matterWithReview } from '@qgt/shared/catalog/checks';
import { catalogSummary } from '@qgt/shared/catalog/summary';
import { lifeEventPlan } from '@qgt/shared/guide/lifeEvents';
import { DEFAULT_TZ, localDate } from '@qgt/shared/domain/calendar';
import type { CloudHandler } from './harness';
import { FIXED_MS } from './clock';

/** The stations the fake answers `scene {scene: "s=<code>"}` for. */
export const STATIONS: Record<string, StationInfo> = {
  'jinxiu-window': {
    type: 'station',
    code: 'jinxiu-window',
    name: '锦绣社区综合窗口',
    kind: 'window',
    kindName: '综合窗口',
    community: 'demo-community',
    communityName: '锦绣社区',
    address: '锦绣路18号',
    point: { lat: 30.9901, lng: 103.6224 },
    hours: '工作日 9:00–12:00，14:00–17:30',
    phone: '028-87000018',
    matters: [{ code: 'dibao', title: '最低生活保障申请', onTheSpot: true }],
  },
};

/**
 * An in-test stand-in for the `guide` cloud function: answers with the contract's envelope from
 * a given catalog (real search index built with shared's builder). Only what the client calls.
 */
export function fakeGuide(catalog: Catalog): CloudHandler {
  const index = buildSearchIndex(catalog);
  const ok = <T>(data: T): Envelope<T> => ({ ok: true, data });
  const notFound = (code: string): Envelope<never> => ({ ok: false, error: { code: 'NOT_FOUND', message: `找不到事项：${code}` } });
  return (name, { action, data }) => {
    if (name !== 'guide') return { ok: false, error: { code: 'NOT_FOUND', message: `未知函数：${name}` } };
    const input = (data ?? {}) as Record<string, unknown>;
    // What guide.get answers changes with the catalog version (no local rules here).
    const detailsVersion = `${catalog.version}-00000000`;
    switch (action) {
      case 'catalog':
        if (input.summary)
          return ok<GuideOutput['catalog']>(
            input.version === catalog.version
              ? { version: catalog.version, unchanged: true, detailsVersion }
              : { version: catalog.version, unchanged: false, summary: catalogSummary(catalog), index: packSearchIndex(index), detailsVersion },
          );
        return ok<GuideOutput['catalog']>(
          input.version === catalog.version
            ? { version: catalog.version, unchanged: true }
            : { version: catalog.version, unchanged: false, catalog, index: packSearchIndex(index) },
        );
      case 'get': {
        const m = catalog.matters.find((x) => x.code === input.code);
        return m ? ok<GuideOutput['get']>({ ...matterWithReview(m, localDate(FIXED_MS, DEFAULT_TZ)), detailsVersion }) : notFound(String(input.code));
      }
      case 'lifeEvent': {
        const plan = lifeEventPlan(catalog, String(input.code));
        return plan ? ok<GuideOutput['lifeEvent']>(plan) : notFound(String(input.code));
      }
      case 'search': {
        const { results, answers } = searchAll(index, String(input.q ?? ''));
        return ok<GuideOutput['search']>({ results: results.map(({ code, title, category }) => ({ code, title, category })), answers });
      }
      case 'scene': {
        const station = STATIONS[String(input.scene).replace(/^s=/, '')];
        return station ? ok<GuideOutput['scene']>(station) : { ok: false, error: { code: 'NOT_FOUND', message: '找不到服务站点' } };
      }
      default:
        return { ok: false, error: { code: 'BAD_REQUEST', message: `未知操作：${action}` } };
    }
  };
}
