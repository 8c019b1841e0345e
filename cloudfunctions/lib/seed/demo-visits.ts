import { addDays, localDate, DEFAULT_TZ } from '@qgt/shared/domain/calendar';
import type { Store } from '../store/port';
import { gridVisits, keyHouseholds, type GridVisitDoc, type KeyHouseholdDoc } from '../visits/store';

/**
 * Demo 包保 households and past grid visits, dated back from the seeding day so the worker home
 * always opens on a mixed picture: 王奶奶 (weekly, last seen 10 days ago) is overdue, the others
 * are on schedule. Deterministic for a given day; ids are fixed.
 *
 *   code      name    worker         tags             every   last visit
 *   G1-H001   王奶奶  demo-worker-1  独居老人          7 d    today − 10  → overdue 3 days
 *   G1-H002   李大爷  demo-worker-1  低保, 残疾        14 d   today − 3
 *   G1-H003   周先生  demo-worker-1  退役军人          30 d   today − 20
 *   G2-H001   陈婆婆  demo-worker-2  独居老人          7 d    today − 5
 */
export function demoVisitData(today: string, at: string): { households: KeyHouseholdDoc[]; visits: GridVisitDoc[] } {
  const h = (code: string, name: string, worker: string, buildingCode: string, tags: KeyHouseholdDoc['tags'], frequencyDays: number, phone: string): KeyHouseholdDoc => ({
    _id: code,
    code,
    name,
    phone,
    buildingCode,
    tags,
    worker,
    community: 'demo-community',
    frequencyDays,
    updatedAt: at,
  });
  const v = (n: number, worker: string, daysAgo: number, household: string, buildingCode: string, found: string): GridVisitDoc => ({
    _id: `V-demo-${n}`,
    worker,
    community: 'demo-community',
    date: addDays(today, -daysAgo),
    household,
    buildingCode,
    found,
    requestIds: [],
    createdAt: at,
  });
  return {
    households: [
      h('G1-H001', '王奶奶', 'demo-worker-1', 'G1-1', ['独居老人'], 7, '138****0101'),
      h('G1-H002', '李大爷', 'demo-worker-1', 'G1-2', ['低保', '残疾'], 14, '138****0102'),
      h('G1-H003', '周先生', 'demo-worker-1', 'G1-1', ['退役军人'], 30, '138****0103'),
      h('G2-H001', '陈婆婆', 'demo-worker-2', 'G2-1', ['独居老人'], 7, '138****0201'),
    ],
    visits: [
      v(1, 'demo-worker-1', 20, 'G1-H003', 'G1-1', '身体健康，询问优待证办理进度'),
      v(2, 'demo-worker-1', 10, 'G1-H001', 'G1-1', '独居，血压偏高，已提醒按时服药'),
      v(3, 'demo-worker-1', 3, 'G1-H002', 'G1-2', '低保年审材料已齐'),
      v(4, 'demo-worker-1', 1, '1栋3单元502', 'G1-1', '楼道堆放杂物，已劝导清理'),
      v(5, 'demo-worker-2', 5, 'G2-H001', 'G2-1', '家中燃气灶老化，已提醒更换'),
    ],
  };
}

export async function seedDemoVisits(store: Store, now: Date): Promise<void> {
  const { households, visits } = demoVisitData(localDate(now.getTime(), DEFAULT_TZ), now.toISOString());
  for (const h of households) await keyHouseholds(store).put(h);
  for (const v of visits) await gridVisits(store).put(v);
}
