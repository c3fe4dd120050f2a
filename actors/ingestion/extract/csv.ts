import iconv from 'iconv-lite';
import { parse } from 'csv-parse/sync';
import type { TableBlock } from './blocks.js';
import { headerColumn } from './headers.js';

const DELIMITERS = [';', ',', '\t', '|'] as const;
const CHARSETS = ['windows-1252', 'windows-1250', 'iso-8859-2', 'windows-1254'] as const;

export interface CsvLimits { maxColumns: number; maxRows: number; maxLineChars: number }

/** A CSV attachment as a table: its charset guessed, its delimiter sniffed; or why it was skipped. */
export function csvTable(buf: Buffer, name: string, limits: CsvLimits): TableBlock | string {
  const text = decode(buf);
  const lines = text.split(/\r\n|\n|\r/, limits.maxRows + 1);
  const delimiter = sniff(lines.slice(0, 20));
  const widest = Math.max(0, ...lines.map((l) => countOutsideQuotes(l, delimiter)));
  if (widest + 1 > limits.maxColumns) return `${name}: a line has ${widest + 1} columns, over the limit of ${limits.maxColumns}`;
  const rows = parse(lines.slice(0, limits.maxRows).join('\n'), {
    delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, bom: true,
    max_record_size: limits.maxLineChars * 4,
  }) as string[][];
  return { kind: 'table', rows, quote: 0, name, rowNames: rows.map((_, i) => `${name} row ${i + 1}`) };
}

/** UTF-8 when the bytes are valid UTF-8; else the single-byte charset whose decoding names the most columns. */
export function decode(buf: Buffer): string {
  if (buf[0] === 0xff && buf[1] === 0xfe) return iconv.decode(buf, 'utf-16le');
  if (buf[0] === 0xfe && buf[1] === 0xff) return iconv.decode(buf, 'utf-16be');
  const utf8 = buf.toString('utf8');
  if (!utf8.includes('\ufffd')) return utf8.replace(/^\ufeff/, '');
  const head = buf.subarray(0, 4096);
  let best: string = CHARSETS[0];
  let bestScore = -1;
  for (const cs of CHARSETS) {
    const sample = iconv.decode(head, cs);
    const score = sample.split(/[;,\t|\r\n]/).filter((c) => headerColumn(c) !== null).length * 10 - (sample.match(/[\u0080-\u009f\u02c6-\u203a]/g) ?? []).length;
    if (score > bestScore) { best = cs; bestScore = score; }
  }
  return iconv.decode(buf, best);
}

function sniff(lines: string[]): string {
  const sample = lines.filter((l) => l.trim() !== '').slice(0, 10);
  let best: string = ',';
  let bestScore = 0;
  for (const d of DELIMITERS) {
    const counts = sample.map((l) => countOutsideQuotes(l, d));
    const common = mode(counts);
    const score = common * counts.filter((c) => c === common).length;
    if (common > 0 && score > bestScore) { best = d; bestScore = score; }
  }
  return best;
}

function mode(xs: number[]): number {
  const freq = new Map<number, number>();
  for (const x of xs) freq.set(x, (freq.get(x) ?? 0) + 1);
  let best = 0;
  let n = 0;
  for (const [x, f] of freq) if (f > n || (f === n && x > best)) { best = x; n = f; }
  return best;
}

function countOutsideQuotes(line: string, d: string): number {
  let n = 0;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (!quoted && line[i] === d) n++;
  }
  return n;
}
