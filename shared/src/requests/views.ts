import type { LatLng } from '../domain/community';
import type { DueLevel } from '../domain/deadlines';
import type { EventType, RequestKind, RequestStatus } from '../domain/requestState';
import type { RatingOutcome } from '../domain/satisfaction';
import type { RouteReasonCode } from '../vocabulary/routing';

/** A request as several functions return it (`requests`, `booking`, `work`, `admin`, `desk`). */

export interface PersonRef {
  openid: string;
  name: string;
}

export interface TimelineItem {
  at: string;
  type: string;
  by: string;
  note?: string;
  /** Staff views only. */
  visibility?: 'resident' | 'internal';
  /** Staff views only: handoff sheet, department, routing steps… */
  detail?: Record<string, unknown>;
}

/** A request as `requests.get`, `mine` and `work.inbox` return it. */
export interface RequestView {
  id: string;
  /** Kind and matter title or category name, e.g. 上门帮办·最低生活保障申请. */
  title: string;
  kind: RequestKind;
  status: RequestStatus;
  matterCode?: string;
  category?: string;
  description: string;
  location?: LatLng;
  buildingCode?: string;
  /** The building's name, for people to read. */
  buildingName?: string;
  /** Visits: the address given and the phone to call (masked for viewers who see masked numbers). */
  address?: string;
  contactPhone?: string;
  /** Names beside the codes (grid, community, department, report category). */
  gridName?: string;
  communityName?: string;
  departmentName?: string;
  categoryName?: string;
  /** A doorstep visit whose time has passed while it is still open (上门时间已过). */
  missed?: boolean;
  /** When the resident last urged it (催办, once a day). */
  urgedAt?: string;
  /** A report in a category the deployment marks urgent (燃气): due within hours, on top of every inbox. */
  urgent?: boolean;
  photos: string[];
  /** `phone`: the worker's work phone, for the resident of an open doorstep visit inside the change cut-off. */
  assignee: PersonRef & { phone?: string };
  /** 首问负责人: null until someone accepts a manually dispatched request. */
  firstResponder: PersonRef | null;
  gridCode?: string;
  community?: string;
  department?: string;
  dueAt: string;
  createdAt: string;
  acceptedAt?: string;
  resolvedAt?: string;
  closedAt?: string;
  cancelledAt?: string;
  /** `satisfied` = score ≥ 4; `reopened` when the rating sent it back (score ≤ 2 or unresolved). */
  rating?: { score: number; comment?: string; at: string; outcome?: RatingOutcome; satisfied?: boolean; reopened?: boolean };
  /** Closed after 7 days without a rating (counts as unrated). */
  unrated?: boolean;
  /** Doorstep visits: the booked slot. */
  slot?: { slotId: string; start: string; end: string };
  /** Residents: resident entries only, no staff detail; staff: everything. */
  timeline: TimelineItem[];
  /** Events the viewer may fire now (buttons); the server still decides. */
  actions: EventType[];
  /** Resident views: true when the caller follows (我也遇到) rather than owns it. */
  following?: boolean;
  /** Staff views only. */
  owner?: PersonRef;
  filedBy?: PersonRef;
  /** Filed by an Open311 partner (12345 hotline, city platform): its number for the order, whom to call back. */
  partner?: { code: string; name: string; ref?: string; contact?: { name?: string; phone?: string; email?: string } };
  /** How it was routed: the stable `reasonCode` and its words, `reason` (from the vocabulary). */
  route?: { reasonCode?: RouteReasonCode; reason: string; manual: boolean };
  reopenCount?: number;
  followers?: number;
  emittedLevels?: string[];
  /** Staff views of open requests: share of the working time used and its level. */
  due?: { progress: number; level: DueLevel };
}
