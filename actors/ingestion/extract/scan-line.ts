import type { Grade } from '../../domain/grades.js';
import { findAvail, maskTimes } from './availability.js';
import { decideGrade, distinctGrades, findGrades, mentionsUncodedGrade, type GradeHit } from './grades-find.js';
import { findTerm, loadingCountry } from './incoterms.js';
import { findMeasures, type Measures } from './measures.js';
import type { NumberLocale } from './numbers.js';
import { statedOrigin } from './origin.js';
import { findPrices, ON_REQUEST_RE } from './prices.js';
import type { Attrs } from './types.js';

/** Everything one line (or cell, or sentence) says, before deciding what kind of line it is. */
export interface LineFacts extends Measures {
  hits: GradeHit[];
  grade: Grade | null;
  grades: Grade[];
  uncoded: boolean;
  widthsToOrder: boolean;
  attrs: Attrs;
  onRequest: boolean;
  sold: boolean;
  surcharge: boolean;
}

const SOLD_RE = /(?<!\p{L})(?:sold|sold out|verkauft|venduto|venduti|venduta|vendido|vendidos|vendu|vendus|sprzedan[eya]|verkocht|sat[ıi]ld[ıi]|nicht mehr verf[üu]gbar|no longer available)(?!\p{L})/iu;
const SURCHARGE_CLAUSE = /(?<!\p{L})(?:surcharge|suppl[ée]ment|supplement|zuschlag|aufpreis|aufschlag|sovrapprezzo|maggiorazione|recargo|toeslag|dop[łl]ata|acr[ée]scimo|ek [üu]cret|price increase|preiserh[öo]hung|aumento)(?!\p{L})|\+\s*(?:€|eur|usd|\$)\s*\d/iu;
const TO_ORDER_RE = /(?:widths?|breiten?|larghezz[ae]|anch(?:o|os)|laizes?|szeroko\p{L}*|breedtes?|larguras?|formats?|formate?)\s+(?:to|as per|according to|on|per|nach|a|à|au|op|wg|según|sur|de|conforme|na)\s+(?:your|ihr\p{L}*|vostr\p{L}*|su|sus|votre|vos|uw|wasz\p{L}*|sua|seu|customer'?s?)?\s*(?:order|request|choice|needs|wunsch|bestellung|auftrag|richiesta|ordine|pedido|demande|commande|keuze|bestelling|zam[óo]wienie|encomenda|medida|mesure|wens)|(?<!\p{L})(?:to order|any widths?|nach wunsch|a richiesta|a medida|[àa] la demande|sur mesure|naar wens|na zam[óo]wienie|[àa] medida|widths? on request)(?!\p{L})/iu;
const DROP_PARENS = /\([^()]*\d[^()]*\)/g;
const EXCEPT_RE = /\(?(?<!\p{L})(?:except|excluding|au[ßs]er|ausgenommen|tranne|eccetto|excepto|salvo|sauf|behalve|opr[óo]cz|z wyj[ąa]tkiem|exceto|hari[çc])(?!\p{L})[^);]*\)?/giu;

export function scanLine(line: string, locale: NumberLocale, sheetUnit: 'cm' | 'mm' | null = null): LineFacts {
  const text = line.replace(EXCEPT_RE, ' ').replace(DROP_PARENS, (p) => (ON_REQUEST_RE.test(p) ? ' '.repeat(p.length) : p));
  const hits = findGrades(text);
  const surcharge = SURCHARGE_CLAUSE.test(text);
  const attrs: Attrs = {};
  const m = /\d/.test(text) ? numbers(maskSpans(text, hits), locale, sheetUnit, surcharge, attrs) : noNumbers(text, surcharge, attrs);
  const origin = statedOrigin(text);
  if (origin) attrs.origin = origin;
  return {
    ...m, hits, attrs, surcharge,
    grade: decideGrade(hits),
    grades: distinctGrades(hits),
    uncoded: hits.length === 0 && mentionsUncodedGrade(text),
    widthsToOrder: m.widthRange || (TO_ORDER_HINT.test(text) && TO_ORDER_RE.test(text)),
    onRequest: !attrs.price && ON_REQUEST_RE.test(text.replace(/(?:freight|fracht|transport|nolo|flete|fret|vracht|frete)\s+on\s+request/gi, '')),
    sold: SOLD_RE.test(text),
  };
}

const TO_ORDER_HINT = /order|wunsch|bestell|auftrag|richiesta|ordine|pedido|demande|commande|keuze|zam|encomenda|medida|mesure|wens|any width/i;

/** Dates, weeks, prices, terms and sizes, each blanked out once read so no digit is read twice. */
function numbers(text: string, locale: NumberLocale, sheetUnit: 'cm' | 'mm' | null, surcharge: boolean, attrs: Attrs): Measures {
  const avail = findAvail(text);
  if (avail) attrs.avail = avail;
  let masked = maskTimes(text);
  const prices = surcharge ? [] : findPrices(masked, locale);
  if (prices[0]) attrs.price = { amount: prices[0].amount, currency: prices[0].currency };
  masked = maskSpans(masked, prices);
  masked = term(masked, surcharge, attrs);
  const m = findMeasures(masked, locale, sheetUnit);
  if (m.diameter !== undefined) attrs.diameter = m.diameter;
  if (m.core !== undefined) attrs.core = m.core;
  return m;
}

function noNumbers(text: string, surcharge: boolean, attrs: Attrs): Measures {
  const avail = findAvail(text);
  if (avail) attrs.avail = avail;
  term(text, surcharge, attrs);
  return { gsms: [], gsmRange: false, widths: [], widthRange: false, sheets: [], quantities: [], reels: [], thickness: false };
}

function term(text: string, surcharge: boolean, attrs: Attrs): string {
  const t = surcharge ? null : findTerm(text);
  if (!t) return text;
  attrs.term = { term: t.term, place: t.place };
  const country = loadingCountry(attrs.term);
  if (country) attrs.loadingCountry = country;
  return maskSpans(text, [t]);
}

function maskSpans(text: string, spans: ReadonlyArray<{ start: number; end: number }>): string {
  let s = text;
  for (const { start, end } of spans) s = s.slice(0, start) + ' '.repeat(end - start) + s.slice(end);
  return s;
}

/** Does the line state an offer's size or amount, beyond naming a grade and gsm? */
export function hasBody(f: LineFacts): boolean {
  return f.widths.length > 0 || f.sheets.length > 0 || f.quantities.length > 0 || f.reels.length > 0 || f.widthsToOrder;
}
