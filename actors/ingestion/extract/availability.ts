import { MONTH_WORD, monthNumber, valid } from './dates.js';
import type { AvailFact } from './types.js';

/** "ex stock", "sofort", "pronta consegna", "de stock", "natychmiast" …: loadable on the e-mail's day. */
const NOW_RE = new RegExp([
  'ex[\\s-]?stock', 'from stock', 'ready stock', 'stock lot ready', 'prompt(?:ly)?(?!\\s+payment)', 'immediate(?:ly)?(?!\\s+payment)',
  '(?:available|availability|ready(?: to go)?|go|loading|shipment)\\s*:?\\s*now', 'right now', 'ready for (?:dispatch|shipment|loading|collection)',
  'ready to (?:ship|load)', 'in stock now', 'sofort', 'ab lager', 'lagerware', 'prompt verf[üu]gbar', 'umgehend',
  'pronta consegna', 'pront[oa] (?:a )?magazzino', 'subito', 'immediatamente', 'disponibil[ei] da subito',
  'inmediat[oa](?:mente)?', 'de stock', 'desde stock', 'en stock', 'entrega inmediata', 'disponible imm[ée]diatement',
  'imm[ée]diatement', 'disponibilit[ée] imm[ée]diate', 'de suite', 'natychmiast(?:owo)?', 'od r[ęe]ki', 'z magazynu',
  'direct leverbaar', 'uit voorraad', 'per direct', 'direct beschikbaar', 'imediat[oa](?:mente)?', 'pronta entrega',
  'em stock', 'em estoque', 'hemen', 'derhal', 'stoktan', 'ready stock',
].join('|'), 'i');

const NOW_CELL_RE = /^(?:now|prompt|immediate(?:ly)?|ex[\s-]?stock|stock|sofort|ab lager|pronto|subito|inmediato|de stock|imm[ée]diat|natychmiast|direct|imediato|hemen|ready|available)$/i;

const TOMORROW_RE = /\b(?:tomorrow|ab morgen|morgen (?:verf[üu]gbar|verladebereit)|vanaf morgen|domani|a partir de ma[ñn]ana|d[èe]s demain|demain|od jutra|jutro|amanh[ãa]|yar[ıi]n)\b/i;

const WEEK_WORDS = "KW|Kw|kw|CW|cw|KW\\.|wk|Wk|WK|wks|week|Week|WEEK|weeks|Woche|settimana|Settimana|sett\\.|semana|Semana|sem\\.|semaine|Semaine|tydzie[nń]|tyg\\.|tydz\\.|Hafta|hafta|HAFTA|W";
const WEEK_RE = new RegExp(`(?<![\\p{L}])(${WEEK_WORDS})\\s*(?:nr\\.?|no\\.?|n[°º]\\.?)?\\s*[.:#-]?\\s*(\\d{1,2})(?:\\s*(?:/|-|–|\\+)\\s*(\\d{1,2}))?(?!\\d|[.,]\\d)`, 'gu');
const WEEK_AFTER_RE = /(?<!\d)(\d{1,2})\.\s*(?:KW|Kalenderwoche|hafta|Hafta|tydzień)(?!\p{L})/gu;
const ISO_WEEK_RE = /\b(\d{4})-?W(\d{2})\b/;
const LOADING_RE = /(?:load|verlad|carico|carga|charg|lading|za[łl]adun|carregam|y[üu]kleme|stuff|ship|versand|spedi|embarq|exp[ée]di)\p{L}*\s*(?:\p{L}+\s*){0,1}$/iu;
const DEADLINE_RE = /(?<!\p{L})(?:until|till|before|deadline|end of|bis|vor|ende|entro|fino|hasta|antes|jusqu|avant|fin de|tot|przed|at[ée]|kadar|valid|g[üu]ltig|validit|closed|shutdown|stillstand|chius|cierre|fermeture)\P{L}*(?:\p{L}+\P{L}*){0,2}$/iu;

/** Dates: "29.06.2026", "05-Oct-2026", "April 13th", "13 avril", "13.04.". */
const DATE_RES: ReadonlyArray<[RegExp, (m: RegExpExecArray) => AvailFact | null]> = [
  [/\b(\d{4})-(\d{2})-(\d{2})\b/g, (m) => dateFact(+m[1]!, +m[2]!, +m[3]!)],
  [/(?<![\d.])(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})(?![\d])/g, (m) => numericFact(+m[1]!, +m[2]!, m[3]!)],
  [new RegExp(`(?<![\\d.])(\\d{1,2})(?:st|nd|rd|th|\\.)?[\\s-]*(?:de\\s+)?(${MONTH_WORD})(?:[\\s,-]*(?:de\\s+)?(\\d{4}))?`, 'gu'), (m) => wordFact(m[3], m[2]!, m[1]!)],
  [new RegExp(`(${MONTH_WORD})\\s+(\\d{1,2})(?:st|nd|rd|th)?(?![\\d.])(?:,?\\s*(\\d{4}))?`, 'gu'), (m) => wordFact(m[3], m[1]!, m[2]!)],
  [/(?<![\d.])(\d{1,2})\.(\d{1,2})\.(?!\d)/g, (m) => dateFact(null, +m[2]!, +m[1]!)],
];

