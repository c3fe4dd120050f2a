import ExcelJS from 'exceljs';
import type { TableBlock } from './blocks.js';
import { zipProblem, type ZipLimits } from './zip-guard.js';

export interface XlsxLimits extends ZipLimits { maxRows: number; maxColumns: number }

/** Every sheet of a workbook as a table (the reader keeps those whose header names offer columns); or why it was skipped. */
export async function xlsxTables(buf: Buffer, name: string, limits: XlsxLimits): Promise<TableBlock[] | string> {
  const problem = zipProblem(buf, limits);
  if (problem) return `${name}: ${problem}`;
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch (err) {
    return `${name}: not a readable workbook (${err instanceof Error ? err.message.slice(0, 80) : 'error'})`;
  }
  return wb.worksheets.slice(0, 20).map((ws) => sheetTable(ws, name, limits)).filter((t) => t.rows.length > 1);
}

function sheetTable(ws: ExcelJS.Worksheet, name: string, limits: XlsxLimits): TableBlock {
  const rows: string[][] = [];
  const rowNames: string[] = [];
  const last = Math.min(ws.rowCount, limits.maxRows);
  for (let r = 1; r <= last; r++) {
    const row = ws.getRow(r);
    const cols = Math.min(row.cellCount, limits.maxColumns);
    const cells: string[] = [];
    for (let c = 1; c <= cols; c++) cells.push(cellText(row.getCell(c).value));
    rows.push(cells);
    rowNames.push(`${name} ${ws.name} row ${r}`);
  }
  return { kind: 'table', rows, quote: 0, name: `${name} ${ws.name}`, rowNames };
}

/** A cell as text; numbers are written so that no thousands separator can be misread ("0.125" → "0.1250"). */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return /\.\d{3}$/.test(String(v)) ? `${v}0` : String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('result' in v) return cellText((v as { result?: ExcelJS.CellValue }).result ?? null);
    if ('text' in v) return String((v as { text: unknown }).text);
    return '';
  }
  return String(v);
}
