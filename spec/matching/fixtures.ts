import type { OfferLine } from '../../actors/domain/offer-line.js';
import type { BuyerRequest } from '../../actors/matching/request.js';

/** A Testliner 3 reel offer from Italy, every field stated. */
export function offer(overrides: Partial<OfferLine> = {}): OfferLine {
  return {
    grade: 'testliner-3',
    gsm: 125,
    width_mm: 1250,
    sheet_mm: null,
    diameter_mm: 1200,
    core_mm: 76,
    quantity_t: 24,
    quantity_shared: false,
    reels: null,
    price: { amount: 410, currency: 'EUR', per: 't' },
    incoterm: { term: 'FCA', place: 'Cittadella' },
    origin: 'IT',
    available: '2026-12-07',
    ...overrides,
  };
}

/** A German corrugator's Testliner 3 request, as parsed. */
export function request(overrides: Partial<BuyerRequest> = {}): BuyerRequest {
  return {
    grades: ['testliner-3'],
    gsm: { min: 120, max: 130 },
    width_mm: { min: 1000, max: 1250 },
    diameter_mm: { max: 1250 },
    core_mm: 76,
    quantity_t: { min: 20, max: 30 },
    max_price: { amount: 470, currency: 'EUR' },
    destination: { country: 'DE', place: 'Hannover' },
    stale_after: '2026-12-31',
    ...overrides,
  };
}

/** The same request as the API takes it. */
export const VALID_INPUT = {
  grades: ['testliner-3', 'testliner-2'],
  gsm: { min: 120, max: 130 },
  width_mm: { min: 1000, max: 1250 },
  quantity_t: { min: 20, max: 30 },
  destination: { country: 'DE', place: 'Hannover' },
  stale_after: '2026-12-31',
};
