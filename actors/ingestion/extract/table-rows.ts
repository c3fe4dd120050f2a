import { findAvail } from './availability.js';
import { countryOfCell } from './countries.js';
import { decideGrade, findGrades, mentionsUncodedGrade } from './grades-find.js';
import { headerRow, type Column } from './headers.js';
import { findTerm, loadingCountry } from './incoterms.js';
import { inchCore } from './measures.js';
import { parseNumber, type NumberLocale } from './numbers.js';
import { ON_REQUEST_RE, priceFromCell } from './prices.js';
import { scanLine } from './scan-line.js';
import type { Attrs, Candidate, Grade } from './types.js';
import type { Currency } from '../../domain/offer-line.js';

const TOTAL_RE = /^(?:summe|total|totale|totals|gesamt|insgesamt|suma|totaal|razem|toplam|sum|subtotal|zwischensumme|tot\.?)(?!\p{L})/iu;
const SOLD_RE = /(?<!\p{L})(?:sold|verkauft|venduto|vendido|vendu|sprzedan\p{L}*|verkocht|sat[ıi]ld[ıi]|reserved|reserviert|riservato|reservado|r[ée]serv[ée])(?!\p{L})/iu;

export interface TableRead { candidates: Candidate[]; unparsed: string[]; found: boolean }
export interface TableContext { locale: NumberLocale; currency: Currency | null; rowName: (i: number, cells: string[]) => string; shiftRows: boolean }

/** Offer lines from a table whose header names its columns; rows without one are left to the text reader. */
export function readTable(rows: readonly string[][], ctx: TableContext): TableRead {
  const at = rows.slice(0, 6).findIndex((r) => headerRow(r) !== null);
  if (at < 0) return { candidates: [], unparsed: [], found: false };
  const cols = headerRow(rows[at]!)!;
  const out: TableRead = { candidates: [], unparsed: [], found: true };
  let prev: string[] = [];
  for (let i = at + 1; i < rows.length; i++) {
    const cells = ctx.shiftRows ? realign(rows[i]!, prev, cols) : fillDown(rows[i]!, prev, cols);
    prev = cells;
    readRow(cells, cols, ctx, ctx.rowName(i, rows[i]!), out);
  }
  return out;
}

/** Outlook's tab flattening drops a row-spanned first cell: a short row takes its leading cells from the row above. */
function realign(row: string[], prev: string[], cols: Array<Column | null>): string[] {
  const cells = row.map((c) => c.trim());
  const missing = cols.length - cells.length;
  const gradeAt = cols.findIndex((c) => c?.field === 'grade');
  if (missing <= 0 || gradeAt < 0 || findGrades(cells[gradeAt] ?? '').length > 0) return cells;
  return [...prev.slice(0, missing), ...cells];
}

/** A merged grade cell in a spreadsheet leaves the rows below it empty: they mean the grade above. */
function fillDown(row: string[], prev: string[], cols: Array<Column | null>): string[] {
  const cells = row.map((c) => (c ?? '').trim());
  const gradeAt = cols.findIndex((c) => c?.field === 'grade');
  const filled = cells.some((c, i) => c !== '' && i !== gradeAt);
  if (gradeAt >= 0 && filled && cells[gradeAt] === '' && prev[gradeAt]) cells[gradeAt] = prev[gradeAt]!;
  return cells;
}

function readRow(cells: string[], cols: Array<Column | null>, ctx: TableContext, source: string, out: TableRead): void {
  if (cells.every((c) => c === '')) return;
  const first = cells.find((c) => c !== '') ?? '';
  if (TOTAL_RE.test(first) || cells.some((c) => SOLD_RE.test(c))) return;
  const row = new RowReader(ctx.locale, ctx.currency);
  cols.forEach((col, i) => col && cells[i] && row.cell(col, cells[i]!));
  const c = row.candidate(source);
  if (c) out.candidates.push(...c);
  else if (row.looksLikeOffer()) out.unparsed.push(source);
}

class RowReader {
  grade: Grade | null = null;
  gradeText = '';
  gsm: number | null = null;
  widths: number[] = [];
  sheets: Array<[number, number]> = [];
  quantity: number | null = null;
  reels: number | null = null;
  attrs: Attrs = {};
  constructor(private readonly locale: NumberLocale, private readonly currency: Currency | null) {}

