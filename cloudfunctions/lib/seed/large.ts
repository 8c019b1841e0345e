import { CommunityDataSchema, type CommunityData } from '@qgt/shared/domain/communityData';
import { KIND_LABELS } from '@qgt/shared/vocabulary/requests';
import { addDays } from '@qgt/shared/domain/calendar';
import { chinaCalendar } from '@qgt/shared/domain/calendar';
import { nthWorkdayAfter } from '@qgt/shared/domain/deadlines';
import type { Store } from '../store/port';
import { writeCommunityData } from '../community/store';
import { readCatalogSource } from '../catalog/source';
import { requests, type RequestDoc } from '../requests/store';
import { walkins, type WalkinDoc } from '../desk/store';
import { gridVisits, type GridVisitDoc } from '../visits/store';
import { USERS, type UserDoc } from '../runtime/caller';

/**
 * A district-sized demo data set (`npm run demo:large`): one 街道 with 22 communities, 205 grids
 * and 380 workers, a year of 55,700 requests (seasonal: a summer peak of drainage and sanitation
 * reports, a Spring Festival dip, quieter weekends and holidays; ~10 % late, ~1 % still open and
 * overdue, ~2/3 rated, low scores reopened), ~31,000 desk walk-ins and the grid workers' visits.
 * Deterministic for a given seed and end date. `scale` multiplies the volumes (requests, walk-ins,
 * and the share of workers whose visits are generated), not the structure. Everything is written
 * through the store port, so requests get their metric facts as in production.
 */
export const DISTRICT = { communities: 22, grids: 205, workers: 380, requests: 55_700, walkins: 31_000 } as const;
export const DISTRICT_CODE = 'district';
export const DISTRICT_ADMIN = 'district-admin';
export const communityAdmin = (i: number) => `admin-c${String(i + 1).padStart(2, '0')}`;

export interface DistrictOptions {
  scale?: number;
  /** Overrides the request count (the bench's 100k). */
  requests?: number;
  /** The data set covers the 365 days before this instant. */
  now?: Date;
  seed?: number;
}

const HOUR = 3_600_000;
const DAY = 86_400_000;
const SHANGHAI = 8 * HOUR;

function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)],
    chance: (p: number) => next() < p,
    normal,
    /** Log-normal with the given median. */
    logNormal: (median: number, sigma: number) => median * Math.exp(sigma * normal()),
    weighted: <T>(items: readonly T[], cumulative: readonly number[]) => {
      const x = next() * cumulative[cumulative.length - 1];
      let lo = 0;
      let hi = cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid] < x) lo = mid + 1;
        else hi = mid;
      }
      return items[lo];
    },
  };
}
const cumulate = (ws: readonly number[]) => ws.reduce<number[]>((acc, w) => [...acc, (acc[acc.length - 1] ?? 0) + w], []);

