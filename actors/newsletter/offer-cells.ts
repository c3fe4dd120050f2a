import { countryName } from '../matching/text.js';
import { oneLine } from './escape.js';
import type { NewsletterOffer } from './types.js';

/** One offer as the short strings both parts of the newsletter show; not yet escaped. */
export interface OfferCells {
  gsm: string;
  size: string;
  quantity: string;
  price: string;
  terms: string;
  origin: string;
  available: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function size(o: NewsletterOffer): string {
  if (o.width_mm !== null) return `${o.width_mm} mm reels`;
  if (o.sheet_mm !== null) return `${o.sheet_mm[0]} × ${o.sheet_mm[1]} mm sheets`;
  return 'mill run';
}

function quantity(o: NewsletterOffer): string {
  if (o.quantity_t === null) return 'qty on request';
  const reels = o.reels === null ? '' : `, ${o.reels} reels`;
  return `${o.quantity_t} t${o.quantity_shared ? ' across widths' : ''}${reels}`;
}

function terms(o: NewsletterOffer): string {
  if (o.incoterm === null) return 'terms on request';
  return o.incoterm.place === null ? o.incoterm.term : `${o.incoterm.term} ${oneLine(o.incoterm.place)}`;
}

/** "7 Dec 2026" for a date, "week 2/2026" for a week: as the mill stated it. */
function availability(available: string | null): string {
  if (available === null) return 'on request';
  const week = /^(\d{4})-W(\d{2})$/.exec(available);
  if (week) return `week ${Number(week[2])}/${week[1]}`;
  const [y, m, d] = available.split('-').map(Number);
  return `${d} ${MONTHS[(m ?? 1) - 1]} ${y}`;
}

export function offerCells(o: NewsletterOffer): OfferCells {
  return {
    gsm: `${o.gsm} g/m²`,
    size: size(o),
    quantity: quantity(o),
    price: o.price === null ? 'price on request' : `${o.price.currency} ${o.price.amount}/t`,
    terms: terms(o),
    origin: o.origin === null ? 'not stated' : countryName(o.origin),
    available: availability(o.available),
  };
}