/** A date needs a word saying it is when goods load ("from", "ab", "dal", "available"); a week does not. */
const DATE_CUE_RE = /(?<!\p{L})(?:from|as of|starting|available|avail\.|ready|load|stuff|ship|dispatch|eta|ab|verf[üu]gbar|lieferbar|bereit|verlad|dal|dalla|dai|a partire|disponibil|carico|pront|desde|a partir|disponible|carga|d[èe]s|[àa] partir|chargement|vanaf|beschikbaar|lading|leverbaar|od|dost[ęe]pn|za[łl]adun|dispon[íi]vel|carregamento|itibaren|haz[ıi]r|y[üu]kleme)/iu;

export interface AvailOptions { column?: boolean }

/** The availability a clause states, or undefined. A table cell (`column`) needs no cue word. */
export function findAvail(text: string, opts: AvailOptions = {}): AvailFact | undefined {
  const week = findWeek(text);
  if (week) return week;
  const date = findDate(text, opts.column === true);
  if (date) return date;
  if (TOMORROW_RE.test(text)) return { kind: 'now', days: 1 };
  if (NOW_RE.test(text) || (opts.column && NOW_CELL_RE.test(text.trim()))) return { kind: 'now', days: 0 };
  return undefined;
}

function findWeek(text: string): AvailFact | undefined {
  const iso = ISO_WEEK_RE.exec(text);
  if (iso) return { kind: 'week', week: +iso[2]!, year: +iso[1]! };
  const found: Array<{ week: number; loading: boolean }> = [];
  for (const re of [WEEK_RE, WEEK_AFTER_RE]) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      const before = text.slice(Math.max(0, m.index - 30), m.index);
      if (DEADLINE_RE.test(before)) continue;
      const [word, num] = re === WEEK_RE ? [m[1]!, m[2]!] : ['', m[1]!];
      if (word === 'W' && !/^W\d/.test(m[0])) continue;
      found.push({ week: +num, loading: LOADING_RE.test(before) });
    }
  }
  const pick = found.find((f) => f.loading) ?? found[0];
  return pick && pick.week >= 1 && pick.week <= 53 ? { kind: 'week', week: pick.week, year: null } : undefined;
}

function findDate(text: string, column: boolean): AvailFact | undefined {
  for (const [re, make] of DATE_RES) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      const before = text.slice(Math.max(0, m.index - 40), m.index);
      if (DEADLINE_RE.test(before)) continue;
      if (!column && !DATE_CUE_RE.test(before)) continue;
      const fact = make(m as unknown as RegExpExecArray);
      if (fact) return fact;
    }
  }
  return undefined;
}

function dateFact(y: number | null, m: number, d: number): AvailFact | null {
  if (!valid(y ?? 2000, m, d)) return null;
  return { kind: 'date', y, m, d };
}

function numericFact(d: number, m: number, yRaw: string): AvailFact | null {
  const y = yRaw.length === 2 ? 2000 + +yRaw : +yRaw;
  if (m > 12 && d <= 12) return dateFact(y, d, m);
  return dateFact(y, m, d);
}

function wordFact(yRaw: string | undefined, monthWord: string, dayRaw: string): AvailFact | null {
  const m = monthNumber(monthWord);
  if (!m) return null;
  return dateFact(yRaw ? +yRaw : null, m, +dayRaw);
}


/** Blanks out dates and week numbers so their digits are not read as sizes. */
export function maskTimes(text: string): string {
  let s = text;
  for (const [re, make] of DATE_RES.slice(0, 4)) {
    s = s.replace(re, (all: string, ...groups: unknown[]) => {
      const m = [all, ...groups.slice(0, 3)] as unknown as RegExpExecArray;
      return make(m) ? blank(all) : all;
    });
  }
  for (const re of [WEEK_RE, WEEK_AFTER_RE]) s = s.replace(re, (all, word: string) => (word === 'W' && !/^W\d/.test(all) ? all : blank(all)));
  return s.replace(ISO_WEEK_RE, blank);
}

function blank(s: string): string {
  return ' '.repeat(s.length);
}
