import * as z from 'zod/mini';
import { text, optionalText } from '../textFields';
import type { RequestKind } from '../domain/requestState';
import { SERVICE_CODE } from './georeport';

/**
 * GeoReport v2 `POST requests` as a partner (a city platform, the 12345 hotline) sends it: form
 * fields or JSON, every value a string. The API key is checked before this is read.
 */
const coordinate = (max: number, what: string) =>
  z.pipe(
    z.union([z.number(), z.string().check(z.trim(), z.regex(/^-?\d{1,3}(\.\d{1,15})?$/, `${what}应为数字`))]),
    z.transform((v) => Number(v)),
  ).check(z.refine((v) => Math.abs(v) <= max, `${what}超出范围`));

export const Open311PostSchema = z.object({
  service_code: z.string().check(z.regex(SERVICE_CODE, 'service_code 不是本接口的服务编码（见 services.json）')),
  lat: coordinate(90, '纬度（lat）'),
  long: coordinate(180, '经度（long）'),
  description: text(1000, '描述（description）'),
  address_string: optionalText(200, '地址（address_string）'),
  email: z.optional(z.string().check(z.trim(), z.maxLength(100), z.regex(/^$|^[^\s@]+@[^\s@]+$/, 'email 格式不正确'))),
  first_name: optionalText(40, '姓名（first_name）'),
  last_name: optionalText(40, '姓名（last_name）'),
  phone: z.optional(z.string().check(z.trim(), z.regex(/^$|^\+?[\d\s-]{5,20}$/, 'phone 格式不正确'))),
  /** The partner's own number for the work order (工单号); also `attribute[external_id]`. */
  external_id: z.optional(z.string().check(z.trim(), z.regex(/^$|^[A-Za-z0-9_.:-]{1,60}$/, 'external_id 只能包含字母、数字和 _.:-，最长60位'))),
});
export type Open311Post = z.output<typeof Open311PostSchema>;

/** What a service code files: a 随手拍 report in its category, or a consultation about a matter or category. */
export function kindOfService(code: string): { kind: RequestKind; category?: string; matterCode?: string } | null {
  const [, prefix, value] = SERVICE_CODE.exec(code) ?? [];
  if (prefix === 'report') return { kind: 'report', category: value };
  if (prefix === 'matter') return { kind: 'consult', matterCode: value };
  if (prefix === 'category') return { kind: 'consult', category: value };
  // A doorstep visit needs a slot a resident picks, and a report needs a category.
  if (prefix === 'other' && value === 'consult') return { kind: 'consult' };
  return null;
}

/** A form body or JSON object as plain fields; `attribute[x]` as `x` when `x` is not given itself. */
export function postFields(body: string, contentType: string | undefined): Record<string, unknown> {
  let raw: Record<string, unknown> = {};
  if ((contentType ?? '').includes('json')) {
    const parsed: unknown = body.trim() ? JSON.parse(body) : {};
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) raw = parsed as Record<string, unknown>;
  } else for (const [k, v] of new URLSearchParams(body)) if (!(k in raw)) raw[k] = v;
  const fields: Record<string, unknown> = Object.create(null);
  for (const [k, v] of Object.entries(raw)) {
    if (k === '__proto__' || k === 'constructor' || k === 'prototype') continue;
    const attr = /^attribute\[([a-z_]{1,40})\]$/.exec(k);
    if (attr) {
      if (!(attr[1] in raw)) fields[attr[1]] = v;
    } else if (v !== '' && v !== null) fields[k] = v;
  }
  return fields;
}
