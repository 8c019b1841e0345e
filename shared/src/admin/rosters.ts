import * as z from 'zod/mini';
import { Code, LatLngSchema, Openid, WORKER_LEVELS } from '../domain/community';
import { MatterCode } from '../catalog/codeSchemas';
import { VisitsInput } from '../visits/api';

/**
 * A 街道's rosters from a spreadsheet (.xlsx): which columns each kind has, and how one row
 * becomes the same input an admin's form sends. Pure: the workbook is read in
 * cloudfunctions/lib/rosters; here a row is its cells, and a bad row comes back as its row number,
 * its column header and the reason in Chinese (第3行「电话」：电话号码格式不正确).
 */

export const ROSTER_KINDS = ['workers', 'buildings', 'households'] as const;
export type RosterKind = (typeof ROSTER_KINDS)[number];

/** A column: its header as people read it, the field it fills, whether it is required, how a cell reads. */
interface Column {
  header: string;
  field: string;
  required?: boolean;
  /** A list in one cell: separated by 、，, ; or spaces. */
  list?: boolean;
  number?: boolean;
  example: string;
}

export const ROSTER_COLUMNS: Record<RosterKind, readonly Column[]> = {
  workers: [
    { header: '微信OpenID', field: 'openid', required: true, example: 'worker-001' },
    { header: '姓名', field: 'name', required: true, example: '张三' },
    { header: '电话', field: 'phone', example: '13800000001' },
    { header: '等级', field: 'level', required: true, example: 'A' },
    { header: '社区编码', field: 'community', required: true, example: 'demo-community' },
    { header: '网格编码', field: 'grids', list: true, example: 'G1' },
    { header: '技能事项编码', field: 'skills', list: true, example: '' },
    { header: 'B角OpenID', field: 'backup', example: '' },
  ],
  buildings: [
    { header: '楼栋编码', field: 'code', required: true, example: 'G1-9' },
    { header: '楼栋名称', field: 'name', required: true, example: '幸福家园9栋' },
    { header: '网格编码', field: 'grid', required: true, example: 'G1' },
    { header: '纬度', field: 'lat', number: true, example: '30.9975' },
    { header: '经度', field: 'lng', number: true, example: '103.6195' },
  ],
  households: [
    { header: '户编码', field: 'code', required: true, example: 'H-101' },
    { header: '户主姓名', field: 'name', required: true, example: '王奶奶' },
    { header: '电话', field: 'phone', example: '13800000101' },
    { header: '地址', field: 'address', example: '1栋2单元301' },
    { header: '楼栋编码', field: 'buildingCode', example: 'G1-1' },
    { header: '标签', field: 'tags', required: true, list: true, example: '独居老人' },
    { header: '包保网格员OpenID', field: 'worker', required: true, example: 'demo-worker-1' },
    { header: '走访周期(天)', field: 'frequencyDays', required: true, number: true, example: '7' },
    { header: '备注', field: 'note', example: '' },
  ],
};

export const ROSTER_TITLES: Record<RosterKind, string> = { workers: '网格员', buildings: '楼栋', households: '重点户' };

const Name = (max: number) => z.string().check(z.trim(), z.minLength(1, '不能为空'), z.maxLength(max, `不能超过${max}个字`));

export const RosterRowSchemas = {
  workers: z.object({
    openid: Openid,
    name: Name(20),
    phone: z.optional(z.string().check(z.regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, '电话号码格式不正确'))),
    level: z.enum(WORKER_LEVELS, { error: '应为 A 或 B' }),
    community: Code,
    grids: z.optional(z.array(Code).check(z.maxLength(50))),
    skills: z.optional(z.array(MatterCode).check(z.maxLength(200))),
    backup: z.optional(Openid),
  }),
  buildings: z.object({
    code: Code,
    name: Name(30),
    grid: Code,
    point: z.optional(LatLngSchema),
  }),
  /** Key households (包保) as the admin's form saves one. */
  households: VisitsInput['households.upsert'],
} as const;
export type RosterRow<K extends RosterKind> = z.infer<(typeof RosterRowSchemas)[K]>;

export interface RowProblem {
  /** The sheet's row number (the header is row 1). */
  row: number;
  /** The column header, when the problem is one cell's. */
  column?: string;
  message: string;
}

export const problemText = (p: RowProblem) => `第${p.row}行${p.column ? `「${p.column}」` : ''}：${p.message}`;

type Cell = string | number | boolean | null | undefined;

/** The text of a cell as people typed it (numbers as written, no trailing .0). */
const text = (c: Cell) => (c === null || c === undefined ? '' : String(c).trim());

/**
 * Rows of cells (first row the headers) → the rows as inputs, and every problem. Headers are found
 * by name, in any order; a missing required column is one problem on row 1.
 */
export function parseRoster<K extends RosterKind>(kind: K, cells: readonly (readonly Cell[])[]): { rows: { row: number; value: RosterRow<K> }[]; problems: RowProblem[] } {
  const columns = ROSTER_COLUMNS[kind];
  const header = (cells[0] ?? []).map(text);
  const at = new Map(columns.map((c) => [c.field, header.indexOf(c.header)]));
  const problems: RowProblem[] = [];
  for (const c of columns) if (c.required && at.get(c.field)! < 0) problems.push({ row: 1, column: c.header, message: '缺少此列（请使用模板）' });
  if (problems.length) return { rows: [], problems };
  const rows: { row: number; value: RosterRow<K> }[] = [];
  const byField = new Map(columns.map((c) => [c.field, c]));
  cells.slice(1).forEach((line, i) => {
    const row = i + 2;
    if (line.every((c) => text(c) === '')) return; // blank lines between blocks are no rows
    const raw: Record<string, unknown> = {};
    for (const c of columns) {
      const idx = at.get(c.field)!;
      const v = idx < 0 ? '' : text(line[idx]);
      if (v === '') continue;
      raw[c.field] = c.list ? v.split(/[、，,;；\s]+/).filter(Boolean) : c.number ? (Number.isFinite(Number(v)) ? Number(v) : v) : v;
    }
    if (kind === 'buildings' && (raw.lat !== undefined || raw.lng !== undefined)) {
      raw.point = { lat: raw.lat, lng: raw.lng };
      delete raw.lat;
      delete raw.lng;
    }
    const parsed = RosterRowSchemas[kind].safeParse(raw);
    if (parsed.success) rows.push({ row, value: parsed.data as RosterRow<K> });
    else
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] === 'point' ? (issue.path[1] ?? 'lat') : issue.path[0]);
        const column = byField.get(field)?.header;
        const missing = raw[field] === undefined && !(issue.path[0] === 'point' && raw.point);
        problems.push({ row, column, message: missing ? '必填' : issue.message });
      }
  });
  // The same key twice would write one row over the other.
  const key = kind === 'workers' ? 'openid' : 'code';
  const seen = new Map<string, number>();
  for (const r of rows) {
    const k = String((r.value as Record<string, unknown>)[key]);
    if (seen.has(k)) problems.push({ row: r.row, column: byField.get(key)!.header, message: `与第${seen.get(k)}行重复：${k}` });
    else seen.set(k, r.row);
  }
  return { rows, problems: problems.sort((a, b) => a.row - b.row) };
}