  cell(col: Column, text: string): void {
    switch (col.field) {
      case 'grade': this.gradeText = text; this.grade = decideGrade(findGrades(text)); return;
      case 'gsm': this.gsm = this.int(text); return;
      case 'width': case 'sheet': return this.size(col, text);
      case 'diameter': return this.diameter(col, text);
      case 'core': return this.core(col, text);
      case 'reels': this.reels = this.int(text); return;
      case 'quantity': return this.qty(col, text);
      case 'price': return this.price(col, text);
      case 'terms': return this.terms(text);
      case 'origin': this.attrs.origin = countryOfCell(text); return;
      case 'avail': { const a = findAvail(text, { column: true }); if (a) this.attrs.avail = a; return; }
      default: return;
    }
  }

  private int(text: string): number | null {
    const m = /\d[\d.,'’ \u00a0]*/.exec(text);
    const v = m ? parseNumber(m[0].trim(), 'int', this.locale) : null;
    return v !== null && Number.isInteger(v) ? v : null;
  }

  private size(col: Column, text: string): void {
    const f = scanLine(text, this.locale, col.unit === 'mm' ? 'mm' : col.field === 'sheet' || col.unit === 'cm' ? 'cm' : null);
    if (f.sheets.length) { this.sheets.push(...f.sheets); return; }
    if (f.widths.length) { this.widths.push(...f.widths); return; }
    const v = this.int(text);
    if (v === null || col.field === 'sheet') return;
    const mm = col.unit === 'cm' || (col.unit === null && v < 300) ? v * 10 : v;
    if (mm >= 150 && mm <= 6000) this.widths.push(mm);
  }

  private diameter(col: Column, text: string): void {
    const v = this.int(text);
    if (v === null) return;
    const mm = col.unit === 'cm' || /cm/i.test(text) || (col.unit !== 'mm' && v < 300) ? v * 10 : v;
    if (mm >= 300 && mm <= 3000) this.attrs.diameter = mm;
  }

  private core(col: Column, text: string): void {
    const m = /(\d+(?:[.,]\d+)?)/.exec(text);
    if (!m) return;
    const v = Number(m[1]!.replace(',', '.'));
    const inch = col.unit === 'inch' || /["”″'']|inch|zoll/i.test(text) || v <= 8;
    this.attrs.core = inch ? inchCore(v) : col.unit === 'cm' || /cm/i.test(text) || v <= 30 ? v * 10 : v;
  }

  private qty(col: Column, text: string): void {
    const f = scanLine(text, this.locale);
    if (f.quantities.length) { this.quantity = f.quantities[0]!; return; }
    const m = /\d[\d.,'’ \u00a0]*/.exec(text);
    if (!m) return;
    const v = parseNumber(m[0].trim(), col.unit === 'kg' ? 'kg' : 'tonnes', this.locale);
    if (v !== null) this.quantity = col.unit === 'kg' ? Math.round(v) / 1000 : v;
  }

  private price(col: Column, text: string): void {
    if (ON_REQUEST_RE.test(text) || !/\d/.test(text)) { if (text.trim()) this.attrs.price = null; return; }
    const p = priceFromCell(text, col.currency ?? this.currency, col.factor, this.locale);
    if (p) this.attrs.price = p;
  }

  private terms(text: string): void {
    const t = findTerm(text);
    if (!t) return;
    this.attrs.term = { term: t.term, place: t.place };
    const country = loadingCountry(this.attrs.term);
    if (country) this.attrs.loadingCountry = country;
  }

  looksLikeOffer(): boolean {
    const named = this.grade !== null || mentionsUncodedGrade(this.gradeText) || this.gradeText !== '';
    return named && (this.gsm !== null || this.widths.length > 0 || this.sheets.length > 0 || this.quantity !== null);
  }

  candidate(source: string): Candidate[] | null {
    if (!this.grade || this.gsm === null || this.gsm < 10 || this.gsm > 5000) return null;
    const sizes: Array<[number | null, [number, number] | null]> = [
      ...this.widths.map((w): [number, null] => [w, null]),
      ...this.sheets.map((s): [null, [number, number]] => [null, s]),
    ];
    if (sizes.length === 0) sizes.push([null, null]);
    return sizes.map(([width, sheet]) => ({
      grade: this.grade!, gsm: this.gsm!, width, sheet, quantity: this.quantity, shared: sizes.length > 1,
      reels: sizes.length > 1 ? null : this.reels, own: { ...this.attrs }, heading: {}, source,
    }));
  }
}
