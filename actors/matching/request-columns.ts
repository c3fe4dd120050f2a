import { GRADES, type Grade } from '../domain/grades.js';
import { CURRENCIES } from '../domain/offer-line.js';
import { convert, type MarketConfig } from './market-config.js';
import type { BuyerRequest } from './request.js';

/**
 * Requests as columns of numbers, the form the score kernel reads: a rematch scores
 * some 18 million pairs, and reading packed arrays in order instead of following each
 * request's objects around the heap is most of its speed.
 */
export interface ColumnRequest {
  id: string;
  buyer_id: string;
  request: BuyerRequest;
}

const GRADE_BIT = new Map<Grade, number>(GRADES.map((g, i) => [g, 1 << i]));

/** Destinations interned, so freight is worked out once per offer and destination. */
export class Destinations {
  readonly list: BuyerRequest['destination'][] = [];
  private readonly ids = new Map<string, number>();

  id(d: BuyerRequest['destination']): number {
    const key = `${d.country}\u0000${d.place}`;
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.list.push(d) - 1;
      this.ids.set(key, id);
    }
    return id;
  }
}

/** YYYY-MM-DD as a number that orders the same way. */
export function dayNumber(date: string): number {
  return Number(date.slice(0, 4)) * 10_000 + Number(date.slice(5, 7)) * 100 + Number(date.slice(8, 10));
}

export class RequestColumns {
  readonly ids: string[];
  readonly buyers: string[];
  /** Bit i: the request names GRADES[i]. */
  readonly grades: Int32Array;
  readonly gsmMin: Int32Array;
  readonly gsmMax: Int32Array;
  readonly widthMin: Int32Array;
  readonly widthMax: Int32Array;
  /** NaN: not asked (diaMin NaN alone: a maximum only). */
  readonly diaMin: Float64Array;
  readonly diaMax: Float64Array;
  /** 0: no core asked. */
  readonly core: Int32Array;
  readonly qMin: Float64Array;
  readonly qMax: Float64Array;
  /** NaN: no maximum price; then maxCurrency is -1. */
  readonly maxAmount: Float64Array;
  readonly maxCurrency: Int32Array;
  readonly maxEur: Float64Array;
  readonly destination: Int32Array;
  readonly staleDay: Int32Array;

  constructor(rows: readonly ColumnRequest[], destinations: Destinations, market: MarketConfig) {
    const r = rows.map((x) => x.request);
    const f64 = (f: (q: BuyerRequest) => number) => Float64Array.from(r, f);
    const i32 = (f: (q: BuyerRequest) => number) => Int32Array.from(r, f);
    this.ids = rows.map((x) => x.id);
    this.buyers = rows.map((x) => x.buyer_id);
    this.grades = i32((q) => q.grades.reduce((mask, g) => mask | (GRADE_BIT.get(g) as number), 0));
    [this.gsmMin, this.gsmMax] = [i32((q) => q.gsm.min), i32((q) => q.gsm.max)];
    [this.widthMin, this.widthMax] = [i32((q) => q.width_mm.min), i32((q) => q.width_mm.max)];
    [this.diaMin, this.diaMax] = [f64((q) => q.diameter_mm?.min ?? NaN), f64((q) => q.diameter_mm?.max ?? NaN)];
    this.core = i32((q) => q.core_mm ?? 0);
    [this.qMin, this.qMax] = [f64((q) => q.quantity_t.min), f64((q) => q.quantity_t.max)];
    this.maxAmount = f64((q) => q.max_price?.amount ?? NaN);
    this.maxCurrency = i32((q) => (q.max_price ? CURRENCIES.indexOf(q.max_price.currency) : -1));
    this.maxEur = f64((q) => (q.max_price ? convert(q.max_price.amount, q.max_price.currency, 'EUR', market) : NaN));
    this.destination = i32((q) => destinations.id(q.destination));
    this.staleDay = i32((q) => dayNumber(q.stale_after));
  }

  get length(): number {
    return this.ids.length;
  }
}