const COMMUNITY_NAMES = ['锦绣', '幸福', '和平', '光明', '团结', '新华', '东风', '南苑', '北城', '西山', '翠湖', '青城', '玉垒', '灌口', '蒲阳', '聚源', '天马', '石羊', '柳街', '安龙', '崇义', '胥家'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国文辉力宇鑫晨欣怡婷浩然';

const REPORT_CATEGORIES = [
  { code: 'shizheng', name: '市政设施', icon: '💡', weight: 24, season: [1, 1, 1, 1, 1, 1.2, 1.4, 1.4, 1.1, 1, 1, 1] },
  { code: 'huanjing', name: '环境卫生', icon: '🧹', weight: 26, season: [1, 1.3, 1, 1, 1.1, 1.3, 1.5, 1.5, 1.2, 1.1, 1, 1] },
  { code: 'weijian', name: '违章搭建', icon: '🚧', weight: 8, season: [0.8, 0.6, 1, 1.2, 1.3, 1.2, 1, 1, 1.1, 1, 1, 0.9] },
  { code: 'fangwu', name: '房屋安全', icon: '🏚️', weight: 7, season: [1, 1, 1, 1, 1.2, 1.5, 1.8, 1.6, 1.2, 1, 1, 1] },
  { code: 'ranqi', name: '燃气安全', icon: '🔥', weight: 6, season: [1.8, 1.6, 1.2, 1, 0.8, 0.7, 0.7, 0.7, 0.8, 1, 1.3, 1.7] },
  { code: 'gongshui', name: '供水排水', icon: '🚰', weight: 12, season: [1.2, 1, 0.9, 0.9, 1.1, 1.6, 2, 2, 1.3, 1, 0.9, 1.2] },
  { code: 'wuye', name: '物业管理', icon: '🏘️', weight: 17, season: [1, 0.8, 1, 1, 1, 1.1, 1.2, 1.2, 1, 1, 1, 1] },
];
const DEPT_OF: Record<string, string> = { shizheng: 'chengguan', huanjing: 'chengguan', weijian: 'chengguan', fangwu: 'zhujian', ranqi: 'ranqi', gongshui: 'gongshui', wuye: 'wuye' };
/** Monthly volume (Jan…Dec): the Spring Festival dip, the summer rains. */
const MONTH_FACTOR = [0.85, 0.7, 0.95, 1, 1.05, 1.15, 1.3, 1.3, 1.05, 0.9, 1, 0.95];
const HOUR_WEIGHTS = [0, 0, 0, 0, 0, 0, 0.2, 0.6, 1.4, 1.8, 1.9, 1.6, 0.9, 0.8, 1.5, 1.7, 1.6, 1.3, 1, 1.1, 0.9, 0.6, 0.3, 0.1];
const HOUR_CUM = cumulate(HOUR_WEIGHTS);
const HOURS = HOUR_WEIGHTS.map((_, i) => i);
const SCORES_ON_TIME = cumulate([3, 3, 8, 24, 62]);
const SCORES_LATE = cumulate([10, 12, 18, 25, 35]);
const SCORES = [1, 2, 3, 4, 5];

interface GridCell {
  code: string;
  community: string;
  worker: string;
  south: number;
  west: number;
  hot: { lat: number; lng: number }[];
}

export interface District {
  data: CommunityData;
  users: UserDoc[];
  cells: GridCell[];
  workersOf: Map<string, string[]>;
}

const localDateOf = (ms: number) => new Date(ms + SHANGHAI).toISOString().slice(0, 10);
const dayStart = (date: string) => Date.parse(`${date}T00:00:00Z`) - SHANGHAI;

/** The 街道's structure: communities, grids (3 × 4 lattice cells of ~330 × 340 m per community), workers, departments. */
export function districtStructure(seed = 7, createdAt = new Date(0)): District {
  const r = rng(seed);
  const name = () => SURNAMES[r.int(SURNAMES.length)] + GIVEN[r.int(GIVEN.length)] + (r.chance(0.5) ? GIVEN[r.int(GIVEN.length)] : '');
  const communities = COMMUNITY_NAMES.map((n, i) => ({ code: `c${String(i + 1).padStart(2, '0')}`, name: `${n}社区`, subdistrict: DISTRICT_CODE, admins: [communityAdmin(i)] }));
  const cells: GridCell[] = [];
  const grids: CommunityData['grids'] = [];
  const workers: CommunityData['workers'] = [];
  const workersOf = new Map<string, string[]>();
  let w = 0;
  const newWorker = (community: string, grid?: string) => {
    const openid = `w${String(++w).padStart(3, '0')}`;
    workers.push({ openid, name: name(), phone: `139${String(10_000_000 + w).slice(-8)}`, level: r.chance(0.85) ? 'A' : 'B', skills: [], grids: grid ? [grid] : [], community, onLeave: false, leave: [], onDuty: true });
    workersOf.set(community, [...(workersOf.get(community) ?? []), openid]);
    return openid;
  };
  for (let g = 0; g < DISTRICT.grids; g++) {
    const ci = Math.floor((g * DISTRICT.communities) / DISTRICT.grids);
    const community = communities[ci].code;
    const first = Math.ceil((ci * DISTRICT.grids) / DISTRICT.communities);
    const k = g - first;
    const south = 30.95 + Math.floor(ci / 5) * 0.013 + Math.floor(k / 4) * 0.003;
    const west = 103.58 + (ci % 5) * 0.015 + (k % 4) * 0.0035;
    const code = `${community}-G${String(k + 1).padStart(2, '0')}`;
    const worker = newWorker(community, code);
    const hot = [0, 1].map(() => ({ lat: south + 0.0005 + r.next() * 0.002, lng: west + 0.0005 + r.next() * 0.0025 }));
    cells.push({ code, community, worker, south, west, hot });
    grids.push({
      code,
      name: `${communities[ci].name.slice(0, 2)}${k + 1}网格`,
      community,
      worker,
      geometry: { type: 'Polygon', coordinates: [[[west, south], [west + 0.0035, south], [west + 0.0035, south + 0.003], [west, south + 0.003], [west, south]]] },
    });
  }
  // The rest of the 380: 专职 and B角 workers spread over the communities.
  while (workers.length < DISTRICT.workers) newWorker(communities[workers.length % communities.length].code);
  for (const g of grids) {
    const pool = workersOf.get(g.community)!.filter((o) => o !== g.worker);
    g.backup = pool[r.int(pool.length)];
  }
  const data = CommunityDataSchema.parse({
    subdistrict: { code: DISTRICT_CODE, name: '全岗街道', admins: [DISTRICT_ADMIN] },
    communities,
    grids,
    departments: [
      { code: 'zhujian', name: '住建局', categories: ['fangwu', 'weijian'] },
      { code: 'chengguan', name: '城管局', categories: ['shizheng', 'huanjing', 'weijian'] },
      { code: 'ranqi', name: '燃气公司', categories: ['ranqi'] },
      { code: 'gongshui', name: '自来水公司', categories: ['gongshui'] },
      { code: 'wuye', name: '物业公司', categories: ['wuye', 'huanjing'] },
    ],
    reportCategories: REPORT_CATEGORIES.map(({ code, name: n, icon }) => ({ code, name: n, icon })),
    workers,
  });
  const at = createdAt.toISOString();
  const users: UserDoc[] = [
    { _id: DISTRICT_ADMIN, role: 'admin', name: '街道管理员', communities: communities.map((c) => c.code), createdAt: at },
    ...communities.map((c, i) => ({ _id: communityAdmin(i), role: 'admin' as const, name: `${c.name.slice(0, 2)}主任`, communities: [c.code], createdAt: at })),
    ...workers.map((x) => ({ _id: x.openid, role: 'worker' as const, name: x.name, communities: [x.community], createdAt: at })),
  ];
  return { data, users, cells, workersOf };
}

/** The 365 local dates before `now`, with each day's relative volume. */
function yearDays(now: Date) {
  const today = localDateOf(now.getTime());
  const days: string[] = [];
  for (let i = 365; i >= 1; i--) days.push(addDays(today, -i));
  const weight = (d: string) => MONTH_FACTOR[Number(d.slice(5, 7)) - 1] * (chinaCalendar.isWorkday(d) ? 1 : 0.55);
  return { days, cum: cumulate(days.map(weight)) };
}

/** Requests, in creation order. */
export function* districtRequests(district: District, opts: DistrictOptions = {}): Generator<RequestDoc> {
  const now = opts.now ?? new Date();
  const nowMs = now.getTime();
  const r = rng((opts.seed ?? 7) * 31 + 1);
  const count = opts.requests ?? Math.round(DISTRICT.requests * (opts.scale ?? 1));
  const { days, cum } = yearDays(now);
  const matters = readCatalogSource().matters.map((m) => ({ code: m.code, title: m.title }));
  const matterCum = cumulate(matters.map((_, i) => 1 / (i + 3)));
  const gridCum = cumulate(district.cells.map(() => 0.4 + r.next() * 1.2));
  const catByMonth = Array.from({ length: 12 }, (_, m) => cumulate(REPORT_CATEGORIES.map((c) => c.weight * c.season[m])));
  const dueMemo = new Map<string, string>();
  const dueOf = (day: string, wd: number) => {
    const key = `${day}:${wd}`;
    let due = dueMemo.get(key);
    if (!due) dueMemo.set(key, (due = new Date(dayStart(addDays(nthWorkdayAfter(day, wd), 1))).toISOString()));
    return due;
  };
  const residents = Math.max(10, Math.round(count * 0.4));
  const stamps: number[] = [];
  const picks: string[] = [];
  for (let i = 0; i < count; i++) picks.push(r.weighted(days, cum));
  picks.sort();
  for (const day of picks) stamps.push(dayStart(day) + r.weighted(HOURS, HOUR_CUM) * HOUR + r.int(3600) * 1000);
  stamps.sort((a, b) => a - b);

  for (let i = 0; i < count; i++) {
    const created = stamps[i];
    const day = localDateOf(created);
    const month = Number(day.slice(5, 7)) - 1;
    const cell = r.weighted(district.cells, gridCum);
    const kind = r.chance(0.72) ? 'report' : r.chance(0.5) ? 'consult' : 'visit';
    const cat = kind === 'report' ? r.weighted(REPORT_CATEGORIES, catByMonth[month]) : undefined;
    const matter = kind === 'report' ? undefined : r.weighted(matters, matterCum);
    const wd = cat?.code === 'ranqi' ? 1 : 3;
    const dueAt = dueOf(day, wd);
    const pool = district.workersOf.get(cell.community)!;
    const assignee = r.chance(0.85) ? cell.worker : r.pick(pool);
    const owner = `r${String(r.int(residents)).padStart(6, '0')}`;
    let location: { lat: number; lng: number } | undefined;
    if (kind === 'report' && r.chance(0.85)) {
      if (r.chance(0.3)) {
        const h = r.pick(cell.hot);
        location = { lat: h.lat + (r.next() - 0.5) * 0.0004, lng: h.lng + (r.next() - 0.5) * 0.0004 };
      } else location = { lat: cell.south + r.next() * 0.003, lng: cell.west + r.next() * 0.0035 };
      location = { lat: Math.round(location.lat * 1e6) / 1e6, lng: Math.round(location.lng * 1e6) / 1e6 };
    }
    const doc: RequestDoc = {
      _id: `L${String(i + 1).padStart(7, '0')}`,
      id: `L${String(i + 1).padStart(7, '0')}`,
      kind,
      status: 'assigned',
      owner,
      ...(matter && { matterCode: matter.code }),
      ...(cat && { category: cat.code }),
      description: cat ? `${cat.name}问题` : `${matter!.title}咨询`,
      ...(location && { location }),
      photos: [],
      gridCode: cell.code,
      community: cell.community,
      assignee,
      firstResponder: assignee,
      dueAt,
      createdAt: new Date(created).toISOString(),
      reopenCount: 0,
      version: 0,
      timeline: [{ at: new Date(created).toISOString(), type: 'create', by: owner, visibility: 'resident' }],
      title: `${KIND_LABELS[kind]}·${cat?.name ?? matter!.title}`,
      emittedLevels: [],
    };
    if (r.chance(0.02)) {
      const at = created + r.logNormal(2, 1) * HOUR;
      if (at < nowMs) Object.assign(doc, { status: 'cancelled', cancelledAt: new Date(at).toISOString(), version: 1 });
      yield doc;
      continue;
    }
    const accepted = created + Math.min(r.logNormal(1.2, 1), 72) * HOUR;
    if (accepted >= nowMs) {
      yield doc;
      continue;
    }
    Object.assign(doc, { status: 'accepted', acceptedAt: new Date(accepted).toISOString(), version: 1 });
    const escalated = cat !== undefined && r.chance(0.08);
    if (escalated) Object.assign(doc, { department: DEPT_OF[cat.code] });
    const stuck = r.chance(0.012);
    const hard = r.chance(0.07) ? 4 : 1;
    const handling = r.logNormal(cat?.code === 'ranqi' ? 6 : 20, 0.8) * hard * (escalated ? 2 : 1);
    const resolved = accepted + handling * HOUR;
    if (stuck || resolved >= nowMs) {
      if (escalated && r.chance(0.5)) doc.status = 'escalated';
      yield doc;
      continue;
    }
    Object.assign(doc, { status: 'resolved', resolvedAt: new Date(resolved).toISOString(), version: 2 });
    const onTime = resolved <= Date.parse(dueAt);
    if (r.chance(0.68)) {
      const ratedAt = resolved + r.logNormal(10, 1) * HOUR;
      if (ratedAt < nowMs) {
        const score = r.weighted(SCORES, onTime ? SCORES_ON_TIME : SCORES_LATE);
        const reopened = score <= 2;
        doc.rating = { score, at: new Date(ratedAt).toISOString(), satisfied: score >= 4, reopened, outcome: score >= 4 ? 'resolved' : score === 3 ? 'partial' : 'unresolved' };
        if (reopened) {
          const again = ratedAt + r.logNormal(24, 0.7) * HOUR;
          Object.assign(doc, { reopenCount: 1, status: 'accepted', version: 3 });
          if (again < nowMs) Object.assign(doc, { status: 'resolved', resolvedAt: new Date(again).toISOString(), version: 4 });
        } else Object.assign(doc, { status: 'closed', closedAt: new Date(ratedAt).toISOString(), version: 3 });
      }
    }
    if (doc.status === 'resolved' && !doc.rating && Date.parse(doc.resolvedAt!) + 7 * DAY < nowMs) {
      Object.assign(doc, { status: 'closed', unrated: true, closedAt: new Date(Date.parse(doc.resolvedAt!) + 7 * DAY).toISOString(), version: doc.version + 1 });
    } else if (doc.status === 'resolved' && doc.reopenCount && Date.parse(doc.resolvedAt!) + 7 * DAY < nowMs) {
      Object.assign(doc, { status: 'closed', closedAt: new Date(Date.parse(doc.resolvedAt!) + 7 * DAY).toISOString(), version: doc.version + 1 });
    }
    yield doc;
  }
}

/** Desk walk-ins: ~82 % closed on the spot; 60 % of residents known (some come back for the same matter). */
export function* districtWalkins(district: District, opts: DistrictOptions = {}): Generator<WalkinDoc> {
  const now = opts.now ?? new Date();
  const r = rng((opts.seed ?? 7) * 31 + 2);
  const count = Math.round(DISTRICT.walkins * (opts.requests ? opts.requests / DISTRICT.requests : (opts.scale ?? 1)));
  const { days } = yearDays(now);
  const workdays = days.filter((d) => chinaCalendar.isWorkday(d));
  const matters = readCatalogSource().matters.map((m) => ({ code: m.code, title: m.title }));
  const matterCum = cumulate(matters.map((_, i) => 1 / (i + 2)));
  const communities = district.data.communities.map((c) => c.code);
  const residents = Math.max(10, Math.round(count * 0.35));
  for (let i = 0; i < count; i++) {
    const date = r.pick(workdays);
    const at = dayStart(date) + (9 + r.next() * 8) * HOUR;
    const community = r.pick(communities);
    const matter = r.weighted(matters, matterCum);
    const known = r.chance(0.6);
    yield {
      _id: `LW${String(i + 1).padStart(7, '0')}`,
      at: new Date(at).toISOString(),
      date,
      community,
      matterCode: matter.code,
      matterTitle: matter.title,
      worker: r.pick(district.workersOf.get(community)!),
      ...(known && { resident: { openid: `r${String(r.int(residents)).padStart(6, '0')}` } }),
      outcome: r.chance(0.82) ? 'onTheSpot' : 'handoff',
      missing: [],
    };
  }
}

/** Grid visits: each grid worker goes out on ~3 working days a week (some fewer), 2–6 households a day. */
export function* districtVisits(district: District, opts: DistrictOptions = {}): Generator<GridVisitDoc> {
  const now = opts.now ?? new Date();
  const r = rng((opts.seed ?? 7) * 31 + 3);
  const { days } = yearDays(now);
  const workdays = days.filter((d) => chinaCalendar.isWorkday(d));
  const cells = district.cells.slice(0, Math.max(3, Math.round(district.cells.length * Math.min(1, opts.scale ?? 1))));
  let n = 0;
  for (const cell of cells) {
    const p = Math.min(0.95, Math.max(0.25, 0.64 + 0.12 * r.normal()));
    for (const date of workdays) {
      if (!r.chance(p)) continue;
      const households = 2 + r.int(5);
      for (let h = 0; h < households; h++) {
        const household = `${cell.code}-H${String(1 + r.int(120)).padStart(3, '0')}`;
        yield { _id: `LV${String(++n).padStart(8, '0')}`, worker: cell.worker, community: cell.community, date, household, found: '', requestIds: [], createdAt: new Date(dayStart(date) + 15 * HOUR).toISOString() };
      }
    }
  }
}

/** Writes the whole data set into `store` through the port. */
export async function writeDistrict(store: Store, opts: DistrictOptions = {}): Promise<{ requests: number; walkins: number; visits: number }> {
  const now = opts.now ?? new Date();
  const district = districtStructure(opts.seed ?? 7, now);
  await writeCommunityData(store, district.data);
  const users = store.collection(USERS);
  for (const u of district.users) await users.put(u);
  const counts = { requests: 0, walkins: 0, visits: 0 };
  const reqs = requests(store);
  for (const doc of districtRequests(district, { ...opts, now })) {
    await reqs.insert(doc);
    counts.requests++;
  }
  const walk = walkins(store);
  for (const doc of districtWalkins(district, { ...opts, now })) {
    await walk.insert(doc);
    counts.walkins++;
  }
  const visits = gridVisits(store);
  for (const doc of districtVisits(district, { ...opts, now })) {
    await visits.insert(doc);
    counts.visits++;
  }
  return counts;
}
