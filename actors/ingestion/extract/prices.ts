import type { Currency } from '../../domain/offer-line.js';
import { NUM_SOURCE, parseNumber, type NumberLocale } from './numbers.js';
import type { PriceFact } from './types.js';

const CUR = '(€|eur(?:os?)?(?![a-z])|usd|us\\s?\\$|\\$|£|gbp|pln|zł|zl(?![a-z])|z[łl]oty(?:ch)?|sek|chf|sfr\\.?|kr(?![a-z]))';
const PER = '(?:\\s*(?:/|per|pro|je|a|la|par|za|por|the)\\s*(?:metric\\s+)?(100\\s?kg|kg|q(?:\\.?le)?|quintale|t|to|tn|tons?|tonnes?|tonne|mt|m\\.t\\.|tonnellat[ae]|toneladas?|ton[ęa]|tonnen?)(?![a-z])|\\s*(p\\.?m\\.?t)\\.?(?![a-z]))';
const AMOUNT = `(${NUM_SOURCE})`;

const CUR_FIRST = new RegExp(`${CUR}\\s*${AMOUNT}${PER}?`, 'giu');
const AMOUNT_FIRST = new RegExp(`${AMOUNT}\\s*${CUR}${PER}?`, 'giu');
const SURCHARGE_RE = /(?:\+\s*$|(?<!\p{L})(?:surcharge|supplement|suppl[ée]ment|zuschlag|aufpreis|aufschlag|extra|additional|add(?:ed)?|plus|sovrapprezzo|supplemento|maggiorazione|recargo|suplemento|toeslag|dop[łl]ata|acr[ée]scimo|freight|fracht|nolo|flete|fret|vracht|frete|navlun|discount|rabatt|sconto|descuento|remise|korting|rabat|desconto|skonto)\P{L}*(?:\p{L}+\P{L}*){0,3}$)/iu;

/** "on request", "TBA", "auf Anfrage", "su richiesta", "sur demande", "op aanvraag", "na zapytanie" …: no price. */
export const ON_REQUEST_RE = /(?<!\p{L})(?:on\s+req(?:uest|\.)?|upon\s+request|by\s+request|tba|tbc|tbd|auf\s+anfrage|a\.\s?a\.|su\s+richiesta|a\s+richiesta|prezzo\s+da\s+definire|a\s+consultar|bajo\s+consulta|sur\s+demande|prix\s+[àa]\s+discuter|op\s+aanvraag|na\s+zapytanie|do\s+uzgodnienia|sob\s+consulta|a\s+pedido|talep\s+[üu]zerine|sorunuz|p\.?o\.?a\.?|price\s+to\s+be\s+agreed|n\/a)(?!\p{L})/iu;

const CURRENCY: Record<string, Currency | undefined> = {
  '€': 'EUR', eur: 'EUR', euro: 'EUR', euros: 'EUR', usd: 'USD', us$: 'USD', 'us $': 'USD', $: 'USD', '£': 'GBP',
  gbp: 'GBP', pln: 'PLN', 'zł': 'PLN', zl: 'PLN', zloty: 'PLN', zlotych: 'PLN', 'złoty': 'PLN', 'złotych': 'PLN',
  sek: 'SEK', kr: 'SEK', chf: 'CHF', sfr: 'CHF', 'sfr.': 'CHF',
};

export function currencyOf(token: string): Currency | null {
  return CURRENCY[token.toLowerCase().replace(/\s+/g, ' ')] ?? null;
}

export interface PriceHit extends PriceFact { start: number; end: number }

/** Prices per tonne in a text; surcharges ("+ EUR 60/t", "supplément de 18 €/t") are left out. */
export function findPrices(text: string, locale: NumberLocale): PriceHit[] {
  const hits: PriceHit[] = [];
  for (const [re, curAt, amtAt] of [[CUR_FIRST, 1, 2], [AMOUNT_FIRST, 2, 1]] as const) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      if (hits.some((h) => m.index < h.end && m.index + m[0].length > h.start)) continue;
      const hit = toHit(m, curAt, amtAt, locale);
      if (hit && !SURCHARGE_RE.test(text.slice(Math.max(0, m.index - 40), m.index))) hits.push(hit);
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}

function toHit(m: RegExpMatchArray, curAt: number, amtAt: number, locale: NumberLocale): PriceHit | null {
  const currency = currencyOf(m[curAt]!);
  const per = (m[3] ?? m[4] ?? '').toLowerCase().replace(/\s+/g, '');
  if (!currency) return null;
  if (currency === 'SEK' && m[curAt]!.toLowerCase() === 'kr' && !per) return null;
  const factor = per === 'kg' ? 1000 : per === '100kg' || per.startsWith('q') ? 10 : 1;
  const amount = parseNumber(m[amtAt]!, factor > 1 ? 'money-small' : 'money', locale);
  if (amount === null) return null;
  const perTonne = Math.round(amount * factor * 100) / 100;
  if (perTonne < 20 || perTonne > 100_000) return null;
  return { amount: perTonne, currency, start: m.index!, end: m.index! + m[0].length };
}

/** A bare amount in a price column whose header names the currency ("Price (USD/MT)": "640"). */
export function priceFromCell(cell: string, currency: Currency | null, unitFactor: number, locale: NumberLocale): PriceFact | null {
  const found = findPrices(cell, locale)[0];
  if (found) return { amount: found.amount, currency: found.currency };
  const num = new RegExp(`^\\s*${AMOUNT}`).exec(cell);
  if (!num || !currency) return null;
  const amount = parseNumber(num[1]!, unitFactor > 1 ? 'money-small' : 'money', locale);
  if (amount === null) return null;
  const perTonne = Math.round(amount * unitFactor * 100) / 100;
  return perTonne >= 20 && perTonne <= 100_000 ? { amount: perTonne, currency } : null;
}

/** The currency and per-unit factor a column header states ("Preis EUR/t", "Price per 100 kg (€)"). */
export function priceHeaderUnit(header: string): { currency: Currency | null; factor: number } {
  const cur = new RegExp(CUR, 'iu').exec(header);
  const factor = /100\s?kg|quintal/i.test(header) ? 10 : /(?:\/|per\s)kg/i.test(header) ? 1000 : 1;
  return { currency: cur ? currencyOf(cur[1]!) : null, factor };
}
