import { z } from 'zod';
import { OfferLine } from '../../actors/domain/offer-line.js';
import { BuyerRequestInput } from '../../actors/matching/request.js';
import type { StoredRequest } from '../../db/requests.js';
import type { DealRow, WindowRow } from '../../db/windows.js';
import { OfferStatus } from './offer-view.js';

/** Requests, matches, windows and deals as the API shows them: DOMAIN.md's fields, camelCase metadata. */

export const RequestView = BuyerRequestInput.extend({
  id: z.uuid(),
  buyerId: z.uuid(),
  status: z.enum(['open', 'stale']).describe('stale: past stale_after, matching nothing'),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export function requestView(r: StoredRequest, asOf: string): z.infer<typeof RequestView> {
  return {
    id: r.id, buyerId: r.buyer_id, ...r.request, status: r.request.stale_after < asOf ? 'stale' : 'open',
    createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString(),
  };
}

export const Reason = z.object({
  factor: z.string(),
  weight: z.number(),
  score: z.number(),
  excludes: z.boolean(),
  text: z.string().describe('why, in a sentence a trader reads'),
});

export const MatchView = z.object({
  offerId: z.uuid(),
  requestId: z.uuid(),
  buyerId: z.uuid(),
  score: z.number().describe('in [0, 1]; the README explains how it is made'),
  rank: z.number().int().describe("this request's place among the offer line's matches, 1 the best"),
  reasons: z.array(Reason),
  offer: OfferLine.extend({ id: z.uuid(), status: OfferStatus }),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const DealView = z.object({
  id: z.uuid(),
  offerId: z.uuid(),
  buyerId: z.uuid(),
  requestId: z.uuid(),
  windowId: z.uuid(),
  score: z.number(),
  quantity_t: z.number().nullable().describe('the tonnes reserved: the whole offer line'),
  price: z.object({ amount: z.number(), currency: z.string() }).nullable(),
  createdAt: z.string(),
});

export function dealView(d: DealRow): z.infer<typeof DealView> {
  return {
    id: d.id, offerId: d.offer_id, buyerId: d.buyer_id, requestId: d.request_id, windowId: d.window_id, score: d.score,
    quantity_t: d.quantity_t, price: d.price_amount === null ? null : { amount: d.price_amount, currency: d.price_currency ?? 'EUR' },
    createdAt: d.created_at.toISOString(),
  };
}

export const WindowState = z.enum(['open', 'accepted', 'declined', 'expired', 'withdrawn']);

export const WindowView = z.object({
  id: z.uuid(),
  offerId: z.uuid(),
  buyerId: z.uuid(),
  requestId: z.uuid(),
  score: z.number(),
  state: WindowState,
  openedAt: z.string(),
  expiresAt: z.string(),
  closedAt: z.string().nullable(),
  dealId: z.uuid().nullable(),
  offer: z.object({
    status: OfferStatus, grade: z.string(), gsm: z.number(), width_mm: z.number().nullable(), quantity_t: z.number().nullable(),
    price: z.object({ amount: z.number(), currency: z.string() }).nullable(), origin: z.string().nullable(),
  }),
});

export function windowView(w: WindowRow): z.infer<typeof WindowView> {
  return {
    id: w.id, offerId: w.offer_id, buyerId: w.buyer_id, requestId: w.request_id, score: w.score, state: w.outcome ?? 'open',
    openedAt: w.opened_at.toISOString(), expiresAt: w.expires_at.toISOString(), closedAt: w.closed_at?.toISOString() ?? null,
    dealId: w.deal_id,
    offer: {
      status: w.offer_status as z.infer<typeof OfferStatus>, grade: w.grade, gsm: w.gsm, width_mm: w.width_mm, quantity_t: w.quantity_t,
      price: w.price_amount === null ? null : { amount: w.price_amount, currency: w.price_currency ?? 'EUR' }, origin: w.origin,
    },
  };
}
