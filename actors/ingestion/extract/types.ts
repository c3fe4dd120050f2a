import type { Grade } from '../../domain/grades.js';
import type { Currency, OfferLine } from '../../domain/offer-line.js';
import type { IncotermCode } from './incoterms.js';

export type { Grade, Currency, OfferLine };

/** A calendar date as written in a header: no time zone arithmetic ever happens to it. */
export interface LocalDate { y: number; m: number; d: number }

/** Availability as read, before it is resolved against the e-mail's own date. */
export type AvailFact =
  | { kind: 'now'; days: number }
  | { kind: 'date'; y: number | null; m: number; d: number }
  | { kind: 'week'; week: number; year: number | null };

export interface PriceFact { amount: number; currency: Currency }
export interface TermFact { term: IncotermCode; place: string | null }

/**
 * What one line, cell or sentence says. `undefined` = not said; `null` = said to be
 * unknown or open ("on request", origin "n/a").
 */
export interface Attrs {
  price?: PriceFact | null;
  term?: TermFact | null;
  origin?: string | null;
  /** Country of a named loading place (E/F term place, warehouse town). */
  loadingCountry?: string;
  avail?: AvailFact;
  diameter?: number;
  core?: number;
}

export interface Candidate {
  grade: Grade;
  gsm: number;
  width: number | null;
  sheet: [number, number] | null;
  quantity: number | null;
  shared: boolean;
  reels: number | null;
  own: Attrs;
  heading: Attrs;
  source: string;
}

/** An attribute stated for one grade (and maybe one gsm) only: "Testliner 3 410,- EUR/to". */
export interface Keyed { grade: Grade; gsm: number | null; attrs: Attrs }
