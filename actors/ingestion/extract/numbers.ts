/**
 * Numbers as paper traders write them. Which separator is the decimal one depends on
 * the writer's locale, so an ambiguous "1.250" / "1,250" (one separator, three digits
 * after it) is settled by what the number measures: widths, grammages, kilograms and
 * prices per tonne are whole numbers, so the separator groups thousands there.
 */
export type NumKind = 'int' | 'kg' | 'tonnes' | 'money' | 'money-small';

/** A number: digits grouped by . , ' or (no-break) spaces, optional decimals, "410,-". */
export const NUM_SOURCE =
  "(?<![\\d])(?<!\\d[.,])(?:\\d{1,3}(?:(?:[.,'’]|[ \\u00a0\\u202f](?=\\d{3}(?!\\d)))\\d{3})+(?:[.,]\\d+)?|\\d+(?:[.,]\\d+)?)(?:[.,]\\s?[-–—]+)?(?![\\d])";

export interface NumberLocale { commaDecimal: boolean | null }

export function parseNumber(raw: string, kind: NumKind, locale: NumberLocale = { commaDecimal: null }): number | null {
  const s = raw.replace(/[.,]\s?[-–—]+$/, '').replace(/[\s\u00a0\u202f'’]/g, '');
  if (!/^\d[\d.,]*$/.test(s)) return null;
  const dots = count(s, '.');
  const commas = count(s, ',');
  if (dots > 0 && commas > 0) return mixed(s);
  if (dots + commas === 0) return Number(s);
  if (dots > 1 || commas > 1) return Number(s.replace(/[.,]/g, ''));
  const sep = dots ? '.' : ',';
  const [whole = '', frac = ''] = s.split(sep);
  if (frac.length !== 3) return Number(`${whole}.${frac}`);
  return ambiguous(whole, frac, sep, kind, locale);
}

function count(s: string, ch: string): number {
  let n = 0;
  for (const c of s) if (c === ch) n++;
  return n;
}

function mixed(s: string): number {
  const dec = s.lastIndexOf('.') > s.lastIndexOf(',') ? '.' : ',';
  const other = dec === '.' ? ',' : '.';
  return Number(s.split(other).join('').replace(dec, '.'));
}

function ambiguous(whole: string, frac: string, sep: string, kind: NumKind, locale: NumberLocale): number {
  const grouped = Number(whole + frac);
  const decimal = Number(`${whole}.${frac}`);
  if (kind === 'money-small') return decimal;
  if (kind !== 'tonnes') return grouped;
  if (grouped > 3000) return decimal;
  if (locale.commaDecimal === true) return sep === ',' ? decimal : grouped;
  if (locale.commaDecimal === false) return sep === '.' ? decimal : grouped;
  return grouped;
}

/** Evidence for the writer's decimal mark: "24,5" says comma, "16.4" says point. */
export function detectLocale(text: string): NumberLocale {
  const sample = text.length > 20_000 ? text.slice(0, 20_000) : text;
  const comma = (sample.match(/(?<![\d.,])\d{1,3},\d{1,2}(?![\d])/g) ?? []).length;
  const point = (sample.match(/(?<![\d.,])\d{1,3}\.\d{1,2}(?![\d.])/g) ?? []).length;
  if (comma === point) return { commaDecimal: null };
  return { commaDecimal: comma > point };
}
