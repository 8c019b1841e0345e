/** `admin.metrics`'s answer (stable; the dashboard builds on it). Its input: AdminInput.metrics in admin/api.ts. */

/** One slice (a category, grid, worker or department) of the window's requests. */
export interface MetricsRow {
  /** Category code / grid code / worker openid / department code; `''` = none (e.g. no grid). */
  key: string;
  name: string;
  total: number;
  resolved: number;
  /** Of the requests finished (resolved/closed) in the window's set: finished by `dueAt`. */
  onTimeRate: number;
  /** Satisfied (score ≥ 4) / rated. */
  satisfactionRate: number;
  rated: number;
  avgHandlingHours: number;
  /** Open now and past `dueAt`. */
  overdueNow: number;
  reopenRate: number;
}

export interface HandlingStat {
  /** `accept`: created → accepted; `resolve`: created → resolved (handling time). */
  stage: 'accept' | 'resolve';
  count: number;
  avgHours: number;
  /** From a histogram with 1-hour buckets below 48 h, 6-hour buckets below 7 d, daily beyond. */
  p90Hours: number;
}

export interface MetricsView {
  /** The window actually used, as UTC ISO instants; `to` exclusive. */
  from: string;
  to: string;
  generatedAt: string;
  /** Communities included. */
  communities: string[];

  total: number;
  resolved: number;
  onTimeRate: number;
  satisfactionRate: number;
  /** Desk walk-ins closed on the spot / all walk-ins in the window. */
  onTheSpotRate: number;
  avgHandlingHours: number;

  /** Requests finished (resolved or closed) — the on-time denominator. */
  finished: number;
  onTime: number;
  rated: number;
  satisfied: number;
  /** Resolved-or-closed requests without a rating / all resolved-or-closed. */
  unratedShare: number;
  /** Requests reopened at least once / finished. */
  reopenRate: number;
  reopened: number;
  /** Open (assigned/accepted/escalated) and past due at the time of the call (window's set). */
  overdueNow: number;
  p90HandlingHours: number;
  handling: HandlingStat[];

  walkins: { total: number; onTheSpot: number; handoff: number };
  /** Walk-ins per matter; `tripsPerResident` over walk-ins whose resident is known. */
  tripsByMatter: Array<{ matterCode: string; title: string; walkins: number; residents: number; tripsPerResident: number }>;

  volume: {
    byDay: Array<{ date: string; count: number }>;
    /** ISO week, `YYYY-Www`. */
    byWeek: Array<{ week: string; count: number }>;
  };

  byCategory: MetricsRow[];
  byGrid: MetricsRow[];
  byWorker: MetricsRow[];
  byDepartment: MetricsRow[];

  hotSpots: {
    categories: Array<{ key: string; name: string; count: number }>;
    /** ~100 m cells (0.001° lat × 0.001° lng), centre point given; most requests first (ties by cell), topCategory ties by code. */
    /** `name`: the nearest building (≤ 150 m) or the grid, for people to read; `topCategoryName` beside its code. */
    places: Array<{ cell: string; lat: number; lng: number; count: number; topCategory: string; topCategoryName: string; name?: string }>;
  };

  /** 网格走访: ≥ 3 days a week in the grid, ≥ 50 households a month, per worker. */
  visitTargets: {
    daysPerWeek: number;
    householdsPerMonth: number;
    workers: Array<{
      openid: string;
      name: string;
      days: number;
      households: number;
      /** Days in the grid per week of the window (window days / 7). */
      daysPerWeek: number;
      /** Households per 30 days of the window. */
      householdsPerMonth: number;
      meetsDays: boolean;
      meetsHouseholds: boolean;
    }>;
  };
}
