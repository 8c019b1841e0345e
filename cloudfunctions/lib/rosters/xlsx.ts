import type ExcelJS from 'exceljs';
import { AppError } from '@qgt/shared/errors';

/**
 * .xlsx in and out (exceljs): the first sheet of an uploaded workbook as rows of plain cell values,
 * and a workbook from named sheets of rows. Cells are written as values, never formulas, so a
 * `=cmd|…` someone typed into a description stays text. exceljs (~1 MB) is loaded on first use: in the
 * cloud bundle it is a chunk beside index.js (scripts/build-functions.ts), so other admin calls start without it.
 */
const excel = async (): Promise<typeof ExcelJS> => {
  // CommonJS seen through import(): the module itself, or under `default` once bundled.
  const m = (await import('exceljs')) as unknown as typeof ExcelJS & { default?: typeof ExcelJS };
  return m.default ?? m;
};

type Cell = string | number | boolean | null | undefined;

/** A cell's plain value: rich text joined, a formula's result, a date as YYYY-MM-DD, a hyperlink's text. */
function plain(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return plain(v.result as ExcelJS.CellValue);
    if ('text' in v) return String(v.text);
  }
  return String(v);
}

/** The first sheet of a base64 .xlsx as rows of cells (400 when it is not a workbook). */
export async function readFirstSheet(base64: string, maxRows = 5000): Promise<Cell[][]> {
  const book = new (await excel()).Workbook();
  try {
    await book.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  } catch {
    throw new AppError('BAD_REQUEST', '无法读取文件：请上传 Excel 工作簿（.xlsx）', { field: 'data.file' });
  }
  const sheet = book.worksheets[0];
  if (!sheet) throw new AppError('BAD_REQUEST', '工作簿中没有工作表', { field: 'data.file' });
  if (sheet.rowCount > maxRows + 1) throw new AppError('BAD_REQUEST', `行数过多：一次最多导入${maxRows}行`, { field: 'data.file' });
  const rows: Cell[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: Cell[] = [];
    for (let c = 1; c <= Math.max(row.cellCount, sheet.columnCount); c++) cells.push(plain(row.getCell(c).value));
    rows.push(cells);
  }
  return rows;
}

export interface Sheet {
  name: string;
  rows: readonly (readonly unknown[])[];
  /** Rows (1-based) set in bold: headers and section titles. */
  bold?: readonly number[];
}

/** A workbook of these sheets as bytes. */
export async function writeWorkbook(sheets: readonly Sheet[]): Promise<Buffer> {
  const book = new (await excel()).Workbook();
  for (const s of sheets) {
    const sheet = book.addWorksheet(s.name);
    for (const row of s.rows) sheet.addRow(row.map((c) => (c === null || c === undefined ? null : typeof c === 'number' || typeof c === 'boolean' ? c : String(c))));
    for (const r of s.bold ?? []) sheet.getRow(r).font = { bold: true };
    // Wide enough for Chinese headers and codes.
    sheet.columns.forEach((col) => {
      col.width = 14;
    });
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
