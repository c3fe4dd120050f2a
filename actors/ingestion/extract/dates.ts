import { fold } from './fold.js';
import type { AvailFact, LocalDate } from './types.js';

/** Month names and abbreviations in the nine languages (folded), January = 1. */
const MONTHS: string[][] = [
  ['january', 'jan', 'januar', 'janner', 'gennaio', 'gen', 'enero', 'ene', 'janvier', 'janv', 'stycznia', 'styczen', 'sty', 'januari', 'janeiro', 'ocak', 'oca'],
  ['february', 'feb', 'februar', 'febbraio', 'febrero', 'fevrier', 'fevr', 'fev', 'lutego', 'luty', 'lut', 'februari', 'fevereiro', 'subat', 'sub'],
  ['march', 'mar', 'marz', 'mrz', 'marzo', 'mars', 'marca', 'marzec', 'maart', 'mrt', 'marco', 'mart'],
  ['april', 'apr', 'aprile', 'abril', 'abr', 'avril', 'avr', 'kwietnia', 'kwiecien', 'kwi', 'nisan', 'nis'],
  ['may', 'mai', 'maggio', 'mag', 'mayo', 'maja', 'maj', 'mei', 'maio', 'mayis'],
  ['june', 'jun', 'juni', 'giugno', 'giu', 'junio', 'juin', 'czerwca', 'czerwiec', 'cze', 'junho', 'haziran', 'haz'],
  ['july', 'jul', 'juli', 'luglio', 'lug', 'julio', 'juillet', 'juil', 'lipca', 'lipiec', 'lip', 'julho', 'temmuz', 'tem'],
  ['august', 'aug', 'agosto', 'ago', 'aout', 'sierpnia', 'sierpien', 'sie', 'augustus', 'agustos', 'agu'],
  ['september', 'sep', 'sept', 'settembre', 'set', 'septiembre', 'septembre', 'wrzesnia', 'wrzesien', 'wrz', 'setembro', 'eylul', 'eyl'],
  ['october', 'oct', 'oktober', 'okt', 'ottobre', 'ott', 'octubre', 'octobre', 'pazdziernika', 'pazdziernik', 'paz', 'oktober', 'outubro', 'out', 'ekim', 'eki'],
  ['november', 'nov', 'novembre', 'noviembre', 'listopada', 'listopad', 'lis', 'novembro', 'kasim', 'kas'],
  ['december', 'dec', 'dezember', 'dez', 'dicembre', 'dic', 'diciembre', 'decembre', 'grudnia', 'grudzien', 'gru', 'dezembro', 'aralik', 'ara'],
];

const monthOf = new Map<string, number>();
MONTHS.forEach((names, i) => names.forEach((n) => monthOf.set(n, i + 1)));

/** Regex source of any month word (letters only; checked against the table after folding). */
export const MONTH_WORD = "[A-Za-zÀ-ÿąćęłńóśźżĄĆĘŁŃÓŚŹŻğışçöüĞİŞÇÖÜ]{3,12}\\.?";

export function monthNumber(word: string): number | null {
  return monthOf.get(fold(word).replace(/\.$/, '')) ?? null;
}

/** The calendar date a Date header was written on, in its own zone ("… 06:40 +0700" keeps its day). */
export function headerDate(header: string | null): LocalDate | null {
  if (!header) return null;
  return findAnyDate(header.slice(0, 200));
}

/** The first full date in a header-like text: "Mon, 25 May 2026 at 14:05", "martedì 28 luglio 2026", "25.05.2026". */
export function findAnyDate(text: string): LocalDate | null {
  const dmy = /(\d{1,2})\.?\s*(?:de\s+)?([A-Za-zÀ-ÿ\u0100-\u017f]{3,12})\.?,?\s*(?:de\s+)?(\d{4})/u.exec(text);
  if (dmy) {
    const m = monthNumber(dmy[2]!);
    if (m) return valid(Number(dmy[3]), m, Number(dmy[1]));
  }
  const mdy = /([A-Za-zÀ-ÿ\u0100-\u017f]{3,12})\.?\s+(\d{1,2}),?\s+(\d{4})/u.exec(text);
  if (mdy) {
    const m = monthNumber(mdy[1]!);
    if (m) return valid(Number(mdy[3]), m, Number(mdy[2]));
  }
  const num = /(\d{1,2})[./-](\d{1,2})[./-](\d{4})/.exec(text) ?? null;
  if (num) return valid(Number(num[3]), Number(num[2]), Number(num[1]));
  const iso = /(\d{4})-(\d{2})-(\d{2})/.exec(text);
  return iso ? valid(Number(iso[1]), Number(iso[2]), Number(iso[3])) : null;
}

export function valid(y: number, m: number, d: number): LocalDate | null {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 2200) return null;
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCMonth() === m - 1 ? { y, m, d } : null;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const t = new Date(Date.UTC(date.y, date.m - 1, date.d + days));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

export function isoDate(date: LocalDate): string {
  return `${date.y}-${pad(date.m)}-${pad(date.d)}`;
}

/** ISO 8601 week-year and week of a calendar date. */
export function isoWeek(date: LocalDate): { year: number; week: number } {
  const t = new Date(Date.UTC(date.y, date.m - 1, date.d));
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((t.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return { year: t.getUTCFullYear(), week };
}

/**
 * Availability against the e-mail's own date: a week that has already passed this
 * ISO year means next year's (the current week has not passed); a date without a
 * year takes the e-mail's year.
 */
export function resolveAvail(fact: AvailFact, ref: LocalDate | null): string | null {
  if (fact.kind === 'week') return resolveWeek(fact.week, fact.year, ref);
  if (fact.kind === 'date') {
    const y = fact.y ?? ref?.y;
    const d = y ? valid(y, fact.m, fact.d) : null;
    return d ? isoDate(d) : null;
  }
  return ref ? isoDate(addDays(ref, fact.days)) : null;
}

function resolveWeek(week: number, year: number | null, ref: LocalDate | null): string | null {
  if (week < 1 || week > 53) return null;
  if (year) return `${year}-W${pad(week)}`;
  if (!ref) return null;
  const now = isoWeek(ref);
  return `${week >= now.week ? now.year : now.year + 1}-W${pad(week)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
