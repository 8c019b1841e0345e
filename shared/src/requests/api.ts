import * as z from 'zod/mini';
import { CategoryCode, MatterCode } from '../catalog/codeSchemas';
import { Code, LatLngSchema, Openid, type LatLng, type ReportCategory } from '../domain/community';
import { DATUMS } from '../domain/datums';
import { REQUEST_KINDS, type RequestStatus } from '../domain/requestState';
import { RATING_OUTCOMES } from '../domain/satisfaction';
import { optionalText, textOrEmpty } from '../textFields';
import { byId, FileId, IdempotencyKey, PhoneNumber, RequestId, SlotIdInput } from './schemas';
import type { RequestView } from './views';

/**
 * The `requests` function (residents: file, follow, rate, cancel, urge): input schemas and output
 * types. Objects are non-strict (unknown keys such as a self-declared `role` are stripped); every
 * string and array has a limit. The client imports the types from here.
 */

export const RequestsInput = {
  /**
   * 随手拍 / 上门帮办 / 咨询. report: category or matterCode; visit: slotId, (matterCode or
   * description), contactPhone and (buildingCode or address); report and consult need a description. Workers and admins may file for a
   * resident (`onBehalfOf`) and then are its first responder.
   */
  create: z.object({
    kind: z.enum(REQUEST_KINDS, { error: 'kind 应为 report、visit 或 consult' }),
    matterCode: z.optional(MatterCode),
    category: z.optional(CategoryCode),
    description: textOrEmpty(1000, '描述'),
    location: z.optional(LatLngSchema),
    /** The datum `location` is in: weapp reports GCJ-02 (the default), a browser or GPS WGS-84; stored as GCJ-02. */
    datum: z.optional(z.enum(DATUMS, { error: `datum 应为：${DATUMS.join('、')}` })),
    buildingCode: z.optional(Code),
    /** Visits: where to go (with or instead of a building) and whom to call; see checkKind. */
    address: optionalText(80, '上门地址'),
    contactPhone: z.optional(PhoneNumber),
    photos: z._default(z.array(FileId).check(z.maxLength(9, '最多上传9张图片')), []),
    slotId: z.optional(SlotIdInput),
    idempotencyKey: z.optional(IdempotencyKey),
    /** Follow this existing report (我也遇到) instead of filing a new one. */
    followDuplicate: z.optional(RequestId),
    onBehalfOf: z.optional(Openid),
  }),
  /**
   * "同一问题？": reports of the same category in the last 7 days within 50 m of `location`, or
   * filed at the same building (`buildingCode`: a report filed by building has no point). One of the two.
   */
  duplicates: z.object({ category: CategoryCode, location: z.optional(LatLngSchema), buildingCode: z.optional(Code) }),
  follow: byId,
  mine: z.object({}),
  get: byId,
  /** Links to show the request's photos, for those who may see them. */
  photos: byId,
  /** WeChat's pushed verdict on a photo (run as the system on CloudBase; see lib/moderation/images). */
  /** `openid`: whose photo WeChat checked (the push's FromUserName); a verdict for another person's trace is ignored. */
  mediaChecked: z.object({ traceId: z.string().check(z.minLength(1), z.maxLength(128)), suggest: z.string().check(z.maxLength(16)), openid: z.optional(z.string().check(z.maxLength(128))) }),
  cancel: z.object({ id: RequestId, reason: optionalText(200, '取消原因') }),
  rate: z.object({
    id: RequestId,
    score: z.number({ error: '评分应为1–5的整数' }).check(z.int('评分应为1–5的整数'), z.gte(1, '评分应为1–5的整数'), z.lte(5, '评分应为1–5的整数')),
    comment: optionalText(200, '评价'),
    /** 问题解决了吗 (已解决/部分解决/未解决); absent = derived from the score. Unresolved reopens. */
    outcome: z.optional(z.enum(RATING_OUTCOMES, { error: 'outcome 应为 resolved、partial 或 unresolved' })),
  }),
  /**
   * Report categories, buildings (for residents without GPS) and communities of one 街道: the one
   * at `location`, of `community`, the named `subdistrict`, else the caller's own (staff), else the first.
   */
  options: z.object({ location: z.optional(LatLngSchema), community: z.optional(Code), subdistrict: z.optional(Code) }),
  /** 催办: the owner reminds the handlers of an open request, once a day. */
  urge: byId,
} as const;

// ---- Outputs ----

export interface DuplicateView {
  id: string;
  description: string;
  distance: number;
  status: RequestStatus;
  createdAt: string;
  /** The caller's own report. */
  mine: boolean;
}

export interface BuildingView {
  code: string;
  name: string;
  grid: string;
  gridName: string;
  community: string;
  point?: LatLng;
}

export interface RequestsOutput {
  create: RequestView;
  duplicates: { candidates: DuplicateView[] };
  follow: RequestView;
  mine: { items: RequestView[] };
  get: RequestView;
  photos: { photos: { fileId: string; url: string }[] };
  mediaChecked: { hidden: boolean };
  cancel: RequestView;
  rate: RequestView;
  urge: RequestView;
  options: {
    /** The 街道 whose options these are; `subdistricts` lists every 街道 of the environment to choose from. */
    subdistrict?: { code: string; name: string };
    subdistricts?: { code: string; name: string }[];
    reportCategories: ReportCategory[];
    buildings: BuildingView[];
    communities: { code: string; name: string }[];
    visit: { visitMinutes: number; bufferMinutes: number; noticeMinutes: number; cutoffMinutes: number };
  };
}
