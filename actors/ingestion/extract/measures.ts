import { NUM_SOURCE, parseNumber, type NumberLocale } from './numbers.js';

/** Sizes and amounts one line states, by what each number measures. */
export interface Measures {
  gsms: number[];
  gsmRange: boolean;
  widths: number[];
  widthRange: boolean;
  sheets: Array<[number, number]>;
  quantities: number[];
  reels: number[];
  diameter?: number;
  core?: number;
  thickness: boolean;
}

type Unit = 'gsm' | 'mm' | 'cm' | 'm' | 't' | 'kg' | 'reels';
interface Tok { raw: string; start: number; end: number; unit: Unit | null; unitEnd: number; range: boolean; low: boolean }

const NUM_RE = new RegExp(NUM_SOURCE, 'g');
const UNIT_RE = /^[\s\u00a0]*(g\s*\/\s*(?:m²|m2|m\^2|qm|sqm|m)|gsm|grs?\.?(?![\p{L}])|gramm?i?(?![\p{L}])|gramos|grammes?|gm2|g(?![\p{L}])|mm(?![\p{L}])|cm(?![\p{L}])|kgs?(?![\p{L}])|mts?(?![\p{L}])|m\.t\.|m(?![\p{L}²2])|t(?![\p{L}])|to(?![\p{L}])|tn|tns|tons?(?![\p{L}])|tonnes?|tonnen|tonnellate|toneladas?|tony|reels?|rolls?|rollen|rolle|bobin[ae]s?|bobines|rolek|rolki|rolka|rulo|bobin(?![\p{L}]))/iu;
const SHEET_RE = /(?<![\d.,])(\d{2,4}(?:[.,]\d)?)\s*[x×X*]\s*(\d{2,4}(?:[.,]\d)?)(?:\s*(cm|mm)(?![\p{L}]))?(?![\d])/gu;
const INCH_RE = /(?<![\d.,])(\d{1,2}(?:[.,]5)?)\s*(?:"|''|”|″|“|-?\s?(?:inch(?:es)?|in\.|zoll|pollici|pulgadas?|pouces?|cali|duim|polegadas?|inç))/giu;

const L = '(?<![\\p{L}])';
const R = '(?![\\p{L}])';
const DIA_KW = new RegExp(`(?:ø|Ø|⌀|${L}(?:dia|diam|diameter|durchmesser|rollendurchmesser|diametro|diámetro|diamètre|średnica|srednica|diâmetro|çap)${R})`, 'iu');
const CORE_KW = new RegExp(`${L}(?:cores?|hülsen?|huelse|kern|kernen|mandrin|mandril|mandrino|tuleja|gilza|tubo|hub|kovan|masura|göbek)${R}`, 'iu');
const IGNORE_KW = new RegExp(`${L}(?:trim|deckle|arbeitsbreite|siebbreite|nutzbreite|utile|útil|max|min|minimum|maximum|mindest\\p{L}*|minimo|mínimo|massimo|máximo|machine|pm|thick\\p{L}*|dicke|stärke|spessore|espesor|épaisseur|grubość|dikte|espessura|kalınlık|caliper)${R}`, 'iu');
const WIDTH_KW = new RegExp(`(?:${L}(?:b|width|widths|wide|breite|breit|rollenbreite|larghezza|larghezze|ancho|anchos|laize|laizes|largeur|szerokość|szer|breedte|rolbreedte|largura|reel|reels|rollen|rolle|bobine|bobina|rolls?)${R})`, 'iu');
const GSM_KW = new RegExp(`${L}(?:gsm|g/m²|g/m2|grammage|grammatur|flächengewicht|gramaje|grammatura|gramatura|gramaj|basis weight)${R}`, 'iu');
const QTY_SKIP_AFTER = /^[\s\u00a0]*(?:\/|per(?![\p{L}])|pro(?![\p{L}])|je(?![\p{L}])|each|a container|per container)/iu;
const QTY_SKIP_BEFORE = new RegExp(`${L}(?:min|minimum|mindestens|mindestmenge|moq|at least|max|maximum|minimo|mínimo|minimale?)${R}\\P{L}*(?:\\p{L}+\\P{L}*){0,2}$`, 'iu');
const LIST_JOIN = /^[\s\u00a0]*(?:[/+&,]|and|und|y|e|et|en|i|ve|oraz|or|oder|o|ou|of)[\s\u00a0]*$/iu;
const RANGE_JOIN = /^[\s\u00a0]*[-–—][\s\u00a0]*$/;

export function findMeasures(text: string, locale: NumberLocale, sheetUnit: 'cm' | 'mm' | null = null): Measures {
  const out: Measures = { gsms: [], gsmRange: false, widths: [], widthRange: false, sheets: [], quantities: [], reels: [], thickness: false };
  let s = findSheets(text, sheetUnit, out);
  s = findInchCores(s, out);
  const toks = tokens(s);
  for (let i = 0; i < toks.length; i++) classify(s, toks, i, locale, out);
  return out;
}

function findSheets(text: string, unit: 'cm' | 'mm' | null, out: Measures): string {
  return text.replace(SHEET_RE, (all, a: string, b: string, u: string | undefined) => {
    const x = Number(a.replace(',', '.'));
    const y = Number(b.replace(',', '.'));
    const inMm = (u ?? unit) === 'mm' || (!u && !unit && (x > 250 || y > 250));
    const f = inMm ? 1 : 10;
    const [mx, my] = [Math.round(x * f), Math.round(y * f)];
    if (mx < 150 || my < 150 || mx > 3000 || my > 3000) return all;
    out.sheets.push([mx, my]);
    return ' '.repeat(all.length);
  });
}

function findInchCores(text: string, out: Measures): string {
  return text.replace(INCH_RE, (all, n: string, offset: number) => {
    const around = text.slice(Math.max(0, offset - 20), offset) + ' ' + text.slice(offset + all.length, offset + all.length + 12);
    if (CORE_KW.test(around) && out.core === undefined) out.core = inchCore(Number(n.replace(',', '.')));
    return ' '.repeat(all.length);
  });
}

export function inchCore(inches: number): number {
  if (inches === 3) return 76;
  if (inches === 4) return 100;
  if (inches === 6) return 150;
  return Math.round(inches * 25.4);
}

function tokens(s: string): Tok[] {
  const toks: Tok[] = [];
  NUM_RE.lastIndex = 0;
  for (const m of s.matchAll(NUM_RE)) {
    const end = m.index + m[0].length;
    const u = UNIT_RE.exec(s.slice(end, end + 16));
    let unit = u ? unitOf(u[1]!) : null;
    if (unit === 't' && rangeTo(s.slice(end, end + 40))) unit = null;
    toks.push({ raw: m[0], start: m.index, end, unit, unitEnd: end + (unit && u ? u[0].length : 0), range: false, low: false });
  }
  joinLists(s, toks);
  return toks;
}

/** "1.000 to 2.500 mm" is a range; "24,5 to   23 Rollen" is tonnes followed by a reel count. */
function rangeTo(after: string): boolean {
  const m = /^[\s\u00a0]*to[\s\u00a0]+\d[\d.,']*[\s\u00a0]*(\p{L}*)/iu.exec(after);
  return !!m && !/^(?:reels?|rolls?|rollen|bobin\p{L}*|rolek|rolki|rulo)$/iu.test(m[1]!);
}

function unitOf(u: string): Unit {
  const l = u.toLowerCase();
  if (l === 'mm') return 'mm';
  if (l === 'cm') return 'cm';
  if (l === 'm') return 'm';
  if (/^kg/.test(l)) return 'kg';
  if (/^(?:reel|roll|bobin|rolek|rolk|rulo)/.test(l)) return 'reels';
  if (/^g/.test(l)) return 'gsm';
  return 't';
}

/** "120 and 140 g/m²", "1.250 / 1.600 mm" share the last unit; "90–150 g/m²" is a range. */
function joinLists(s: string, toks: Tok[]): void {
  for (let i = toks.length - 2; i >= 0; i--) {
    const a = toks[i]!;
    const b = toks[i + 1]!;
    if (a.unit || !b.unit) continue;
    const between = s.slice(a.end, b.start);
    if (RANGE_JOIN.test(between)) { a.unit = b.unit; a.low = true; b.range = true; }
    else if (LIST_JOIN.test(between)) a.unit = b.unit;
  }
}

function classify(s: string, toks: Tok[], i: number, locale: NumberLocale, out: Measures): void {
  const t = toks[i]!;
  if (t.low) return;
  const before = s.slice(Math.max(i > 0 ? toks[i - 1]!.unitEnd : 0, t.start - 30), t.start).split(/[,;]\s/).pop()!;
  const after = s.slice(t.unitEnd, Math.min(t.unitEnd + 16, toks[i + 1]?.start ?? Infinity)).split(/[,;–(]/)[0]!;
  if (t.unit === null) return unitless(t, before, locale, out);
  if (t.unit === 'gsm') return gsm(t, locale, out);
  if (t.unit === 'reels') return pushInt(out.reels, parseNumber(t.raw, 'int', locale), 1, 5000);
  if (t.unit === 't' || t.unit === 'kg') return quantity(s, t, before, locale, out);
  length(t, before, after, locale, out);
}

function gsm(t: Tok, locale: NumberLocale, out: Measures): void {
  const v = parseNumber(t.raw, 'int', locale);
  if (v === null) return;
  const value = v > 5000 && /\s/.test(t.raw) ? Number(t.raw.split(/\s/).pop()) : v;
  if (value < 10 || value > 5000 || !Number.isInteger(value)) return;
  if (t.range) out.gsmRange = true;
  out.gsms.push(value);
}

function quantity(s: string, t: Tok, before: string, locale: NumberLocale, out: Measures): void {
  if (QTY_SKIP_AFTER.test(s.slice(t.unitEnd, t.unitEnd + 20)) || QTY_SKIP_BEFORE.test(before)) return;
  const v = parseNumber(t.raw, t.unit === 'kg' ? 'kg' : 'tonnes', locale);
  if (v === null) return;
  const tonnes = t.unit === 'kg' ? v / 1000 : v;
  if (tonnes <= 0 || tonnes > 100_000) return;
  out.quantities.push(Math.round(tonnes * 1000) / 1000);
}

function length(t: Tok, before: string, after: string, locale: NumberLocale, out: Measures): void {
  const v = parseNumber(t.raw, 'int', locale);
  if (v === null) return;
  const mm = t.unit === 'cm' ? v * 10 : t.unit === 'm' ? v * 1000 : v;
  if (t.unit === 'mm' && v < 20) { out.thickness = true; return; }
  const kind = strongKind(before) ?? strongKind(after) ?? 'width';
  if (kind === 'dia') { if (out.diameter === undefined && mm >= 300 && mm <= 3000) out.diameter = Math.round(mm); return; }
  if (kind === 'core') { if (out.core === undefined && mm >= 30 && mm <= 400) out.core = Math.round(mm); return; }
  if (kind === 'ignore' || mm < 150 || mm > 6000) return;
  if (t.range) out.widthRange = true;
  out.widths.push(Math.round(mm));
}

/** Diameter, core and trim words decide what a length is; any other length is a width. */
function strongKind(text: string): 'dia' | 'core' | 'ignore' | null {
  if (DIA_KW.test(text)) return 'dia';
  if (CORE_KW.test(text)) return 'core';
  return IGNORE_KW.test(text) ? 'ignore' : null;
}

/** A number without a unit counts only right after its word: "Ø 1250", "B 1250", "core 76", "GSM: 125". */
function unitless(t: Tok, before: string, locale: NumberLocale, out: Measures): void {
  const near = before.slice(-14);
  const v = parseNumber(t.raw, 'int', locale);
  if (v === null || !/[\p{L}ø⌀]\.?\s*:?\s*$/u.test(near)) return;
  if (DIA_KW.test(near)) { const mm = v < 300 ? v * 10 : v; if (mm >= 300 && mm <= 3000) out.diameter ??= mm; return; }
  if (CORE_KW.test(near)) { out.core ??= v <= 8 ? inchCore(v) : v <= 30 ? v * 10 : v; return; }
  if (GSM_KW.test(near)) { if (v >= 10 && v <= 5000) out.gsms.push(v); return; }
  if (IGNORE_KW.test(near)) return;
  if (WIDTH_KW.test(near) && v >= 150 && v <= 6000) out.widths.push(v);
}

function pushInt(list: number[], v: number | null, min: number, max: number): void {
  if (v !== null && Number.isInteger(v) && v >= min && v <= max) list.push(v);
}
